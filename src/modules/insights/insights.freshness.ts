import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { refreshInsights, type RefreshResult } from './insights.refresh.js';

// One refresh per municipality at a time in this process (single flight): a caller that arrives
// while one runs shares its result instead of computing the same again — five "recompute
// everything" clicks cost one recompute, not five in a queue. "Arrives while one runs" is judged by
// the request's arrival, not by when its handler gets to run: with PGlite the other requests wait
// for the connection (held by the refresh) before their handler starts, and must still share. A
// full refresh also serves callers that only need the changed months; a full request does not
// settle for a partial one. Across processes the advisory lock in refreshInsights serialises the work,
// and a full refresh that another process finished while this one waited is not redone.
interface Flight {
  full: boolean;
  result: Promise<RefreshResult>;
  /** Date.now() when the refresh finished; undefined while it runs. */
  finishedAt?: number;
}
const flights = new Map<string, Flight>();

const serves = (flight: Flight, full: boolean) => flight.full || !full;

export function refreshInsightsOnce(
  db: Kysely<DB>,
  tenantId: string,
  input: { full: boolean; requestedAt?: number },
): Promise<RefreshResult> {
  const flight = flights.get(tenantId);
  const requestedAt = input.requestedAt ?? Date.now();
  if (flight && serves(flight, input.full) && (flight.finishedAt === undefined || flight.finishedAt >= requestedAt)) return flight.result;
  const start = () =>
    withTenant(db, tenantId, (tx) => refreshInsights(tx, { today: todayInAmsterdam(), full: input.full, requestedAt: new Date(requestedAt) }));
  // A full request behind a running partial one starts when that one is done.
  const running = flight?.finishedAt === undefined ? flight?.result : undefined;
  const next: Flight = { full: input.full, result: running ? running.then(start, start) : start() };
  next.result.then(
    () => {
      next.finishedAt = Date.now();
    },
    () => {
      if (flights.get(tenantId) === next) flights.delete(tenantId);
    },
  );
  flights.set(tenantId, next);
  return next.result;
}

/** Whether a refresh is running for the tenant in this process; the promise settles when it is done. */
function runningFlight(tenantId: string): Promise<RefreshResult> | undefined {
  const flight = flights.get(tenantId);
  return flight && flight.finishedAt === undefined ? flight.result : undefined;
}

// Dashboards read aggregates; before a read the aggregates are brought up to date at most once per
// interval per tenant (in this process), and concurrent readers wait for the same refresh.
const CHECK_INTERVAL_MS = 30_000;
const lastCheck = new Map<string, number>();

export async function ensureInsightsFresh(db: Kysely<DB>, tenantId: string, now = Date.now()): Promise<void> {
  const inFlight = runningFlight(tenantId);
  if (inFlight) {
    await inFlight;
    return;
  }
  if (now - (lastCheck.get(tenantId) ?? 0) < CHECK_INTERVAL_MS) return;
  await refreshInsightsOnce(db, tenantId, { full: false });
  lastCheck.set(tenantId, Date.now());
}

/** After an explicit recompute the next read need not check again. */
export function noteInsightsRefreshed(tenantId: string): void {
  lastCheck.set(tenantId, Date.now());
}
