import { z } from 'zod';
import { isoMonthSchema } from '../../platform/http/schemas.js';
import { savedScenarioSchema } from '../participatiewet/pw.forecast.schema.js';

export const domainSchema = z.enum(['wmo', 'jeugd', 'pw'], { message: 'Kies wmo, jeugd of pw.' }).describe('Domein: wmo, jeugd of pw (Participatiewet)');
export const monthSchema = isoMonthSchema().describe('Maand als jjjj-mm');

export const monthQuerySchema = z.object({ month: monthSchema.optional().describe('Maand als jjjj-mm; standaard de laatste volledige maand') });
export const domainParamsSchema = z.object({ domain: domainSchema });

const pointSchema = z.object({
  month: z.string().describe('Maand als jjjj-mm'),
  value: z.number().nullable().describe('Waarde; leeg als onderdrukt of niet te berekenen'),
  display: z.string().describe('Waarde zoals getoond, bijvoorbeeld "<10"'),
  suppressed: z.boolean().describe('Onderdrukt: te kleine aantallen, of zou een klein aantal verraden'),
  target: z.number().nullable().describe('Norm voor het jaar van deze maand'),
});
const trafficLightSchema = z.enum(['green', 'amber', 'red', 'none']).describe('Stoplicht ten opzichte van de norm');

export const panelSchema = z.object({
  id: z.string().describe('Kpi-id, bijvoorbeeld wmo.clients'),
  key: z.string(),
  name: z.string(),
  explanation: z.string(),
  unit: z.enum(['aantal', 'procent', 'dagen', 'euro']),
  direction: z.enum(['higher', 'lower']).describe('Hoger of lager is beter'),
  breakdownLabel: z.string().nullable().describe('Wat de uitsplitsing is (productcategorie, taakveld)'),
  series: z.array(
    z.object({
      breakdown: z.string().describe('Code van de uitsplitsing; leeg is alles samen'),
      breakdownName: z.string(),
      target: z.number().nullable(),
      status: trafficLightSchema,
      scopes: z.array(z.object({ scope: z.string().describe("'total' of een wijkcode"), name: z.string(), points: z.array(pointSchema) })).describe('Eerst het totaal, dan per wijk'),
    }),
  ),
});

export const dashboardSchema = z.object({
  domain: domainSchema,
  domainName: z.string(),
  month: z.string(),
  months: z.array(z.string()).describe('De 12 maanden van de trend'),
  hasData: z.boolean().describe('Of er voor dit domein al gegevens zijn'),
  kpis: z.array(panelSchema),
});

export const portfolioSchema = z.object({ month: z.string(), months: z.array(z.string()), domains: z.array(dashboardSchema) });

export const targetSchema = z.object({
  kpiId: z.string(),
  name: z.string(),
  domain: domainSchema,
  unit: z.enum(['aantal', 'procent', 'dagen', 'euro']),
  direction: z.enum(['higher', 'lower']),
  year: z.number().int(),
  target: z.number().nullable().describe('Norm; leeg als er geen is'),
});
export const yearQuerySchema = z.object({ year: z.coerce.number({ message: 'Geef een jaartal.' }).int().min(2000, { message: 'Geef een jaartal vanaf 2000.' }).max(2100, { message: 'Geef een jaartal tot 2100.' }).describe('Jaar') });
export const targetParamsSchema = z.object({
  kpiId: z.string().regex(/^[a-z]+\.[a-z_]+$/, { message: 'Onbekende kpi.' }).describe('Kpi-id'),
  year: z.coerce.number({ message: 'Geef een jaartal.' }).int().min(2000, { message: 'Geef een jaartal vanaf 2000.' }).max(2100, { message: 'Geef een jaartal tot 2100.' }).describe('Jaar'),
});
export const targetBodySchema = z.object({ target: z.number({ message: 'Vul de norm in als getal.' }).finite({ message: 'Vul de norm in als getal.' }).min(-1e9, 'De norm is te klein.').max(1e9, 'De norm is te groot.').describe('De norm voor het jaar') });

export const refreshBodySchema = z.object({ full: z.boolean().default(false).describe('Alles opnieuw berekenen in plaats van alleen gewijzigde maanden') });
export const refreshResultSchema = z.object({ months: z.array(z.string()).describe('Herberekende maanden'), durationMs: z.number() });

// --- steering reports ---

export const reportCreateSchema = z.object({ domain: domainSchema, month: monthSchema });
export const reportIdParams = z.object({ id: z.uuid({ message: 'Verslag is geen geldig id' }).describe('Id van het verslag') });
export const reportListQuery = z.object({ domain: domainSchema.optional() });
export const reportSummarySchema = z.object({ id: z.string(), domain: domainSchema, domainName: z.string(), month: z.string(), generatedAt: z.string(), finalisedAt: z.string().nullable() });

const explanationSchema = z.object({ code: z.string(), text: z.string(), writtenBy: z.string(), writtenAt: z.string() });
const actionPointSchema = z.object({
  id: z.string(),
  text: z.string(),
  owner: z.string(),
  status: z.enum(['open', 'in_progress', 'done', 'cancelled']),
  agreedMonth: z.string().describe('Maand van het verslag waarin het is afgesproken'),
  agreedInThisReport: z.boolean(),
  followedUpInThisReport: z.boolean(),
});
export const reportSchema = z.object({
  id: z.string(),
  domain: domainSchema,
  domainName: z.string(),
  month: z.string(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  finalisedAt: z.string().nullable().describe('Vastgesteld: daarna verandert het verslag niet meer'),
  finalisedBy: z.string().nullable(),
  hasData: z.boolean(),
  months: z.array(z.string()),
  kpis: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['higher', 'lower']),
      breakdownName: z.string(),
      trend: z.array(pointSchema),
      current: pointSchema,
      target: z.number().nullable(),
      status: trafficLightSchema,
      areas: z.array(z.object({ scope: z.string(), name: z.string(), value: z.number().nullable(), display: z.string(), suppressed: z.boolean() })),
    }),
  ),
  brap: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      budgetCents: z.number(),
      realisedCents: z.number(),
      committedCents: z.number(),
      forecastCents: z.number(),
      deviationCents: z.number().describe('Budget min prognose; negatief is overschrijding'),
      explanation: explanationSchema.nullable(),
    }),
  ),
  actionPoints: z.array(actionPointSchema),
  pwForecast: z
    .object({
      year: z.number(),
      lastActualMonth: z.string().describe('Laatste maand met betalingen; daarna prognose'),
      inflowPerMonth: z.number(),
      outflowRate: z.number(),
      actualCents: z.number(),
      forecastCents: z.number(),
      yearTotalCents: z.number(),
      budgetCents: z.number().nullable(),
      balanceCents: z.number().nullable().describe('BUIG-budget min verwachte lasten; negatief is tekort'),
    })
    .nullable()
    .describe('Participatiewet: de BUIG-prognose zoals bij het maken van het verslag'),
  pwScenarios: z.array(savedScenarioSchema).describe('Participatiewet: de scenario’s bewaard bij dit verslag'),
  controlFindings: z
    .object({
      process: z.string(),
      processName: z.string(),
      year: z.number().int(),
      byAssessment: z.array(z.object({ assessment: z.string(), label: z.string(), findings: z.string().describe('Aantal; onder 10 als "<10"'), amountCents: z.number() })),
      openActions: z.number().int(),
      overdueActions: z.number().int(),
    })
    .nullable()
    .describe('Opvolging controlbevindingen: bevindingen van het jaar per beoordeling, open en te late opvolgacties (alleen aantallen en bedragen)'),
});

export const explanationParams = reportIdParams.extend({ code: z.string().regex(/^[0-9.]{1,10}$/, { message: 'Onbekend taakveld.' }).describe('Taakveldcode') });
export const explanationBodySchema = z.object({
  text: z.string().trim().min(3, { message: 'Schrijf een toelichting van minstens 3 tekens.' }).max(4000, { message: 'Houd de toelichting onder 4000 tekens.' }).describe('Toelichting van de budgethouder'),
});
export const actionPointBodySchema = z.object({
  text: z.string().trim().min(3, { message: 'Beschrijf het actiepunt (minstens 3 tekens).' }).max(1000, { message: 'Houd het actiepunt onder 1000 tekens.' }).describe('Wat is afgesproken'),
  owner: z.string().trim().min(2, { message: 'Vul de eigenaar in.' }).max(200, { message: 'Houd de eigenaar kort.' }).describe('Wie het oppakt'),
});
export const actionPointParams = z.object({ id: z.uuid({ message: 'Actiepunt is geen geldig id' }).describe('Id van het actiepunt') });
export const actionPointPatchSchema = z.object({
  reportId: z.uuid({ message: 'Verslag is geen geldig id' }).describe('Het verslag (de vergadering) waarin de stand is besproken'),
  status: z.enum(['open', 'in_progress', 'done', 'cancelled'], { message: 'Kies open, in_progress, done of cancelled.' }).describe('Nieuwe status'),
});
export const createdSchema = z.object({ id: z.string().describe('Id van het nieuwe record') });
