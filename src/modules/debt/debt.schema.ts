import { z } from 'zod';
import { isoDateSchema } from '../../platform/http/schemas.js';
import { creditorKinds, debtChannels, debtContactBy, debtContactTimes, debtDecisions, debtEndResults, outreachOutcomes } from './debt.tables.js';

const termStatuses = ['gehaald', 'te-laat', 'loopt', 'vandaag', 'verstreken'] as const;

// ——— requests ———

export const registerDebtCaseSchema = z.object({
  registeredOn: isoDateSchema('datum van aanmelding').describe('De dag van de hulpvraag; de termijn van het eerste gesprek begint de dag erna'),
  helpQuestion: z.string({ message: 'Beschrijf de hulpvraag.' }).trim().min(1, 'Beschrijf de hulpvraag.').max(2000, 'De hulpvraag is te lang (hoogstens 2000 tekens).').describe('De hulpvraag in de woorden van de inwoner'),
  threatEviction: z.boolean({ message: 'Geef aan of er een ontruiming dreigt (ja of nee).' }).default(false).describe('Dreigende ontruiming van de woning'),
  threatUtilityCutoff: z.boolean({ message: 'Geef aan of afsluiting van energie of water dreigt (ja of nee).' }).default(false).describe('Dreigende afsluiting van gas, elektriciteit, warmte of drinkwater'),
  threatInsuranceTermination: z.boolean({ message: 'Geef aan of opzegging van de zorgverzekering dreigt (ja of nee).' }).default(false).describe('Dreigende opzegging van de zorgverzekering'),
});

export const firstConversationSchema = z.object({ on: isoDateSchema('datum van het eerste gesprek').describe('De dag van het eerste gesprek') });

export const planSchema = z.object({
  on: isoDateSchema('datum van het plan van aanpak'),
  summary: z.string({ message: 'Beschrijf het plan van aanpak.' }).trim().min(1, 'Beschrijf het plan van aanpak.').max(4000, 'Het plan van aanpak is te lang (hoogstens 4000 tekens).'),
});

export const decisionSchema = z.object({
  decision: z.enum(debtDecisions, { message: 'Kies toegelaten of afgewezen.' }).describe('Toegelaten tot de schuldhulpverlening of afgewezen'),
  on: isoDateSchema('datum van het besluit'),
  reason: z.string().trim().min(1, 'Geef de reden van de afwijzing.').max(2000, 'De reden is te lang (hoogstens 2000 tekens).').optional().describe('Verplicht bij afgewezen'),
});

export const endDebtHelpSchema = z.object({
  result: z.enum(debtEndResults, { message: 'Kies afgerond of voortijdig beëindigd.' }).describe('afgerond: de hulp is tot het einde gegeven (Selectielijst 8.1.9); voortijdig-beeindigd: de hulp stopte eerder (8.3.5)'),
  on: isoDateSchema('datum van het einde van de hulp').describe('De dag waarop de hulp eindigde; de bewaartermijn (5 jaar) begint hier'),
});

export const debtCaseListQuerySchema = z.object({
  open: z.enum(['ja', 'nee'], { message: 'Kies ja of nee.' }).optional().describe('ja: alleen lopende aanmeldingen; nee: alleen met besluit'),
});

export const arrearsImportSchema = z.object({
  fileName: z.string({ message: 'Geef de naam van het bestand.' }).trim().min(1, 'Geef de naam van het bestand.').max(255, 'De bestandsnaam is te lang.'),
  content: z.string({ message: 'Kies een CSV-bestand.' }).min(1, 'Het bestand is leeg.').describe('De inhoud van het CSV-bestand (UTF-8), zie docs/debt-help.md voor de kolommen'),
});

export const outreachQuerySchema = z.object({
  teamId: z.uuid('Kies een geldig team.').optional().describe('Alleen de signalen van dit gebiedsteam'),
  open: z.enum(['ja', 'nee'], { message: 'Kies ja of nee.' }).optional().describe('ja: nog zonder uitkomst; nee: met uitkomst'),
});

export const outcomeSchema = z.object({
  outcome: z.enum(outreachOutcomes, { message: 'Kies een uitkomst: bereikt, hulp-geaccepteerd, hulp-geweigerd of niet-bereikt.' }),
  on: isoDateSchema('datum van het contact'),
  note: z.string().trim().min(1, 'Laat de notitie leeg of schrijf iets.').max(2000, 'De notitie is te lang (hoogstens 2000 tekens).').optional(),
});

export const kpiQuerySchema = z.object({ from: isoDateSchema('begindatum'), to: isoDateSchema('einddatum') });

// ——— responses ———

export const debtCaseSchema = z.object({
  id: z.uuid(),
  residentId: z.uuid(),
  residentName: z.string().nullable(),
  registeredOn: z.string(),
  channel: z.enum(debtChannels).describe('Aangemeld door een medewerker, door de inwoner (online) of na een vroegsignaal'),
  helpQuestion: z.string(),
  crisis: z.object({ threatEviction: z.boolean(), threatUtilityCutoff: z.boolean(), threatInsuranceTermination: z.boolean() }),
  firstConversation: z.object({
    termCode: z.enum(['eerste-gesprek', 'eerste-gesprek-crisis']),
    term: z.string().describe('De termijn in woorden'),
    termSource: z.string().describe('De bron van de termijn'),
    due: z.string().describe('De laatste dag voor het eerste gesprek'),
    heldOn: z.string().nullable(),
    status: z.enum(termStatuses),
  }),
  plan: z.object({ on: z.string(), summary: z.string() }).nullable(),
  decision: z.object({ decision: z.enum(debtDecisions), on: z.string(), reason: z.string().nullable() }).nullable(),
  ended: z.object({ on: z.string(), result: z.enum(debtEndResults) }).nullable().describe('Het einde van de hulp na toelating'),
  contact: z
    .object({ by: z.enum(debtContactBy), phone: z.string().nullable(), email: z.string().nullable(), time: z.enum(debtContactTimes).nullable() })
    .nullable()
    .describe('Hoe de inwoner bereikt wil worden (alleen bij een online aanmelding)'),
  stage: z.enum(['aanmelding', 'eerste-gesprek', 'plan-van-aanpak', 'besluit', 'afgesloten']),
});
export const debtCasesSchema = z.array(debtCaseSchema);

export const debtTermsSchema = z.array(z.object({ code: z.string(), label: z.string(), kind: z.enum(['kalender', 'werkdagen']), term: z.string(), source: z.string(), verified: z.boolean() }));

const issueSchema = z.object({
  row: z.number().int().describe('Rij zoals een spreadsheet die toont (kopregel = 1)'),
  column: z.string().describe('Kolomnaam; leeg als het om de hele rij of het bestand gaat'),
  message: z.string(),
});
const unmatchedSchema = z.object({ row: z.number().int(), bron: z.string(), postcode: z.string(), huisnummer: z.string(), toevoeging: z.string() });

export const arrearsImportResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    import: z.object({
      id: z.uuid(),
      fileName: z.string(),
      importedAt: z.string(),
      rows: z.number().int(),
      matchedRows: z.number().int(),
      outreachCreated: z.number().int().describe('Nieuwe signalen (één per huishouden)'),
      outreachExtended: z.number().int().describe('Huishoudens met al een open signaal: de achterstanden zijn daaraan toegevoegd'),
      unmatched: z.array(unmatchedSchema).describe('Rijen waarvan het adres bij geen inwoner hoort; niet geïmporteerd, wel bewaard bij de import'),
    }),
  }),
  z.object({ ok: z.literal(false), issues: z.array(issueSchema).describe('Alle fouten per rij en kolom; er is niets geïmporteerd') }),
]);

export const arrearsImportsSchema = z.array(z.object({ id: z.uuid(), fileName: z.string(), importedAt: z.string(), rows: z.number().int(), matchedRows: z.number().int(), outreachCreated: z.number().int(), unmatchedRows: z.number().int() }));
export const arrearsImportDetailSchema = z.object({ id: z.uuid(), fileName: z.string(), importedAt: z.string(), rows: z.number().int(), matchedRows: z.number().int(), outreachCreated: z.number().int(), unmatched: z.array(unmatchedSchema) });

export const outreachSchema = z.object({
  id: z.uuid(),
  residentId: z.uuid(),
  residentName: z.string().nullable(),
  areaCode: z.string().nullable(),
  team: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  signalledOn: z.string(),
  contactDue: z.string().describe('De laatste dag om het huishouden te bereiken'),
  termStatus: z.enum(termStatuses),
  totalCents: z.number().int(),
  arrears: z.array(z.object({ source: z.string(), creditorKind: z.enum(creditorKinds), amountCents: z.number().int(), months: z.number().int(), referenceDate: z.string() })),
  outcome: z.object({ outcome: z.enum(outreachOutcomes), on: z.string(), note: z.string().nullable(), by: z.string() }).nullable(),
});
export const outreachListSchema = z.array(outreachSchema);

const shareSchema = z.object({ count: z.number().int().nullable().describe('null: minder dan 10'), share: z.number().nullable().describe('Percentage; null als het op een klein aantal zou rusten') });
export const outreachKpisSchema = z.object({
  from: z.string(),
  to: z.string(),
  threshold: z.number().int(),
  households: z.number().int().nullable(),
  open: z.number().int().nullable(),
  reachedWithinTerm: shareSchema.describe('Bereikt binnen de contacttermijn, van de huishoudens met een uitkomst of een verstreken termijn'),
  acceptedHelp: shareSchema.describe('Hulp geaccepteerd, van de bereikte huishoudens'),
});
