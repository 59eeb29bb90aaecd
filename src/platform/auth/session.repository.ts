import { sql, type Expression, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isTenantId, pinTenant, type Tx } from '../../db/tenancy.js';

export async function insertSession(
  tx: Tx,
  session: { tenantId: string; tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({
      tenant_id: session.tenantId,
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
    })
    .execute();
}

export interface LiveSession {
  user_id: string;
  must_change_password: boolean | null;
  last_seen_at: Date;
  username: string;
  display_name: string;
  roles: string[];
  active: boolean;
}

/**
 * The live session with this token in this municipality, with its employee: ONE statement outside
 * any transaction (migration 0057's `session_lookup` pins the application role and the tenant for
 * that statement alone), instead of a transaction of three round trips before every request.
 */
export async function findLiveSession(db: Kysely<DB>, tenantId: string, tokenHash: string, now: Date): Promise<LiveSession | undefined> {
  if (!isTenantId(tenantId)) throw new Error(`Invalid tenant id ${JSON.stringify(tenantId)}`);
  const { rows } = await sql<LiveSession>`select * from session_lookup(${tenantId}, ${tokenHash}, ${now})`.execute(db);
  return rows[0];
}

const TOKEN_HASH = /^[0-9a-f]{64}$/;

/**
 * `findLiveSession` as the FIRST statement of an open transaction: the lookup pins the application
 * role and the tenant for the rest of that transaction (`set_config(…, true)` in `session_lookup`),
 * so the transaction is a tenant transaction from then on. The values go as checked literals, not
 * parameters: a statement without parameters travels in one message with the transaction's `begin`
 * (db/pg-round-trips.ts), so a read request's session check and the start of its unit of work are one
 * round trip instead of two.
 */
export async function findLiveSessionOpening(tx: Tx, tenantId: string, tokenHash: string, now: Date): Promise<LiveSession | undefined> {
  if (!isTenantId(tenantId)) throw new Error(`Invalid tenant id ${JSON.stringify(tenantId)}`);
  if (!TOKEN_HASH.test(tokenHash)) throw new Error('Invalid session token hash');
  const { rows } = await sql<LiveSession>`select * from session_lookup(${sql.lit(tenantId)}, ${sql.lit(tokenHash)}, ${sql.lit(now.toISOString())}::timestamptz)`.execute(tx);
  return rows[0];
}

/**
 * `findLiveSessionOpening` with the first check of the route's guard in the same statement (the
 * resident guard's "whose file is this and what is my relation with them", see request-context.ts
 * `OpeningCheck`): the check gets the session's employee as SQL and its one row comes back as
 * `checked` (null when it finds none). The tenant is pinned first, so the check reads under the same
 * role and row-level security as in the guard. A statement with parameters: prepared once per
 * connection, it travels in one message with the `begin` and the pin (db/pg-round-trips.ts 1c), so
 * the session check, the guard's lookup and the start of the unit of work are one round trip.
 */
export async function findLiveSessionWithCheck(
  tx: Tx,
  tenantId: string,
  tokenHash: string,
  now: Date,
  check: (userId: Expression<string>) => Expression<unknown>,
): Promise<(LiveSession & { checked: unknown }) | undefined> {
  await pinTenant(tx, tenantId);
  const { rows } = await sql<LiveSession & { checked: unknown }>`
    select session.*, (select to_jsonb(checked) from (${check(sql.ref<string>('session.user_id'))}) checked) as checked
    from session_lookup(${tenantId}, ${tokenHash}, ${now}) session`.execute(tx);
  return rows[0];
}

export async function touchSession(tx: Tx, tokenHash: string, now: Date): Promise<void> {
  await tx.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(tx: Tx, tokenHash: string): Promise<void> {
  await tx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteExpiredSessions(tx: Tx, now: Date): Promise<void> {
  await tx.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

/** Ends every session of an account (deactivated, or its password reset). */
export async function deleteSessionsOfUser(tx: Tx, userId: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every other session of an account (the employee chose a new password in this one). */
export async function deleteOtherSessionsOfUser(tx: Tx, userId: string, keepTokenHash: string): Promise<number> {
  const result = await tx.deleteFrom('sessions').where('user_id', '=', userId).where('token_hash', '<>', keepTokenHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}
