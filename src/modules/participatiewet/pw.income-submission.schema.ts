import { z } from 'zod';

// The shapes of "Inkomsten doorgeven" (the resident's side in Mijn gemeente) and of the consultant's check.

const AMOUNT = 'Vul een bedrag in, bijvoorbeeld 1.250,00.';
const cents = z.number({ message: AMOUNT }).int({ message: AMOUNT }).min(0, { message: 'Een bedrag kan niet negatief zijn. Vul bijvoorbeeld 1.250,00 in.' });

export const incomeSubmissionBodySchema = z.object({
  submissionKey: z.string({ message: 'Het formulier mist zijn verzendsleutel: laad de pagina opnieuw.' }).regex(/^[A-Za-z0-9_-]{8,64}$/, 'Ongeldige verzendsleutel.').describe('Eén sleutel per formulier: tweemaal verzenden geeft één opgave'),
  period: z.string({ message: 'Kies de maand.' }).describe('De maand als eerste dag, jjjj-mm-01'),
  hadIncome: z.boolean({ message: 'Kies ja of nee.' }).describe('Had u (of uw partner) deze maand inkomsten?'),
  items: z
    .array(
      z.object({
        kind: z.string({ message: 'Kies wat voor inkomen het is.' }).describe('Soort inkomen, zoals in GET /api/pw/income-kinds'),
        person: z.enum(['aanvrager', 'partner'], { message: 'Kies of het inkomen van u of van uw partner is.' }),
        grossCents: cents.nullable().optional().describe('Bruto bedrag in centen (staat op de loonstrook); mag leeg'),
        netCents: cents.describe('Netto bedrag in centen: wat op de rekening kwam'),
        documentId: z.uuid({ message: 'Stuur de loonstrook of het bewijs van dit inkomen mee.' }).describe('Het document (loonstrook, specificatie) dat de inwoner eerst stuurde'),
      }),
      { message: 'Geef de inkomsten als lijst op.' },
    )
    .max(30, { message: 'Geef ten hoogste 30 inkomsten op.' }),
});
export type IncomeSubmissionBody = z.infer<typeof incomeSubmissionBodySchema>;

const monthSchema = z.object({
  period: z.string().describe('De maand als eerste dag, jjjj-mm-01'),
  label: z.string().describe('De maand in woorden, bijvoorbeeld "oktober 2026"'),
  dueOn: z.string().describe('Uiterlijk doorgeven op (jjjj-mm-dd): de 10e van de volgende maand'),
  status: z.enum(['open', 'te-laat', 'ontvangen', 'verwerkt']),
  statusText: z.string().describe('De stand in gewone woorden'),
  submittedAt: z.string().nullable(),
  receiptNumber: z.string().nullable(),
});

export const incomeOverviewSchema = z
  .object({
    benefitReference: z.string(),
    hasPartner: z.boolean().describe('Inkomen van een partner kan worden opgegeven'),
    kinds: z.array(z.object({ kind: z.string(), label: z.string() })),
    months: z.array(monthSchema).describe('De maanden om door te geven en die al doorgegeven zijn, nieuwste eerst'),
  })
  .describe('Inkomsten doorgeven: de maanden en de soorten inkomen');

export const incomeReceiptSchema = z
  .object({
    receiptNumber: z.string().describe('Het nummer van de ontvangstbevestiging'),
    period: z.string(),
    label: z.string(),
    submittedAt: z.string(),
    hadIncome: z.boolean(),
    items: z.number().int().describe('Aantal doorgegeven inkomsten'),
    documents: z.array(z.object({ id: z.uuid(), fileName: z.string() })),
    nextStep: z.string().describe('Wat er nu gebeurt, in gewone woorden'),
  })
  .describe('Ontvangstbevestiging van de doorgegeven inkomsten');

export const submissionViewSchema = z.object({
  id: z.uuid(),
  period: z.string(),
  submittedAt: z.string(),
  status: z.enum(['ontvangen', 'verwerkt']),
  hadIncome: z.boolean(),
  items: z.array(z.object({ kind: z.string(), label: z.string(), person: z.enum(['aanvrager', 'partner']), grossCents: z.number().nullable(), netCents: z.number(), documentId: z.string() })),
  documents: z.array(z.object({ id: z.string(), fileName: z.string() })),
  processedBy: z.string().nullable(),
  processedAt: z.string().nullable(),
});
