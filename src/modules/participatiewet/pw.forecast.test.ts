import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonth, flowRates, forecastYear, paymentTrend, type MonthFigures } from './pw.forecast.js';

/** Months from `first` with a stock that follows the flows exactly. */
function history(first: string, startStock: number, flows: readonly { inflow: number; outflow: number; average?: number; recovered?: number }[]): MonthFigures[] {
  let stock = startStock;
  return flows.map((f, i) => {
    const running = stock + f.inflow;
    const outflow = Math.min(f.outflow, running);
    stock = running - outflow;
    const payments = running;
    return { month: addMonth(first, i), stock, inflow: f.inflow, outflow, payments, paidCents: payments * (f.average ?? 100_000), recoveredCents: f.recovered ?? 0 };
  });
}

const steady = (n: number, inflow: number, outflow: number) => Array.from({ length: n }, () => ({ inflow, outflow }));

describe('flowRates', () => {
  it('takes the mean inflow and the share of running benefits that ends', () => {
    const months = history('2025-01-01', 100, [{ inflow: 10, outflow: 11 }, { inflow: 20, outflow: 10 }]);
    // running: 110 and 99 + 20 = 119; ended 21 of 229.
    expect(flowRates(months, 100)).toEqual({ inflowPerMonth: 15, outflowRate: 21 / 229 });
    expect(flowRates([], 0)).toEqual({ inflowPerMonth: 0, outflowRate: 0 });
  });
});

describe('paymentTrend', () => {
  it('follows a rising average payment with a least-squares line', () => {
    const months = [100_000, 101_000, 102_000, 103_000].map((average, i) => ({ month: addMonth('2025-01-01', i), stock: 10, inflow: 0, outflow: 0, payments: 10, paidCents: 10 * average, recoveredCents: 0 }));
    const trend = paymentTrend(months);
    expect(trend.slope).toBeCloseTo(1_000, 6);
    expect(trend.at(6)).toBeCloseTo(106_000, 6);
  });

  it('is flat with fewer than three months, and never negative', () => {
    const two = [90_000, 110_000].map((average, i) => ({ month: addMonth('2025-01-01', i), stock: 1, inflow: 0, outflow: 0, payments: 1, paidCents: average, recoveredCents: 0 }));
    expect(paymentTrend(two).at(10)).toBe(100_000);
    const falling = [30_000, 20_000, 10_000].map((average, i) => ({ month: addMonth('2025-01-01', i), stock: 1, inflow: 0, outflow: 0, payments: 1, paidCents: average, recoveredCents: 0 }));
    expect(paymentTrend(falling).at(12)).toBe(0);
  });
});

describe('forecastYear', () => {
  const months = history('2025-01-01', 200, [...steady(18, 10, 10)]);

  it('keeps the actual months as they were and forecasts the rest of the year', () => {
    const f = forecastYear({ year: 2026, history: months, lastActualMonth: '2026-06-01', budgetCents: 30_000_000 });
    expect(f.months.map((m) => m.kind)).toEqual([...Array(6).fill('actual'), ...Array(6).fill('forecast')]);
    expect(f.months[0]).toMatchObject({ month: '2026-01-01', running: 210, stock: 200, spendingCents: 210 * 100_000 });
    // Steady flows: 10 in, 10 of 210 out; the stock stays at 200 and 210 run each month.
    expect(f.months[11]!.running).toBe(210);
    expect(f.yearTotalCents).toBe(12 * 210 * 100_000);
    expect(f.balanceCents).toBe(30_000_000 - 12 * 210 * 100_000);
    expect(f.rates).toMatchObject({ inflowPerMonth: 10, basisMonths: 12 });
  });

  it('subtracts recovered money from the spending', () => {
    const withRecovery = history('2025-07-01', 200, [...steady(6, 10, 10), { inflow: 10, outflow: 10, recovered: 50_000 }]);
    const f = forecastYear({ year: 2026, history: withRecovery, lastActualMonth: '2026-01-01', budgetCents: null });
    expect(f.months[0]!.spendingCents).toBe(210 * 100_000 - 50_000);
    expect(f.balanceCents).toBeNull();
  });

  it('forecasts the whole year from the stock of December when no month of the year has payments yet', () => {
    const f = forecastYear({ year: 2026, history: months.slice(0, 12), lastActualMonth: '2025-12-01', budgetCents: 0 });
    expect(f.months.every((m) => m.kind === 'forecast')).toBe(true);
    expect(f.actualCents).toBe(0);
    expect(f.months[0]!.running).toBe(210);
  });

  it('gives an empty forecast without any data', () => {
    const f = forecastYear({ year: 2026, history: [], lastActualMonth: '2025-12-01', budgetCents: 100 });
    expect(f.yearTotalCents).toBe(0);
    expect(f.balanceCents).toBe(100);
  });

  it('raises the year-end spending when the inflow goes up by 10 %', () => {
    const base = forecastYear({ year: 2026, history: months, lastActualMonth: '2026-06-01', budgetCents: 0 });
    const more = forecastYear({ year: 2026, history: months, lastActualMonth: '2026-06-01', budgetCents: 0, scenario: { inflowPercent: 10, outflowPercent: 0 } });
    expect(more.rates.inflowPerMonth).toBe(11);
    expect(more.yearTotalCents).toBeGreaterThan(base.yearTotalCents);
    expect(more.actualCents).toBe(base.actualCents);
  });

  const flows = fc.array(fc.record({ inflow: fc.integer({ min: 0, max: 50 }), outflow: fc.integer({ min: 0, max: 50 }), average: fc.integer({ min: 0, max: 300_000 }) }), { minLength: 1, maxLength: 24 });
  const percent = fc.integer({ min: -100, max: 500 });
  const arbitraryHistory = fc.tuple(fc.integer({ min: 50, max: 1000 }), flows).map(([stock, f]) => history('2025-01-01', stock, f));
  const lastActual = (h: MonthFigures[], back: number) => h[Math.max(0, h.length - 1 - back)]!.month;

  it('property: without inflow and outflow the stock stays as it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 11 }), (stock, n, back) => {
        const h = history('2025-01-01', stock, steady(n, 0, 0));
        const f = forecastYear({ year: Number(lastActual(h, back).slice(0, 4)), history: h, lastActualMonth: lastActual(h, back), budgetCents: null, scenario: { inflowPercent: 0, outflowPercent: 0 } });
        for (const m of f.months.filter((x) => x.kind === 'forecast')) expect([m.running, m.stock]).toEqual([stock, stock]);
      }),
    );
  });

  it('property: more inflow never lowers the forecast, more outflow never raises it', () => {
    fc.assert(
      fc.property(arbitraryHistory, percent, percent, percent, fc.integer({ min: 0, max: 6 }), (h, a, b, other, back) => {
        const last = lastActual(h, back);
        const year = Number(last.slice(0, 4));
        const run = (inflowPercent: number, outflowPercent: number) => forecastYear({ year, history: h, lastActualMonth: last, budgetCents: 1e9, scenario: { inflowPercent, outflowPercent } });
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(run(hi, other).yearTotalCents).toBeGreaterThanOrEqual(run(lo, other).yearTotalCents);
        expect(run(other, hi).yearTotalCents).toBeLessThanOrEqual(run(other, lo).yearTotalCents);
        expect(run(hi, other).balanceCents!).toBeLessThanOrEqual(run(lo, other).balanceCents!);
      }),
    );
  });

  it('property: the year total is the actual plus the forecast months, and the cumulative column ends there', () => {
    fc.assert(
      fc.property(arbitraryHistory, percent, percent, (h, inflowPercent, outflowPercent) => {
        const last = h.at(-1)!.month;
        const f = forecastYear({ year: Number(last.slice(0, 4)), history: h, lastActualMonth: last, budgetCents: 5e8, scenario: { inflowPercent, outflowPercent } });
        expect(f.months).toHaveLength(12);
        expect(f.yearTotalCents).toBe(f.months.reduce((s, m) => s + m.spendingCents, 0));
        expect(f.months.at(-1)!.cumulativeCents).toBe(f.yearTotalCents);
        expect(f.balanceCents).toBe(5e8 - f.yearTotalCents);
        for (const m of f.months) expect(m.running).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
