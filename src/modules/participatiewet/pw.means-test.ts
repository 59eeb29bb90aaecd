// The Participatiewet means test for one calendar month, as a pure function that returns the rekenblad:
// the ordered lines a consultant reads (Dutch label, cents, article), ending in the monthly payment, plus
// the outcome and its reasons. The result is plain JSON and carries its inputs, the norm table version, the
// period and a fingerprint of the table data, so `reproduce` can recompute it years later.
//
// Method (art. 19 Pw): bijstand = norm − in aanmerking te nemen inkomen, never below zero; no right when the
// income is not lower than the norm (lid 1 sub a) or when there is vermogen to be counted (lid 1 sub b).
// Money is integer cents; derived amounts (art. 22a, percentage exemptions, vakantietoeslag) are rounded
// half up to a whole cent, each once, in the step that creates them.
// Vakantietoeslag: the norms include it; the part reserved each month is the table's share of the
// bijstand (5 % for 2025, see pw.norms.data.ts), paid once a year (art. 45: June [V, domain-facts §5.3]).

import { parseDate } from '../../platform/calendar.js';
import { AppError, invalid, validationFailed, type FieldError } from '../../platform/errors.js';
import { assetTest, type AssetOutcome, type AssetsInput } from './pw.assets.js';
import { INCOME_KINDS, incomeToOffset, type IncomeItem, type Person, type WorkExemptionChoice } from './pw.income.js';
import { applicableNorm, fullYearsOn, type HouseholdInput, type RekenbladLine } from './pw.leefvorm.js';
import { PW_NORM_TABLE, type NormTable } from './pw.norms.data.js';
import { findAssetLimits, findNormPeriod, fingerprintOf, MAX_ASSET_LIMIT_CENTS, MAX_MONTHLY_CENTS, vakantietoeslagOf } from './pw.norms.js';
import { formatCents as euro } from '../allocations/commitment.js';

/** Bumped when the method changes in a way that changes lines; old calculations then refuse to reproduce. */
export const METHOD_VERSION = 1;

export interface EntitlementInput {
  /** A day in the calendar month calculated; ages and the norm period are taken on this day. */
  peildatum: string;
  household: HouseholdInput;
  income: IncomeItem[];
  workExemptions: Record<Person, WorkExemptionChoice | null>;
  assets: AssetsInput;
}

export type EntitlementOutcome = 'recht' | 'recht-als-lening' | 'geen-recht';

export interface Rekenblad {
  methodVersion: number;
  tableVersion: string;
  normPeriodId: string;
  assetLimitsYear: number;
  fingerprint: string;
  input: EntitlementInput;
  lines: RekenbladLine[];
  normInclVtCents: number;
  offsetIncomeCents: number;
  /** Bijstand per month including vakantietoeslag (art. 19 lid 2). */
  benefitInclVtCents: number;
  vakantietoeslagCents: number;
  /** What is paid each month: the bijstand minus the reserved vakantietoeslag. */
  monthlyPaymentCents: number;
  kostendelersA: number | null;
  assetOutcome: AssetOutcome;
  outcome: EntitlementOutcome;
  reasons: string[];
  /** Assumptions and remarks that applied to this calculation (Dutch). */
  notes: string[];
}

const MAX_INCOME_CENTS = 10 * MAX_MONTHLY_CENTS;

function checkDate(errors: FieldError[], field: string, value: unknown): value is string {
  try {
    parseDate(value as string);
    return true;
  } catch {
    errors.push({ field, message: `'${String(value)}' is geen geldige datum (jjjj-mm-dd).` });
    return false;
  }
}

function checkCents(errors: FieldError[], field: string, value: unknown, max: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) errors.push({ field, message: 'Vul een bedrag in hele centen in.' });
  else if (value < 0) errors.push({ field, message: 'Een bedrag kan niet negatief zijn.' });
  else if (value > max) errors.push({ field, message: `Het bedrag ${euro(value)} is onwaarschijnlijk hoog (meer dan ${euro(max)}).` });
}

/** Refuses input that cannot be calculated, with one Dutch message per field. */
export function validateEntitlementInput(input: EntitlementInput): void {
  const errors: FieldError[] = [];
  const dateOk = checkDate(errors, 'peildatum', input.peildatum);
  const h = input.household;
  if (!['alleenstaande', 'alleenstaande-ouder', 'gehuwden'].includes(h.leefvorm)) {
    errors.push({ field: 'household.leefvorm', message: 'Kies alleenstaande, alleenstaande ouder of gehuwden/samenwonenden.' });
  }
  for (const [field, value] of [
    ['household.applicantBirthDate', h.applicantBirthDate],
    ...(h.partnerBirthDate === null ? [] : [['household.partnerBirthDate', h.partnerBirthDate] as const]),
    ...h.housemates.map((m, i) => [`household.housemates[${i}].birthDate`, m.birthDate] as const),
  ] as const) {
    if (checkDate(errors, field, value) && dateOk && value > input.peildatum) {
      errors.push({ field, message: 'De geboortedatum ligt na de peildatum.' });
    }
  }
  if (h.leefvorm === 'gehuwden' && h.partnerBirthDate === null) {
    errors.push({ field: 'household.partnerBirthDate', message: 'Bij gehuwden of samenwonenden is de geboortedatum van de partner nodig.' });
  }
  if (h.leefvorm !== 'gehuwden' && h.partnerBirthDate !== null) {
    errors.push({ field: 'household.partnerBirthDate', message: 'Een alleenstaande (ouder) heeft geen partner; kies gehuwden/samenwonenden.' });
  }
  if (h.youngestChildAge !== null && (!Number.isInteger(h.youngestChildAge) || h.youngestChildAge < 0 || h.youngestChildAge > 25)) {
    errors.push({ field: 'household.youngestChildAge', message: 'De leeftijd van het jongste kind moet een geheel getal van 0 tot en met 25 zijn.' });
  }
  input.income.forEach((item, i) => {
    if (!(item.kind in INCOME_KINDS)) errors.push({ field: `income[${i}].kind`, message: `Onbekende soort inkomen '${String(item.kind)}'.` });
    if (item.person !== 'aanvrager' && item.person !== 'partner') errors.push({ field: `income[${i}].person`, message: 'Kies aanvrager of partner.' });
    if (item.person === 'partner' && h.leefvorm !== 'gehuwden') errors.push({ field: `income[${i}].person`, message: 'Inkomen van een partner kan alleen bij gehuwden/samenwonenden.' });
    checkCents(errors, `income[${i}].cents`, item.cents, MAX_INCOME_CENTS);
  });
  for (const person of ['aanvrager', 'partner'] as const) {
    const choice = input.workExemptions[person];
    if (choice === null) continue;
    if (!['art31n', 'art31r', 'art31y'].includes(choice.rule)) errors.push({ field: `workExemptions.${person}.rule`, message: 'Onbekende vrijlating.' });
    if (!Number.isInteger(choice.monthsUsedBefore) || choice.monthsUsedBefore < 0 || choice.monthsUsedBefore > 600) {
      errors.push({ field: `workExemptions.${person}.monthsUsedBefore`, message: 'Het aantal al gebruikte maanden moet een geheel getal van 0 tot en met 600 zijn.' });
    }
  }
  const a = input.assets;
  checkCents(errors, 'assets.possessionsCents', a.possessionsCents, MAX_ASSET_LIMIT_CENTS * 10);
  checkCents(errors, 'assets.debtsCents', a.debtsCents, MAX_ASSET_LIMIT_CENTS * 10);
  if (a.ownHome !== null) {
    checkCents(errors, 'assets.ownHome.valueCents', a.ownHome.valueCents, MAX_ASSET_LIMIT_CENTS * 10);
    checkCents(errors, 'assets.ownHome.mortgageCents', a.ownHome.mortgageCents, MAX_ASSET_LIMIT_CENTS * 10);
  }
  if (errors.length > 0) throw validationFailed(errors);
}

/** The rekenblad for one month. Refuses invalid input and dates outside the norm table. */
export function calculateEntitlement(input: EntitlementInput, table: NormTable = PW_NORM_TABLE): Rekenblad {
  validateEntitlementInput(input);
  const stored = structuredClone(input);
  const date = input.peildatum;
  const period = findNormPeriod(table, date);
  const limits = findAssetLimits(table, date);
  const h = input.household;

  const norm = applicableNorm(h, date, period);
  const notes = [...norm.notes];
  const lines: RekenbladLine[] = [...norm.lines];
  const normCents = norm.normInclVtCents;
  lines.push({ code: 'norm:toepasselijk', label: 'Toepasselijke norm per maand (incl. vakantietoeslag)', cents: normCents, article: 'art. 19 lid 1 sub a Pw' });

  const income = incomeToOffset(
    input.income,
    input.workExemptions,
    {
      household: h,
      ages: { aanvrager: fullYearsOn(h.applicantBirthDate, date), partner: h.partnerBirthDate === null ? null : fullYearsOn(h.partnerBirthDate, date) },
      bands: { aanvrager: norm.applicantBand, partner: norm.partnerBand },
    },
    period,
  );
  lines.push(...income.lines);
  notes.push(...income.notes);

  const assets = assetTest(input.assets, h.leefvorm, limits);
  lines.push(...assets.lines);

  const reasons: string[] = [];
  let outcome: EntitlementOutcome = assets.outcome === 'lening-art-50' ? 'recht-als-lening' : 'recht';
  if (income.offsetCents >= normCents) {
    outcome = 'geen-recht';
    reasons.push(`Geen recht: het inkomen (${euro(income.offsetCents)}) is niet lager dan de norm (${euro(normCents)}) (art. 19 lid 1 sub a Pw).`);
  }
  if (assets.outcome === 'boven-grens') outcome = 'geen-recht';
  reasons.push(assets.reason);

  const benefit = outcome === 'geen-recht' ? 0 : normCents - income.offsetCents;
  const vt = vakantietoeslagOf(benefit, period.vakantietoeslagBasisPoints);
  lines.push({ code: 'bijstand:incl-vt', label: 'Bijstand per maand (norm min inkomen, niet lager dan nul; incl. vakantietoeslag)', cents: benefit, article: 'art. 19 lid 2 Pw' });
  lines.push({ code: 'bijstand:vakantietoeslag', label: `Waarvan vakantietoeslag, gereserveerd (${period.vakantietoeslagBasisPoints / 100} %)`, cents: -vt, article: 'art. 19 lid 3, art. 45 Pw' });
  lines.push({ code: 'bijstand:betaling', label: outcome === 'recht-als-lening' ? 'Te betalen per maand (als geldlening)' : 'Te betalen per maand', cents: benefit - vt, article: outcome === 'recht-als-lening' ? 'art. 50 lid 1 Pw' : 'art. 45 Pw' });
  if (outcome === 'recht') reasons.unshift(`Recht op algemene bijstand van ${euro(benefit)} per maand (incl. vakantietoeslag).`);
  if (outcome === 'recht-als-lening') reasons.unshift(`Recht op algemene bijstand van ${euro(benefit)} per maand, in de vorm van een geldlening.`);
  if (norm.applicantBand === 'aow' || norm.partnerBand === 'aow') {
    notes.push('Let op: bijstand voor wie de pensioengerechtigde leeftijd heeft bereikt (AIO) voert de SVB uit (art. 47a Pw).');
  }

  return {
    methodVersion: METHOD_VERSION,
    tableVersion: table.version,
    normPeriodId: period.id,
    assetLimitsYear: limits.year,
    fingerprint: fingerprintOf(period, limits),
    input: stored,
    // A deduction of nothing is −0, which JSON writes as 0: normalise so a stored rekenblad equals a fresh one.
    lines: lines.map((l) => (Object.is(l.cents, -0) ? { ...l, cents: 0 } : l)),
    normInclVtCents: normCents,
    offsetIncomeCents: income.offsetCents,
    benefitInclVtCents: benefit,
    vakantietoeslagCents: vt,
    monthlyPaymentCents: benefit - vt,
    kostendelersA: norm.kostendelersA,
    assetOutcome: assets.outcome,
    outcome,
    reasons,
    notes,
  };
}

/**
 * Recomputes a stored rekenblad from its own inputs against the table period it used. Refuses, instead of
 * answering with today's figures, when the method changed or the period's data is no longer the same.
 */
export function reproduce(stored: Rekenblad, table: NormTable = PW_NORM_TABLE): Rekenblad {
  if (stored.methodVersion !== METHOD_VERSION) {
    throw new AppError('CONFLICT', `Deze berekening is gemaakt met rekenmethode ${stored.methodVersion}; Koers rekent nu met methode ${METHOD_VERSION}.`);
  }
  const period = findNormPeriod(table, stored.input.peildatum);
  const limits = findAssetLimits(table, stored.input.peildatum);
  if (period.id !== stored.normPeriodId || limits.year !== stored.assetLimitsYear) {
    throw invalid('normPeriodId', `De berekening gebruikte periode ${stored.normPeriodId}; de normtabel geeft voor ${stored.input.peildatum} nu periode ${period.id}.`);
  }
  if (fingerprintOf(period, limits) !== stored.fingerprint) {
    throw new AppError(
      'CONFLICT',
      `De normen van periode ${period.id} zijn gewijzigd sinds deze berekening (tabelversie ${stored.tableVersion}); de berekening is niet te reproduceren met de huidige tabel.`,
    );
  }
  return { ...calculateEntitlement(stored.input, table), tableVersion: stored.tableVersion };
}
