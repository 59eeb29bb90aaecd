import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { findLiveSession } from './session.repository.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.login('consulent');
});
afterAll(async () => t.close());

const liveTokenHash = async () =>
  (
    await asOwnerIn(t.database.db, 'GM0935', (tx) =>
      tx.selectFrom('sessions').select('token_hash').where('expires_at', '>', new Date()).orderBy('last_seen_at', 'desc').executeTakeFirstOrThrow(),
    )
  ).token_hash;

describe('the session lookup in one statement (migration 0057)', () => {
  it('finds a live session with its employee in its own municipality', async () => {
    const session = await findLiveSession(t.database.db, 'GM0935', await liveTokenHash(), new Date());
    expect(session).toMatchObject({ username: 'consulent', active: true });
    expect(session!.roles.length).toBeGreaterThan(0);
    expect(session!.last_seen_at).toBeInstanceOf(Date);
  });

  it('finds nothing under another municipality, nor after the session expired', async () => {
    const hash = await liveTokenHash();
    expect(await findLiveSession(t.database.db, 'GM1903', hash, new Date())).toBeUndefined();
    expect(await findLiveSession(t.database.db, 'GM0935', hash, new Date(Date.now() + 400 * 24 * 3600_000))).toBeUndefined();
    expect(await findLiveSession(t.database.db, 'GM0935', 'ab'.repeat(32), new Date())).toBeUndefined();
  });

  it('leaves the connection as it found it: no role and no municipality after the statement', async () => {
    const hash = await liveTokenHash();
    const after = await t.database.db.connection().execute(async (connection) => {
      await findLiveSession(connection, 'GM0935', hash, new Date());
      return (
        await sql<{ role: string; tenant: string | null }>`select current_user as role, nullif(current_setting('koers.tenant_id', true), '') as tenant`.execute(connection)
      ).rows[0]!;
    });
    expect(after.tenant).toBeNull();
    expect(after.role).not.toBe('koers_app');
  });

  it('refuses a municipality code that is not one, in the database as well as before it', async () => {
    await expect(findLiveSession(t.database.db, "GM0935' or true --", 'x', new Date())).rejects.toThrow(/Invalid tenant id/);
    await expect(sql`select * from session_lookup(${'GM09'}, ${'x'}, ${new Date()})`.execute(t.database.db)).rejects.toThrow(/Ongeldige gemeente/);
  });

  it('reads by the primary keys and joins on tenant_id (ready for Citus co-location), like every hot query', async () => {
    // The plan of a statement inside a function does not show in EXPLAIN of the call: the text is checked.
    const { rows } = await sql<{ body: string }>`select pg_get_functiondef('session_lookup'::regproc) as body`.execute(t.database.db);
    const body = rows[0]!.body.replace(/\s+/g, ' ');
    expect(body).toContain('where s.tenant_id = p_tenant and s.token_hash = p_token_hash');
    expect(body).toContain('join users u on u.tenant_id = s.tenant_id and u.id = s.user_id');
    expect(body).toContain('left join user_credentials c on c.tenant_id = s.tenant_id and c.user_id = s.user_id');
    // SECURITY INVOKER (the default, so not printed): it can read only what the caller could.
    expect(body).not.toMatch(/security definer/i);
  });
});
