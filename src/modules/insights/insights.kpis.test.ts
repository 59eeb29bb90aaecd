// Every KPI computed on a small crafted municipality whose expected values are worked out by hand
// in the comments below (month under test: March 2025; areas Noord and Zuid, and one resident
// without an area). The stored sums are compared exactly; the mini-BRAP likewise.

import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { insertUser } from '../../platform/auth/user.repository.js';
import { registerTenant } from '../tenants/tenant.service.js';
import { computeBrap } from './insights.brap.js';
import { refreshInsights } from './insights.refresh.js';

const T = 'GM9990';
const NOORD = 'WK999001';
const ZUID = 'WK999002';
let database: Database;
let db: Kysely<DB>;

const ids = new Map<string, string>();
const id = (name: string): string => {
  if (!ids.has(name)) ids.set(name, crypto.randomUUID());
  return ids.get(name)!;
};

async function craft(tx: Tx): Promise<void> {
  await tx.insertInto('areas').values([{ tenant_id: T, code: NOORD, name: 'Noord' }, { tenant_id: T, code: ZUID, name: 'Zuid' }]).execute();
  const user = await insertUser(tx, { tenantId: T, username: 'tester', displayName: 'Tester', roles: ['policy'], passwordHash: 'x' });
  ids.set('user', user.id);
  await tx.insertInto('case_types').values({ tenant_id: T, code: 'WMO-T', name: 'Wmo', law: 'wmo', research_term: 'P6W', decision_term: 'P2W', legal_basis: 'Wmo' }).execute();
  await tx.insertInto('budget_lines').values([{ tenant_id: T, code: '6.711', name: 'Huishoudelijke hulp', law: 'wmo' }, { tenant_id: T, code: '6.712', name: 'Begeleiding', law: 'wmo' }]).execute();
  await tx.insertInto('budget_line_years').values([{ tenant_id: T, code: '6.711', year: 2025, budget_cents: 1_000_000 }, { tenant_id: T, code: '6.712', year: 2025, budget_cents: 500_000 }]).execute();
  const product = (key: string, category: string | null, line: string, kind: 'tailored' | 'community') => ({
    tenant_id: T, id: id(key), code: key, name: key, law: 'wmo' as const, kind, category_code: category, product_code: null, unit: 'hour' as const, frequency: 'per_week' as const,
    requires_decision: kind === 'tailored', budget_line_code: line, description: key, eligibility: '-', search_text: key,
  });
  await tx.insertInto('products').values([product('P1', '01', '6.711', 'tailored'), product('P2', '02', '6.712', 'tailored'), product('C1', null, '6.711', 'community')]).execute();
  // r1, r2 in Noord; r3, r4, r6 in Zuid; r5 without an area.
  const areas: Record<string, string | null> = { r1: NOORD, r2: NOORD, r3: ZUID, r4: ZUID, r5: null, r6: ZUID };
  await tx
    .insertInto('residents')
    .values(Object.entries(areas).map(([key, area], i) => ({
      tenant_id: T, id: id(key), bsn: `00000${String(i + 1).padStart(2, '0')}12`.slice(0, 9), given_name: key, surname_prefix: null, family_name: 'Test', birth_date: '1950-01-01', gender: 'X' as const,
      street: 'Straat', house_number: i + 1, house_letter: null, house_number_addition: null, postcode: '6211 AA', city: 'Teststad', area_code: area, household_id: crypto.randomUUID(), search_text: key,
    })))
    .execute();
  const kase = (key: string, resident: string, v: Partial<{ notified_on: string; applied_on: string; decided_on: string; closed_on: string; status: DB['cases']['status']; da: string }>) => ({
    tenant_id: T, id: id(key), reference: key, resident_id: id(resident), case_type_code: 'WMO-T', status: v.status ?? ('besluit' as const), notified_on: v.notified_on!, applied_on: v.applied_on ?? null,
    decided_on: v.decided_on ?? null, closed_on: v.closed_on ?? null, consultant_id: null, direct_access_product_id: v.da ? id('P2') : null, direct_access_provider_id: null, direct_access_start: v.da ?? null,
  });
  await tx
    .insertInto('cases')
    .values([
      kase('c1', 'r1', { notified_on: '2025-01-06', applied_on: '2025-02-20', decided_on: '2025-03-05' }),
      kase('c2', 'r2', { notified_on: '2025-02-03', applied_on: '2025-02-10', decided_on: '2025-03-07' }),
      kase('c3', 'r3', { notified_on: '2024-03-01', applied_on: '2024-03-10', decided_on: '2024-03-20', closed_on: '2024-06-01', status: 'afgesloten' }),
      kase('c4', 'r4', { notified_on: '2025-01-15', applied_on: '2025-02-17', decided_on: '2025-03-14' }),
      kase('c5', 'r5', { notified_on: '2025-03-03', closed_on: '2025-03-20', status: 'afgesloten', da: '2025-03-03' }),
      kase('c6', 'r6', { notified_on: '2025-02-01', applied_on: '2025-02-15', decided_on: '2025-03-03' }),
      kase('c7', 'r6', { notified_on: '2025-01-10', decided_on: '2025-02-14', closed_on: '2025-03-25', status: 'afgesloten', da: '2025-01-10' }),
      kase('c8', 'r3', { notified_on: '2025-03-12', status: 'melding' }),
      // Application Wednesday 18 Dec 2024 + 2 weeks = Nieuwjaarsdag: the term runs to Thursday 2 January (Atw).
      kase('c9', 'r3', { notified_on: '2024-12-02', applied_on: '2024-12-18', decided_on: '2025-01-02' }),
    ])
    .execute();
  const event = (key: string, kind: DB['case_events']['kind'], on: string, term: string | null = null) => ({
    tenant_id: T, case_id: id(key), kind, on_date: on, term, from_status: null, to_status: null, reason: 'test', recorded_by: ids.get('user')!, recorded_at: new Date('2025-03-01T10:00:00Z'),
  });
  await tx
    .insertInto('case_events')
    .values([
      event('c2', 'suspension_start', '2025-02-12'),
      event('c2', 'suspension_end', '2025-02-15'),
      event('c4', 'extension', '2025-02-25', 'P4W'),
      event('c4', 'suspension_start', '2025-02-18'),
      event('c4', 'suspension_end', '2025-02-20'),
    ])
    .execute();
  // Decisions and allocations: A1 (r1, P1), A2 (r2, P1), A3 (r3, P2), A4 (r4, P2).
  const allocation = async (key: string, resident: string, caseKey: string, productKey: string, line: string, createdAt: string) => {
    await tx.insertInto('decisions').values({ tenant_id: T, id: id(`d${key}`), case_id: id(caseKey), resident_id: id(resident), delivery_form: 'zin', status: 'approved', expected_annual_cents: 0, requires_approval: false, created_by: ids.get('user')! }).execute();
    await tx.insertInto('decision_lines').values({ tenant_id: T, id: id(`l${key}`), decision_id: id(`d${key}`), product_id: id(productKey), outcome: 'granted', period_start: '2024-01-01', period_end: '2025-12-31', volume: 1, frequency: 'per_week' }).execute();
    await tx.insertInto('allocations').values({ tenant_id: T, id: id(key), decision_line_id: id(`l${key}`), case_id: id(caseKey), resident_id: id(resident), product_id: id(productKey), provider_id: crypto.randomUUID(), unit: 'hour', budget_line_code: line, created_by: ids.get('user')!, created_at: new Date(createdAt) }).execute();
  };
  await allocation('A1', 'r1', 'c1', 'P1', '6.711', '2025-01-02T10:00:00Z');
  await allocation('A2', 'r2', 'c2', 'P1', '6.711', '2025-03-10T10:00:00Z');
  await allocation('A3', 'r3', 'c3', 'P2', '6.712', '2024-06-01T10:00:00Z');
  await allocation('A4', 'r4', 'c4', 'P2', '6.712', '2025-02-01T10:00:00Z');
  const segment = (key: string, start: string, end: string, superseded: string | null = null) => ({
    tenant_id: T, allocation_id: id(key), volume: 1, frequency: 'per_week' as const, start_date: start, end_date: end, reason: 'test', recorded_by: ids.get('user')!, recorded_at: new Date('2024-01-01T10:00:00Z'), superseded_at: superseded ? new Date(superseded) : null,
  });
  await tx
    .insertInto('allocation_segments')
    .values([
      segment('A1', '2025-01-01', '2025-12-31'),
      segment('A2', '2025-03-10', '2025-06-30'),
      segment('A3', '2024-06-01', '2025-02-28'),
      segment('A4', '2024-01-01', '2024-12-31', '2025-01-20T10:00:00Z'),
      segment('A4', '2025-02-01', '2025-12-31'),
    ])
    .execute();
  const change = (key: string, delta: number, at: string, year = 2025) => ({ tenant_id: T, allocation_id: id(key), year, delta_cents: delta, reason: 'test', recorded_by: ids.get('user')!, recorded_at: new Date(at) });
  await tx
    .insertInto('commitment_changes')
    .values([change('A1', 120_000, '2025-01-02T10:00:00Z'), change('A2', 60_000, '2025-03-10T10:00:00Z'), change('A3', 20_000, '2024-06-01T10:00:00Z'), change('A4', 200_000, '2025-02-01T10:00:00Z'), change('A4', -50_000, '2025-04-02T10:00:00Z')])
    .execute();
  const declaration = (key: string, month: string, cents: number) => ({ tenant_id: T, allocation_id: id(key), month, cents });
  await tx
    .insertInto('declarations')
    .values([
      declaration('A1', '2025-01-01', 10_000), declaration('A1', '2025-02-01', 10_000), declaration('A1', '2025-03-01', 10_000),
      declaration('A2', '2025-03-01', 6_000),
      declaration('A3', '2025-01-01', 15_000), declaration('A3', '2025-02-01', 15_000),
      declaration('A4', '2025-02-01', 20_000), declaration('A4', '2025-03-01', 20_000),
    ])
    .execute();
  const contact = (key: string, resident: string | null, product: string | null, outcome: 'answered' | 'routed', at: string) => ({
    tenant_id: T, id: id(key), resident_id: resident ? id(resident) : null, channel: 'telefoon' as const, subject: key, product_id: product ? id(product) : null, outcome, routed_to_team_id: null, routed_to_user_id: outcome === 'routed' ? ids.get('user')! : null, registered_by: ids.get('user')!, registered_at: new Date(at),
  });
  await tx
    .insertInto('kcc_contacts')
    .values([
      contact('k1', 'r1', 'P1', 'answered', '2025-03-03T09:00:00Z'),
      contact('k2', 'r2', 'P1', 'routed', '2025-03-04T08:00:00Z'),
      contact('k3', 'r4', null, 'routed', '2025-03-10T11:00:00Z'),
      contact('k4', null, null, 'answered', '2025-03-11T11:00:00Z'),
      // 23:30 UTC on 28 February is 00:30 on 1 March in Amsterdam: a March contact.
      contact('k5', 'r1', 'P1', 'answered', '2025-02-28T23:30:00Z'),
    ])
    .execute();
  const callback = (contactKey: string, resident: string, done: string) => ({ tenant_id: T, contact_id: id(contactKey), resident_id: id(resident), team_id: null, user_id: null, due_at: new Date(done), done_at: new Date(done), done_by: ids.get('user')!, done_note: 'ok' });
  await tx.insertInto('callback_tasks').values([callback('k2', 'r2', '2025-03-05T08:00:00Z'), callback('k3', 'r4', '2025-03-10T17:00:00Z')]).execute();
  const conversation = (key: string, caseKey: string, resident: string, step: DB['conversations']['ladder_step'], on: string, corrects: string | null = null) => ({
    tenant_id: T, id: id(key), resident_id: id(resident), case_id: id(caseKey), corrects_id: corrects ? id(corrects) : null, held_on: on, conducted_by_user_id: ids.get('user')!, conducted_by_username: 'tester',
    bodily_functions_score: 5, mental_wellbeing_score: 5, meaningfulness_score: 5, quality_of_life_score: 5, participation_score: 5, daily_functioning_score: 5, ladder_step: step, ladder_rationale: 'test', agreements: ['afspraak'],
  });
  await tx
    .insertInto('conversations')
    .values([
      conversation('v1', 'c1', 'r1', 'community', '2025-03-04'),
      conversation('v2', 'c2', 'r2', 'tailored', '2025-03-05'),
      conversation('v3', 'c4', 'r4', 'community', '2025-03-06'),
      conversation('v5', 'c6', 'r6', 'own_strength', '2025-03-07'),
    ])
    .execute();
  await tx.insertInto('conversations').values(conversation('v4', 'c4', 'r4', 'tailored', '2025-03-06', 'v3')).execute();
}

type Sums = Record<string, [number, number]>;
/** numerator/denominator per scope for one KPI, breakdown and month. */
async function sums(kpiId: string, month: string, breakdown = ''): Promise<Sums> {
  const rows = await withTenant(db, T, (tx) =>
    tx.selectFrom('kpi_values').select(['scope', 'numerator', 'denominator']).where('kpi_id', '=', kpiId).where('month', '=', `${month}-01`).where('breakdown', '=', breakdown).execute(),
  );
  return Object.fromEntries(rows.map((r) => [r.scope, [Number(r.numerator), Number(r.denominator)]]));
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await registerTenant(db, { id: T, name: 'Testgemeente', region: null });
  await withTenant(db, T, craft);
  await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15' }));
});
afterAll(async () => database?.close());

describe('KPIs on a crafted municipality, March 2025', () => {
  it('clients: r1, r2 (Noord), r4 and r6 by direct access (Zuid), r5 by direct access (no area)', async () => {
    expect(await sums('wmo.clients', '2025-03')).toEqual({ total: [5, 0], [NOORD]: [2, 0], [ZUID]: [2, 0], '-': [1, 0] });
    // February: r1, r3, r4 (new segment from 1 Feb; its superseded segment does not count), r6.
    expect(await sums('wmo.clients', '2025-02')).toEqual({ total: [4, 0], [NOORD]: [1, 0], [ZUID]: [3, 0] });
  });

  it('inflow r2 and r5, outflow r3', async () => {
    expect(await sums('wmo.inflow', '2025-03')).toEqual({ total: [2, 0], [NOORD]: [1, 0], '-': [1, 0] });
    expect(await sums('wmo.outflow', '2025-03')).toEqual({ total: [1, 0], [ZUID]: [1, 0] });
  });

  it('KCC: 2 of 4 domain contacts answered (k4 has no domain, k5 is 1 March in Amsterdam); callbacks 1 and 0.25 days', async () => {
    expect(await sums('wmo.kcc_first_line', '2025-03')).toEqual({ total: [2, 4], [NOORD]: [2, 3], [ZUID]: [0, 1] });
    expect(await sums('wmo.callback_days', '2025-03')).toEqual({ total: [1.25, 2], [NOORD]: [1, 1], [ZUID]: [0.25, 1] });
  });

  it('decided in time: c1 (deadline 6 Mar), c4 (3 Mar + 4 weeks + 2 suspended days), c6 (Saturday 1 Mar → Monday 3 Mar) yes; c2 (27 Feb) no', async () => {
    expect(await sums('wmo.decided_in_time', '2025-03')).toEqual({ total: [3, 4], [NOORD]: [1, 2], [ZUID]: [2, 2] });
  });

  it('decided in time across a public holiday: c9 decided the day after Nieuwjaarsdag, on which its term ended', async () => {
    expect(await sums('wmo.decided_in_time', '2025-01')).toEqual({ total: [1, 1], [ZUID]: [1, 1] });
  });

  it('days from notification to decision: 58 + 32 + 58 + 30 over 4 decisions', async () => {
    expect(await sums('wmo.days_to_decision', '2025-03')).toEqual({ total: [178, 4], [NOORD]: [90, 2], [ZUID]: [88, 2] });
  });

  it('direct access closed in March: c5 without a decision, c7 with one', async () => {
    expect(await sums('wmo.direct_access_without_decision', '2025-03')).toEqual({ total: [1, 2], [ZUID]: [0, 1], '-': [1, 1] });
  });

  it('cost per client per category: 01 = (10,000 + 6,000) / 2, 02 = 20,000 / 1, all = 36,000 / 3 (cents)', async () => {
    expect(await sums('wmo.cost_per_client', '2025-03', '01')).toEqual({ total: [16_000, 2], [NOORD]: [16_000, 2] });
    expect(await sums('wmo.cost_per_client', '2025-03', '02')).toEqual({ total: [20_000, 1], [ZUID]: [20_000, 1] });
    expect(await sums('wmo.cost_per_client', '2025-03')).toEqual({ total: [36_000, 3], [NOORD]: [16_000, 2], [ZUID]: [20_000, 1] });
  });

  it('community share: v1 community; v3 is corrected by v4 (tailored); v5 (own strength) counts in neither', async () => {
    expect(await sums('wmo.community_share', '2025-03')).toEqual({ total: [1, 3], [NOORD]: [1, 2], [ZUID]: [0, 1] });
  });

  it('re-notifications: c8 (r3, earlier case closed 1 June 2024) of c5 and c8', async () => {
    expect(await sums('wmo.renotifications', '2025-03')).toEqual({ total: [1, 2], [ZUID]: [1, 1], '-': [0, 1] });
  });

  it('budget exhaustion: per allocation max(commitment at end of March, realised) against the year budget', async () => {
    // 6.711: A1 max(120,000; 30,000) + A2 max(60,000; 6,000) = 180,000 of 1,000,000.
    expect(await sums('wmo.budget_exhaustion', '2025-03', '6.711')).toEqual({ total: [180_000, 1_000_000], [NOORD]: [180_000, 1_000_000] });
    // 6.712: A3 max(20,000; 30,000) + A4 max(200,000; 40,000) — the April reduction is not yet known.
    expect(await sums('wmo.budget_exhaustion', '2025-03', '6.712')).toEqual({ total: [230_000, 500_000], [ZUID]: [230_000, 500_000] });
    expect(await sums('wmo.budget_exhaustion', '2025-03')).toEqual({ total: [410_000, 1_500_000], [NOORD]: [180_000, 1_500_000], [ZUID]: [230_000, 1_500_000] });
  });

  it('has no figures for a domain without data', async () => {
    expect(await sums('jeugd.clients', '2025-03')).toEqual({});
    expect(await sums('jeugd.budget_exhaustion', '2025-03')).toEqual({});
  });

  it('mini-BRAP: realised, commitments and the year-end forecast (realised + commitment share of the open months + inflow)', async () => {
    const brap = await withTenant(db, T, (tx) => computeBrap(tx, { law: 'wmo', month: '2025-03' }));
    // Open months April … December (R = 9, 275 of 365 days); known: as at the end of March.
    // 6.711  A1: 120,000 over 1 Jan … 31 Dec, 275/365 open → 90,411; + 30,000 declared = 120,411.
    //        A2: 60,000 over 10 Mar … 30 Jun (113 days), 91 open → 48,319; + 6,000 = 54,319.
    //        Inflow (both made in the last 12 months, each its own provider): A1 is 11.99 months
    //        long, Σ_{j=1..9} min(L, j) = 45 → 120,000/11.99 × 45/12 = 37,526; A2 is 3.71 months,
    //        6 + 6 × 3.71 = 28.28 → 60,000/3.71 × 28.28/12 = 38,081.
    //        Forecast 120,411 + 54,319 + 37,526 + 38,081 = 250,337.
    // 6.712  A3: ended 28 Feb, no open days → its 30,000 declared. A4: 200,000 (the April reduction
    //        is not yet known) over 1 Feb … 31 Dec (334 days), 275 open → 164,671; + 40,000 = 204,671.
    //        Inflow: A3 (made June 2024, 273 days) 8,356; A4 (334 days) 68,348.
    //        Forecast 30,000 + 204,671 + 8,356 + 68,348 = 311,375.
    expect(brap).toEqual([
      { code: '6.711', name: 'Huishoudelijke hulp', budgetCents: 1_000_000, realisedCents: 36_000, committedCents: 180_000, forecastCents: 250_337, deviationCents: 749_663 },
      { code: '6.712', name: 'Begeleiding', budgetCents: 500_000, realisedCents: 70_000, committedCents: 220_000, forecastCents: 311_375, deviationCents: 188_625 },
    ]);
  });
});

describe('incremental refresh', () => {
  it('recomputes nothing when nothing changed, and only the months from a change onwards', async () => {
    // Without the look-back margin (for late commits), a second refresh finds nothing to do.
    const again = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', lookBackMinutes: 0 }));
    expect(again.months).toEqual([]);
    await withTenant(db, T, (tx) =>
      tx.insertInto('declarations').values({ tenant_id: T, allocation_id: id('A1'), month: '2025-04-01', cents: 10_000 }).execute(),
    );
    const after = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', lookBackMinutes: 0 }));
    expect(after.months).toEqual(['2025-04-01']);
    expect(await sums('wmo.cost_per_client', '2025-04')).toEqual({ total: [10_000, 1], [NOORD]: [10_000, 1] });
    const full = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', full: true }));
    expect(full.months).toHaveLength(25);
    expect(await sums('wmo.clients', '2025-03')).toEqual({ total: [5, 0], [NOORD]: [2, 0], [ZUID]: [2, 0], '-': [1, 0] });
  });

  it('does not redo a full refresh that another process finished while this caller waited for the lock', async () => {
    // The caller "started waiting" before the other refresh finished: it recomputes only what is dirty.
    const waitingSince = new Date(Date.now() - 1000);
    const other = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', full: true, lookBackMinutes: 0 }));
    expect(other.months).toHaveLength(25);
    const waiter = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', full: true, lookBackMinutes: 0, requestedAt: waitingSince }));
    expect(waiter.months).toEqual([]);
    // A request made after that refresh finished does compute everything again.
    const later = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', full: true, lookBackMinutes: 0, requestedAt: new Date() }));
    expect(later.months).toHaveLength(25);
  });

  it('marks months dirty from a change in a source table that another module writes', async () => {
    await withTenant(db, T, (tx) =>
      tx.updateTable('cases').set({ decided_on: '2025-03-28' }).where('id', '=', id('c8')).execute().then(() =>
        tx.insertInto('case_events').values({ tenant_id: T, case_id: id('c8'), kind: 'status', on_date: '2025-03-28', term: null, from_status: 'melding', to_status: 'besluit', reason: 'test', recorded_by: ids.get('user')! }).execute(),
      ),
    );
    const result = await withTenant(db, T, (tx) => refreshInsights(tx, { today: '2025-04-15', lookBackMinutes: 0 }));
    expect(result.months).toEqual(['2025-03-01', '2025-04-01']);
    // c8: notified 12 March, decided 28 March: 16 days, no application so the term runs from the
    // notification: 12 + 14 = 26 March, late.
    expect(await sums('wmo.days_to_decision', '2025-03')).toMatchObject({ total: [194, 5] });
    expect(await sums('wmo.decided_in_time', '2025-03')).toMatchObject({ total: [3, 5] });
  });
});

describe('row-level security', () => {
  it('keeps the aggregates of one municipality away from another', async () => {
    const other = await withTenant(db, 'GM0935', async (tx) => (await sql<{ n: number }>`select count(*)::int as n from kpi_values where kpi_id = 'wmo.clients' and month = '2025-03-01' and scope = ${NOORD}`.execute(tx)).rows[0]!.n);
    expect(other).toBe(0);
  });
});
