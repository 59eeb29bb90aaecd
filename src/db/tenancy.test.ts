import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';
import type { Database } from './database.js';
import { APP_ROLE, withTenant } from './tenancy.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

describe('tenant isolation (row-level security)', () => {
  it('enables AND forces row-level security on every table that holds municipal data', async () => {
    const { rows } = await sql<{ table: string; enabled: boolean; forced: boolean; in_pk: boolean }>`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             exists (
               select 1 from pg_index i
               join pg_attribute pa on pa.attrelid = i.indrelid and pa.attnum = any(i.indkey)
               where i.indrelid = c.oid and i.indisprimary and pa.attname = 'tenant_id'
             ) as in_pk
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
      where n.nspname = 'public' and c.relkind = 'r'
      order by c.relname
    `.execute(database.db);
    expect(rows.map((r) => r.table)).toEqual(expect.arrayContaining(['audit_log', 'residents', 'sessions', 'users']));
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true, in_pk: true });
  });

  it('runs queries as a role that is neither superuser nor BYPASSRLS', async () => {
    const role = await withTenant(database.db, 'GM0935', async (tx) =>
      (
        await sql<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>`
          select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user
        `.execute(tx)
      ).rows[0],
    );
    expect(role).toEqual({ current_user: APP_ROLE, rolsuper: false, rolbypassrls: false });
  });

  it("never returns another tenant's rows, even from a query without a tenant filter", async () => {
    const all = await sql<{ tenant_id: string; n: string }>`select tenant_id, count(*)::text as n from residents group by tenant_id order by tenant_id`.execute(
      database.db,
    );
    // As the connecting role (outside the app role) a superuser sees both demo municipalities; a
    // non-superuser owner (docs/operations.md) sees nothing, as row-level security is forced...
    const superuser = (await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(database.db)).rows[0]!.s;
    expect(all.rows.map((r) => r.tenant_id)).toEqual(superuser ? ['GM0935', 'GM1903'] : []);

    for (const tenant of ['GM0935', 'GM1903']) {
      const seen = await withTenant(database.db, tenant, async (tx) => {
        const unfiltered = await sql<{ tenant_id: string }>`select distinct tenant_id from residents`.execute(tx);
        const other = tenant === 'GM0935' ? 'GM1903' : 'GM0935';
        const targeted = await tx.selectFrom('residents').select('id').where('tenant_id', '=', other).execute();
        const users = await sql<{ tenant_id: string }>`select distinct tenant_id from users`.execute(tx);
        return { unfiltered: unfiltered.rows.map((r) => r.tenant_id), targeted: targeted.length, users: users.rows.map((r) => r.tenant_id) };
      });
      // ...but through the app role each sees only its own.
      expect(seen).toEqual({ unfiltered: [tenant], targeted: 0, users: [tenant] });
    }
  });

  it('refuses to write a row for another tenant', async () => {
    await expect(
      withTenant(database.db, 'GM0935', (tx) =>
        tx
          .insertInto('areas')
          .values({ tenant_id: 'GM1903', code: 'WK999999', name: 'Indringer' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows nothing when no tenant is set for the transaction', async () => {
    const count = await database.db.transaction().execute(async (tx) => {
      await sql`select set_config('role', ${APP_ROLE}, true)`.execute(tx);
      return (await sql<{ n: number }>`select count(*)::int as n from residents`.execute(tx)).rows[0]?.n;
    });
    expect(count).toBe(0);
  });

  it('rejects a malformed tenant id before touching the database', async () => {
    await expect(withTenant(database.db, "GM0935' or true --", async () => 1)).rejects.toThrow(/Invalid tenant id/);
  });
});

describe('audit log is append-only', () => {
  it('denies UPDATE and DELETE to the application role', async () => {
    await expect(withTenant(database.db, 'GM0935', (tx) => sql`update audit_log set name = 'x'`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
    await expect(withTenant(database.db, 'GM0935', (tx) => sql`delete from audit_log`.execute(tx))).rejects.toThrow(/permission denied/);
  });

  it('refuses UPDATE and DELETE even to the owner, through a trigger', async () => {
    await withTenant(database.db, 'GM0935', (tx) =>
      tx
        .insertInto('audit_log')
        .values({
          tenant_id: 'GM0935',
          trace_id: 'a'.repeat(32),
          span_id: 'b'.repeat(16),
          parent_span_id: null,
          name: 'test',
          status_code: 'OK',
          start_time: new Date(),
          end_time: new Date(),
          processing_activity_id: 'inwonerregistratie',
          data_subject_type: 'resident',
          data_subject_id: '00000000-0000-0000-0000-000000000000',
          actor_id: null,
          actor_username: null,
          actor_roles: [],
          resource_name: 'koers',
          resource_version: 'test',
          attributes: '{}',
        })
        .execute(),
    );
    // As the connecting role with the tenant set, so forced row-level security lets a non-superuser
    // owner reach the rows too: only the trigger stands in the way.
    const asOwner = (statement: ReturnType<typeof sql>) =>
      database.db.transaction().execute(async (tx) => {
        await sql`select set_config('koers.tenant_id', 'GM0935', true)`.execute(tx);
        return statement.execute(tx);
      });
    await expect(asOwner(sql`update audit_log set name = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(asOwner(sql`delete from audit_log`)).rejects.toThrow(/append-only/);
  });
});
