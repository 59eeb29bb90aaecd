import { z } from 'zod';

// Request and response shapes of the norm table API (/api/pw/norms). The shapes are loose where the
// validator (validateNormTable) judges: a missing leefvorm or a non-integer amount is answered with the
// validator's Dutch message and field path, not with a generic type error.

const status = z.enum(['V', 'C', 'K']).default('V').describe('V = geverifieerd aan de bron, C = berekend, K = algemene kennis');
const cents = (what: string) => z.number({ message: `Vul ${what} in als bedrag in centen.` });

const amountSchema = z.object({
  inclVtCents: cents('de norm met vakantietoeslag').describe('Norm per maand inclusief vakantietoeslag, in centen'),
  exclVtCents: cents('de norm zonder vakantietoeslag').describe('Norm per maand exclusief vakantietoeslag, in centen'),
  status,
});
const exemptionSchema = z.object({ basisPoints: z.number(), maxCentsPerMonth: z.number(), status });

export const normPeriodSchema = z.object({
  id: z.string({ message: 'Geef de periode een naam, bijvoorbeeld PW-2026-H1.' }).trim().max(40, 'De naam is te lang (hoogstens 40 tekens).').describe('Naam van de periode, bijvoorbeeld PW-2026-H1'),
  validFrom: z.string({ message: 'Vul de begindatum in (jjjj-mm-dd).' }).describe('Eerste dag: 1 januari of 1 juli'),
  validUntil: z.string({ message: 'Vul de einddatum in (jjjj-mm-dd).' }).describe('Laatste dag (inclusief)'),
  source: z.string({ message: 'Vul de bron in.' }).trim().min(3, 'Vul de bron van de bedragen in.').max(500, 'De bron is te lang (hoogstens 500 tekens).'),
  norms: z.record(z.string(), amountSchema).describe('Per leefvorm de norm per maand'),
  vakantietoeslagBasisPoints: z.number(),
  kostendelerMinAge: z.number(),
  aowAge: z.object({ years: z.number(), months: z.number(), status }),
  art22aLid3: z.object({ withChildrenCents: z.number(), withoutChildrenCents: z.number(), status }),
  inrichtingVerhoging: z.object({ alleenstaandeCents: z.number(), gehuwdenCents: z.number(), status }),
  workExemptions: z.object({ art31n: exemptionSchema, art31r: exemptionSchema, art31y: exemptionSchema }),
  oudedagsvoorziening: z.object({ alleenstaandeCents: z.number(), gehuwdenCents: z.number(), status }),
});

export const assetLimitsSchema = z.object({
  year: z.number().int(),
  validFrom: z.string(),
  validUntil: z.string(),
  alleenstaandeCents: z.number(),
  alleenstaandeOuderCents: z.number(),
  gehuwdenCents: z.number(),
  eigenWoningCents: z.number(),
  status,
  source: z.string({ message: 'Vul de bron in.' }).trim().min(3, 'Vul de bron van de vermogensgrenzen in.').max(500),
});

export const normTableSchema = z.object({
  version: z.string().describe('Versie van de tabel zoals een berekening haar noemt, bijvoorbeeld 2025-07-01.1'),
  periods: z.array(normPeriodSchema),
  assetLimits: z.array(assetLimitsSchema),
});

export const normVersionSchema = z.object({
  version: z.number().int().describe('Volgnummer bij deze gemeente; 1 is de tabel die Koers meelevert'),
  tableVersion: z.string(),
  note: z.string(),
  importedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable().describe('Leeg bij de meegeleverde tabel'),
  importedAt: z.string(),
  periods: z.array(z.string()).describe('De perioden in deze versie'),
});

export const normsOverviewSchema = z.object({
  current: normTableSchema.extend({ number: z.number().int() }),
  versions: z.array(normVersionSchema).describe('Alle versies, nieuwste eerst'),
});

export const addNormsBodySchema = z.object({
  note: z.string({ message: 'Vul een toelichting in.' }).trim().min(3, 'Vul een toelichting in (minstens 3 tekens), bijvoorbeeld de bron of de reden.').max(500, 'De toelichting is te lang (hoogstens 500 tekens).'),
  periods: z.array(normPeriodSchema).max(4, 'Voeg hoogstens 4 halve jaren tegelijk toe.').describe('De nieuwe halve jaren, na de laatste periode van de huidige versie'),
  assetLimits: z.array(assetLimitsSchema).max(2).default([]).describe('De vermogensgrenzen van een nieuw kalenderjaar (nodig bij een periode vanaf 1 januari)'),
});
export type AddNormsBody = z.infer<typeof addNormsBodySchema>;

export const importNormsQuerySchema = z.object({
  note: z.string({ message: 'Vul een toelichting in.' }).trim().min(3, 'Vul een toelichting in (minstens 3 tekens), bijvoorbeeld de bron of de reden.').max(500, 'De toelichting is te lang (hoogstens 500 tekens).'),
});
