import { z } from 'zod';
import { INT4_MAX, isoDateSchema } from '../../platform/http/schemas.js';
import { populationKindIds, sampleProcesses } from './sample.populations.js';

const decimals = (value: number, places: number) => Math.abs(Math.round(value * 10 ** places) - value * 10 ** places) < 1e-6;

const processSchema = z.enum(sampleProcesses, { message: 'Kies Wmo, Jeugd of Participatiewet.' }).describe('Het proces (hoofdproces) van de steekproef');
const kindSchema = z.enum(populationKindIds, { message: 'Deze populatie bestaat niet. Kies een populatie uit de lijst.' }).describe('De soort populatie (GET /api/control/samples/populations)');

export const parametersSchema = z.object({
  process: processSchema,
  populationKind: kindSchema,
  periodStart: isoDateSchema('begindatum').describe('Eerste dag van de periode'),
  periodEnd: isoDateSchema('einddatum').describe('Laatste dag van de periode'),
  confidence: z
    .number({ message: 'Geef de betrouwbaarheid als getal tussen 0,5 en 0,999, bijvoorbeeld 0,95.' })
    .min(0.5, 'De betrouwbaarheid ligt tussen 0,5 (50 %) en 0,999 (99,9 %).')
    .max(0.999, 'De betrouwbaarheid ligt tussen 0,5 (50 %) en 0,999 (99,9 %).')
    .refine((v) => decimals(v, 3), 'Geef de betrouwbaarheid in hoogstens drie decimalen (0,1 %).')
    .describe('Betrouwbaarheid (1 − risico op te veel vertrouwen), bijvoorbeeld 0.95'),
  tolerableError: z
    .number({ message: 'Geef de aanvaardbare foutfractie als getal tussen 0,005 en 0,5, bijvoorbeeld 0,05.' })
    .min(0.005, 'De aanvaardbare foutfractie ligt tussen 0,005 (0,5 %) en 0,5 (50 %).')
    .max(0.5, 'De aanvaardbare foutfractie ligt tussen 0,005 (0,5 %) en 0,5 (50 %).')
    .refine((v) => decimals(v, 4), 'Geef de aanvaardbare foutfractie in hoogstens vier decimalen (0,01 %).')
    .describe('Aanvaardbare foutfractie (tolerable deviation rate), bijvoorbeeld 0.05'),
  expectedError: z
    .number({ message: 'Geef de verwachte foutfractie als getal vanaf 0, bijvoorbeeld 0 of 0,01.' })
    .min(0, 'De verwachte foutfractie is 0 of meer.')
    .max(0.5, 'De verwachte foutfractie is kleiner dan de aanvaardbare foutfractie.')
    .refine((v) => decimals(v, 4), 'Geef de verwachte foutfractie in hoogstens vier decimalen (0,01 %).')
    .default(0)
    .describe('Verwachte foutfractie in de populatie (expected deviation rate), 0 als er geen fouten worden verwacht'),
});

export const createSampleSchema = parametersSchema.extend({
  title: z.string({ message: 'Geef de steekproef een titel.' }).trim().min(1, 'Geef de steekproef een titel.').max(200, 'De titel is hoogstens 200 tekens.'),
  controlCode: z
    .string({ message: 'Geef de code van de beheersmaatregel, bijvoorbeeld WMO-2.R3.C1.' })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, 'Geef de code van de beheersmaatregel, bijvoorbeeld WMO-2.R3.C1.')
    .optional()
    .describe('De beheersmaatregel uit het controlkader die de steekproef uitvoert'),
  seed: z
    .string({ message: 'De seed bestaat uit letters, cijfers en streepjes (hoogstens 40).' })
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/, 'De seed bestaat uit letters, cijfers en streepjes (hoogstens 40).')
    .optional()
    .describe('De seed van de trekking; zonder seed kiest Koers er een (en toont die, zodat een accountant opnieuw kan trekken)'),
  sampleSize: z
    .number({ message: 'Geef de omvang als geheel getal.' })
    .int('Geef de omvang als geheel getal.')
    .min(1, 'Een steekproef heeft ten minste 1 post.')
    .max(INT4_MAX, 'Dit getal is te groot.')
    .optional()
    .describe('Een grotere omvang dan de berekende (niet kleiner, niet groter dan de populatie)'),
  checklist: z
    .array(z.string({ message: 'Een vraag is tekst.' }).trim().min(1, 'Een vraag van de checklist is leeg.').max(300, 'Een vraag is hoogstens 300 tekens.'), { message: 'Geef de checklist: een lijst vragen.' })
    .min(1, 'Een steekproef heeft een checklist met ten minste één vraag.')
    .max(30, 'Een checklist heeft hoogstens 30 vragen.'),
});

export const populationKindSchema = z.object({
  id: z.enum(populationKindIds),
  label: z.string(),
  description: z.string(),
  processes: z.array(z.enum(sampleProcesses)),
  subjectType: z.string(),
  amount: z.string().describe('Wat het bedrag van een post is'),
});
export const populationKindListSchema = z.object({ items: z.array(populationKindSchema) });

export const previewSchema = z.object({
  populationSize: z.number().int(),
  populationAmountCents: z.number(),
  sampleSize: z.number().int().describe('De omvang na de eindige-populatiecorrectie, nooit groter dan de populatie'),
  uncorrectedSize: z.number().int().describe('De omvang voor een oneindige populatie (de AICPA-tabel)'),
  allowedDeviations: z.number().int().describe('Het aantal afwijkingen dat de steekproef mag tonen'),
  wholePopulation: z.boolean().describe('Alle posten van de populatie worden gecontroleerd'),
  method: z.string(),
  message: z.string().nullable().describe('Een toelichting, bijvoorbeeld bij een lege populatie'),
});

export const sampleCreatedSchema = z.object({ id: z.string(), number: z.number().int(), sampleSize: z.number().int(), seed: z.string() });

export const sampleStatuses = ['open', 'ter-review', 'afgerond'] as const;

export const sampleSummarySchema = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  process: z.enum(sampleProcesses),
  controlCode: z.string().nullable(),
  populationKind: z.string(),
  populationLabel: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  populationSize: z.number().int(),
  populationAmountCents: z.number(),
  confidence: z.number(),
  tolerableError: z.number(),
  expectedError: z.number(),
  sampleSize: z.number().int(),
  seed: z.string(),
  method: z.string(),
  status: z.enum(sampleStatuses),
  createdBy: z.string(),
  createdById: z.string(),
  createdAt: z.string(),
  checkedItems: z.number().int(),
  reviewer: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
});
export const sampleListSchema = z.object({ items: z.array(sampleSummarySchema), total: z.number().int() });

export const answerSchema = z.object({
  question: z.number({ message: 'Geef het nummer van de vraag.' }).int('Geef het nummer van de vraag.').min(0, 'Deze vraag staat niet op de checklist.').max(INT4_MAX, 'Deze vraag staat niet op de checklist.').describe('Index van de vraag in de checklist (vanaf 0)'),
  answer: z.enum(['ja', 'nee', 'nvt'], { message: 'Antwoord ja, nee of n.v.t.' }),
  note: z.string({ message: 'Een toelichting is tekst.' }).trim().max(1000, 'Een toelichting is hoogstens 1000 tekens.').optional(),
});

export const sampleItemSchema = z.object({
  position: z.number().int(),
  subjectType: z.string(),
  subjectId: z.string(),
  residentId: z.string().nullable(),
  amountCents: z.number(),
  facts: z.record(z.string(), z.unknown()),
  answers: z.array(answerSchema).nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: z.string().nullable(),
  finding: z
    .object({ id: z.string(), number: z.number().int(), title: z.string(), assessment: z.enum(['fout', 'onzekerheid', 'geen-bevinding']).nullable(), amountCents: z.number() })
    .nullable()
    .describe('De bevinding die voor deze post is vastgelegd, als die er is'),
});

export const sampleDetailSchema = z.object({
  sample: sampleSummarySchema,
  checklist: z.array(z.string()),
  items: z.array(sampleItemSchema),
  createdByYou: z.boolean().describe('U hebt deze steekproef getrokken (en kunt hem dus niet zelf beoordelen)'),
});

export const sampleIdParamsSchema = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een steekproef.' }) });
export const itemParamsSchema = sampleIdParamsSchema.extend({
  position: z.coerce.number({ message: 'Geef het nummer van de post.' }).int('Geef het nummer van de post.').min(1, 'Geef het nummer van de post (vanaf 1).').max(INT4_MAX, 'Deze post bestaat niet.'),
});
export const answersBodySchema = z.object({ answers: z.array(answerSchema, { message: 'Geef de antwoorden als lijst.' }).min(1, 'Beantwoord de vragen van de checklist.').max(30, 'Een checklist heeft hoogstens 30 vragen.') });
export const reviewBodySchema = z.object({ note: z.string({ message: 'Een toelichting is tekst.' }).trim().max(2000, 'De toelichting is hoogstens 2000 tekens.').optional() });

export const listQuerySchema = z.object({
  offset: z.coerce.number({ message: 'Geef een geheel getal vanaf 0.' }).int('Geef een geheel getal vanaf 0.').min(0, 'Geef een geheel getal vanaf 0.').max(INT4_MAX, 'Dit getal is te groot.').default(0),
  limit: z.coerce.number({ message: 'Geef een aantal van 1 tot 200.' }).int('Geef een aantal van 1 tot 200.').min(1, 'Geef een aantal van 1 tot 200.').max(200, 'Geef een aantal van 1 tot 200.').default(50),
});

export type SampleParameters = z.infer<typeof parametersSchema>;
export type CreateSampleInput = z.infer<typeof createSampleSchema>;
export type SampleAnswerInput = z.infer<typeof answerSchema>;
export type SampleSummary = z.infer<typeof sampleSummarySchema>;
