import { z } from 'zod';

// The response shape of the re-examination routes (OpenAPI and serialisation).

const risk = z.enum(['laag', 'midden', 'hoog']);

export const reexaminationsSchema = z.object({
  benefit: z.object({
    id: z.string(),
    reference: z.string(),
    residentId: z.string(),
    startDate: z.string(),
    endDate: z.string().nullable(),
    endReason: z.string().nullable(),
    lastReexaminationOn: z.string().nullable(),
    nextReexaminationOn: z.string(),
    monthlyCents: z.number(),
    riskProfile: risk.nullable().describe('Het risicoprofiel van het laatste heronderzoek'),
  }),
  checklist: z.array(z.object({ code: z.string(), label: z.string(), source: z.string() })),
  intervals: z.object({ laag: z.number(), midden: z.number(), hoog: z.number() }).describe('Maanden tot het volgende heronderzoek per risicoprofiel'),
  reexaminations: z.array(
    z.object({
      id: z.string(),
      heldOn: z.string(),
      riskProfile: risk,
      checks: z.array(z.object({ code: z.string(), label: z.string(), done: z.boolean(), note: z.string().nullable() })),
      outcome: z.enum(['ongewijzigd', 'wijziging', 'beeindiging']),
      basisId: z.string().nullable(),
      validFrom: z.string().nullable(),
      monthlyPaymentCents: z.number().nullable(),
      endDate: z.string().nullable(),
      endReason: z.string().nullable(),
      claimId: z.string().nullable(),
      nextOn: z.string().nullable(),
      note: z.string().nullable(),
      recordedBy: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});

export const recordedReexaminationSchema = reexaminationsSchema.extend({ id: z.string().describe('Het vastgelegde heronderzoek') });
