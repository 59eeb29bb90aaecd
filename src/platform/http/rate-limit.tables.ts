import type { Timestamp } from '../../db/column-types.js';

/** Request counters of the rate-limited routes, shared by every server process; see rate-limit.store.ts. */
export interface RateLimitCounterTable {
  key_hash: string;
  window_start: Timestamp;
  expires_at: Timestamp;
  hits: number;
}

export interface RateLimitTables {
  rate_limit_counters: RateLimitCounterTable;
}
