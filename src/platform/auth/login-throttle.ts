// Throttling failed logins without handing an attacker a way to lock real users out.
//
// A fixed lockout per account ("10 failures, 15 minutes") lets anyone who can guess a username — and
// usernames are guessable — lock that employee out. Instead failures are counted twice, in the
// database so that every server process shares them:
//
// 1. Per account + client address. The first PAIR_FREE_FAILURES failures cost nothing (typos);
//    after that the next attempt from that address for that account must wait 1 s, doubling with
//    every further failure up to MAX_DELAY (15 minutes). Only that address is slowed: the real
//    user at another address is not affected. A successful login from the address resets it.
// 2. Per account over all addresses, with a much higher threshold (ACCOUNT_FREE_FAILURES), the same
//    growing delay. This catches guessing spread over many addresses, which (1) cannot see. It does
//    NOT apply to an address from which this account logged in successfully in the last
//    KNOWN_ADDRESS_DAYS: a distributed attack slows the account down for strangers, but the real
//    user at their usual address (the town hall, home) can always still log in.
//
// Attempts refused with 429 are not counted (the password is not even checked), so hammering does
// not extend a delay. Counts are forgotten FORGET_AFTER_HOURS after the last failure. Unknown
// usernames are counted like real ones, so the answers do not reveal which accounts exist. The
// username and the address are stored only as an HMAC keyed with the session secret: the table holds
// no personal data in clear, and without the secret a hash cannot be matched to a guessed name.

import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { AppError } from '../errors.js';

export const PAIR_FREE_FAILURES = 5;
export const ACCOUNT_FREE_FAILURES = 50;
const FIRST_DELAY_MS = 1000;
export const MAX_DELAY_MS = 15 * 60 * 1000;
const FORGET_AFTER_HOURS = 24;
const KNOWN_ADDRESS_DAYS = 90;
/** The account-wide row has no address. */
const ANY_ADDRESS = '';

export interface LoginAttempt {
  tenantId: string;
  username: string;
  address: string;
}

interface ThrottleKeys {
  tenantId: string;
  usernameHash: string;
  addressHash: string;
}

/** The wait after `failures` failures when the first `free` cost nothing: 1 s, 2 s, 4 s … up to 15 minutes. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_DELAY_MS * 2 ** Math.min(failures - free, 30), MAX_DELAY_MS);
}

function keysOf(secret: string, attempt: LoginAttempt): ThrottleKeys {
  const hmac = (value: string) => createHmac('sha256', secret).update(value).digest('hex');
  const username = attempt.username.trim().toLowerCase();
  return {
    tenantId: attempt.tenantId,
    usernameHash: hmac(`login-throttle|user|${attempt.tenantId}|${username}`),
    addressHash: hmac(`login-throttle|address|${attempt.address}`),
  };
}

/** Milliseconds this attempt must still wait (0: it may go ahead). */
async function waitFor(tx: Tx, keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await tx
    .selectFrom('login_throttle')
    .select(['address_hash', 'blocked_until', 'last_success_at'])
    .where('username_hash', '=', keys.usernameHash)
    .where('address_hash', 'in', [keys.addressHash, ANY_ADDRESS])
    .execute();
  const pair = rows.find((r) => r.address_hash === keys.addressHash);
  const account = rows.find((r) => r.address_hash === ANY_ADDRESS);
  const knownSince = now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000;
  const knownAddress = pair?.last_success_at != null && new Date(pair.last_success_at).getTime() > knownSince;
  const until = Math.max(
    pair?.blocked_until ? new Date(pair.blocked_until).getTime() : 0,
    account?.blocked_until && !knownAddress ? new Date(account.blocked_until).getTime() : 0,
  );
  return Math.max(0, until - now.getTime());
}

async function countFailure(tx: Tx, keys: ThrottleKeys, addressHash: string, free: number, now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_HOURS * 3_600_000);
  const row = await tx
    .insertInto('login_throttle')
    .values({ tenant_id: keys.tenantId, username_hash: keys.usernameHash, address_hash: addressHash, failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'username_hash', 'address_hash']).doUpdateSet({
        failures: sql<number>`case when login_throttle.last_failure_at < ${forgetBefore} then 1 else login_throttle.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  const delay = delayAfter(row.failures, free);
  await tx
    .updateTable('login_throttle')
    .set({ blocked_until: delay > 0 ? new Date(now.getTime() + delay) : null })
    .where('username_hash', '=', keys.usernameHash)
    .where('address_hash', '=', addressHash)
    .execute();
}

function waitMessage(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} ${seconds === 1 ? 'seconde' : 'seconden'}` : `${minutes} ${minutes === 1 ? 'minuut' : 'minuten'}`;
  return `Te veel mislukte inlogpogingen. Probeer het over ${wait} opnieuw.`;
}

/** The 429 for an attempt that came too early, with the wait in Dutch. */
export function loginThrottled(seconds: number): AppError {
  return new AppError('RATE_LIMITED', waitMessage(seconds * 1000));
}

/** Whole seconds this account must still wait before it may be tried from this address (0: go ahead). */
export async function loginWaitSeconds(db: Kysely<DB>, secret: string, attempt: LoginAttempt, now = new Date()): Promise<number> {
  const keys = keysOf(secret, attempt);
  const ms = await withTenant(db, attempt.tenantId, (tx) => waitFor(tx, keys, now));
  return Math.ceil(ms / 1000);
}

export async function recordLoginFailure(db: Kysely<DB>, secret: string, attempt: LoginAttempt, now = new Date()): Promise<void> {
  const keys = keysOf(secret, attempt);
  await withTenant(db, attempt.tenantId, async (tx) => {
    await countFailure(tx, keys, keys.addressHash, PAIR_FREE_FAILURES, now);
    await countFailure(tx, keys, ANY_ADDRESS, ACCOUNT_FREE_FAILURES, now);
  });
}

/** Resets the account + address counter and remembers the address as known; the account-wide count stays. */
export async function recordLoginSuccess(db: Kysely<DB>, secret: string, attempt: LoginAttempt, now = new Date()): Promise<void> {
  const keys = keysOf(secret, attempt);
  const staleBefore = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  await withTenant(db, attempt.tenantId, async (tx) => {
    await tx
      .insertInto('login_throttle')
      .values({ tenant_id: keys.tenantId, username_hash: keys.usernameHash, address_hash: keys.addressHash, last_success_at: now })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'username_hash', 'address_hash']).doUpdateSet({ failures: 0, blocked_until: null, last_success_at: now }),
      )
      .execute();
    // Housekeeping: rows nobody used for longer than an address stays known.
    await tx
      .deleteFrom('login_throttle')
      .where(sql<boolean>`greatest(coalesce(last_failure_at, '-infinity'), coalesce(last_success_at, '-infinity')) < ${staleBefore}`)
      .execute();
  });
}
