import { z } from 'zod';
import { isoDateSchema } from '../../platform/http/schemas.js';

// Findings and their follow-up (issue #13 §3): the API's input and output, with Dutch messages.

export const findingProcesses = ['wmo', 'jeugd', 'participatiewet', 'beschermd-wonen', 'wsw-mtb'] as const;
export const findingSources = ['uitzondering', 'steekproef', 'waarneming'] as const;
export const assessments = ['fout', 'onzekerheid', 'geen-bevinding'] as const;
export const findingStatuses = ['te-beoordelen', 'opvolging-open', 'afgerond'] as const;

/** Ten billion euro: an amount above it is a typing error, not a finding. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

const amountSchema = z
  .number({ message: 'Vul het bedrag in centen in als geheel getal.' })
  .int('Vul het bedrag in centen in als geheel getal.')
  .min(0, 'Het bedrag kan niet negatief zijn.')
  .max(MAX_AMOUNT_CENTS, 'Dit bedrag is onwaarschijnlijk hoog; controleer het.');
const processSchema = z.enum(findingProcesses, { message: 'Kies een proces: Wmo, Jeugd, Participatiewet, beschermd wonen of Wsw/mtb.' });
const assessmentSchema = z.enum(assessments, { message: 'Kies fout, onzekerheid of geen bevinding.' });
const reasonSchema = z.string({ message: 'Geef de reden van de beoordeling.' }).trim().min(1, 'Geef de reden van de beoordeling.').max(4000, 'De reden is te lang (hoogstens 4000 tekens).');
const ownerSchema = z.uuid({ message: 'Kies een eigenaar uit de lijst.' });

export const createFindingSchema = z.object({
  source: z.enum(findingSources, { message: 'Kies de bron: uitzondering, steekproef of waarneming.' }).describe('Waar de bevinding vandaan komt'),
  exceptionId: z.uuid({ message: 'Dit is geen geldig id van een uitzondering.' }).optional().describe('Bij bron uitzondering: de uitzondering van een controlerun'),
  sampleId: z.uuid({ message: 'Dit is geen geldig id van een steekproef.' }).optional().describe('Bij bron steekproef: de steekproef'),
  position: z.number({ message: 'Geef het volgnummer van het item.' }).int('Geef het volgnummer van het item.').min(1, 'Geef het volgnummer van het item.').max(100_000, 'Dit item bestaat niet.').optional().describe('Bij bron steekproef: het volgnummer van het item'),
  process: processSchema.optional().describe('Bij een waarneming (of een uitzondering van een controle voor meer processen): het proces'),
  year: z.number({ message: 'Geef het boekjaar.' }).int('Geef het boekjaar.').min(2000, 'Geef een boekjaar vanaf 2000.').max(2100, 'Geef een boekjaar tot 2100.').optional().describe('Bij een waarneming: het boekjaar'),
  controlId: z.string({ message: 'Geef de controle of beheersmaatregel.' }).trim().min(1, 'Geef de controle of beheersmaatregel.').max(60, 'Hoogstens 60 tekens.').optional().describe('Bij een waarneming: de beheersmaatregel of controle'),
  title: z.string({ message: 'Geef een korte omschrijving.' }).trim().min(1, 'Geef een korte omschrijving.').max(200, 'Hoogstens 200 tekens.').optional().describe('Bij een waarneming: korte omschrijving'),
  assessment: assessmentSchema.optional(),
  reason: reasonSchema.optional(),
  amountCents: amountSchema.optional().describe('Bedrag in centen; standaard het bedrag van de uitzondering of het item'),
  ownerId: ownerSchema.optional().describe('Eigenaar van de bevinding'),
});
export type CreateFindingInput = z.infer<typeof createFindingSchema>;

export const assessFindingSchema = z.object({
  assessment: assessmentSchema,
  reason: reasonSchema,
  amountCents: amountSchema.optional().describe('Bedrag in centen; bij geen bevinding altijd 0'),
  ownerId: ownerSchema.nullable().optional(),
});

export const actionBodySchema = z.object({
  description: z.string({ message: 'Beschrijf de actie.' }).trim().min(1, 'Beschrijf de actie.').max(2000, 'Hoogstens 2000 tekens.'),
  ownerId: ownerSchema,
  dueDate: isoDateSchema('einddatum'),
});

export const actionDoneSchema = z.object({
  result: z.string({ message: 'Beschrijf wat er is gedaan.' }).trim().min(1, 'Beschrijf wat er is gedaan.').max(2000, 'Hoogstens 2000 tekens.'),
});

export const actionChangeSchema = z
  .object({
    ownerId: ownerSchema.optional(),
    dueDate: isoDateSchema('einddatum').optional(),
    reason: z.string({ message: 'Geef de reden van de wijziging.' }).trim().min(1, 'Geef de reden van de wijziging.').max(2000, 'Hoogstens 2000 tekens.'),
  })
  .describe('Een andere eigenaar en/of einddatum, met de reden; de wijziging blijft zichtbaar');

export const findingIdParams = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een bevinding.' }) });
export const actionIdParams = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een actie.' }) });

export const findingListQuery = z.object({
  year: z.coerce.number({ message: 'Geef een jaartal.' }).int('Geef een jaartal.').min(2000, 'Geef een jaartal vanaf 2000.').max(2100, 'Geef een jaartal tot 2100.').optional(),
  process: processSchema.optional(),
  assessment: z.enum([...assessments, 'geen'], { message: 'Kies fout, onzekerheid, geen bevinding of nog niet beoordeeld.' }).optional().describe("'geen': nog niet beoordeeld"),
  status: z.enum(findingStatuses, { message: 'Kies te beoordelen, opvolging open of afgerond.' }).optional(),
});

const personSchema = z.object({ id: z.string(), name: z.string() });

export const actionSchema = z.object({
  id: z.string(),
  findingId: z.string(),
  findingNumber: z.number().int(),
  findingTitle: z.string(),
  description: z.string(),
  owner: personSchema,
  dueDate: z.string(),
  overdue: z.boolean().describe('Open en de einddatum is voorbij'),
  status: z.enum(['open', 'afgerond']),
  result: z.string().nullable(),
  doneBy: z.string().nullable(),
  doneAt: z.string().nullable(),
  mine: z.boolean().describe('De actie is van de ingelogde gebruiker'),
  changes: z
    .array(z.object({ at: z.string(), by: z.string(), reason: z.string(), fromOwner: z.string(), toOwner: z.string(), fromDueDate: z.string(), toDueDate: z.string() }))
    .describe('Eerdere wijzigingen van eigenaar of einddatum, oudste eerst'),
});

export const findingSummarySchema = z.object({
  id: z.string(),
  number: z.number().int().describe('Volgnummer: B-<number>'),
  process: z.enum(findingProcesses),
  year: z.number().int(),
  source: z.enum(findingSources),
  controlId: z.string(),
  title: z.string(),
  assessment: z.enum(assessments).nullable(),
  amountCents: z.number(),
  owner: personSchema.nullable(),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  createdAt: z.string(),
});

export const findingDetailSchema = findingSummarySchema.extend({
  exceptionId: z.string().nullable(),
  runId: z.string().nullable().describe('De controlerun van de uitzondering'),
  sampleId: z.string().nullable(),
  samplePosition: z.number().int().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  residentId: z.string().nullable().describe('De inwoner (het lezen wordt gelogd)'),
  facts: z.record(z.string(), z.unknown()).nullable().describe('De feiten van de uitzondering of het item'),
  reason: z.string().nullable(),
  createdBy: z.string(),
  assessedBy: z.string().nullable(),
  assessedAt: z.string().nullable(),
  actions: z.array(actionSchema),
  canWrite: z.boolean().describe('Mag deze gebruiker beoordelen en acties toevoegen'),
});

export const findingListSchema = z.object({ items: z.array(findingSummarySchema) });
export const myFindingsSchema = z.object({ findings: z.array(findingSummarySchema), actions: z.array(actionSchema) });
export const findingCreatedSchema = z.object({ id: z.string(), number: z.number().int() });
export const ownerOptionsSchema = z.array(personSchema);

export type FindingSummary = z.infer<typeof findingSummarySchema>;
export type FindingDetail = z.infer<typeof findingDetailSchema>;
export type FindingAction = z.infer<typeof actionSchema>;
