// The default demo (`npm start` seeds size 'demo') must make every dashboard meaningful: at
// municipality level no KPI is suppressed in any of the 12 months of the trend, and Jeugd and
// Participatiewet have data. Loads Maastricht alone into a fresh in-memory PGlite (the test
// template holds the 'small' set), so it takes a while; Eijsden-Margraten is smaller and shows
// suppression on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { withTenant } from '../db/tenancy.js';
import { listBudgetLines } from '../modules/finance/forecast.service.js';
import { refreshInsights } from '../modules/insights/insights.refresh.js';
import { getDashboard, lastCompleteMonth } from '../modules/insights/insights.service.js';
import type { Dashboard } from '../modules/insights/insights.service.js';
import { statementMonth } from '../modules/signals/rules/pw-income-statement-missing.rule.js';
import { todayInAmsterdam } from '../platform/time.js';
import { seedDemo } from './seed.js';

const TENANT = 'GM0935';
// Jeugd and Pw have no product with direct access in the catalogue (only Wmo begeleiding has it),
// so this KPI cannot have cases there: it is not applicable, not too small. Cost per client is the
// declared cost (323): bijzondere bijstand is paid to the resident, never declared by a provider,
// and Koers books no Pw payments into the realisation yet, so under Pw there is nothing to show.
const NOT_APPLICABLE = new Set(['jeugd.direct_access_without_decision', 'pw.direct_access_without_decision', 'pw.cost_per_client']);
// Bijstand is paid afterwards, in the run after the month's income statements are due (the 10th of the
// next month): a month whose statements are not yet due has no payments and no statements yet.
const PW_AFTER_STATEMENTS = new Set(['pw.average_payment', 'pw.income_beside_benefit']);

let database: Database;
const dashboards = new Map<string, Dashboard>();
const today = todayInAmsterdam();

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(database.db);
  await seedDemo(database.db, { size: 'demo', seed: 1, withUsers: true, municipalities: [TENANT] });
  await withTenant(database.db, TENANT, async (tx) => {
    await refreshInsights(tx, { today, full: true });
    for (const domain of ['wmo', 'jeugd', 'pw'] as const) dashboards.set(domain, await getDashboard(tx, { domain, month: lastCompleteMonth(today) }));
  });
}, 600_000);
afterAll(async () => database?.close());

describe("the default demo ('demo' size), Maastricht", () => {
  it.each(['wmo', 'jeugd', 'pw'])('%s: has data, and no KPI at municipality level is suppressed in the 12 months', (domain) => {
    const dashboard = dashboards.get(domain)!;
    expect(dashboard.hasData).toBe(true);
    expect(dashboard.months).toHaveLength(12);
    const suppressed: string[] = [];
    for (const kpi of dashboard.kpis) {
      if (NOT_APPLICABLE.has(kpi.id)) continue;
      const total = kpi.series.find((s) => s.breakdown === '')?.scopes.find((s) => s.scope === 'total');
      expect(total?.points, kpi.id).toHaveLength(12);
      const due = statementMonth(today).slice(0, 7);
      for (const point of total!.points) {
        if (PW_AFTER_STATEMENTS.has(kpi.id) && point.month > due) continue;
        if (point.suppressed || point.value === null) suppressed.push(`${kpi.id} ${point.month}`);
      }
    }
    expect(suppressed).toEqual([]);
  });

  it('has budgets on the scale of its commitments (40–110 % committed per line with allocations)', async () => {
    const lines = await withTenant(database.db, TENANT, (tx) => listBudgetLines(tx, { year: Number(today.slice(0, 4)), today }));
    const booked = lines.filter((l) => l.allocations > 0);
    expect(booked.length).toBeGreaterThan(5);
    for (const line of booked) {
      const share = line.committedCents / line.budgetCents;
      expect(share, line.code).toBeGreaterThanOrEqual(0.4);
      expect(share, line.code).toBeLessThanOrEqual(1.1);
    }
  });
});
