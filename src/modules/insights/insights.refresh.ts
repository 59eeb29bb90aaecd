// Keeping the monthly aggregates current. Months are marked dirty (by a module that changed data,
// through markInsightsDirty, or by the change detection below) and only dirty months are recomputed.
// Change detection is cheap: per source table, the earliest affected date among rows changed since
// the last check (a timestamp watermark), or a fingerprint for small tables without timestamps.

import { withoutJit } from '../../db/without-jit.js';
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { recomputeKpi, type MonthStart } from './insights.aggregate.js';
import { kpiCatalogue, type KpiDefinition } from './insights.kpis.js';

/** How many months before the current one are kept up to date (a 12-month trend plus last year). */
export const WINDOW_MONTHS = 24;
// Transactions commit after their now(): look back a little so a late commit is not missed.
const LOOK_BACK_MINUTES = 5;

export function addMonths(month: MonthStart, n: number): MonthStart {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

export function monthWindow(today: string): { first: MonthStart; last: MonthStart } {
  const last = `${today.slice(0, 7)}-01`;
  return { first: addMonths(last, -WINDOW_MONTHS), last };
}

interface TimestampSource {
  name: string;
  /** Earliest affected date and latest change moment among rows changed after `since`. */
  changes: (since: RawBuilder<unknown>) => RawBuilder<{ affected: string | null; seen: string | null }>;
}

const AMS = sql.lit('Europe/Amsterdam');
const timestampSources: readonly TimestampSource[] = [
  { name: 'cases', changes: (t) => sql`select min(notified_on)::text as affected, max(created_at)::text as seen from cases where created_at > ${t}` },
  { name: 'case_events', changes: (t) => sql`select min(on_date)::text as affected, max(recorded_at)::text as seen from case_events where recorded_at > ${t}` },
  { name: 'kcc_contacts', changes: (t) => sql`select min((registered_at at time zone ${AMS})::date)::text as affected, max(registered_at)::text as seen from kcc_contacts where registered_at > ${t}` },
  { name: 'callback_tasks', changes: (t) => sql`select min((done_at at time zone ${AMS})::date)::text as affected, max(done_at)::text as seen from callback_tasks where done_at > ${t}` },
  { name: 'conversations', changes: (t) => sql`select min(held_on)::text as affected, max(created_at)::text as seen from conversations where created_at > ${t}` },
  {
    name: 'allocation_segments',
    changes: (t) => sql`select min(start_date)::text as affected, max(greatest(recorded_at, superseded_at))::text as seen from allocation_segments where recorded_at > ${t} or superseded_at > ${t}`,
  },
  { name: 'commitment_changes', changes: (t) => sql`select min((recorded_at at time zone ${AMS})::date)::text as affected, max(recorded_at)::text as seen from commitment_changes where recorded_at > ${t}` },
  { name: 'declarations', changes: (t) => sql`select min(month)::text as affected, max(received_at)::text as seen from declarations where received_at > ${t}` },
  // A move changes the area of everything the resident ever had: all months.
  { name: 'residents', changes: (t) => sql`select case when count(*) > 0 then '1900-01-01' end as affected, max(updated_at)::text as seen from residents where updated_at > ${t}` },
  // Participatiewet (issue #11 §3): new benefits, income statements, recovery repayments, BUIG budgets.
  { name: 'pw_benefits', changes: (t) => sql`select min(start_date)::text as affected, max(created_at)::text as seen from pw_benefits where created_at > ${t}` },
  { name: 'pw_income_statements', changes: (t) => sql`select min(period)::text as affected, max(entered_at)::text as seen from pw_income_statements where entered_at > ${t}` },
  { name: 'pw_recovery_entries', changes: (t) => sql`select min(booked_on)::text as affected, max(recorded_at)::text as seen from pw_recovery_entries where recorded_at > ${t}` },
  { name: 'pw_buig_budgets', changes: (t) => sql`select make_date(min(year), 1, 1)::text as affected, max(recorded_at)::text as seen from pw_buig_budgets where recorded_at > ${t}` },
];

/** Per-month fingerprints of tables without timestamps: 'yyyy-mm-dd=…' joined by ','; the earliest month that differs is affected. */
const monthFingerprints: readonly { name: string; query: RawBuilder<{ f: string | null }> }[] = [
  // Payments carry their period, not when they were written: a run (or a correction run) shows as a changed period.
  { name: 'pw_payments', query: sql`select string_agg(period::text || '=' || n || ':' || c, ',' order by period) as f from (select period, count(*) as n, sum(cents) as c from pw_payments group by period) x` },
  // A benefit that ends is an update without a timestamp: fingerprint the ends per end month.
  {
    name: 'pw_benefit_ends',
    query: sql`select string_agg(m::text || '=' || n || ':' || h, ',' order by m) as f from (
      select date_trunc('month', end_date)::date as m, count(*) as n, sum(hashtext(id::text || end_date::text)::bigint) as h
      from pw_benefits where end_date is not null group by 1) x`,
  },
];

/** The earliest month whose part differs between two month fingerprints, or null when they are equal. */
export function earliestChangedMonth(before: string | null, after: string | null): string | null {
  const parse = (f: string | null) => new Map((f ? f.split(',') : []).map((part) => part.split('=') as [string, string]));
  const a = parse(before);
  const b = parse(after);
  const changed = [...new Set([...a.keys(), ...b.keys()])].filter((month) => a.get(month) !== b.get(month)).sort();
  return changed[0] ?? null;
}

/** Marks every month from the one containing `from` ('yyyy-mm-dd') dirty; other modules call this after a change. */
export async function markInsightsDirty(tx: Tx, input: { from: string }): Promise<void> {
  await sql`update kpi_months set dirty = true where month >= date_trunc('month', ${input.from}::date)::date and not dirty`.execute(tx);
}

async function ensureMonths(tx: Tx, first: MonthStart, last: MonthStart): Promise<void> {
  await sql`
    insert into kpi_months (tenant_id, month)
    select current_setting('koers.tenant_id', true), m::date from generate_series(${first}::date, ${last}::date, interval '1 month') m
    on conflict (tenant_id, month) do nothing
  `.execute(tx);
}

/** Finds what changed since the last check and marks the affected months dirty; returns the earliest affected date. */
export async function detectChanges(tx: Tx, lookBackMinutes = LOOK_BACK_MINUTES): Promise<string | null> {
  // Timestamps travel as text: a JS Date keeps milliseconds only, PostgreSQL microseconds.
  const known = await tx.selectFrom('kpi_sources').select(['source', sql<string | null>`seen_until::text`.as('seen_until'), 'fingerprint']).execute();
  const bySource = new Map(known.map((k) => [k.source, k]));
  let earliest: string | null = null;
  const note = (date: string | null) => {
    if (date && (earliest === null || date < earliest)) earliest = date;
  };
  for (const source of timestampSources) {
    const since = bySource.get(source.name)?.seen_until;
    const threshold = since ? sql`${since}::timestamptz - make_interval(mins => ${lookBackMinutes})` : sql`'-infinity'::timestamptz`;
    const row = (await source.changes(threshold).execute(tx)).rows[0];
    if (!row?.seen) continue;
    note(row.affected);
    await upsertSource(tx, source.name, { seen_until: row.seen, fingerprint: null });
  }
  // Budgets have no timestamps: a fingerprint of the small table.
  const budget = (await sql<{ f: string }>`select count(*) || ':' || coalesce(sum(budget_cents), 0) || ':' || coalesce(sum(year * length(code)), 0) as f from budget_line_years`.execute(tx)).rows[0]!.f;
  if (bySource.get('budget_line_years')?.fingerprint !== budget) {
    note('1900-01-01');
    await upsertSource(tx, 'budget_line_years', { seen_until: null, fingerprint: budget });
  }
  for (const source of monthFingerprints) {
    const f = (await source.query.execute(tx)).rows[0]?.f ?? '';
    const known = bySource.get(source.name)?.fingerprint;
    if (known === f) continue;
    // A first check (nothing known yet) counts every month as changed.
    note(known === undefined || known === null ? '1900-01-01' : earliestChangedMonth(known, f));
    await upsertSource(tx, source.name, { seen_until: null, fingerprint: f });
  }
  if (earliest) await markInsightsDirty(tx, { from: earliest });
  return earliest;
}

async function upsertSource(tx: Tx, source: string, values: { seen_until: string | null; fingerprint: string | null }): Promise<void> {
  await sql`
    insert into kpi_sources (tenant_id, source, seen_until, fingerprint, checked_at)
    values (current_setting('koers.tenant_id', true), ${source}, ${values.seen_until}::timestamptz, ${values.fingerprint}, now())
    on conflict (tenant_id, source) do update set seen_until = excluded.seen_until, fingerprint = excluded.fingerprint, checked_at = now()
  `.execute(tx);
}

let refreshesComputed = 0;

/** How many refreshes this process has computed since it started (diagnostics and tests). */
export function refreshesComputedInProcess(): number {
  return refreshesComputed;
}

/**
 * Whether every month of the window was recomputed at or after `since`. refreshed_at is the moment
 * of the recompute (clock_timestamp, not the transaction's start), so a refresh that was already
 * running when the caller asked counts once it has finished.
 */
async function refreshedSince(tx: Tx, first: MonthStart, last: MonthStart, since: Date | undefined): Promise<boolean> {
  if (!since) return false;
  const row = await sql<{ done: boolean }>`
    select bool_and(refreshed_at is not null and refreshed_at >= ${since}) as done
    from kpi_months where month between ${first}::date and ${last}::date
  `.execute(tx);
  return row.rows[0]?.done === true;
}

export interface RefreshResult {
  /** The months recomputed ('yyyy-mm-01'), oldest first. */
  months: MonthStart[];
  durationMs: number;
}

/**
 * Brings the aggregates up to date for the window ending in `today`'s month: detects changes, then
 * recomputes the dirty months (one range, every KPI). `full` recomputes the whole window. One
 * refresh per tenant at a time (advisory lock), so concurrent requests never compute twice.
 */
export async function refreshInsights(
  tx: Tx,
  input: {
    today: string;
    full?: boolean;
    kpis?: readonly KpiDefinition[];
    lookBackMinutes?: number;
    /** When the caller asked: a full refresh that finished since (e.g. in another process, while this one waited for the lock) is not redone. */
    requestedAt?: Date;
    /** A stopping server aborts between two KPIs (the caller's transaction then rolls back). */
    signal?: AbortSignal;
  },
): Promise<RefreshResult> {
  const started = performance.now();
  await withoutJit(tx);
  await sql`select pg_advisory_xact_lock(hashtext('koers.insights.' || current_setting('koers.tenant_id', true)))`.execute(tx);
  refreshesComputed += 1;
  const { first, last } = monthWindow(input.today);
  await ensureMonths(tx, first, last);
  await detectChanges(tx, input.lookBackMinutes);
  if (input.full && !(await refreshedSince(tx, first, last, input.requestedAt))) {
    await sql`update kpi_months set dirty = true where month between ${first}::date and ${last}::date`.execute(tx);
  }
  const dirty = await sql<{ month: string }>`
    select month::text as month from kpi_months where dirty and month between ${first}::date and ${last}::date order by month
  `.execute(tx);
  const months = dirty.rows.map((r) => r.month);
  if (months.length > 0) {
    const from = months[0]!;
    const to = months.at(-1)!;
    for (const kpi of input.kpis ?? kpiCatalogue) {
      input.signal?.throwIfAborted();
      await recomputeKpi(tx, kpi, from, to);
    }
    await sql`update kpi_months set dirty = false, refreshed_at = clock_timestamp() where month between ${from}::date and ${to}::date`.execute(tx);
  }
  return { months, durationMs: performance.now() - started };
}
