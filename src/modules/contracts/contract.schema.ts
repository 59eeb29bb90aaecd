import { z } from 'zod';

export const performanceQuerySchema = z.object({
  year: z.coerce.number({ error: 'Geef een jaartal.' }).int('Geef een jaartal.').min(2000, 'Geef een jaartal vanaf 2000.').max(2100, 'Geef een jaartal tot en met 2100.').optional().describe('Jaar (standaard dit jaar)'),
  providerId: z.uuid({ message: 'Geef een geldige aanbieder.' }).optional().describe('Alleen deze aanbieder'),
});

const performanceRowSchema = z.object({
  providerId: z.string(),
  providerName: z.string(),
  agbCode: z.string(),
  productId: z.string(),
  productCode: z.string(),
  productName: z.string(),
  law: z.string(),
  suppressed: z.boolean().describe('Minder dan het drempelaantal cliënten: aantallen en cijfers per cliënt zijn weggelaten'),
  allocations: z.number().int().nullable(),
  clients: z.number().int().nullable(),
  medianDaysToStart: z.number().nullable().describe('Mediaan van de dagen van toewijzing (301) tot start zorg (305)'),
  neverStartedShare: z.number().nullable().describe('Aandeel toewijzingen zonder start zorg, van die meer dan 4 weken geleden ingingen'),
  realisationCents: z.number().int(),
  commitmentCents: z.number().int(),
  utilisation: z.number().nullable().describe('Realisatie gedeeld door verplichting (uitnutting)'),
  averageCostPerClientCents: z.number().int().nullable(),
  averageDurationDays: z.number().nullable(),
  declaredLines: z.number().int().nullable().describe('Declaratieregels over maanden van het jaar op deze toewijzingen'),
  refusedLines: z.number().int().nullable().describe('Waarvan afgekeurd'),
  refusalReasons: z.array(z.object({ code: z.string(), text: z.string(), lines: z.number().int() })).describe('Retourcodes van de afgekeurde regels, meest voorkomend eerst'),
});

export const performanceSchema = z.object({
  year: z.number().int(),
  referenceDate: z.string(),
  threshold: z.number().int(),
  rows: z.array(performanceRowSchema),
});
