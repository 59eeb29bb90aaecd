import { z } from 'zod';
import { INT4_MAX } from '../../platform/http/schemas.js';
import { automatedControlIds } from './automated-control-ids.js';

export const periodKinds = ['maand', 'kwartaal', 'jaar'] as const;
export const runScopes = ['alle', 'wmo', 'jeugd', 'participatiewet'] as const;

export const runBodySchema = z.object({
  periodKind: z.enum(periodKinds, { message: 'Kies maand, kwartaal of jaar.' }).describe('Soort periode'),
  period: z.string({ message: 'Geef de periode, bijvoorbeeld 2026-K2.' }).max(20, 'Geef de periode als jjjj, jjjj-Kn of jjjj-mm.').describe('De periode: 2026, 2026-K2 of 2026-05'),
  scope: z.enum(runScopes, { message: 'Kies Wmo, Jeugd, Participatiewet of alle processen.' }).describe('Welke processen'),
});

export const runSchema = z.object({
  id: z.string(),
  periodKind: z.enum(periodKinds),
  period: z.string().describe('2026, 2026-K2 of 2026-05'),
  periodStart: z.string(),
  periodEnd: z.string(),
  scope: z.enum(runScopes),
  version: z.number().int().describe('Versie van deze periode en scope: een nieuwe run is een nieuwe versie'),
  controlsVersion: z.string().describe('Vingerafdruk van de controles (hun SQL) waarmee de run is gemaakt'),
  runBy: z.string(),
  runAt: z.string(),
  signedOffBy: z.string().nullable(),
  signedOffAt: z.string().nullable(),
  controls: z.number().int(),
  population: z.number(),
  exceptions: z.number(),
  amountErrorCents: z.number(),
  amountUncertainCents: z.number(),
});

export const runListSchema = z.object({ items: z.array(runSchema), total: z.number().int() });

export const runCreatedSchema = z.object({ id: z.string(), version: z.number().int() });

export const runIdParamsSchema = z.object({ id: z.uuid({ message: 'Dit is geen geldig id van een controlerun.' }) });

export const pageQuerySchema = z.object({
  offset: z.coerce.number({ message: 'Geef een geheel getal vanaf 0.' }).int('Geef een geheel getal vanaf 0.').min(0, 'Geef een geheel getal vanaf 0.').max(INT4_MAX, 'Dit getal is te groot.').default(0),
  limit: z.coerce.number({ message: 'Geef een aantal van 1 tot 200.' }).int('Geef een aantal van 1 tot 200.').min(1, 'Geef een aantal van 1 tot 200.').max(200, 'Geef een aantal van 1 tot 200.').default(50),
});

export const runDetailQuerySchema = pageQuerySchema.extend({
  control: z.enum(automatedControlIds, { message: 'Deze controle bestaat niet.' }).optional().describe('Alleen de uitzonderingen van deze controle'),
});

export const controlResultSchema = z.object({
  controlId: z.string(),
  title: z.string(),
  explanation: z.string(),
  norm: z.string(),
  impact: z.enum(['fout', 'onzekerheid']),
  population: z.number(),
  exceptions: z.number().int(),
  amountErrorCents: z.number(),
  amountUncertainCents: z.number(),
});

export const controlExceptionSchema = z.object({
  id: z.string(),
  controlId: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  residentId: z.string().nullable(),
  facts: z.record(z.string(), z.unknown()),
  amountCents: z.number(),
  finding: z.object({ id: z.string(), number: z.number().int() }).nullable().describe('De bevinding (B-<nummer>) die voor deze uitzondering is vastgelegd'),
});

export const runDetailSchema = z.object({
  run: runSchema,
  results: z.array(controlResultSchema),
  exceptions: z.object({ items: z.array(controlExceptionSchema), total: z.number().int(), offset: z.number().int(), limit: z.number().int() }),
});

export type ControlRun = z.infer<typeof runSchema>;
export type ControlRunList = z.infer<typeof runListSchema>;
export type ControlRunDetail = z.infer<typeof runDetailSchema>;
