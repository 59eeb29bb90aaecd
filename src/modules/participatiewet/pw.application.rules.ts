// The terms of a Participatiewet application, as data, and the pure rules built on them.
// - Decision within 8 weeks of the application: the case type's decision term (Awb 4:13 with the Pw),
//   suspended by a hersteltermijn (Awb 4:5, 4:15) through the case's suspension events.
// - Advance (voorschot, art. 52 lid 1 sub a/b Pw): when the right cannot be established within 4 weeks
//   of the application, an advance is given within that period.
// - Search period (zoektermijn, art. 41 lid 4 Pw): an applicant under 27 can apply at the earliest
//   4 weeks after reporting (melding); the application date can only follow it.

import { addDays } from '../../platform/calendar.js';
import { invalid } from '../../platform/errors.js';
import { addTerm } from '../cases/deadline.js';
import { fullYearsOn } from './pw.leefvorm.js';
import { formatCents as euro } from '../allocations/commitment.js';

export const PW_APPLICATION_TERMS = {
  /** The case type of an application for levensonderhoud (the demo and a municipality's configuration). */
  caseTypeCode: 'PW-LO',
  decisionTerm: 'P8W',
  advanceTerm: 'P4W',
  searchPeriod: 'P4W',
  /** The search period applies to applicants younger than this on the day they report. */
  searchPeriodBelowAge: 27,
} as const;

/** Settings keys (table `settings`) and their defaults when a municipality set none. */
export const PW_SETTINGS = {
  /** A grant whose monthly payment exceeds this needs a second team lead (four eyes). */
  approvalThresholdKey: 'pw_decision_approval_threshold_cents',
  approvalThresholdDefaultCents: 150_000,
  /** Months from the start of a benefit to its first re-examination (heronderzoek). */
  reexaminationIntervalKey: 'pw_reexamination_interval_months',
  reexaminationIntervalDefaultMonths: 12,
} as const;

/** The last day of the search period for an applicant under 27, or null when none applies. */
export function searchPeriodEndsOn(birthDate: string, reportedOn: string): string | null {
  if (fullYearsOn(birthDate, reportedOn) >= PW_APPLICATION_TERMS.searchPeriodBelowAge) return null;
  return addTerm(reportedOn, PW_APPLICATION_TERMS.searchPeriod);
}

/** The first day an application can be made: the day after the search period, or the report date. */
export function earliestApplicationOn(reportedOn: string, searchEnds: string | null): string {
  return searchEnds === null ? reportedOn : addDays(searchEnds, 1);
}

/** Refuses an application date before the report or within the search period, with a Dutch message. */
export function checkApplicationDate(input: { reportedOn: string; appliedOn: string; searchEnds: string | null; today: string }): void {
  if (input.appliedOn > input.today) throw invalid('appliedOn', 'De aanvraagdatum ligt in de toekomst.');
  if (input.appliedOn < input.reportedOn) throw invalid('appliedOn', 'De aanvraagdatum ligt vóór de meldingsdatum.');
  if (input.searchEnds !== null && input.appliedOn <= input.searchEnds) {
    throw invalid(
      'appliedOn',
      `De aanvrager is jonger dan 27 jaar: de zoektermijn van 4 weken loopt tot en met ${input.searchEnds} (art. 41 lid 4 Pw). De aanvraag kan vanaf ${earliestApplicationOn(input.reportedOn, input.searchEnds)} worden gedaan.`,
    );
  }
}

/** The day by which an advance must be paid while the right is not yet decided. */
export function advanceDueOn(appliedOn: string): string {
  return addTerm(appliedOn, PW_APPLICATION_TERMS.advanceTerm);
}

/** An advance is a positive amount of at most the expected monthly payment, paid on or after the application. */
export function checkAdvance(input: { cents: number; paidOn: string; appliedOn: string; today: string; expectedMonthlyCents: number }): void {
  if (!Number.isSafeInteger(input.cents) || input.cents <= 0) throw invalid('cents', 'Vul een bedrag groter dan nul in, in hele centen.');
  if (input.expectedMonthlyCents <= 0) throw invalid('cents', 'Volgens het rekenblad is er geen recht op bijstand: een voorschot is niet mogelijk.');
  if (input.cents > input.expectedMonthlyCents) {
    throw invalid('cents', `Het voorschot is ten hoogste de verwachte betaling per maand (${euro(input.expectedMonthlyCents)}).`);
  }
  if (input.paidOn < input.appliedOn) throw invalid('paidOn', 'De betaaldatum ligt vóór de aanvraag.');
  if (input.paidOn > input.today) throw invalid('paidOn', 'De betaaldatum ligt in de toekomst.');
}

/** The first day of the month of a date: a benefit's basis applies per calendar month. */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 8)}01`;
}
