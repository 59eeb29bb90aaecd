import { z } from 'zod';
import { isoMonthSchema } from '../../platform/http/schemas.js';

// Request and response shapes of the BUIG forecast API (/api/pw/forecast, /api/pw/buig-budgets,
// /api/pw/forecast/scenarios). Percentages and amounts get a Dutch message per field.

const percent = (label: string, coerce = true) =>
  (coerce ? z.coerce.number({ message: `Vul voor de ${label} een percentage in, bijvoorbeeld 10 of -5.` }) : z.number({ message: `Vul voor de ${label} een percentage in, bijvoorbeeld 10 of -5.` }))
    .refine(Number.isFinite, `Vul voor de ${label} een percentage in, bijvoorbeeld 10 of -5.`)
    .refine((n) => n >= -100 && n <= 500, `De verandering van de ${label} ligt tussen -100 % en 500 %.`)
    .refine((n) => Math.round(n * 10) === n * 10, `Gebruik voor de ${label} hoogstens één cijfer achter de komma.`);

const year = z.coerce
  .number({ message: 'Vul een jaar in, bijvoorbeeld 2026.' })
  .int('Vul een jaar in, bijvoorbeeld 2026.')
  .min(2000, 'Het jaar ligt tussen 2000 en 2100.')
  .max(2100, 'Het jaar ligt tussen 2000 en 2100.');

export const forecastQuerySchema = z.object({
  year: year.optional().describe('Het jaar; standaard het jaar van de laatste volledige maand'),
  inflowPercent: percent('instroom').default(0).describe('Scenario: instroom hoger (of lager, negatief) met dit percentage'),
  outflowPercent: percent('uitstroom').default(0).describe('Scenario: uitstroomkans hoger (of lager, negatief) met dit percentage'),
});

export const buigStageSchema = z.enum(['voorlopig', 'nader-voorlopig', 'definitief', 'eigen-raming'], { message: 'Kies voorlopig, nader voorlopig, definitief of eigen raming.' });

export const budgetBodySchema = z.object({
  year: year.describe('Het jaar van het budget'),
  budgetCents: z
    .number({ message: 'Vul het BUIG-budget in als bedrag in centen.' })
    .int('Vul het BUIG-budget in hele centen in.')
    .min(0, 'Het BUIG-budget kan niet negatief zijn.')
    .max(100_000_000_000_000, 'Dit bedrag is niet aannemelijk; controleer het BUIG-budget.')
    .describe('Het BUIG-budget van het jaar, in centen'),
  stage: buigStageSchema.describe('Welke beschikking van SZW (of een eigen raming)'),
  note: z.string({ message: 'Vul een toelichting in, bijvoorbeeld de brief of beschikking waar het bedrag uit komt.' }).trim().min(1, 'Vul een toelichting in, bijvoorbeeld de brief of beschikking waar het bedrag uit komt.').max(1000, 'De toelichting is te lang (hoogstens 1000 tekens).'),
});

export const scenarioBodySchema = z.object({
  month: isoMonthSchema().describe('Het sturingsverslag (maand als jjjj-mm) waarbij het scenario hoort'),
  name: z.string({ message: 'Geef het scenario een naam.' }).trim().min(1, 'Geef het scenario een naam.').max(200, 'De naam is te lang (hoogstens 200 tekens).'),
  inflowPercent: percent('instroom', false).describe('Instroom hoger (of lager, negatief) met dit percentage'),
  outflowPercent: percent('uitstroom', false).describe('Uitstroomkans hoger (of lager, negatief) met dit percentage'),
});

export const scenarioListQuerySchema = z.object({ month: isoMonthSchema().describe('Maand van het sturingsverslag als jjjj-mm') });

const count = z.number().nullable().describe('Aantal; leeg als het kleiner is dan 10 (onderdrukt)');

const budgetSchema = z.object({
  id: z.string(),
  year: z.number(),
  budgetCents: z.number(),
  stage: buigStageSchema,
  stageLabel: z.string(),
  note: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export const budgetListSchema = z.array(budgetSchema);
export { budgetSchema };

const forecastSchema = z.object({
  year: z.number(),
  lastActualMonth: z.string().describe('Laatste maand met betalingen (werkelijk); daarna prognose'),
  scenario: z.object({ inflowPercent: z.number(), outflowPercent: z.number() }),
  rates: z.object({ inflowPerMonth: z.number(), outflowRate: z.number(), averagePaymentSlopeCents: z.number(), basisMonths: z.number() }),
  months: z.array(
    z.object({
      month: z.string(),
      kind: z.enum(['actual', 'forecast']),
      running: count,
      stock: count,
      inflow: count,
      outflow: count,
      averagePaymentCents: z.number().nullable(),
      spendingCents: z.number(),
      cumulativeCents: z.number(),
    }),
  ),
  actualCents: z.number(),
  forecastCents: z.number(),
  yearTotalCents: z.number(),
  budgetCents: z.number().nullable(),
  balanceCents: z.number().nullable().describe('Budget min verwachte lasten: positief is overschot, negatief tekort'),
});

export const forecastViewSchema = z.object({
  year: z.number(),
  months: z.array(
    z.object({
      month: z.string(),
      stock: count,
      inflow: count,
      outflow: count,
      payments: count,
      paidCents: z.number(),
      recoveredCents: z.number(),
      averagePaymentCents: z.number().nullable(),
      statements: count,
      withIncome: count,
      yearToDateCents: z.number(),
    }),
  ),
  budget: budgetSchema.nullable(),
  budgetHistory: z.array(budgetSchema),
  forecast: forecastSchema,
  baseline: forecastSchema,
});

export const savedScenarioSchema = z.object({
  id: z.string(),
  month: z.string(),
  name: z.string(),
  inflowPercent: z.number(),
  outflowPercent: z.number(),
  result: z.object({
    year: z.number(),
    lastActualMonth: z.string(),
    inflowPerMonth: z.number(),
    outflowRate: z.number(),
    yearTotalCents: z.number(),
    budgetCents: z.number().nullable(),
    balanceCents: z.number().nullable(),
    baselineYearTotalCents: z.number(),
    baselineBalanceCents: z.number().nullable(),
  }),
  createdBy: z.string(),
  createdAt: z.string(),
});
