import { z } from 'zod';

export const laws = ['wmo', 'jeugdwet', 'participatiewet', 'wgs'] as const;
export const productKinds = ['community', 'tailored', 'benefit'] as const;
export const units = ['minute', 'hour', 'day_part', 'day', 'piece', 'euro'] as const;
export const frequencies = ['per_day', 'per_week', 'per_month', 'total'] as const;

export const lawLabels = { wmo: 'Wmo 2015', jeugdwet: 'Jeugdwet', participatiewet: 'Participatiewet', wgs: 'Wet gemeentelijke schuldhulpverlening' } as const;
export const kindLabels = { community: 'Voorliggend veld (algemene voorziening)', tailored: 'Maatwerkvoorziening', benefit: 'Vergoeding of uitkering' } as const;
export const unitLabels = { minute: 'minuut', hour: 'uur', day_part: 'dagdeel', day: 'etmaal', piece: 'stuk', euro: 'euro' } as const;
export const frequencyLabels = { per_day: 'per dag', per_week: 'per week', per_month: 'per maand', total: 'totaal in de periode' } as const;

export const productQuerySchema = z.object({
  q: z.string().trim().max(100, 'De zoekterm is te lang.').optional().describe('Zoekterm (naam, omschrijving, code)'),
  law: z.enum(laws, { message: 'Kies wmo, jeugdwet, participatiewet of wgs.' }).optional().describe('Wet'),
  kind: z.enum(productKinds, { message: 'Kies community, tailored of benefit.' }).optional().describe('Soort: voorliggend veld, maatwerk of vergoeding'),
  area: z.string().trim().max(20).optional().describe('Alleen aanbod in dit gebied (wijkcode); voorliggend veld'),
});

export const productSummarySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  law: z.enum(laws),
  kind: z.enum(productKinds),
  categoryCode: z.string().nullable().describe('iWmo/iJw productcategorie'),
  productCode: z.string().nullable().describe('iWmo/iJw productcode'),
  unit: z.enum(units),
  frequency: z.enum(frequencies),
  requiresDecision: z.boolean().describe('Beschikking nodig'),
  directAccess: z.boolean().describe('Directe toegang (taakgerichte uitvoeringsvariant)'),
  directAccessMaxWeeks: z.number().int().nullable(),
  budgetLine: z.string().describe('BBV-taakveld'),
  description: z.string(),
});

export const productSchema = productSummarySchema.extend({
  eligibility: z.string().describe('Voor wie / voorwaarden'),
  areas: z.array(z.object({ code: z.string(), name: z.string() })).describe('Gebieden waar het aanbod is (voorliggend veld)'),
  providers: z
    .array(z.object({ id: z.uuid(), name: z.string(), agbCode: z.string(), year: z.number().int(), centsPerUnit: z.number().int(), regionWide: z.boolean() }))
    .describe('Gecontracteerde aanbieders met tarief per eenheid (huidig jaar)'),
});
export type Product = z.infer<typeof productSchema>;
export type ProductSummary = z.infer<typeof productSummarySchema>;
