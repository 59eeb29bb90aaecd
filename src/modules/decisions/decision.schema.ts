import { z } from 'zod';
import { isoDateSchema as date } from '../../platform/http/schemas.js';

/** Above this no volume makes sense in any unit, and it keeps amounts far from overflowing; per unit the bounds are tighter (volume_bounds). */
export const MAX_VOLUME = 99_999_999;
const volumeMax = 'De omvang is hoogstens 99.999.999.';

export const decisionLineSchema = z
  .object({
    productId: z.uuid('Kies een product.'),
    outcome: z.enum(['granted', 'refused'], { message: 'Kies toekennen of afwijzen.' }),
    periodStart: date('ingangsdatum'),
    periodEnd: date('einddatum'),
    volume: z.number().int('De omvang is een geheel getal.').min(0, 'De omvang is niet negatief.').max(MAX_VOLUME, volumeMax).optional(),
    frequency: z.enum(['per_day', 'per_week', 'per_month', 'total'], { message: 'Kies een frequentie.' }).optional(),
    refusalReason: z.string().trim().min(10, 'Leg uit waarom (minstens 10 tekens).').max(2000).optional(),
  })
  .refine((l) => l.periodEnd >= l.periodStart, { message: 'De einddatum ligt vóór de ingangsdatum.', path: ['periodEnd'] })
  .refine((l) => l.outcome === 'refused' || (l.volume !== undefined && l.frequency !== undefined), { message: 'Geef omvang en frequentie van wat wordt toegekend.', path: ['volume'] })
  .refine((l) => l.outcome === 'granted' || l.refusalReason !== undefined, { message: 'Leg uit waarom wordt afgewezen.', path: ['refusalReason'] });

export const createDecisionSchema = z.object({
  deliveryForm: z.enum(['zin', 'pgb'], { message: 'Kies zorg in natura (zin) of pgb.' }).describe('Leveringsvorm'),
  lines: z.array(decisionLineSchema).min(1, 'Neem minstens één product op.').max(20),
});

export const allocateSchema = z.object({ lineId: z.uuid('Kies een beschikkingsregel.'), providerId: z.uuid('Kies een aanbieder.') });

export const changeAllocationSchema = z
  .object({
    effectiveFrom: date('ingangsdatum van de wijziging'),
    volume: z.number().min(0, 'De omvang is niet negatief.').max(MAX_VOLUME, volumeMax).optional().describe('Nieuwe omvang per frequentie; begrensd per eenheid (bijv. hoogstens 168 uur per week)'),
    end: date('nieuwe einddatum').optional(),
    reason: z.string({ message: 'Geef de reden van de wijziging.' }).trim().min(3, 'Geef de reden van de wijziging.').max(1000),
  })
  .refine((c) => c.volume !== undefined || c.end !== undefined, { message: 'Wijzig de omvang of de einddatum.', path: ['volume'] });

const lineView = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  productName: z.string(),
  outcome: z.enum(['granted', 'refused']),
  periodStart: z.string(),
  periodEnd: z.string(),
  volume: z.number().nullable(),
  unit: z.string(),
  frequency: z.string().nullable(),
  refusalReason: z.string().nullable(),
});

export const decisionSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  appliedOn: z.string().nullable(),
  resident: z.object({ id: z.uuid(), fullName: z.string(), address: z.string(), postcodeCity: z.string() }),
  deliveryForm: z.enum(['zin', 'pgb']),
  status: z.enum(['pending_approval', 'approved', 'withdrawn']).describe('Wacht op goedkeuring, afgegeven, of ingetrokken voordat zij werd goedgekeurd'),
  expectedAnnualCents: z.number().int().describe('Verwachte kosten eerste 12 maanden (hoogste contracttarief)'),
  requiresApproval: z.boolean().describe('Vier ogen nodig (boven de drempel)'),
  createdBy: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  withdrawnBy: z.string().nullable().describe('Wie de beschikking introk'),
  lines: z.array(lineView),
});

export const allocationSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid().nullable().describe('Leeg bij een toewijzing op verzoek van een aanbieder (verwijzing door huisarts, jeugdarts of medisch specialist)'),
  productName: z.string(),
  provider: z.object({ name: z.string(), agbCode: z.string() }),
  unit: z.string(),
  budgetLine: z.string(),
  segments: z.array(z.object({ volume: z.number(), frequency: z.string(), start: z.string(), end: z.string(), reason: z.string() })),
  commitment: z.array(z.object({ year: z.number().int(), cents: z.number().int() })).describe('Verplichting per begrotingsjaar'),
  commitmentChanges: z.array(z.object({ year: z.number().int(), deltaCents: z.number().int(), reason: z.string(), recordedAt: z.string() })),
  care: z
    .object({
      startedOn: z.string().nullable().describe('Start zorg zoals de aanbieder meldde (305, of handmatig vastgelegd)'),
      stoppedOn: z.string().nullable().describe('Einde zorg zoals de aanbieder meldde (307)'),
      stopReason: z.string().nullable().describe('RedenBeeindiging uit de 307'),
    })
    .describe('Levering volgens de aanbieder'),
  realisedCents: z.number().int().describe('Goedgekeurde declaraties (realisatie), alle jaren'),
  pendingChange: z
    .object({
      id: z.uuid(),
      effectiveFrom: z.string(),
      volume: z.number().nullable(),
      end: z.string().nullable(),
      reason: z.string(),
      expectedAnnualCents: z.number().int().describe('Verwachte kosten in de 12 maanden vanaf de ingangsdatum, na de wijziging'),
      increaseCents: z.number().int().describe('Hoogste stijging van de verplichting in één begrotingsjaar'),
      requestedBy: z.string(),
      requestedAt: z.string(),
    })
    .nullable()
    .describe('Wijziging die wacht op goedkeuring door een teamleider (vier ogen); nog niet verwerkt in segmenten en verplichtingen'),
});

export const approvalQueueSchema = z.object({
  decisions: z.array(
    z.object({
      id: z.uuid(),
      caseId: z.uuid(),
      caseReference: z.string().describe('Zaaknummer'),
      resident: z.object({ id: z.uuid(), fullName: z.string() }),
      products: z.array(z.string()).describe('Toegekende producten'),
      deliveryForm: z.enum(['zin', 'pgb']),
      expectedAnnualCents: z.number().int().describe('Verwachte kosten per jaar, in centen'),
      createdBy: z.string().describe('Opsteller (naam)'),
      createdAt: z.string(),
      ageDays: z.number().int().describe('Dagen dat de beschikking wacht'),
      ownRequest: z.boolean().describe('Door u opgesteld: een ander keurt haar goed (vier ogen)'),
    }),
  ),
  allocationChanges: z.array(
    z.object({
      id: z.uuid(),
      allocationId: z.uuid(),
      caseId: z.uuid().nullable(),
      resident: z.object({ id: z.uuid(), fullName: z.string() }),
      product: z.string(),
      effectiveFrom: z.string(),
      reason: z.string(),
      expectedAnnualCents: z.number().int().describe('Verwachte jaarkosten na de wijziging, in centen'),
      increaseCents: z.number().int().describe('Stijging per jaar, in centen'),
      requestedBy: z.string().describe('Aanvrager (naam)'),
      requestedAt: z.string(),
      ageDays: z.number().int().describe('Dagen dat de wijziging wacht'),
      ownRequest: z.boolean().describe('Door u aangevraagd: een ander keurt haar goed (vier ogen)'),
    }),
  ),
});
