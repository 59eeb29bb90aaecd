// The BUIG forecast's use cases: the monthly figures with the year's forecast against the budget, the
// municipality's BUIG amount per year (recorded in the admin change log), and scenarios saved with the
// steering report of a month. Everything here is an aggregate: no resident's data leaves it.

import type { Tx } from '../../db/tenancy.js';
import { invalid } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { euro, recordChange } from '../admin/admin.changes.js';
import { PRIVACY_THRESHOLD } from '../insights/insights.kpis.js';
import { addMonth, forecastYear, RATE_MONTHS, type Forecast, type MonthFigures, type Scenario } from './pw.forecast.js';
import { insertBudget, insertScenario, latestPaidPeriod, listBudgets, listScenarios, monthFigures, type BudgetRow } from './pw.forecast.repository.js';
import type { BuigStage } from './pw.forecast.tables.js';

export const buigStageLabels: Record<BuigStage, string> = {
  voorlopig: 'Voorlopig budget (najaar jaar ervoor)',
  'nader-voorlopig': 'Nader voorlopig budget (voorjaar)',
  definitief: 'Definitief budget (najaar)',
  'eigen-raming': 'Eigen raming gemeente',
};

/** Counts of people below the dashboards' threshold are shown as null ("<10"), as on the dashboards. */
export type Count = number | null;

export interface MonthView {
  month: string;
  stock: Count;
  inflow: Count;
  outflow: Count;
  payments: Count;
  paidCents: number;
  recoveredCents: number;
  /** Null when fewer than the threshold were paid (one person's payment would show). */
  averagePaymentCents: number | null;
  /** Income statements for the month, and how many of them report income beside the benefit. */
  statements: Count;
  withIncome: Count;
  /** Net spending (paid minus recovered) from January of the month's year up to and including the month. */
  yearToDateCents: number;
}

export interface BudgetView {
  id: string;
  year: number;
  budgetCents: number;
  stage: BuigStage;
  stageLabel: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ForecastView {
  year: number;
  months: MonthView[];
  budget: BudgetView | null;
  budgetHistory: BudgetView[];
  forecast: ForecastShown;
  /** The same forecast without a scenario, to compare against. */
  baseline: ForecastShown;
}

export type ForecastShown = Omit<Forecast, 'months'> & {
  months: (Omit<Forecast['months'][number], 'running' | 'stock' | 'inflow' | 'outflow' | 'averagePaymentCents'> & {
    running: Count;
    stock: Count;
    inflow: Count;
    outflow: Count;
    averagePaymentCents: number | null;
  })[];
};

/** A count of people, or null below the threshold. */
const shown = (n: number): Count => (n >= PRIVACY_THRESHOLD ? n : null);

/** The actual months' counts are counts of people: small ones are suppressed; forecast months are expectations. */
function suppressForecast(f: Forecast): ForecastShown {
  return {
    ...f,
    months: f.months.map((m) =>
      m.kind === 'forecast'
        ? m
        : { ...m, running: shown(m.running), stock: shown(m.stock), inflow: shown(m.inflow), outflow: shown(m.outflow), averagePaymentCents: m.running >= PRIVACY_THRESHOLD ? m.averagePaymentCents : null },
    ),
  };
}

const budgetView = (r: BudgetRow): BudgetView => ({
  id: r.id,
  year: r.year,
  budgetCents: Number(r.budget_cents),
  stage: r.stage,
  stageLabel: buigStageLabels[r.stage],
  note: r.note,
  recordedBy: r.recorded_by_name,
  recordedAt: r.recorded_at.toISOString(),
});

/** The last complete month before `today` (yyyy-mm-01). */
export const lastCompleteMonth = (today: string) => addMonth(`${today.slice(0, 7)}-01`, -1);

/**
 * The date a steering report's forecast is computed as of: the first day after the report month
 * ('yyyy-mm'), so its actual months end with that month, or today while that day has not come.
 */
export function reportForecastDate(month: string, today: string): string {
  const after = addMonth(`${month}-01`, 1);
  return after < today ? after : today;
}

/** The year a forecast defaults to: the year of the last complete month. */
export const defaultForecastYear = (today: string) => Number(lastCompleteMonth(today).slice(0, 4));

export function validateScenario(input: { inflowPercent: number; outflowPercent: number }): Scenario {
  for (const [field, value, label] of [
    ['inflowPercent', input.inflowPercent, 'instroom'],
    ['outflowPercent', input.outflowPercent, 'uitstroom'],
  ] as const) {
    if (!Number.isFinite(value)) throw invalid(field, `Vul voor de ${label} een percentage in, bijvoorbeeld 10 of -5.`);
    if (value < -100 || value > 500) throw invalid(field, `De verandering van de ${label} ligt tussen -100 % en 500 %.`);
    if (Math.round(value * 10) !== value * 10) throw invalid(field, `Gebruik voor de ${label} hoogstens één cijfer achter de komma.`);
  }
  return { inflowPercent: input.inflowPercent, outflowPercent: input.outflowPercent };
}

/** The monthly figures and the forecast of `year`, with the data as it is on `today`. */
export async function getForecast(tx: Tx, input: { today: string; year?: number; scenario?: Scenario }): Promise<ForecastView> {
  const year = input.year ?? defaultForecastYear(input.today);
  const scenario = validateScenario(input.scenario ?? { inflowPercent: 0, outflowPercent: 0 });
  const cap = [lastCompleteMonth(input.today), `${year}-12-01`].sort()[0]!;
  const paid = await latestPaidPeriod(tx, cap);
  const december = `${year - 1}-12-01`;
  const lastActualMonth = paid && paid > december ? paid : december;
  // The rates need the 12 months before the last actual one and the stock of the month before those.
  const first = [addMonth(lastActualMonth, -RATE_MONTHS), `${year}-01-01`].sort()[0]!;
  const last = [lastActualMonth, `${year}-12-01`].sort().at(-1)!;
  const rows = await monthFigures(tx, { first, last: [last, cap].sort()[0]! });
  const history: MonthFigures[] = rows
    .filter((r) => r.month <= lastActualMonth)
    .map((r) => ({ month: r.month, stock: r.stock, inflow: r.inflow, outflow: r.outflow, payments: r.payments, paidCents: Number(r.paid_cents), recoveredCents: Number(r.recovered_cents) }));
  const budgets = await listBudgets(tx, [year]);
  const budget = budgets[0] ? budgetView(budgets[0]) : null;
  const forecastInput = { year, history, lastActualMonth, budgetCents: budget?.budgetCents ?? null };
  let yearToDate = 0;
  const months = rows
    .filter((r) => r.month.startsWith(`${year}-`))
    .map((r): MonthView => {
      const paidCents = Number(r.paid_cents);
      const recoveredCents = Number(r.recovered_cents);
      yearToDate += paidCents - recoveredCents;
      return {
        month: r.month,
        stock: shown(r.stock),
        inflow: shown(r.inflow),
        outflow: shown(r.outflow),
        payments: shown(r.payments),
        paidCents,
        recoveredCents,
        averagePaymentCents: r.payments >= PRIVACY_THRESHOLD ? Math.round(paidCents / r.payments) : null,
        statements: shown(r.statements),
        withIncome: shown(r.with_income),
        yearToDateCents: yearToDate,
      };
    });
  return {
    year,
    months,
    budget,
    budgetHistory: budgets.map(budgetView),
    forecast: suppressForecast(forecastYear({ ...forecastInput, scenario })),
    baseline: suppressForecast(forecastYear(forecastInput)),
  };
}

export async function listBuigBudgets(tx: Tx): Promise<BudgetView[]> {
  return (await listBudgets(tx)).map(budgetView);
}

/** Records the municipality's BUIG amount for a year; the newest amount of a year counts. */
export async function setBuigBudget(tx: Tx, ctx: Actor, input: { year: number; budgetCents: number; stage: BuigStage; note: string }): Promise<BudgetView> {
  const before = (await listBudgets(tx, [input.year]))[0];
  await insertBudget(tx, { tenantId: ctx.tenantId, userId: ctx.actorId, ...input, note: input.note.trim() });
  await recordChange(tx, ctx, {
    section: 'budget_lines',
    subject: `BUIG-budget ${input.year}`,
    action: `BUIG-budget ${input.year} vastgelegd: ${euro(input.budgetCents)} (${buigStageLabels[input.stage].toLowerCase()})${before ? `, was ${euro(Number(before.budget_cents))}` : ''}.`,
    before: before ? { year: input.year, budgetCents: Number(before.budget_cents), stage: before.stage, note: before.note } : null,
    after: { year: input.year, budgetCents: input.budgetCents, stage: input.stage, note: input.note.trim() },
  });
  return budgetView((await listBudgets(tx, [input.year]))[0]!);
}

export interface SavedScenario {
  id: string;
  month: string;
  name: string;
  inflowPercent: number;
  outflowPercent: number;
  result: ScenarioResult;
  createdBy: string;
  createdAt: string;
}

/** What a saved scenario keeps of its forecast: enough to discuss it as it was. */
export interface ScenarioResult {
  year: number;
  lastActualMonth: string;
  inflowPerMonth: number;
  outflowRate: number;
  yearTotalCents: number;
  budgetCents: number | null;
  balanceCents: number | null;
  baselineYearTotalCents: number;
  baselineBalanceCents: number | null;
}

/** Saves a scenario with the steering report of `month` ('yyyy-mm'), with the forecast it gives today. */
export async function saveScenario(
  tx: Tx,
  ctx: Actor,
  input: { today: string; month: string; name: string; inflowPercent: number; outflowPercent: number },
): Promise<SavedScenario> {
  const scenario = validateScenario(input);
  const name = input.name.trim();
  if (name.length === 0) throw invalid('name', 'Geef het scenario een naam.');
  const view = await getForecast(tx, { today: reportForecastDate(input.month, input.today), year: Number(input.month.slice(0, 4)), scenario });
  const result: ScenarioResult = {
    year: view.year,
    lastActualMonth: view.forecast.lastActualMonth,
    inflowPerMonth: view.forecast.rates.inflowPerMonth,
    outflowRate: view.forecast.rates.outflowRate,
    yearTotalCents: view.forecast.yearTotalCents,
    budgetCents: view.forecast.budgetCents,
    balanceCents: view.forecast.balanceCents,
    baselineYearTotalCents: view.baseline.yearTotalCents,
    baselineBalanceCents: view.baseline.balanceCents,
  };
  const month = `${input.month}-01`;
  const id = await insertScenario(tx, { tenantId: ctx.tenantId, userId: ctx.actorId, month, name, ...scenario, result });
  return (await listSavedScenarios(tx, { month: input.month })).find((s) => s.id === id)!;
}

/** The scenarios saved with the steering report of `month` ('yyyy-mm'), oldest first. */
export async function listSavedScenarios(tx: Tx, input: { month: string }): Promise<SavedScenario[]> {
  return (await listScenarios(tx, `${input.month}-01`)).map((s) => ({
    id: s.id,
    month: s.month.slice(0, 7),
    name: s.name,
    inflowPercent: Number(s.inflow_percent),
    outflowPercent: Number(s.outflow_percent),
    result: s.result as ScenarioResult,
    createdBy: s.created_by_name,
    createdAt: s.created_at.toISOString(),
  }));
}
