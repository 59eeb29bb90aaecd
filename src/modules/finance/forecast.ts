// Year-end forecast (prognose jaareinde) of a budget line, a provider on it, or one allocation.
// Pure: the repository gathers the facts set-based, these functions do the arithmetic. Money in
// integer cents; docs/finance-forecast.md explains the method with a worked example.
//
// The year is split at the first open month m0: the months before m0 have passed (their cost is
// what providers declared), m0 … December are open.
//
// Per allocation:
//   realised             declarations for months of the year (passed and, rarely, open ones)
//   remaining commitment the year's commitment × (days of its validity on or after m0) ÷ (days of
//                        its validity in the year): the commitment is spread evenly over the days
//                        the allocation runs this year (pro rata, like the commitment itself)
//   forecast             realised in passed months + max(remaining commitment, realised in open months)
// So a declaration for a passed month adds exactly its amount to the forecast, and an underspent
// passed month is not expected to be made up later.
//
// Inflow: the allocations made in the 12 months before m0 are expected to recur at the same pace
// (each once per 12 months), starting evenly spread over the open months, each at its own monthly
// cost for its own duration, cut off at the end of the year. With R open months, an allocation
// with commitment C over L months (L = validity days ÷ 365.25/12) that recurs in open month k
// runs min(L, R − k + 1) months of this year, so it is expected to add
//   C/L × (1/12) × Σ_{j=1..R} min(L, j).

/** Average length of a month in days (365.25 / 12). */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface AllocationYearFacts {
  /** Commitment (verplichting) for the year as known. */
  commitmentCents: number;
  /** Declarations for months before the first open month. */
  realisedPassedCents: number;
  /** Declarations for open months (a provider may declare ahead; usually 0). */
  realisedOpenCents: number;
  /** Days of the year covered by the allocation's validity. */
  validDays: number;
  /** Of those, the days on or after the first open month. */
  validOpenDays: number;
}

export interface YearCalendar {
  /** Days in the year (365 or 366). */
  yearDays: number;
  /** Days from the first open month to the end of the year (0 for a year that has passed). */
  openDays: number;
  /** Months from the first open month to the end of the year, 0 … 12. */
  openMonths: number;
}

export interface AllocationForecast {
  realisedCents: number;
  remainingCommitmentCents: number;
  forecastCents: number;
}

/** A new allocation of the last 12 months: its whole commitment and the days it is valid (all years). */
export interface NewAllocationFacts {
  commitmentCents: number;
  validDays: number;
}

export interface ForecastFigures {
  allocations: number;
  committedCents: number;
  realisedCents: number;
  remainingCommitmentCents: number;
  inflowCents: number;
  forecastCents: number;
}

export const ZERO_FIGURES: ForecastFigures = { allocations: 0, committedCents: 0, realisedCents: 0, remainingCommitmentCents: 0, inflowCents: 0, forecastCents: 0 };

/** The calendar of `year` split at `firstOpenMonth` ('yyyy-mm'), clamped to the year. */
export function yearCalendar(year: number, firstOpenMonth: string): YearCalendar {
  const day = (y: number, m: number) => Date.UTC(y, m, 1) / 86_400_000;
  const [openYear, openMonth] = [Number(firstOpenMonth.slice(0, 4)), Number(firstOpenMonth.slice(5, 7)) - 1];
  const start = day(year, 0);
  const end = day(year + 1, 0);
  const m0 = Math.min(end, Math.max(start, day(openYear, openMonth)));
  const openMonths = openYear < year ? 12 : openYear > year ? 0 : 12 - openMonth;
  return { yearDays: end - start, openDays: end - m0, openMonths };
}

export function forecastAllocation(facts: AllocationYearFacts, calendar: YearCalendar): AllocationForecast {
  const share = facts.validDays > 0 ? facts.validOpenDays / facts.validDays : calendar.openDays / calendar.yearDays;
  const remainingCommitmentCents = Math.round(facts.commitmentCents * share);
  return {
    realisedCents: facts.realisedPassedCents + facts.realisedOpenCents,
    remainingCommitmentCents,
    forecastCents: facts.realisedPassedCents + Math.max(remainingCommitmentCents, facts.realisedOpenCents),
  };
}

/** Σ_{j=1..R} min(L, j): the months of this year that recurrences in the R open months run, summed. */
export function recurrenceMonths(openMonths: number, durationMonths: number): number {
  let months = 0;
  for (let j = 1; j <= openMonths; j++) months += Math.min(durationMonths, j);
  return months;
}

/** Expected cost this year of new allocations like `recent` (the last 12 months), unrounded. */
export function expectedInflow(recent: readonly NewAllocationFacts[], openMonths: number): number {
  let cents = 0;
  for (const n of recent) {
    const duration = Math.max(n.validDays, 1) / DAYS_PER_MONTH;
    cents += ((n.commitmentCents / duration) * recurrenceMonths(openMonths, duration)) / 12;
  }
  return cents;
}

/** The figures of one group (a provider on a line, or a line): its allocations, and the new allocations that predict its inflow. */
export function forecastGroup(allocations: readonly AllocationYearFacts[], recent: readonly NewAllocationFacts[], calendar: YearCalendar): ForecastFigures {
  const figures = { ...ZERO_FIGURES, allocations: allocations.length };
  for (const facts of allocations) {
    const f = forecastAllocation(facts, calendar);
    figures.committedCents += facts.commitmentCents;
    figures.realisedCents += f.realisedCents;
    figures.remainingCommitmentCents += f.remainingCommitmentCents;
    figures.forecastCents += f.forecastCents;
  }
  figures.inflowCents = Math.round(expectedInflow(recent, calendar.openMonths));
  figures.forecastCents += figures.inflowCents;
  return figures;
}

export function addFigures(a: ForecastFigures, b: ForecastFigures): ForecastFigures {
  return {
    allocations: a.allocations + b.allocations,
    committedCents: a.committedCents + b.committedCents,
    realisedCents: a.realisedCents + b.realisedCents,
    remainingCommitmentCents: a.remainingCommitmentCents + b.remainingCommitmentCents,
    inflowCents: a.inflowCents + b.inflowCents,
    forecastCents: a.forecastCents + b.forecastCents,
  };
}
