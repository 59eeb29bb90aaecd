import { z } from 'zod';
import { INT4_MAX, isoMonthSchema } from '../../platform/http/schemas.js';

const quarter = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, 'Een kwartaal heeft de vorm JJJJ-Qn, bijvoorbeeld 2023-Q3.')
  .describe('Kwartaal, bijvoorbeeld 2023-Q3');

export const monthQuerySchema = z.object({
  month: isoMonthSchema('Een maand heeft de vorm JJJJ-MM, bijvoorbeeld 2023-05.')
    .optional()
    .describe('Stand aan het eind van deze maand (JJJJ-MM); standaard de huidige maand'),
});

export const activityQuerySchema = monthQuerySchema.extend({
  line: z.coerce.number().int('Programmalijn is een geheel getal.').min(1, 'Programmalijn is minimaal 1.').max(INT4_MAX, 'Deze programmalijn bestaat niet.').optional().describe('Alleen deze programmalijn (nummer)'),
  status: z.enum(['AF', 'LOOPT', 'NIEUW'], { message: 'Kies AF, LOOPT of NIEUW.' }).optional().describe('Alleen deze status'),
});

export const activitySchema = z.object({
  id: z.uuid(),
  line: z.number().int().describe('Nummer van de programmalijn'),
  lineTitle: z.string(),
  theme: z.string().describe('Thema'),
  text: z.string().describe('Activiteit'),
  status: z.enum(['AF', 'LOOPT', 'NIEUW']),
  plannedQuarter: z.string().nullable().describe('Gepland kwartaal (JJJJ-Qn)'),
  doneQuarter: z.string().nullable().describe('Kwartaal waarin de activiteit af was'),
  replannedFrom: z.string().nullable().describe('Eerder gepland kwartaal bij een herplanning'),
  firstPlannedQuarter: z.string().nullable().describe('Oorspronkelijk gepland kwartaal'),
  slipped: z.boolean().describe('Later af of gepland dan oorspronkelijk'),
  overdue: z.boolean().describe('Niet af en gepland kwartaal is voorbij'),
  owner: z.string().nullable().describe('Eigenaar'),
  note: z.string().nullable(),
  bullet: z.string().describe('Regel zoals in de rapportage "stand van zaken"'),
  letterIds: z.array(z.uuid()).describe('Gekoppelde raadsinformatiebrieven'),
});

export const letterLinksSchema = z.object({
  letterIds: z.array(z.uuid('Ongeldig id van een raadsinformatiebrief.')).max(100, 'Maximaal 100 brieven.').describe('Ids van raadsinformatiebrieven'),
});

export const lineSummarySchema = z.object({
  line: z.number().int(),
  title: z.string(),
  themes: z.number().int(),
  activities: z.number().int(),
  AF: z.number().int(),
  LOOPT: z.number().int(),
  NIEUW: z.number().int(),
  slipped: z.number().int().describe('Activiteiten die later af zijn of gepland staan dan eerst gepland'),
  overdue: z.number().int().describe('Lopende activiteiten waarvan het geplande kwartaal voorbij is'),
});

export const programmeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  reportMonth: z.string(),
  month: z.string(),
  lines: z.array(
    z.object({
      id: z.uuid(),
      number: z.number().int(),
      title: z.string(),
      track: z.string(),
      objective: z.string(),
      explanation: z.string(),
      result: z.string(),
      themes: z.array(z.object({ id: z.uuid(), title: z.string(), result: z.string(), activities: z.array(activitySchema) })),
    }),
  ),
  councilLetters: z.array(z.object({ id: z.uuid(), date: z.string(), dateEnd: z.string().nullable(), number: z.string().nullable(), title: z.string() })),
  budget: z.object({
    chapters: z.array(z.object({ chapter: z.string(), amountCents: z.number().int().nullable() })),
    costsCents: z.number().int().nullable().describe('Kosten van de hoofdstukken; leeg als een bedrag ontbreekt'),
    contingencyCents: z.number().int().nullable().describe('Onvoorzien; leeg als de kosten onbekend zijn'),
    totalCents: z.number().int(),
    requestedTotalCents: z.number().int(),
    contingencyPercent: z.number().describe('Onvoorzien als percentage van de kosten'),
    computed: z.boolean().describe('Totaal berekend uit alle hoofdstukbedragen'),
  }),
});

export const activityPatchSchema = z
  .object({
    status: z.enum(['AF', 'LOOPT', 'NIEUW'], { message: 'Kies AF, LOOPT of NIEUW.' }).optional(),
    plannedQuarter: quarter.nullable().optional(),
    doneQuarter: quarter.nullable().optional(),
    text: z.string().trim().min(3, 'De omschrijving is te kort.').max(1000, 'De omschrijving is te lang.').optional(),
    owner: z.string().trim().max(200, 'De naam van de eigenaar is te lang.').nullable().optional(),
    note: z.string().trim().max(500, 'De opmerking is te lang.').nullable().optional(),
    reason: z.string().trim().max(500, 'De reden is te lang.').nullable().optional().describe('Waarom (bij herplanning)'),
  })
  .refine((p) => Object.keys(p).some((k) => k !== 'reason'), { message: 'Geef minstens één wijziging op.' });

export const historySchema = z.array(
  z.object({
    id: z.uuid(),
    changedAt: z.string(),
    changedBy: z.string().nullable().describe('Gebruikersnaam; leeg bij een wijziging uit het bronrapport'),
    changedByName: z.string().nullable().describe('Naam van de medewerker; leeg bij een wijziging uit het bronrapport'),
    field: z.string(),
    oldValue: z.string().nullable(),
    newValue: z.string().nullable(),
    reason: z.string().nullable(),
  }),
);

export type ActivityDto = z.infer<typeof activitySchema>;
export type ProgrammeDto = z.infer<typeof programmeSchema>;
export type LineSummaryDto = z.infer<typeof lineSummarySchema>;

const countsSchema = z.object({ lines: z.number().int(), themes: z.number().int(), activities: z.number().int(), letters: z.number().int() });

export const importIssueSchema = z.object({
  sheet: z.string().describe('Werkblad'),
  row: z.number().int().describe('Rij zoals Excel die toont (kopregel = 1); 0 voor het hele bestand'),
  column: z.string().describe('Kolomkop; leeg als het niet om één kolom gaat'),
  message: z.string(),
});

export const importPreviewSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    name: z.string(),
    reportMonth: z.string(),
    current: countsSchema.nullable().describe('Het huidige programma; leeg als er nog geen is'),
    next: countsSchema.describe('Het programma na de import'),
    added: z.array(z.string()).describe('Nieuwe activiteiten (hoogstens 50)'),
    removed: z.array(z.string()).describe('Activiteiten die verdwijnen (hoogstens 50)'),
    statusChanged: z.array(z.object({ text: z.string(), from: z.string(), to: z.string() })).describe('Activiteiten met een andere status (hoogstens 50)'),
  }),
  z.object({ ok: z.literal(false), issues: z.array(importIssueSchema).describe('Alle fouten per werkblad, rij en kolom; er is niets geladen') }),
]);

export const importResultSchema = countsSchema;
