import type { CompiledQuery, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { createStaff } from '../../../test/support/factories.js';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';

// A read request's session lookup is the first statement of its unit of work (issue #17): `begin`,
// the lookup and the tenant pin are one round trip on PostgreSQL instead of two. For routes guarded
// by the resident guard and for the two lists marked so (search by name, my cases); every other case
// keeps the lookup of before.

const TENANT = 'GM0935';
let t: TestApp;
let residentId: string;
let caseId: string;

beforeAll(async () => {
  t = await createTestApp();
  residentId = (await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('residents').select('id').where('tenant_id', '=', TENANT).orderBy('id').executeTakeFirstOrThrow())).id;
  const consultant = await userIdOf('consulent');
  caseId = (
    await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('cases').select('id').where('tenant_id', '=', TENANT).where('consultant_id', '=', consultant).where('status', 'not in', ['afgesloten', 'ingetrokken']).orderBy('id').executeTakeFirstOrThrow(),
    )
  ).id;
});
afterAll(async () => t.close());

/**
 * Runs `send` and records the statements of every transaction begun with `db.startTransaction()` (a
 * unit of work), per transaction, and which of them were opened read-only.
 */
async function unitsOfWorkDuring(db: Kysely<DB>, send: () => Promise<void>): Promise<{ units: string[][]; readOnly: Set<string[]>; other: number }> {
  const units: string[][] = [];
  const readOnly = new Set<string[]>();
  let other = 0;
  const startTransaction = db.startTransaction;
  const transaction = db.transaction;
  db.transaction = function counted(this: Kysely<DB>) {
    other += 1;
    return transaction.call(this);
  } as typeof db.transaction;
  type Builder = ReturnType<Kysely<DB>['startTransaction']>;
  // The builder's settings (a read's is read-only) give a new builder: recorded too.
  const recorded = (builder: Builder, statements: string[]): Builder => {
    const execute = builder.execute.bind(builder);
    return Object.assign(Object.create(builder) as Builder, {
      setAccessMode: (mode: Parameters<Builder['setAccessMode']>[0]) => {
        if (mode === 'read only') readOnly.add(statements);
        return recorded(builder.setAccessMode(mode), statements);
      },
      execute: async () => {
        const trx = await execute();
        const executor = trx.getExecutor();
        const executeQuery = executor.executeQuery.bind(executor);
        executor.executeQuery = ((query: CompiledQuery, ...rest: unknown[]) => {
          statements.push(query.sql);
          return (executeQuery as (...args: unknown[]) => unknown)(query, ...rest);
        }) as typeof executor.executeQuery;
        return trx;
      },
    });
  };
  db.startTransaction = function recording(this: Kysely<DB>) {
    const statements: string[] = [];
    units.push(statements);
    return recorded(startTransaction.call(this), statements);
  } as typeof db.startTransaction;
  try {
    await send();
  } finally {
    db.startTransaction = startTransaction;
    db.transaction = transaction;
  }
  return { units, readOnly, other };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
const setLastSeen = (userId: string, lastSeen: Date) =>
  withTenant(t.database.db, TENANT, (tx) => tx.updateTable('sessions').set({ last_seen_at: lastSeen }).where('user_id', '=', userId).execute());
const lastSeenOf = async (userId: string) =>
  (await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('sessions').select('last_seen_at').where('user_id', '=', userId).executeTakeFirstOrThrow())).last_seen_at;
const userIdOf = async (username: string) =>
  (await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('users').select('id').where('tenant_id', '=', TENANT).where('username', '=', username).executeTakeFirstOrThrow())).id;
/** A new session of its own for the user: earlier logins of the same user are ended first. */
async function freshSession(username: string): Promise<{ cookie: string; userId: string }> {
  const userId = await userIdOf(username);
  await withTenant(t.database.db, TENANT, (tx) => tx.deleteFrom('sessions').where('user_id', '=', userId).execute());
  return { ...(await t.login(username, TENANT)), userId };
}

describe("a read request's session lookup opens its unit of work", () => {
  it.each([
    ['search by name (marked)', () => '/api/residents?q=jan', 'kcc'],
    ['my cases (marked)', () => '/api/cases/mine', 'consulent'],
  ])('%s: one unit of work, the session lookup its first statement, then the pin-free work; no other transaction', async (_, url, username) => {
    const { cookie } = await freshSession(username);
    let status = 0;
    const { units, other } = await unitsOfWorkDuring(t.database.db, async () => {
      status = (await t.app.inject({ method: 'GET', url: url(), headers: { cookie } })).statusCode;
    });
    expect(status).toBe(200);
    expect(units).toHaveLength(1);
    expect(units[0]![0]).toMatch(/^select \* from session_lookup\('GM0935', '[0-9a-f]{64}', '[^']+'::timestamptz\)$/);
    // The lookup pinned the municipality and the role for the transaction: no separate pin follows.
    expect(units[0]!.some((s) => s.includes("set_config('koers.tenant_id'"))).toBe(false);
    // The read's processing-log record goes to the batch writer (a transaction of its own, `db.transaction`).
    expect(other).toBeLessThanOrEqual(1);
  });

  it.each([
    ['the resident file', () => `/api/residents/${residentId}`, 'kcc', 200],
    ['a case (its resident)', () => `/api/cases/${caseId}`, 'consulent', 200],
    ['a resident that does not exist', () => '/api/residents/00000000-0000-4000-8000-000000000000', 'kcc', 404],
    ['a resident without a relation', () => `/api/residents/${residentId}`, 'outsider', 403],
  ])("%s (resident guard): the guard's lookup goes in the session lookup's statement, after the pin; the guard runs no query of its own", async (_, url, username, expected) => {
    const { cookie } = username === 'outsider' ? await createStaff(t, { roles: ['consultant'] }) : await freshSession(username);
    let status = 0;
    const { units } = await unitsOfWorkDuring(t.database.db, async () => {
      status = (await t.app.inject({ method: 'GET', url: url(), headers: { cookie } })).statusCode;
    });
    expect(status).toBe(expected);
    // 403: the refusal's processing-log record is written in the same unit of work and committed.
    expect(units).toHaveLength(1);
    const [pin, lookup, ...rest] = units[0]!;
    expect(pin).toMatch(/set_config\('role', 'koers_app', true\), set_config\('koers.tenant_id', 'GM0935', true\)$/);
    expect(lookup).toMatch(/^\s*select session\.\*, \(select to_jsonb\(checked\) from \(\s*select guarded\.resident_id/);
    expect(lookup).toMatch(/from session_lookup\(\$\d+, \$\d+, \$\d+\) session$/);
    expect(rest.some((statement) => statement.includes('guarded.resident_id') || statement.includes('session_lookup'))).toBe(false);
  });

  it('a route that is not marked looks the session up as before: outside its unit of work', async () => {
    const { cookie } = await freshSession('kcc');
    const { units } = await unitsOfWorkDuring(t.database.db, async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    });
    for (const statements of units) expect(statements.some((s) => s.includes('session_lookup'))).toBe(false);
  });

  it('a write (POST) looks the session up as before, even on a guarded route', async () => {
    const { cookie } = await freshSession('consulent');
    const { units } = await unitsOfWorkDuring(t.database.db, async () => {
      await t.app.inject({ method: 'POST', url: `/api/residents/${residentId}/cases`, headers: { cookie }, payload: { caseTypeCode: 'BESTAAT-NIET' } });
    });
    for (const statements of units) expect(statements.some((s) => s.includes('session_lookup'))).toBe(false);
  });
});

describe('the cases the lookup in the unit of work leaves to the lookup of before', () => {
  it('a session last used more than a minute ago: the answer is given, its last use written, and the read still runs read-only', async () => {
    const { cookie, userId } = await freshSession('kcc');
    await setLastSeen(userId, minutesAgo(5));
    let response: Awaited<ReturnType<typeof t.app.inject>> | undefined;
    const { units, readOnly } = await unitsOfWorkDuring(t.database.db, async () => {
      response = await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}`, headers: { cookie } });
    });
    expect(response?.statusCode).toBe(200);
    // The lookup's attempt in a unit of work (rolled back: a touch is due), then the guard's own unit of work.
    const guarded = units.filter((statements) => statements.some((s) => s.includes('guarded.resident_id') || s.includes('from "residents"')));
    expect(guarded.length).toBeGreaterThan(0);
    for (const statements of guarded) expect(readOnly.has(statements)).toBe(true);
    expect(Date.now() - new Date(await lastSeenOf(userId)).getTime()).toBeLessThan(10_000);
  });

  it('a session idle too long: 401 with the Dutch message, and the session is ended', async () => {
    const { cookie, userId } = await freshSession('kcc');
    await setLastSeen(userId, minutesAgo(31));
    const response = await t.app.inject({ method: 'GET', url: '/api/residents?q=jan', headers: { cookie } });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.message).toBe('Uw sessie is verlopen door inactiviteit. Log opnieuw in.');
    expect(await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('sessions').select('token_hash').where('user_id', '=', userId).execute())).toEqual([]);
  });

  it('no session, or a forged one: 401, and no transaction is left open (more requests than the pool has connections)', async () => {
    const { cookie } = await freshSession('kcc');
    const forged = cookie.replace(/=GM0935\.[^;]+/, '=GM0935.nietbestaand');
    for (let i = 0; i < 12; i++) {
      expect((await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}`, headers: { cookie: forged } })).statusCode).toBe(401);
      expect((await t.app.inject({ method: 'GET', url: `/api/cases/mine` })).statusCode).toBe(401);
      // Invalid input after the session was found: the unit of work the lookup opened is rolled back.
      expect((await t.app.inject({ method: 'GET', url: '/api/residents?q=', headers: { cookie } })).statusCode).toBe(400);
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}`, headers: { cookie } })).statusCode).toBe(200);
  });

  it('a forged session or an inactive account on a marked route: 401 from the one lookup in the unit of work, no second lookup', async () => {
    const { cookie } = await freshSession('kcc');
    // Well-formed (a token of 43 characters), so it is looked up, but no session has it.
    const forged = cookie.replace(/=GM0935\.[^;]+/, `=GM0935.${'A'.repeat(43)}`);
    const inactive = await freshSession('consulent');
    const lookups: string[] = [];
    const executor = t.database.db.getExecutor();
    const executeQuery = executor.executeQuery;
    executor.executeQuery = function recorded(this: typeof executor, query: CompiledQuery, ...rest: unknown[]) {
      if (query.sql.includes('session_lookup')) lookups.push(query.sql);
      return (executeQuery as (...args: unknown[]) => ReturnType<typeof executeQuery>).call(this, query, ...rest);
    } as typeof executor.executeQuery;
    await withTenant(t.database.db, TENANT, (tx) => tx.updateTable('users').set({ active: false }).where('id', '=', inactive.userId).execute());
    try {
      for (const [who, url] of [[forged, `/api/residents/${residentId}`], [inactive.cookie, '/api/cases/mine']] as const) {
        const { units } = await unitsOfWorkDuring(t.database.db, async () => {
          expect((await t.app.inject({ method: 'GET', url, headers: { cookie: who } })).statusCode).toBe(401);
        });
        expect(units.flat().filter((statement) => statement.includes('session_lookup'))).toHaveLength(1);
      }
      expect(lookups).toEqual([]);
    } finally {
      executor.executeQuery = executeQuery;
      await withTenant(t.database.db, TENANT, (tx) => tx.updateTable('users').set({ active: true }).where('id', '=', inactive.userId).execute());
    }
  });

  it('an employee without the permission: 403 from the route guard, the transaction ends', async () => {
    const { cookie } = await freshSession('wethouder');
    for (let i = 0; i < 12; i++) expect((await t.app.inject({ method: 'GET', url: '/api/cases/mine', headers: { cookie } })).statusCode).toBe(403);
    const kcc = await freshSession('kcc');
    expect((await t.app.inject({ method: 'GET', url: '/api/residents?q=jan', headers: { cookie: kcc.cookie } })).statusCode).toBe(200);
  });
});
