import { z } from 'zod';
import { submissionViewSchema } from './pw.income-submission.schema.js';

// The response shapes of the income statement and recovery routes (OpenAPI and serialisation).

const line = z.object({ code: z.string(), label: z.string(), cents: z.number(), article: z.string() });

export const claimSchema = z.object({
  id: z.string(),
  reference: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  benefitId: z.string().nullable(),
  benefitReference: z.string().nullable(),
  ground: z.enum(['inkomsten-niet-gemeld', 'vermogen', 'woonsituatie', 'te-veel-betaald', 'voorschot', 'overig']),
  groundLabel: z.string(),
  article: z.string(),
  source: z.enum(['handmatig', 'inkomstenopgave', 'heronderzoek', 'betaalrun', 'voorschot', 'migratie']),
  status: z.enum(['concept', 'vastgesteld', 'ingetrokken']),
  principalCents: z.number(),
  monthlyInstalmentCents: z.number(),
  balanceCents: z.number().describe('Openstaand saldo: de som van het grootboek'),
  periodFrom: z.string().nullable(),
  periodTo: z.string().nullable(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  establishedBy: z.string().nullable(),
  establishedAt: z.string().nullable(),
});

export const claimDetailSchema = claimSchema.extend({
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['vordering', 'aflossing', 'verrekening', 'kwijtschelding', 'correctie']),
      cents: z.number().describe('Met teken: de vordering positief, wat haar vermindert negatief'),
      bookedOn: z.string(),
      paymentRunId: z.string().nullable(),
      note: z.string().nullable(),
      recordedBy: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
});

export const residentClaimsSchema = z.object({
  residentId: z.string(),
  balanceCents: z.number(),
  claims: z.array(claimSchema),
  benefits: z.array(z.object({ id: z.string(), reference: z.string(), startDate: z.string(), endDate: z.string().nullable() })),
});

export const statementOutcomeSchema = z.object({
  period: z.string(),
  incomeCents: z.number(),
  offsetCents: z.number(),
  dueNetCents: z.number(),
  paidCents: z.number().nullable(),
  draftClaim: z.object({ id: z.string(), reference: z.string(), cents: z.number() }).nullable(),
  correctionCents: z.number(),
  lines: z.array(line),
  notes: z.array(z.string()),
});

export const benefitSchema = z.object({
  id: z.string(),
  reference: z.string(),
  residentId: z.string(),
  norm: z.enum(['alleenstaande', 'alleenstaande-ouder', 'gehuwden']),
  startDate: z.string(),
  endDate: z.string().nullable(),
  endReason: z.string().nullable(),
  nextReexaminationOn: z.string(),
  lastReexaminationOn: z.string().nullable(),
  monthlyCents: z.number(),
});

export const statementsSchema = z.object({
  benefit: benefitSchema,
  statements: z.array(
    z.object({
      period: z.string(),
      receivedOn: z.string(),
      incomeCents: z.number(),
      offsetCents: z.number(),
      items: z.array(z.unknown()),
      source: z.enum(['medewerker', 'inwoner', 'migratie']),
      enteredBy: z.string().nullable(),
      enteredAt: z.string(),
    }),
  ),
  submissions: z.array(submissionViewSchema).describe('Wat de inwoner zelf doorgaf in Mijn gemeente; "ontvangen" wacht op de bevestiging van een consulent'),
});
