import { z } from 'zod';

// Request and response shapes of the payment run API (/api/pw/payment-runs).

export const computeRunBodySchema = z.object({
  period: z.string({ message: 'Kies de maand als jjjj-mm, bijvoorbeeld 2026-11.' }).describe('De maand waarover betaald wordt (achteraf), jjjj-mm'),
});
export const runParamsSchema = z.object({ id: z.string().uuid('Dit is geen geldig kenmerk van een betaalrun.') });
export const runDetailQuerySchema = z.object({
  status: z.enum(['betalen', 'geblokkeerd']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const runSchema = z.object({
  id: z.string(),
  reference: z.string(),
  period: z.string(),
  status: z.enum(['berekend', 'goedgekeurd', 'ingetrokken']),
  computedAt: z.string(),
  computedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  executionDate: z.string().nullable(),
  paymentsCount: z.number(),
  blockedCount: z.number(),
  totalCents: z.number(),
  bijstandCents: z.number(),
  vtReserveCents: z.number(),
  vtPaidCents: z.number(),
  instalmentsCents: z.number(),
  hasFile: z.boolean(),
  fileSha256: z.string().nullable(),
});
export const runListSchema = z.object({ runs: z.array(runSchema) });
export const runDetailSchema = z.object({
  run: runSchema,
  computedByYou: z.boolean().describe('De gebruiker heeft deze run zelf berekend (en mag hem dus niet goedkeuren)'),
  lineCount: z.number(),
  lines: z.array(
    z.object({
      benefitId: z.string(),
      benefitReference: z.string(),
      residentId: z.string(),
      residentName: z.string(),
      kind: z.enum(['regulier', 'correctie', 'vakantietoeslag']),
      status: z.enum(['betalen', 'geblokkeerd']),
      blockReason: z.string().nullable(),
      bijstandCents: z.number(),
      offsetCents: z.number(),
      vtReserveCents: z.number(),
      instalmentsCents: z.number(),
      cents: z.number(),
      iban: z.string().nullable(),
    }),
  ),
});

export const paymentSettingsSchema = z.object({
  blockMonths: z.number(),
  vtMonth: z.number(),
  debtorIban: z.string().nullable(),
  debtorName: z.string().nullable(),
});
export const paymentSettingsBodySchema = z.object({
  blockMonths: z.number({ message: 'Vul het aantal maanden in als getal.' }).optional(),
  vtMonth: z.number({ message: 'Vul de maand in als getal (1 tot en met 12).' }).optional(),
  debtorIban: z.string({ message: 'Vul het IBAN van de gemeente in.' }).optional(),
  debtorName: z.string({ message: 'Vul de naam van de gemeente in.' }).optional(),
});
