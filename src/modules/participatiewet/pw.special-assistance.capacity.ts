// Bijzondere bijstand (art. 35 Pw): the draagkracht (capacity to pay) and the amount that follows, as a
// pure function that returns the lines a consultant reads (Dutch label, cents, article or policy rule).
//
// Method (domain-facts §6; the structure of municipal beleidsregels, the percentages are policy):
// 1. The necessary costs, minus what a voorliggende voorziening pays (Zvw, Wmo, toeslagen…).
// 2. Reference income: the applicable bijstandsnorm without kostendelersnorm (incl. vakantietoeslag),
//    times the policy's percentage (100 % by default; some municipalities use 110–130 %).
// 3. Draagkracht from income: a policy percentage of the net income above the reference, per month,
//    over the draagkrachtperiode (12 months by default). The normal income exemptions of art. 31 lid 2 do
//    not apply to this test (art. 35 lid 1) — the caller passes the whole net income.
// 4. Draagkracht from vermogen: the vermogen above the asset limit of art. 34 lid 3 (policy: 100 %).
// 5. Draagkracht already used by earlier grants in the same period is subtracted from what is left.
// 6. Bijzondere bijstand = necessary costs − remaining draagkracht, never below zero.
// Refusal grounds: costs fully covered by a voorliggende voorziening; costs (with the resident's other
// costs in the last 12 months) at or below the drempel of art. 35 lid 2 (€ 170 in 2025: the college *may*
// refuse, the policy decides whether it does); the draagkracht covers the costs.
//
// Money is integer cents; every percentage is in basis points and rounded half up once, where it applies.

import { invalid, validationFailed, type FieldError } from '../../platform/errors.js';
import { formatCents as euro } from '../allocations/commitment.js';
import type { RekenbladLine } from './pw.leefvorm.js';
import { roundDiv } from './pw.norms.js';

export const CAPACITY_METHOD_VERSION = 1;

/** The municipality's draagkracht policy (settings, data): see `SPECIAL_ASSISTANCE_POLICY_DEFAULTS`. */
export interface CapacityPolicy {
  /** Draagkrachtperiode in months (1–12). */
  periodMonths: number;
  /** Reference income as a share of the norm without kostendelersnorm, in basis points (10000 = 100 %). */
  referenceBasisPoints: number;
  /** Share of the income above the reference counted as draagkracht, in basis points. */
  incomeShareBasisPoints: number;
  /** Share of the vermogen above the asset limit counted as draagkracht, in basis points. */
  assetShareBasisPoints: number;
  /** Art. 35 lid 2: costs at or below this amount within 12 months are refused when `applyThreshold`. */
  thresholdCents: number;
  applyThreshold: boolean;
}

/** Defaults: a common shape in municipal beleidsregels ([K]: percentages are policy, not law). */
export const SPECIAL_ASSISTANCE_POLICY_DEFAULTS: CapacityPolicy = {
  periodMonths: 12,
  referenceBasisPoints: 10_000,
  incomeShareBasisPoints: 3_500,
  assetShareBasisPoints: 10_000,
  thresholdCents: 17_000,
  applyThreshold: true,
};

export interface CapacityInput {
  /** The costs applied for (necessary costs as valued: quote or invoice). */
  costsCents: number;
  /** What a voorliggende voorziening or the collective insurance pays of these costs. */
  coveredElsewhereCents: number;
  /** The household's net income per month (all income, no art. 31 exemptions). */
  monthlyIncomeCents: number;
  /** The household's vermogen (possessions minus debts) as counted for art. 34. */
  assetsCents: number;
  /** The applicable norm per month incl. vakantietoeslag, without kostendelersnorm. */
  referenceNormCents: number;
  /** The asset limit of art. 34 lid 3 for the household's leefvorm. */
  assetLimitCents: number;
  /** Costs of earlier applications of the household within the last 12 months (for the drempel). */
  earlierCostsCents: number;
  /** Draagkracht already taken into account by earlier grants in the running draagkrachtperiode. */
  capacityUsedCents: number;
}

export type CapacityOutcome = 'toekennen' | 'afwijzen';

export interface CapacityResult {
  methodVersion: number;
  policy: CapacityPolicy;
  input: CapacityInput;
  lines: RekenbladLine[];
  necessaryCostsCents: number;
  incomeCapacityPerMonthCents: number;
  capacityCents: number;
  /** Draagkracht still available after what earlier grants used. */
  capacityAvailableCents: number;
  grantCents: number;
  outcome: CapacityOutcome;
  reasons: string[];
}

const MAX_CENTS = 100_000_000;

function checkCents(errors: FieldError[], field: string, value: unknown, label: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) errors.push({ field, message: `${label}: vul een bedrag in hele centen in.` });
  else if (value < 0) errors.push({ field, message: `${label}: een bedrag kan niet negatief zijn.` });
  else if (value > MAX_CENTS) errors.push({ field, message: `${label}: het bedrag ${euro(value)} is onwaarschijnlijk hoog (meer dan ${euro(MAX_CENTS)}).` });
}

function checkBasisPoints(errors: FieldError[], field: string, value: unknown, max: number, label: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    errors.push({ field, message: `${label} moet een geheel getal van 0 tot en met ${max} basispunten zijn.` });
  }
}

/** Refuses a policy that cannot be applied, one Dutch message per field. */
export function validateCapacityPolicy(policy: CapacityPolicy): void {
  const errors: FieldError[] = [];
  if (!Number.isInteger(policy.periodMonths) || policy.periodMonths < 1 || policy.periodMonths > 12) {
    errors.push({ field: 'periodMonths', message: 'De draagkrachtperiode is een geheel aantal maanden van 1 tot en met 12.' });
  }
  checkBasisPoints(errors, 'referenceBasisPoints', policy.referenceBasisPoints, 20_000, 'Het referentie-inkomen');
  checkBasisPoints(errors, 'incomeShareBasisPoints', policy.incomeShareBasisPoints, 10_000, 'Het deel van het inkomen boven de referentie');
  checkBasisPoints(errors, 'assetShareBasisPoints', policy.assetShareBasisPoints, 10_000, 'Het deel van het vermogen boven de grens');
  checkCents(errors, 'thresholdCents', policy.thresholdCents, 'De drempel');
  if (errors.length > 0) throw validationFailed(errors);
}

function validateInput(input: CapacityInput): void {
  const errors: FieldError[] = [];
  checkCents(errors, 'costsCents', input.costsCents, 'De kosten');
  checkCents(errors, 'coveredElsewhereCents', input.coveredElsewhereCents, 'De vergoeding door een voorliggende voorziening');
  checkCents(errors, 'monthlyIncomeCents', input.monthlyIncomeCents, 'Het inkomen per maand');
  checkCents(errors, 'assetsCents', input.assetsCents, 'Het vermogen');
  checkCents(errors, 'referenceNormCents', input.referenceNormCents, 'De bijstandsnorm');
  checkCents(errors, 'assetLimitCents', input.assetLimitCents, 'De vermogensgrens');
  checkCents(errors, 'earlierCostsCents', input.earlierCostsCents, 'De eerdere kosten');
  checkCents(errors, 'capacityUsedCents', input.capacityUsedCents, 'De al gebruikte draagkracht');
  if (errors.length > 0) throw validationFailed(errors);
  if (input.costsCents === 0) throw invalid('costsCents', 'Vul de kosten in: een bedrag groter dan nul.');
}

const pct = (basisPoints: number) => `${(basisPoints / 100).toLocaleString('nl-NL', { maximumFractionDigits: 2 })} %`;

/** The draagkracht and the bijzondere bijstand that follows from it, with every step as a line. */
export function calculateCapacity(input: CapacityInput, policy: CapacityPolicy = SPECIAL_ASSISTANCE_POLICY_DEFAULTS): CapacityResult {
  validateCapacityPolicy(policy);
  validateInput(input);
  const lines: RekenbladLine[] = [];
  const line = (code: string, label: string, cents: number, article: string) => lines.push({ code, label, cents, article });

  line('kosten', 'Kosten waarvoor bijzondere bijstand is gevraagd', input.costsCents, 'art. 35 lid 1 Pw');
  if (input.coveredElsewhereCents > 0) line('kosten:voorliggend', 'Vergoed door een voorliggende voorziening', -Math.min(input.coveredElsewhereCents, input.costsCents), 'art. 15 lid 1 Pw');
  const necessary = Math.max(0, input.costsCents - input.coveredElsewhereCents);
  line('kosten:noodzakelijk', 'Noodzakelijke kosten die overblijven', necessary, 'art. 35 lid 1 Pw');

  const reference = roundDiv(input.referenceNormCents * policy.referenceBasisPoints, 10_000);
  line('inkomen', 'Netto inkomen van het huishouden per maand (zonder vrijlatingen)', input.monthlyIncomeCents, 'art. 35 lid 1 Pw (art. 31 lid 2 geldt niet)');
  line('inkomen:referentie', `Referentie-inkomen: ${pct(policy.referenceBasisPoints)} van de bijstandsnorm zonder kostendelersnorm`, reference, 'beleidsregel draagkracht');
  const above = Math.max(0, input.monthlyIncomeCents - reference);
  line('inkomen:boven-referentie', 'Inkomen boven het referentie-inkomen', above, 'beleidsregel draagkracht');
  const perMonth = roundDiv(above * policy.incomeShareBasisPoints, 10_000);
  line('draagkracht:inkomen-maand', `Draagkracht uit inkomen per maand (${pct(policy.incomeShareBasisPoints)})`, perMonth, 'beleidsregel draagkracht');
  const fromIncome = perMonth * policy.periodMonths;
  line('draagkracht:inkomen', `Draagkracht uit inkomen over de draagkrachtperiode van ${policy.periodMonths} maanden`, fromIncome, 'art. 35 lid 1 Pw, beleidsregel draagkracht');

  line('vermogen', 'Vermogen van het huishouden', input.assetsCents, 'art. 34 lid 1 Pw');
  line('vermogen:grens', 'Vermogensgrens', input.assetLimitCents, 'art. 34 lid 3 Pw');
  const assetsAbove = Math.max(0, input.assetsCents - input.assetLimitCents);
  const fromAssets = roundDiv(assetsAbove * policy.assetShareBasisPoints, 10_000);
  line('draagkracht:vermogen', `Draagkracht uit vermogen boven de grens (${pct(policy.assetShareBasisPoints)})`, fromAssets, 'art. 35 lid 1 Pw, beleidsregel draagkracht');

  const capacity = fromIncome + fromAssets;
  line('draagkracht', 'Draagkracht', capacity, 'art. 35 lid 1 Pw');
  const used = Math.min(input.capacityUsedCents, capacity);
  if (input.capacityUsedCents > 0) line('draagkracht:gebruikt', 'Al ingezet bij eerdere bijzondere bijstand in deze periode', -used, 'beleidsregel draagkracht');
  const available = capacity - used;
  const grant = Math.max(0, necessary - available);
  line('bijzondere-bijstand', 'Bijzondere bijstand: noodzakelijke kosten min draagkracht', grant, 'art. 35 lid 1 Pw');

  const reasons: string[] = [];
  let outcome: CapacityOutcome = 'toekennen';
  if (necessary === 0) {
    outcome = 'afwijzen';
    reasons.push(`De kosten (${euro(input.costsCents)}) worden volledig vergoed door een voorliggende voorziening (art. 15 lid 1 Pw).`);
  } else if (policy.applyThreshold && input.costsCents + input.earlierCostsCents <= policy.thresholdCents) {
    outcome = 'afwijzen';
    reasons.push(
      `De kosten (${euro(input.costsCents)}${input.earlierCostsCents > 0 ? `, met de eerdere kosten in de laatste 12 maanden ${euro(input.costsCents + input.earlierCostsCents)}` : ''}) blijven binnen de drempel van ${euro(policy.thresholdCents)} (art. 35 lid 2 Pw).`,
    );
  } else if (grant === 0) {
    outcome = 'afwijzen';
    reasons.push(`De draagkracht (${euro(available)}) is genoeg om de kosten (${euro(necessary)}) zelf te betalen.`);
  } else {
    reasons.push(
      grant === necessary
        ? `Geen draagkracht: de noodzakelijke kosten (${euro(necessary)}) worden volledig vergoed.`
        : `De noodzakelijke kosten (${euro(necessary)}) min de draagkracht (${euro(available)}) geeft ${euro(grant)}.`,
    );
  }
  return {
    methodVersion: CAPACITY_METHOD_VERSION,
    policy,
    input,
    lines,
    necessaryCostsCents: necessary,
    incomeCapacityPerMonthCents: perMonth,
    capacityCents: capacity,
    capacityAvailableCents: available,
    grantCents: outcome === 'toekennen' ? grant : 0,
    outcome,
    reasons,
  };
}
