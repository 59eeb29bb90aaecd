import { z } from 'zod';

export const legalityProcesses = ['wmo', 'jeugd', 'participatiewet', 'beschermd-wonen', 'wsw-mtb'] as const;

export const yearParamsSchema = z.object({
  year: z.coerce
    .number({ message: 'Geef een jaartal, bijvoorbeeld 2025.' })
    .int('Geef een jaartal, bijvoorbeeld 2025.')
    .min(2000, 'Het jaar moet tussen 2000 en 2100 liggen.')
    .max(2100, 'Het jaar moet tussen 2000 en 2100 liggen.')
    .describe('Boekjaar'),
});

export const versionParamsSchema = yearParamsSchema.extend({
  version: z.coerce.number({ message: 'Geef het versienummer.' }).int('Geef het versienummer.').min(1, 'Het versienummer is 1 of hoger.').max(1_000_000, 'Dit versienummer bestaat niet.').describe('Versie van de verantwoording'),
});

export const legalityYearBodySchema = z.object({
  thresholdPct: z
    .number({ message: 'Geef de verantwoordingsgrens als percentage, bijvoorbeeld 1.' })
    .gt(0, 'De verantwoordingsgrens moet groter zijn dan 0 %.')
    .max(3, 'De verantwoordingsgrens is ten hoogste 3 % van de totale lasten.')
    .multipleOf(0.001, 'Geef de verantwoordingsgrens met ten hoogste drie decimalen.')
    .describe('Verantwoordingsgrens: percentage van de totale lasten, vastgesteld door de raad'),
  reportingToleranceCents: z
    .number({ message: 'Geef de rapporteringstolerantie in centen.' })
    .int('Geef de rapporteringstolerantie in hele centen.')
    .min(0, 'De rapporteringstolerantie mag niet negatief zijn.')
    .max(100_000_000_000, 'De rapporteringstolerantie is onwaarschijnlijk hoog.')
    .describe('Rapporteringstolerantie: bevindingen vanaf dit bedrag worden afzonderlijk toegelicht (centen)'),
  source: z.string({ message: 'Geef de bron (bijvoorbeeld het raadsbesluit).' }).trim().min(1, 'Geef de bron (bijvoorbeeld het raadsbesluit).').max(500, 'De bron is te lang (ten hoogste 500 tekens).').describe('Bron: raadsbesluit of kadernota'),
});
export type LegalityYearBody = z.infer<typeof legalityYearBodySchema>;

export const legalityYearSchema = z.object({
  year: z.number().int(),
  thresholdPct: z.number(),
  reportingToleranceCents: z.number(),
  source: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});

const actionSchema = z.object({ description: z.string(), dueDate: z.string(), status: z.enum(['open', 'afgerond']), result: z.string().nullable() });

const findingSchema = z.object({
  number: z.number().int(),
  process: z.enum(legalityProcesses),
  source: z.enum(['uitzondering', 'steekproef', 'waarneming']),
  controlId: z.string(),
  title: z.string(),
  assessment: z.enum(['fout', 'onzekerheid']),
  reason: z.string(),
  amountCents: z.number(),
  actions: z.array(actionSchema),
});

const sampleSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  process: z.enum(legalityProcesses),
  populationAmountCents: z.number(),
  sampledAmountCents: z.number(),
  errorCents: z.number().describe('Som van de fouten in de getrokken posten (al meegeteld bij de fouten)'),
  projectedErrorCents: z.number().describe('Geëxtrapoleerde fout: fouten / getrokken bedrag × populatiebedrag'),
  extraUncertaintyCents: z.number().describe('Geëxtrapoleerde fout min de al gevonden fouten: meegeteld als onzekerheid'),
});

const processRowSchema = z.object({
  process: z.enum(legalityProcesses),
  label: z.string(),
  expenditureCents: z.number(),
  expenditureSource: z.enum(['declaraties', 'betalingen', 'verplichtingen', 'geen']),
  expenditureSourceLabel: z.string(),
  errorsCents: z.number(),
  uncertaintiesCents: z.number().describe('Onzekerheden uit bevindingen plus de extrapolatie van steekproeven'),
  projectedUncertaintyCents: z.number(),
  totalCents: z.number(),
  thresholdCents: z.number(),
  aboveThreshold: z.boolean(),
  toAssess: z.object({ exceptions: z.number().int(), amountCents: z.number() }),
});

export const legalityStatementSchema = z.object({
  year: z.number().int(),
  thresholdPct: z.number(),
  reportingToleranceCents: z.number(),
  source: z.string(),
  processes: z.array(processRowSchema),
  total: z.object({ expenditureCents: z.number(), errorsCents: z.number(), uncertaintiesCents: z.number(), totalCents: z.number(), thresholdCents: z.number(), aboveThreshold: z.boolean(), toAssess: z.object({ exceptions: z.number().int(), amountCents: z.number() }) }),
  samples: z.array(sampleSchema),
  findingsAboveTolerance: z.array(findingSchema),
});
export type LegalityStatement = z.infer<typeof legalityStatementSchema>;

export const statementVersionSchema = z.object({
  year: z.number().int(),
  version: z.number().int(),
  contentSha256: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  signedOffBy: z.string().nullable(),
  signedOffAt: z.string().nullable(),
});

export const legalityOverviewSchema = z.object({
  statement: legalityStatementSchema,
  versions: z.array(statementVersionSchema),
});

export const storedStatementSchema = statementVersionSchema.extend({ content: legalityStatementSchema });
