import { z } from 'zod';
import { isoDateSchema as date } from '../../platform/http/schemas.js';
import { INCOME_KIND_LIST } from './pw.income.js';

const cents = (label: string) =>
  z.number({ message: `Vul ${label} in als bedrag in hele centen.` }).int(`Vul ${label} in als bedrag in hele centen.`).min(0, `${label} kan niet negatief zijn.`).max(100_000_000_00, `${label} is onwaarschijnlijk hoog.`);

export const registerApplicationSchema = z.object({
  reportedOn: date('meldingsdatum').describe('De dag waarop de inwoner zich meldde; bij jongeren onder 27 loopt de zoektermijn vanaf deze dag'),
  appliedOn: date('aanvraagdatum').optional().describe('De dag van de aanvraag; leeg laten zolang de zoektermijn loopt'),
  consultantId: z.uuid('Kies een consulent.').optional().describe('Behandelend consulent (standaard: uzelf)'),
});
export type RegisterApplicationInput = z.infer<typeof registerApplicationSchema>;

export const submitApplicationSchema = z.object({ appliedOn: date('aanvraagdatum').describe('De dag van de aanvraag, na de zoektermijn') });

const housemateSchema = z.object({
  birthDate: date('geboortedatum medebewoner'),
  exception: z.enum(['commerciele-huur', 'commerciele-huur-derde', 'onderwijs'], { message: 'Kies een geldige uitzondering.' }).nullable().describe('Art. 19a lid 1: geen kostendeler ondanks de leeftijd'),
});

export const calculationSchema = z.object({
  peildatum: date('peildatum').optional().describe('Een dag in de berekende maand (standaard de aanvraagdatum)'),
  household: z.object({
    leefvorm: z.enum(['alleenstaande', 'alleenstaande-ouder', 'gehuwden'], { message: 'Kies alleenstaande, alleenstaande ouder of gehuwden/samenwonenden.' }),
    partnerBirthDate: date('geboortedatum partner').nullable(),
    dependentChildren: z.boolean({ message: 'Geef aan of er kinderen ten laste zijn.' }),
    youngestChildAge: z.number({ message: 'Vul de leeftijd van het jongste kind in.' }).int('Vul een geheel getal in.').min(0).max(25).nullable(),
    inInrichting: z.boolean({ message: 'Geef aan of de aanvrager in een inrichting verblijft.' }),
    housemates: z.array(housemateSchema).max(20, 'Ten hoogste 20 medebewoners.'),
  }),
  income: z
    .array(z.object({ kind: z.enum(INCOME_KIND_LIST as [string, ...string[]], { message: 'Kies een soort inkomen.' }), person: z.enum(['aanvrager', 'partner'], { message: 'Kies aanvrager of partner.' }), cents: cents('het inkomen') }))
    .max(30, 'Ten hoogste 30 inkomensposten.'),
  workExemptions: z.object({
    aanvrager: z.object({ rule: z.enum(['art31n', 'art31r', 'art31y']), monthsUsedBefore: z.number().int().min(0).max(600) }).nullable(),
    partner: z.object({ rule: z.enum(['art31n', 'art31r', 'art31y']), monthsUsedBefore: z.number().int().min(0).max(600) }).nullable(),
  }),
  assets: z.object({
    possessionsCents: cents('het vermogen'),
    debtsCents: cents('de schulden'),
    ownHome: z.object({ valueCents: cents('de waarde van de woning'), mortgageCents: cents('de hypotheek'), occupied: z.boolean() }).nullable(),
  }),
});
export type CalculationBody = z.infer<typeof calculationSchema>;

export const advanceSchema = z.object({
  cents: z.number({ message: 'Vul het bedrag van het voorschot in, in hele centen.' }).int('Vul het bedrag in hele centen in.').describe('Bedrag van het voorschot in centen'),
  paidOn: date('betaaldatum').describe('De dag waarop het voorschot is betaald'),
});

export const decisionSchema = z.discriminatedUnion(
  'outcome',
  [
    z.object({
      outcome: z.literal('toekenning'),
      grantFrom: date('ingangsdatum').describe('Bijstand vanaf deze dag'),
      iban: z.string({ message: 'Vul het IBAN in.' }).max(50, 'Dit IBAN is te lang.').describe('Rekening waarop de bijstand wordt betaald'),
      accountHolder: z.string({ message: 'Vul de naam van de rekeninghouder in.' }).trim().min(1, 'Vul de naam van de rekeninghouder in.').max(70, 'De naam van de rekeninghouder is ten hoogste 70 tekens.'),
    }),
    z.object({
      outcome: z.literal('afwijzing'),
      refusalReason: z.string({ message: 'Geef de reden van de afwijzing.' }).trim().min(3, 'Geef de reden van de afwijzing.').max(2000, 'De reden is te lang.'),
    }),
  ],
  { message: 'Kies toekenning of afwijzing.' },
);
export type DecisionBody = z.infer<typeof decisionSchema>;

const lineSchema = z.object({ code: z.string(), label: z.string(), cents: z.number().int(), article: z.string() });

export const applicationViewSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  residentId: z.string(),
  caseStatus: z.string(),
  reportedOn: z.string(),
  appliedOn: z.string().nullable(),
  searchPeriodEndsOn: z.string().nullable().describe('Laatste dag van de zoektermijn (art. 41 lid 4 Pw); leeg vanaf 27 jaar'),
  earliestApplicationOn: z.string(),
  decisionDueOn: z.string().nullable().describe('Uiterste beslisdatum (8 weken, met opschorting en Atw); leeg zolang opgeschort of niet aangevraagd'),
  decisionTermStatus: z.string().nullable(),
  advanceDueOn: z.string().nullable().describe('Voorschot uiterlijk op (4 weken na de aanvraag, art. 52 Pw)'),
  calculationInput: z.record(z.string(), z.unknown()).nullable(),
  rekenblad: z
    .object({
      lines: z.array(lineSchema),
      outcome: z.string(),
      reasons: z.array(z.string()),
      notes: z.array(z.string()),
      normInclVtCents: z.number().int(),
      offsetIncomeCents: z.number().int(),
      monthlyPaymentCents: z.number().int(),
      normPeriodId: z.string(),
      tableVersion: z.string(),
      peildatum: z.string(),
    })
    .nullable(),
  advance: z.object({ cents: z.number().int(), paidOn: z.string() }).nullable(),
  decision: z.object({
    status: z.enum(['open', 'voorgesteld', 'toegekend', 'afgewezen']),
    outcome: z.enum(['toekenning', 'afwijzing']).nullable(),
    grantFrom: z.string().nullable(),
    refusalReason: z.string().nullable(),
    iban: z.string().nullable(),
    accountHolder: z.string().nullable(),
    requiresApproval: z.boolean().nullable(),
    proposedBy: z.string().nullable(),
    decidedBy: z.string().nullable(),
    benefitId: z.string().nullable(),
    advanceClaimId: z.string().nullable(),
  }),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const pwFileSchema = z.object({
  applications: z.array(applicationViewSchema),
  benefits: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      norm: z.string(),
      monthlyCents: z.number().int(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      nextReexaminationOn: z.string(),
      caseId: z.string().nullable(),
      iban: z.string().nullable(),
      accountHolder: z.string().nullable(),
      basis: z.object({ validFrom: z.string(), normInclVtCents: z.number().int(), fixedOffsetCents: z.number().int(), vtBasisPoints: z.number().int(), reason: z.string() }).nullable(),
    }),
  ),
});

export const openApplicationSchema = z.object({
  caseId: z.string(),
  reference: z.string(),
  residentId: z.string(),
  residentName: z.string(),
  consultantName: z.string().nullable(),
  reportedOn: z.string(),
  appliedOn: z.string().nullable(),
  decisionStatus: z.enum(['open', 'voorgesteld']).describe('open: nog geen besluit; voorgesteld: wacht op goedkeuring door een andere teamleider'),
  advanceCents: z.number().int().nullable(),
});
