// The store behind @fastify/rate-limit: request counters in the database, so that several server
// processes behind one load balancer count one client together. The plugin's default store keeps them
// in process memory, where N processes would each allow the limit again (N × the limit in total).
//
// One fixed window per route and client address, like the plugin's own store: the first request
// starts a window of `timeWindow`; every request in it adds one, atomically (insert … on conflict do
// update … returning), so two processes never read the same count; the first request after the window
// starts a new one. Time is the database's clock, the same for every process. The key is stored only
// as an HMAC-SHA256 keyed with the session secret: the table holds no client address in clear, and
// without the secret a hash cannot be matched to an address (the IPv4 space is small enough to try
// every plain SHA-256). Expired rows are deleted on the fly, at most once a minute per process.

import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withoutTenant } from '../../db/tenancy.js';

const SWEEP_EVERY_MS = 60_000;

type IncrCallback = Parameters<FastifyRateLimitStore['incr']>[1];

export interface RateLimitCount {
  /** Requests in the current window, this one included. */
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
}

/** Counts one request for `keyHash` in a window of `windowMs`; returns the count and what is left of the window. */
export async function countRequest(db: Kysely<DB>, keyHash: string, windowMs: number): Promise<RateLimitCount> {
  const row = await withoutTenant(db, (tx) =>
    tx
      .insertInto('rate_limit_counters')
      .values({
        key_hash: keyHash,
        window_start: sql<Date>`now()`,
        expires_at: sql<Date>`now() + ${windowMs}::double precision * interval '1 millisecond'`,
        hits: 1,
      })
      .onConflict((oc) =>
        oc.column('key_hash').doUpdateSet({
          hits: sql<number>`case when rate_limit_counters.expires_at <= now() then 1 else rate_limit_counters.hits + 1 end`,
          window_start: sql<Date>`case when rate_limit_counters.expires_at <= now() then now() else rate_limit_counters.window_start end`,
          expires_at: sql<Date>`case when rate_limit_counters.expires_at <= now() then excluded.expires_at else rate_limit_counters.expires_at end`,
        }),
      )
      // A request whose transaction began before another one started the window (now() is the start of
      // the transaction), then waited for its row lock, would see more than the whole window left: capped.
      .returning(['hits', sql<number>`least(${windowMs}::integer, greatest(0, ceil(extract(epoch from (rate_limit_counters.expires_at - now())) * 1000))::integer)`.as('ttl_ms')])
      .executeTakeFirstOrThrow(),
  );
  return { current: row.hits, ttl: row.ttl_ms };
}

/**
 * Deletes the counters whose window has ended. In its own transaction and skipping rows another
 * process is counting right now, so it never waits for (or deadlocks with) a request.
 */
export async function deleteExpiredCounters(db: Kysely<DB>): Promise<number> {
  const result = await withoutTenant(db, (tx) =>
    sql`
      delete from rate_limit_counters where key_hash in (
        select key_hash from rate_limit_counters where expires_at < now() for update skip locked
      )
    `.execute(tx),
  );
  return Number(result.numAffectedRows ?? 0n);
}

/** The route a child store counts for, from the options the plugin hands to `child`. */
function routeOf(routeOptions: object): string {
  const info = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
  const method = [info?.method].flat().join(',');
  return `${method} ${String(info?.url ?? '')}`;
}

/**
 * A store class for `@fastify/rate-limit`'s `store` option. Every route with its own limit gets a child
 * that counts for that route only (as the plugin's own stores do). `continueExceeding` and
 * `exponentialBackoff` are not supported: a route that asks for them fails at start-up, not silently.
 */
export function databaseRateLimitStore(db: Kysely<DB>, secret: string): FastifyRateLimitStoreCtor {
  const housekeeping = { lastSweep: 0 };
  const hashOf = (route: string, key: string) => createHmac('sha256', secret).update(`rate-limit|${route}|${key}`).digest('hex');

  async function count(route: string, key: string, windowMs: number): Promise<RateLimitCount> {
    const counted = await countRequest(db, hashOf(route, key), windowMs);
    if (Date.now() - housekeeping.lastSweep >= SWEEP_EVERY_MS) {
      housekeeping.lastSweep = Date.now();
      await deleteExpiredCounters(db);
    }
    return counted;
  }

  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    constructor(
      options: object,
      private readonly route = '*',
    ) {
      const { continueExceeding, exponentialBackoff } = options as { continueExceeding?: boolean; exponentialBackoff?: boolean };
      if (continueExceeding || exponentialBackoff) {
        throw new Error('The database rate-limit store supports fixed windows only (no continueExceeding or exponentialBackoff)');
      }
    }

    incr(key: string, callback: IncrCallback, timeWindow: number): void {
      count(this.route, key, timeWindow).then(
        (result) => callback(null, result),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions, routeOf(routeOptions));
    }
  }
  return DatabaseRateLimitStore;
}
