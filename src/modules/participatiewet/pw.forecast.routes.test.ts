import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The test database may hold a few benefits of its own (without payments in these years); counts are relative to them.
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { addMonth } from './pw.forecast.js';

// A known dataset relative to today: 12 benefits running since 18 months, 2 more that started 3 months
// before the last complete month, one that ended in that month; €1,000 paid per benefit and month.
let t: TestApp;
let policy: Staff;
let teamLead: Staff;
let consultant: Staff;
let kcc: Staff;
let admin: Staff;
const today = todayInAmsterdam();
const lastComplete = addMonth(`${today.slice(0, 7)}-01`, -1);
const year = Number(lastComplete.slice(0, 4));
const PAYMENT = 100_000;
/** Benefits the test database already has running at the end of the last complete month (paid or not). */
let before = 0;
let baseline: ForecastBody;

beforeAll(async () => {
  t = await createTestApp();
  [policy, teamLead, consultant, kcc, admin] = await Promise.all([
    createStaff(t, { roles: ['policy'] }),
    createStaff(t, { roles: ['team_lead'] }),
    createStaff(t, { roles: ['consultant'] }),
    createStaff(t, { roles: ['kcc'] }),
    createStaff(t, { roles: ['admin'] }),
  ]);
  before = await withTenant(t.database.db, TENANT, async (tx) =>
    Number(
      (
        await tx
          .selectFrom('pw_benefits')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('start_date', '<', addMonth(lastComplete, 1))
          .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', addMonth(lastComplete, 1))]))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );
  baseline = (await get('/api/pw/forecast', policy.cookie)).json() as ForecastBody;
  const residents: { id: string }[] = [];
  for (let i = 0; i < 15; i++) residents.push(await createResident(t));
  await withTenant(t.database.db, TENANT, async (tx) => {
    for (const [i, resident] of residents.entries()) {
      const start = i < 12 ? addMonth(lastComplete, -18) : i < 14 ? addMonth(lastComplete, -3) : addMonth(lastComplete, -18);
      const end = i === 14 ? `${lastComplete.slice(0, 8)}15` : null;
      const benefit = await tx
        .insertInto('pw_benefits')
        .values({ tenant_id: TENANT, reference: `PW-T-${i}`, resident_id: resident.id, consultant_id: null, norm: 'alleenstaande', monthly_cents: PAYMENT, start_date: start, end_date: end, last_reexamination_on: null, next_reexamination_on: addMonth(today, 6) })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (let period = start; period <= lastComplete; period = addMonth(period, 1)) {
        await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: benefit.id, period, paid_on: period, cents: PAYMENT }).execute();
      }
    }
  });
});
afterAll(async () => t.close());

interface ForecastBody {
  year: number;
  months: { month: string; stock: number | null; inflow: number | null; outflow: number | null; paidCents: number; averagePaymentCents: number | null; yearToDateCents: number }[];
  budget: { budgetCents: number; note: string } | null;
  forecast: { lastActualMonth: string; yearTotalCents: number; actualCents: number; balanceCents: number | null; rates: { inflowPerMonth: number }; months: { kind: string }[] };
  baseline: { yearTotalCents: number; balanceCents: number | null };
}
interface ErrorBody {
  error: { code: string; fields?: { field: string; message: string }[] };
}
const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });
const post = (url: string, payload: object, cookie?: string) => t.app.inject({ method: 'POST', url, payload, ...(cookie ? { headers: { cookie } } : {}) });

describe('GET /api/pw/forecast', () => {
  it('needs a session and the insights permission', async () => {
    expect((await get('/api/pw/forecast')).statusCode).toBe(401);
    expect((await get('/api/pw/forecast', kcc.cookie)).statusCode).toBe(403);
    expect((await get('/api/pw/forecast', consultant.cookie)).statusCode).toBe(403);
  });

  it('shows the monthly figures of the year from the benefits and payments', async () => {
    const response = await get('/api/pw/forecast', policy.cookie);
    expect(response.statusCode).toBe(200);
    const body = response.json() as ForecastBody;
    expect(body.year).toBe(year);
    const last = body.months.find((m) => m.month === lastComplete)!;
    // 15 running in the month, one ends in it: 14 at the end of the month; 15 paid.
    const lastBefore = baseline.months.find((m) => m.month === lastComplete)!;
    expect(last.stock).toBe(before + 14);
    expect(last.paidCents - lastBefore.paidCents).toBe(15 * PAYMENT);
    // Inflow and outflow of a few are counts below 10: suppressed.
    expect(last.outflow).toBeNull();
    const paidThisYear = body.months.filter((m) => m.month <= lastComplete).reduce((s, m) => s + m.paidCents, 0);
    const ours = body.months.filter((m) => m.month <= lastComplete).reduce((sum, m) => sum + (13 + (m.month >= addMonth(lastComplete, -3) ? 2 : 0)) * PAYMENT, 0);
    expect(paidThisYear - baseline.months.filter((m) => m.month <= lastComplete).reduce((s, m) => s + m.paidCents, 0)).toBe(ours);
    expect(last.yearToDateCents).toBe(paidThisYear);
    expect(body.forecast.lastActualMonth).toBe(lastComplete);
    expect(body.forecast.actualCents).toBe(paidThisYear);
    expect(body.forecast.rates.inflowPerMonth).toBeGreaterThanOrEqual(2 / 12 - 0.05);
    expect(body.budget).toBeNull();
    expect(body.forecast.balanceCents).toBeNull();
  });

  it('answers a scenario with a higher year total when the inflow goes up, and refuses an absurd percentage in Dutch', async () => {
    const base = (await get('/api/pw/forecast', policy.cookie)).json() as ForecastBody;
    const more = (await get('/api/pw/forecast?inflowPercent=200', policy.cookie)).json() as ForecastBody;
    if (base.forecast.months.some((m) => m.kind === 'forecast')) expect(more.forecast.yearTotalCents).toBeGreaterThan(base.forecast.yearTotalCents);
    expect(more.baseline.yearTotalCents).toBe(base.forecast.yearTotalCents);
    const bad = await get('/api/pw/forecast?inflowPercent=900&outflowPercent=abc', policy.cookie);
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as ErrorBody).error.fields!;
    expect(fields.find((f) => f.field === 'inflowPercent')?.message).toMatch(/tussen -100 % en 500 %/);
    expect(fields.find((f) => f.field === 'outflowPercent')?.message).toMatch(/percentage/);
  });
});

describe('POST /api/pw/buig-budgets', () => {
  it('records the BUIG amount of a year (newest counts), in the admin change log; the forecast measures against it', async () => {
    expect((await post('/api/pw/buig-budgets', { year, budgetCents: 1, stage: 'voorlopig', note: 'x' })).statusCode).toBe(401);
    expect((await post('/api/pw/buig-budgets', { year, budgetCents: 1, stage: 'voorlopig', note: 'x' }, teamLead.cookie)).statusCode).toBe(403);
    const first = await post('/api/pw/buig-budgets', { year, budgetCents: 20_000_000, stage: 'voorlopig', note: 'Brief SZW september' }, policy.cookie);
    expect(first.statusCode).toBe(201);
    const second = await post('/api/pw/buig-budgets', { year, budgetCents: 25_000_000, stage: 'nader-voorlopig', note: 'Beschikking voorjaar' }, admin.cookie);
    expect(second.statusCode).toBe(201);
    const forecast = (await get('/api/pw/forecast', policy.cookie)).json() as ForecastBody;
    expect(forecast.budget).toMatchObject({ budgetCents: 25_000_000, note: 'Beschikking voorjaar' });
    expect(forecast.forecast.balanceCents).toBe(25_000_000 - forecast.forecast.yearTotalCents);
    const list = (await get('/api/pw/buig-budgets', policy.cookie)).json() as { budgetCents: number }[];
    expect(list.map((b) => b.budgetCents)).toEqual([25_000_000, 20_000_000]);
    const changes = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('admin_changes').select(['subject', 'action']).where('subject', '=', `BUIG-budget ${year}`).execute());
    expect(changes).toHaveLength(2);
    expect(changes.map((c) => c.action).join(' ')).toMatch(/was €\s200\.000,00/);
  });

  it('refuses bad input with a Dutch message per field and stores nothing', async () => {
    const response = await post('/api/pw/buig-budgets', { year: 1800, budgetCents: -5, stage: 'gok', note: ' ' }, policy.cookie);
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as ErrorBody).error.fields!.map((f) => f.field).sort();
    expect(fields).toEqual(['budgetCents', 'note', 'stage', 'year']);
    const stored = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('pw_buig_budgets').select('id').where('year', '=', 1800).execute());
    expect(stored).toEqual([]);
  });
});

describe('scenarios with the steering report', () => {
  const month = lastComplete.slice(0, 7);

  it('saves a scenario with its forecast, shows it on the Pw steering report and refuses bad input', async () => {
    expect((await post('/api/pw/forecast/scenarios', { month, name: 'x', inflowPercent: 10, outflowPercent: 0 }, policy.cookie.replace(/=.*/, '=nope'))).statusCode).toBe(401);
    expect((await post('/api/pw/forecast/scenarios', { month, name: 'x', inflowPercent: 10, outflowPercent: 0 }, consultant.cookie)).statusCode).toBe(403);
    const bad = await post('/api/pw/forecast/scenarios', { month: '2026-13', name: '', inflowPercent: 'veel', outflowPercent: -101 }, policy.cookie);
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as ErrorBody).error.fields!.map((f) => f.field).sort()).toEqual(['inflowPercent', 'month', 'name', 'outflowPercent']);

    const saved = await post('/api/pw/forecast/scenarios', { month, name: 'Instroom +10 %', inflowPercent: 10, outflowPercent: 0 }, policy.cookie);
    expect(saved.statusCode).toBe(201);
    const scenario = saved.json() as { id: string; result: { yearTotalCents: number; baselineYearTotalCents: number; budgetCents: number | null } };
    expect(scenario.result.budgetCents).toBe(25_000_000);
    expect(scenario.result.yearTotalCents).toBeGreaterThanOrEqual(scenario.result.baselineYearTotalCents);

    const report = await post('/api/insights/reports', { domain: 'pw', month }, policy.cookie);
    expect(report.statusCode).toBe(200);
    const body = report.json() as { id: string; pwForecast: { year: number; budgetCents: number } | null; pwScenarios: { name: string }[]; kpis: { id: string; current: { value: number | null } }[] };
    expect(body.pwForecast).toMatchObject({ year, budgetCents: 25_000_000 });
    expect(body.pwScenarios.map((s) => s.name)).toEqual(['Instroom +10 %']);
    // The Pw KPIs now come from the benefits: 14 running at the end of the month.
    expect(body.kpis.find((k) => k.id === 'pw.clients')?.current.value).toBe(before + 14);
    const html = await get(`/api/insights/reports/${body.id}/report.html`, policy.cookie);
    expect(html.body).toContain('BUIG-prognose');
    expect(html.body).toContain('Instroom +10 %');

    const listed = (await get(`/api/pw/forecast/scenarios?month=${month}`, teamLead.cookie)).json() as { id: string }[];
    expect(listed.map((s) => s.id)).toEqual([scenario.id]);
  });
});
