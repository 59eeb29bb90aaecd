import { z } from 'zod';
import { units } from '../catalogue/product.schema.js';

export const providerSummarySchema = z.object({
  id: z.uuid(),
  agbCode: z.string().describe('AGB-code (8 cijfers)'),
  name: z.string(),
  kind: z.enum(['care', 'welfare', 'youth', 'housing_aids', 'transport']),
  strategicPartner: z.boolean().describe('Strategisch partner'),
  regionWide: z.boolean().describe('Regionaal gecontracteerd (gedeeld door de gemeenten van de regio)'),
  contractedBy: z.enum(['gemeente', 'regio']).describe('Wie het contract heeft: deze gemeente of een andere gemeente namens de regio'),
  products: z.number().int().describe('Aantal gecontracteerde producten'),
});
export type ProviderSummary = z.infer<typeof providerSummarySchema>;

export const providerSchema = providerSummarySchema.omit({ products: true }).extend({
  tariffs: z.array(z.object({ productCode: z.string(), productName: z.string().nullable(), year: z.number().int(), unit: z.enum(units), centsPerUnit: z.number().int() })),
  subsidies: z.array(z.object({ year: z.number().int(), amountCents: z.number().int(), purpose: z.string() })),
});
export type Provider = z.infer<typeof providerSchema>;
