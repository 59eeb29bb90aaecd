// The BUIG forecast (financieel model Participatiewet) as a pure function: from the monthly figures of
// the benefits and payments, the year's expected spending against the municipality's BUIG budget.
// The method is explained for policy and finance in docs/participatiewet-forecast.md; in short:
//
// - Flow rates from the last 12 complete months: inflow = the mean number of new benefits per month;
//   outflow rate = ended benefits / benefits running in the month.
// - From the stock at the end of the last month with payments, month by month to December:
//   running(m) = stock(m−1) + inflow; stock(m) = running(m) × (1 − outflow rate).
// - The average payment per benefit-month follows its linear trend over the same 12 months
//   (least squares, simple-statistics); spending(m) = running(m) × average payment(m).
// - A scenario multiplies the inflow and the outflow rate by (1 + percentage / 100).

import { linearRegression, linearRegressionLine } from 'simple-statistics';

/** One month of actual figures (yyyy-mm-01). */
export interface MonthFigures {
  month: string;
  /** Benefits running at the end of the month. */
  stock: number;
  /** Benefits that started in the month. */
  inflow: number;
  /** Benefits that ended in the month. */
  outflow: number;
  /** Payments for the month (one per benefit and run). */
  payments: number;
  /** Paid for the month, in cents. */
  paidCents: number;
  /** Recovered in the month (repayments on recovery claims), in cents, positive. */
  recoveredCents: number;
}

export interface Scenario {
  /** Inflow changed by this percentage (−100 … 500). */
  inflowPercent: number;
  /** Outflow rate changed by this percentage (−100 … 500). */
  outflowPercent: number;
}

export interface ForecastInput {
  year: number;
  /** The actual months, oldest first, at least up to `lastActualMonth` (the 12 before it are used for the rates). */
  history: readonly MonthFigures[];
  /** The last month whose figures count as actual (yyyy-mm-01); the forecast starts the month after. */
  lastActualMonth: string;
  budgetCents: number | null;
  scenario?: Scenario;
}

export interface ForecastMonth {
  month: string;
  kind: 'actual' | 'forecast';
  /** Benefits running in the month (a forecast is an expected number, rounded to one decimal). */
  running: number;
  stock: number;
  inflow: number;
  outflow: number;
  averagePaymentCents: number;
  /** Net spending: paid minus recovered, in cents. */
  spendingCents: number;
  /** Net spending from January up to and including the month. */
  cumulativeCents: number;
}

export interface Forecast {
  year: number;
  lastActualMonth: string;
  scenario: Scenario;
  rates: {
    /** Expected new benefits per month (after the scenario). */
    inflowPerMonth: number;
    /** Share of the running benefits that ends in a month (after the scenario). */
    outflowRate: number;
    /** Average payment per benefit-month: the trend's change per month, in cents. */
    averagePaymentSlopeCents: number;
    /** How many months the rates were taken from. */
    basisMonths: number;
  };
  months: ForecastMonth[];
  actualCents: number;
  forecastCents: number;
  yearTotalCents: number;
  budgetCents: number | null;
  /** Budget minus the year's total: positive is a surplus, negative a deficit; null without a budget. */
  balanceCents: number | null;
}

export const RATE_MONTHS = 12;
export const NO_CHANGE: Scenario = { inflowPercent: 0, outflowPercent: 0 };

export function addMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The inflow per month and the outflow rate of the months, before a scenario. */
export function flowRates(months: readonly MonthFigures[], stockBefore: number): { inflowPerMonth: number; outflowRate: number } {
  if (months.length === 0) return { inflowPerMonth: 0, outflowRate: 0 };
  let running = 0;
  let previous = stockBefore;
  let inflow = 0;
  let outflow = 0;
  for (const m of months) {
    running += previous + m.inflow;
    inflow += m.inflow;
    outflow += m.outflow;
    previous = m.stock;
  }
  return { inflowPerMonth: inflow / months.length, outflowRate: running === 0 ? 0 : Math.min(1, outflow / running) };
}

/** The average payment per benefit-month as a line over the month index; a flat line below three months. */
export function paymentTrend(months: readonly MonthFigures[]): { at: (index: number) => number; slope: number } {
  const points = months.flatMap((m, i) => (m.payments > 0 ? [[i, m.paidCents / m.payments] as [number, number]] : []));
  if (points.length === 0) return { at: () => 0, slope: 0 };
  if (points.length < 3) {
    const mean = points.reduce((s, p) => s + p[1], 0) / points.length;
    return { at: () => mean, slope: 0 };
  }
  const fit = linearRegression(points);
  const line = linearRegressionLine(fit);
  return { at: (index) => Math.max(0, line(index)), slope: fit.m };
}

/** The year's spending: actual months as they were, the rest forecast from the current stock. */
export function forecastYear(input: ForecastInput): Forecast {
  const scenario = input.scenario ?? NO_CHANGE;
  const january = `${input.year}-01-01`;
  const byMonth = new Map(input.history.map((m) => [m.month, m]));
  const basis = input.history.filter((m) => m.month <= input.lastActualMonth).slice(-RATE_MONTHS);
  const beforeBasis = basis.length > 0 ? byMonth.get(addMonth(basis[0]!.month, -1)) : undefined;
  const base = flowRates(basis, beforeBasis?.stock ?? (basis[0] ? basis[0].stock - basis[0].inflow + basis[0].outflow : 0));
  const inflowPerMonth = base.inflowPerMonth * (1 + scenario.inflowPercent / 100);
  const outflowRate = Math.min(1, base.outflowRate * (1 + scenario.outflowPercent / 100));
  const trend = paymentTrend(basis);

  const months: ForecastMonth[] = [];
  let cumulative = 0;
  let stock = byMonth.get(input.lastActualMonth)?.stock ?? 0;
  for (let i = 0; i < 12; i++) {
    const month = addMonth(january, i);
    const actual = month <= input.lastActualMonth ? byMonth.get(month) : undefined;
    if (month <= input.lastActualMonth) {
      const m = actual ?? { month, stock: 0, inflow: 0, outflow: 0, payments: 0, paidCents: 0, recoveredCents: 0 };
      const spending = m.paidCents - m.recoveredCents;
      cumulative += spending;
      const running = (byMonth.get(addMonth(month, -1))?.stock ?? m.stock - m.inflow + m.outflow) + m.inflow;
      months.push({
        month,
        kind: 'actual',
        running,
        stock: m.stock,
        inflow: m.inflow,
        outflow: m.outflow,
        averagePaymentCents: m.payments > 0 ? Math.round(m.paidCents / m.payments) : 0,
        spendingCents: spending,
        cumulativeCents: cumulative,
      });
      continue;
    }
    const running = stock + inflowPerMonth;
    const outflow = running * outflowRate;
    stock = running - outflow;
    // The trend's index counts from the first basis month, so month k after the last actual one is basis.length - 1 + k.
    const index = basis.length - 1 + monthsBetween(input.lastActualMonth, month);
    const average = Math.round(trend.at(index));
    const spending = Math.round(running * average);
    cumulative += spending;
    months.push({ month, kind: 'forecast', running: round1(running), stock: round1(stock), inflow: round1(inflowPerMonth), outflow: round1(outflow), averagePaymentCents: average, spendingCents: spending, cumulativeCents: cumulative });
  }
  const actualCents = months.filter((m) => m.kind === 'actual').reduce((s, m) => s + m.spendingCents, 0);
  const forecastCents = months.filter((m) => m.kind === 'forecast').reduce((s, m) => s + m.spendingCents, 0);
  const yearTotalCents = actualCents + forecastCents;
  return {
    year: input.year,
    lastActualMonth: input.lastActualMonth,
    scenario,
    rates: { inflowPerMonth: round1(inflowPerMonth), outflowRate: Math.round(outflowRate * 10000) / 10000, averagePaymentSlopeCents: Math.round(trend.slope), basisMonths: basis.length },
    months,
    actualCents,
    forecastCents,
    yearTotalCents,
    budgetCents: input.budgetCents,
    balanceCents: input.budgetCents === null ? null : input.budgetCents - yearTotalCents,
  };
}

function monthsBetween(from: string, to: string): number {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return index(to) - index(from);
}
