import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { refreshInsights } from './insights.refresh.js';

// Dashboards read aggregates; before a read the aggregates are brought up to date at most once per
// interval per tenant (in this process), and concurrent readers wait for the same refresh.
const CHECK_INTERVAL_MS = 30_000;
const lastCheck = new Map<string, number>();
const running = new Map<string, Promise<void>>();

export async function ensureInsightsFresh(db: Kysely<DB>, tenantId: string, now = Date.now()): Promise<void> {
  const inFlight = running.get(tenantId);
  if (inFlight) return inFlight;
  if (now - (lastCheck.get(tenantId) ?? 0) < CHECK_INTERVAL_MS) return;
  const refresh = withTenant(db, tenantId, (tx) => refreshInsights(tx, { today: todayInAmsterdam() }))
    .then(() => {
      lastCheck.set(tenantId, Date.now());
    })
    .finally(() => running.delete(tenantId));
  running.set(tenantId, refresh);
  return refresh;
}

/** After an explicit recompute the next read need not check again. */
export function noteInsightsRefreshed(tenantId: string): void {
  lastCheck.set(tenantId, Date.now());
}
