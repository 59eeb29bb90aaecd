import { z } from 'zod';
import { isoDateSchema as date } from '../../platform/http/schemas.js';

export const caseStatuses = ['melding', 'onderzoek', 'aanvraag', 'besluit', 'afgesloten', 'ingetrokken'] as const;

export const openCaseSchema = z.object({
  caseTypeCode: z.string({ message: 'Kies een zaaktype.' }).trim().min(1, 'Kies een zaaktype.').describe('Zaaktype, bijvoorbeeld WMO-MAATWERK'),
  notifiedOn: date('meldingsdatum').optional().describe('Datum van de melding (standaard vandaag)'),
  consultantId: z.uuid('Kies een consulent.').optional().describe('Behandelend consulent (standaard: uzelf)'),
  directAccess: z
    .object({ productId: z.uuid('Kies een product.'), providerId: z.uuid('Kies een aanbieder.'), start: date('startdatum') })
    .optional()
    .describe('Directe toegang (taakgerichte uitvoeringsvariant): ondersteuning start zonder beschikking'),
});

export const statusChangeSchema = z.object({
  to: z.enum(caseStatuses, { message: 'Kies een geldige status.' }),
  on: date('datum').optional().describe('Datum van de overgang (standaard vandaag); bij aanvraag de ontvangstdatum'),
  reason: z.string().trim().max(1000, 'De toelichting is te lang.').optional(),
});

export const suspensionSchema = z.object({
  from: date('begindatum').describe('Eerste opgeschorte dag'),
  reason: z.string({ message: 'Geef de reden van de opschorting.' }).trim().min(3, 'Geef de reden van de opschorting.').max(1000),
});

export const resumeSchema = z.object({
  on: date('einddatum').describe('De dag waarop de termijn weer loopt'),
  reason: z.string().trim().max(1000).optional(),
});

const MAX_EXTENSION_DAYS = 366;

function extensionDays(term: string): number {
  const [, weeks, days] = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(term) ?? [];
  return Number(weeks ?? 0) * 7 + Number(days ?? 0);
}

export const extensionSchema = z.object({
  term: z
    .string({ message: 'Geef de verdaging als duur, bijvoorbeeld P2W.' })
    .regex(/^P(\d+W)?(\d+D)?$/, { message: 'Geef de verdaging als duur in weken of dagen, bijvoorbeeld P2W of P10D.', abort: true })
    .refine((v) => v !== 'P', { message: 'Geef de verdaging als duur in weken of dagen, bijvoorbeeld P2W of P10D.', abort: true })
    .refine((v) => extensionDays(v) <= MAX_EXTENSION_DAYS, `Een verdaging duurt hoogstens een jaar (${MAX_EXTENSION_DAYS} dagen).`),
  reason: z.string({ message: 'Geef de reden van de verdaging.' }).trim().min(3, 'Geef de reden van de verdaging.').max(1000),
});

const deadlineSchema = z
  .object({
    dueDate: z.string().nullable(),
    baseDueDate: z.string(),
    suspendedDays: z.number().int(),
    extendedTo: z.string().nullable(),
    atwShiftedFrom: z.string().nullable(),
    status: z.enum(['running', 'suspended', 'overdue', 'due-today']),
    daysLeft: z.number().int().nullable(),
    workingDaysLeft: z.number().int().nullable(),
  })
  .describe('Wettelijke termijn, berekend uit het zaaktype en de gebeurtenissen');

/** A case type with its legal terms (ISO 8601 durations), as GET /api/case-types answers. */
export const caseTypeSchema = z.object({ code: z.string(), name: z.string(), law: z.string(), researchTerm: z.string().nullable(), decisionTerm: z.string(), legalBasis: z.string() });

export const caseSchema = z.object({
  id: z.uuid(),
  reference: z.string().describe('Zaaknummer'),
  resident: z.object({ id: z.uuid(), fullName: z.string() }),
  caseType: z.object({ code: z.string(), name: z.string(), law: z.string(), legalBasis: z.string() }),
  status: z.enum(caseStatuses),
  notifiedOn: z.string(),
  appliedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  consultant: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  allowedTransitions: z.array(z.enum(caseStatuses)),
  deadlines: z.object({
    research: deadlineSchema.nullable(),
    decision: deadlineSchema.nullable(),
    current: z.object({ kind: z.enum(['research', 'decision']), result: deadlineSchema }).nullable(),
    directAccess: z.object({ start: z.string(), end: z.string(), daysLeft: z.number().int(), endsWithinTwoWeeks: z.boolean() }).nullable(),
  }),
  events: z.array(
    z.object({ kind: z.string(), onDate: z.string(), term: z.string().nullable(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), reason: z.string().nullable().describe('Toelichting; leeg voor de eerste lijn (KCC)'), recordedBy: z.string() }),
  ),
  careAccess: z.boolean().describe('Of u de zorginhoudelijke delen van deze zaak mag zien (beschikkingen, toewijzingen, toelichtingen); de eerste lijn (KCC) niet'),
});
export type CaseView = z.infer<typeof caseSchema>;

/**
 * A case in a worklist ("my cases"): what the list shows (number, resident, case type, status, term),
 * not its events with their reasons nor what can be done with it; those come with the case itself
 * (`caseSchema`). Less personal data leaves the server for a list that does not show it.
 */
export const caseSummarySchema = caseSchema
  .pick({ id: true, reference: true, resident: true, status: true, notifiedOn: true, appliedOn: true, consultant: true, deadlines: true })
  .extend({ caseType: z.object({ code: z.string(), name: z.string(), law: z.string() }) });
export type CaseSummary = z.infer<typeof caseSummarySchema>;
