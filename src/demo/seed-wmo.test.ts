import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';
import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenancy.js';
import { computeCommitment, type Frequency, type Unit } from '../modules/allocations/commitment.js';
import { computeCaseDeadlines } from '../modules/cases/case.rules.js';
import { todayInAmsterdam } from '../platform/time.js';
import { seedWmo, type WmoSeedReport } from './seed-wmo.js';

// The test template may hold the 'small' demo data without Wmo cases: then this file seeds GM1903
// itself (on a fixed date). Once seedDemo calls seedWmo, the template already has them (seeded on
// the real date): the invariants are then checked on that data and this run must change nothing.
const FIXED_TODAY = '2026-03-16';
const TENANT = 'GM1903';
const OTHER = 'GM0935';

let database: Database;
let report: WmoSeedReport;
let otherBefore: Record<string, number>;
let today = FIXED_TODAY;
let fresh = true;

const TABLES = ['cases', 'case_events', 'conversations', 'decisions', 'decision_lines', 'allocations', 'allocation_segments', 'allocation_commitments', 'commitment_changes', 'kcc_contacts', 'callback_tasks', 'contact_person_assignments', 'users'] as const;

async function countAll(tenantId: string): Promise<Record<string, number>> {
  return withTenant(database.db, tenantId, async (tx) => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      out[table] = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(tx)).rows[0]!.n);
    }
    return out;
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  otherBefore = await countAll(OTHER);
  const seeded = await withTenant(database.db, TENANT, (tx) => tx.selectFrom('cases').select('created_at').orderBy('created_at', 'desc').limit(1).executeTakeFirst());
  if (seeded) {
    fresh = false;
    today = todayInAmsterdam();
  }
  report = await seedWmo(database.db, { tenantId: TENANT, size: 'small', seed: 7, today });
});
afterAll(async () => database.close());

describe('seedWmo (small, Eijsden-Margraten)', () => {
  it('adds a small year of Wmo and reports what it inserted', async () => {
    expect(report.skipped).toBe(!fresh);
    const counts = await countAll(TENANT);
    if (fresh) {
      expect(report.clients).toBe(25);
      for (const table of TABLES) if (table !== 'users') expect(counts[table], table).toBe(report.inserted[table]);
    }
    expect(counts.cases).toBeGreaterThanOrEqual(25);
    expect(counts.allocations).toBeGreaterThan(10);
    expect(counts.kcc_contacts).toBeGreaterThan(60);
    const clients = await withTenant(database.db, TENANT, (tx) => tx.selectFrom('cases').where('reference', 'like', 'WMO-%').select((eb) => eb.fn.count<string>('resident_id').distinct().as('n')).executeTakeFirstOrThrow());
    expect(Number(clients.n)).toBe(25);
  });

  it('gives every resident with an open case exactly one current contact person', async () => {
    const rows = await withTenant(database.db, TENANT, (tx) =>
      sql<{ resident_id: string; current: string }>`
        select c.resident_id, (select count(*) from contact_person_assignments a where a.resident_id = c.resident_id and a.ended_at is null) as current
        from cases c where c.status not in ('afgesloten', 'ingetrokken') group by c.resident_id
      `.execute(tx),
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.filter((r) => Number(r.current) !== 1)).toEqual([]);
  });

  it('books commitments equal to computeCommitment over the current segments at the provider’s tariffs', async () => {
    const { allocations, segments, tariffs, commitments, changes } = await withTenant(database.db, TENANT, async (tx) => ({
      allocations: await tx.selectFrom('allocations as a').innerJoin('products as p', 'p.id', 'a.product_id').select(['a.id', 'a.provider_id', 'a.unit', 'p.code']).execute(),
      segments: await tx.selectFrom('allocation_segments').select(['allocation_id', 'volume', 'frequency', 'start_date', 'end_date']).where('superseded_at', 'is', null).execute(),
      tariffs: await tx.selectFrom('provider_tariffs').select(['provider_id', 'product_code', 'year', 'unit', 'cents_per_unit']).execute(),
      commitments: await tx.selectFrom('allocation_commitments').select(['allocation_id', 'year', 'cents']).execute(),
      changes: await tx.selectFrom('commitment_changes').select(['allocation_id', 'year', 'delta_cents']).execute(),
    }));
    if (fresh) expect(allocations.length).toBe(report.inserted.allocations);
    for (const a of allocations) {
      const own = tariffs.filter((t) => t.provider_id === a.provider_id && t.product_code === a.code).map((t) => ({ year: t.year, unit: t.unit as Unit, centsPerUnit: Number(t.cents_per_unit) }));
      const expected = new Map<number, number>();
      const current = segments.filter((s) => s.allocation_id === a.id);
      expect(current.length, a.id).toBeGreaterThanOrEqual(1);
      for (const s of current) {
        const result = computeCommitment({ terms: { volume: Number(s.volume), unit: a.unit, frequency: s.frequency as Frequency, start: s.start_date, end: s.end_date }, tariffs: own, horizon: s.end_date });
        for (const y of result.perYear) expected.set(y.year, (expected.get(y.year) ?? 0) + y.cents);
      }
      const booked = new Map(commitments.filter((c) => c.allocation_id === a.id).map((c) => [c.year, Number(c.cents)]));
      expect(booked, a.id).toEqual(expected);
      // The history of changes (the initial booking and any change) adds up to what stands booked now.
      const history = new Map<number, number>();
      for (const c of changes.filter((ch) => ch.allocation_id === a.id)) history.set(c.year, (history.get(c.year) ?? 0) + Number(c.delta_cents));
      for (const year of new Set([...booked.keys(), ...history.keys()])) expect(history.get(year) ?? 0, `${a.id} ${year}`).toBe(booked.get(year) ?? 0);
    }
  });

  it('has four-eyes decisions approved by someone other than the maker, above the threshold', async () => {
    const decisions = await withTenant(database.db, TENANT, (tx) =>
      tx
        .selectFrom('decisions as d')
        .innerJoin('users as u', 'u.id', 'd.created_by')
        .leftJoin('users as a', 'a.id', 'd.approved_by')
        .select(['d.status', 'd.requires_approval', 'd.expected_annual_cents', 'd.created_by', 'd.approved_by', 'u.roles as maker_roles', 'a.roles as approver_roles'])
        .execute(),
    );
    expect(decisions.length).toBeGreaterThan(0);
    const fourEyes = decisions.filter((d) => d.requires_approval && d.status === 'approved');
    expect(fourEyes.length).toBeGreaterThan(0);
    for (const d of fourEyes) {
      expect(d.approved_by).not.toBeNull();
      expect(d.approved_by).not.toBe(d.created_by);
      expect(d.approver_roles).toContain('team_lead');
      expect(Number(d.expected_annual_cents)).toBeGreaterThan(500_000);
    }
    for (const d of decisions.filter((x) => !x.requires_approval)) {
      expect(d.approved_by).toBeNull();
      expect(Number(d.expected_annual_cents)).toBeLessThanOrEqual(500_000);
    }
  });

  it('numbers cases uniquely in the app’s format, consecutively per year', async () => {
    // The other laws' demo cases (e.g. the Participatiewet applications) are numbered by the same rule.
    const all = (await withTenant(database.db, TENANT, (tx) => tx.selectFrom('cases').select('reference').execute())).map((r) => r.reference);
    expect(new Set(all).size).toBe(all.length);
    for (const ref of all) expect(ref).toMatch(/^[A-Z]+-\d{4}-\d{5}$/);
    const refs = all.filter((ref) => ref.startsWith('WMO-'));
    expect(refs.length).toBeGreaterThan(0);
    const byYear = new Map<string, number[]>();
    for (const ref of refs) byYear.set(ref.slice(0, 8), [...(byYear.get(ref.slice(0, 8)) ?? []), Number(ref.slice(9))]);
    for (const numbers of byYear.values()) expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
  });

  it('keeps the demo consultant’s open cases few and still before an aanvraag', async () => {
    const open = await withTenant(database.db, TENANT, (tx) =>
      tx
        .selectFrom('cases as c')
        .innerJoin('users as u', 'u.id', 'c.consultant_id')
        .select(['c.status'])
        .where('u.username', '=', 'consulent')
        .where('c.reference', 'like', 'WMO-%')
        .where('c.status', 'not in', ['afgesloten', 'ingetrokken'])
        .execute(),
    );
    expect(open.length).toBeGreaterThan(0);
    expect(open.length).toBeLessThanOrEqual(5);
    for (const c of open) expect(['melding', 'onderzoek']).toContain(c.status);
  });

  it('has open cases near or past their legal deadline and a direct-access window ending soon', async () => {
    const { cases, events } = await withTenant(database.db, TENANT, async (tx) => ({
      cases: await tx.selectFrom('cases').selectAll().where('status', 'not in', ['afgesloten', 'ingetrokken']).execute(),
      events: await tx.selectFrom('case_events').selectAll().execute(),
    }));
    const deadlines = cases.map((c) =>
      computeCaseDeadlines(
        {
          status: c.status,
          notifiedOn: c.notified_on,
          appliedOn: c.applied_on,
          researchTerm: 'P6W',
          decisionTerm: 'P2W',
          events: events.filter((e) => e.case_id === c.id).map((e) => ({ kind: e.kind, onDate: e.on_date, term: e.term, reason: e.reason })),
          directAccess: c.direct_access_start ? { start: c.direct_access_start, maxWeeks: 13 } : null,
        },
        today,
      ),
    );
    expect(deadlines.some((d) => d.current?.result.status === 'overdue')).toBe(true);
    expect(deadlines.some((d) => (d.current?.result.daysLeft ?? 99) >= 0 && (d.current?.result.daysLeft ?? 99) <= 7)).toBe(true);
    expect(deadlines.some((d) => d.current?.result.status === 'suspended')).toBe(true);
    expect(deadlines.some((d) => d.directAccess?.endsWithinTwoWeeks)).toBe(true);
  });

  it('creates consultants without a password and puts them in the area teams', async () => {
    const rows = await withTenant(database.db, TENANT, (tx) =>
      tx
        .selectFrom('users as u')
        .leftJoin('user_credentials as c', 'c.user_id', 'u.id')
        .leftJoin('team_members as m', 'm.user_id', 'u.id')
        .leftJoin('teams as t', 't.id', 'm.team_id')
        .select(['u.username', 'u.roles', 'c.password_hash', 't.kind'])
        .where(sql<boolean>`'consultant' = any(u.roles)`)
        .where('u.username', '!=', 'consulent')
        .execute(),
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.password_hash).toBeNull();
      expect(r.kind).toBe('area_team');
    }
  });

  it('leaves the other municipality untouched', async () => {
    expect(await countAll(OTHER)).toEqual(otherBefore);
    // Every row of the seeded municipality is its own (row-level security would hide others anyway).
    const foreign = await withTenant(database.db, TENANT, (tx) => sql<{ n: string }>`select count(*) as n from cases where tenant_id <> ${TENANT}`.execute(tx));
    expect(Number(foreign.rows[0]!.n)).toBe(0);
  });

  it('does nothing when the municipality already has cases', async () => {
    const before = await countAll(TENANT);
    const again = await seedWmo(database.db, { tenantId: TENANT, size: 'small', seed: 7, today });
    expect(again.skipped).toBe(true);
    expect(Object.values(again.inserted).every((n) => n === 0)).toBe(true);
    expect(await countAll(TENANT)).toEqual(before);
  });
});
