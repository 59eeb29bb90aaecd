import { z } from 'zod';
import { isValidBsn } from '../elfproef.js';
import { isoDateSchema } from '../http/schemas.js';
import { processingActivities, type ProcessingActivityId } from './processing-activities.js';

export const auditRecordSchema = z.object({
  id: z.uuid(),
  traceId: z.string().describe('trace_id (W3C Trace Context, 16 bytes hex)'),
  spanId: z.string().describe('span_id / operation_id (8 bytes hex)'),
  parentSpanId: z.string().nullable(),
  name: z.string().describe('Naam van de actie'),
  status: z.enum(['OK', 'ERROR']),
  startTime: z.string(),
  endTime: z.string(),
  processingActivity: z.object({ id: z.string(), name: z.string(), legalBasis: z.string().describe('Grondslag') }),
  dataSubject: z.object({ type: z.string(), id: z.string().describe('Id van de betrokkene (nooit een BSN)') }),
  actor: z.object({
    id: z.string().nullable(),
    username: z.string().nullable(),
    displayName: z.string().nullable().describe('Naam van de medewerker; leeg als Koers zelf verwerkte'),
    roles: z.array(z.string()),
  }),
  resource: z.object({ name: z.string(), version: z.string() }),
  attributes: z.record(z.string(), z.unknown()),
});

export const auditRecordListSchema = z.object({ items: z.array(auditRecordSchema) });

// The auditor's search of the log. The resident is a name or a BSN and travels in the POST body only:
// a BSN never appears in a URL (DESIGN.md §5).
const BSN_LIKE = /^\d{9}$/;
const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string({ message }).min(2, { message }).max(max, { message }).optional());

const auditFilterFields = z.object({
    resident: optionalText(100, 'Geef een naam (minstens 2 tekens) of een BSN van 9 cijfers op.')
      .refine((v) => v === undefined || BSN_LIKE.test(v) || !/\d/.test(v), { message: 'Geef een naam zonder cijfers of een BSN van precies 9 cijfers op.', abort: true })
      .refine((v) => v === undefined || !BSN_LIKE.test(v) || isValidBsn(v), { message: 'Dit BSN is ongeldig: het voldoet niet aan de elfproef.' })
      .describe('Naam of BSN van de inwoner (alleen in de body, nooit in de URL)'),
    employee: optionalText(100, 'Geef minstens 2 tekens van de naam of gebruikersnaam van de medewerker op.').describe('(Deel van de) naam of gebruikersnaam van de medewerker'),
    from: isoDateSchema('datum vanaf').optional().describe('Eerste dag (jjjj-mm-dd)'),
    to: isoDateSchema('datum tot en met').optional().describe('Laatste dag (jjjj-mm-dd)'),
    activity: z
      .enum(Object.keys(processingActivities) as [ProcessingActivityId, ...ProcessingActivityId[]], { message: 'Kies een bestaande verwerkingsactiviteit.' })
      .optional()
      .describe('Verwerkingsactiviteit (id uit het register)'),
});

const periodInOrder = (f: { from?: string | undefined; to?: string | undefined }) => f.from === undefined || f.to === undefined || f.from <= f.to;
const PERIOD_MESSAGE = { message: "De datum 'tot en met' ligt voor de datum 'vanaf'.", path: ['to'] };

export const auditFiltersSchema = auditFilterFields.refine(periodInOrder, PERIOD_MESSAGE);

export type AuditFilters = z.output<typeof auditFiltersSchema>;

export const auditSearchSchema = auditFilterFields
  .extend({
    page: z.number({ message: 'Geef een paginanummer vanaf 1 op.' }).int({ message: 'Geef een paginanummer vanaf 1 op.' }).min(1, { message: 'Geef een paginanummer vanaf 1 op.' }).max(10000, { message: 'Geef een paginanummer tot 10.000 op.' }).default(1),
    pageSize: z.number({ message: 'Geef een paginagrootte van 1 tot 200 op.' }).int({ message: 'Geef een paginagrootte van 1 tot 200 op.' }).min(1, { message: 'Geef een paginagrootte van 1 tot 200 op.' }).max(200, { message: 'Geef een paginagrootte van 1 tot 200 op.' }).default(50),
  })
  .refine(periodInOrder, PERIOD_MESSAGE);

export const auditSearchRecordSchema = auditRecordSchema.extend({
  residentName: z.string().nullable().describe('Naam van de inwoner (leeg als de betrokkene geen inwoner is of niet meer bestaat)'),
});

export const auditSearchResultSchema = z.object({
  items: z.array(auditSearchRecordSchema),
  total: z.number().int().describe('Aantal gevonden verwerkingen'),
  page: z.number().int(),
  pageSize: z.number().int(),
  residents: z.array(z.object({ id: z.uuid(), fullName: z.string() })).describe('De inwoners die bij het zoeken op naam of BSN zijn gevonden'),
});

export const processingActivityListSchema = z.array(z.object({ id: z.string(), name: z.string(), legalBasis: z.string() }));

export const inzageRequestSchema = z.object({
  residentId: z.uuid({ message: 'Kies de inwoner van het inzageverzoek.' }).describe('Id van de inwoner (uit de zoekresultaten)'),
  reference: z.string().trim().max(100, { message: 'Het kenmerk mag hoogstens 100 tekens hebben.' }).optional().describe('Kenmerk van het inzageverzoek'),
});
