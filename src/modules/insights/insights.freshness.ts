import type { Kysely } from 'kysely';
import { perDatabase } from '../../db/per-database.js';
import type { DB } from '../../db/schema.js';
import { jobInFlight, runJobNow } from '../../platform/jobs/job.js';
import { insightsRefreshJob } from './insights.jobs.js';
import type { RefreshResult } from './insights.refresh.js';

/** Brings the municipality's aggregates up to date now, sharing a refresh that is running (see insights.jobs.ts). */
export function refreshInsightsOnce(db: Kysely<DB>, tenantId: string, input: { full: boolean; requestedAt?: number }): Promise<RefreshResult> {
  return runJobNow(db, insightsRefreshJob, tenantId, { full: input.full }, { requestedAt: new Date(input.requestedAt ?? Date.now()) });
}

// Dashboards read aggregates; before a read the aggregates are brought up to date at most once per
// interval per tenant (in this process), and concurrent readers wait for the same refresh. Kept per
// database: a process that holds more than one (the benches, test files sharing a worker) checks each.
const CHECK_INTERVAL_MS = 30_000;
const lastCheckOf = perDatabase(() => new Map<string, number>());

export async function ensureInsightsFresh(db: Kysely<DB>, tenantId: string, now = Date.now()): Promise<void> {
  const inFlight = jobInFlight(db, insightsRefreshJob, tenantId);
  if (inFlight) {
    await inFlight;
    return;
  }
  const lastCheck = lastCheckOf(db);
  if (now - (lastCheck.get(tenantId) ?? 0) < CHECK_INTERVAL_MS) return;
  await refreshInsightsOnce(db, tenantId, { full: false });
  lastCheck.set(tenantId, Date.now());
}

/** After an explicit recompute the next read need not check again. */
export function noteInsightsRefreshed(db: Kysely<DB>, tenantId: string): void {
  lastCheckOf(db).set(tenantId, Date.now());
}
