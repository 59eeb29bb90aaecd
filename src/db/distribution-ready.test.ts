import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';
import type { Database } from './database.js';

// Issue #17 §3: the path beyond one PostgreSQL server is Citus with tenant_id as the distribution
// column. Citus needs every primary key, unique constraint and unique index of a distributed table to
// include the distribution column, and every foreign key between distributed tables to join on it;
// tables without it become reference tables (copied to every node). Citus is not installable here, so
// this checks the migrated schema (both databases) is ready for it.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

/** Tables without tenant_id: shared code lists (reference tables under Citus) and the migrator's own bookkeeping. */
const REFERENCE_TABLES = ['koers_migration', 'koers_migration_lock', 'retention_rules', 'tenants', 'volume_bounds'];

/**
 * Tables without tenant_id that are not code lists: the installation's own working state, counted before
 * the municipality is known. The rate-limit counters are written on every limited request, so under
 * Citus they stay a plain table on the coordinator (which every request passes) rather than a
 * reference table (whose every write goes to every node). See docs/scaling.md.
 */
const COORDINATOR_TABLES = ['rate_limit_counters'];

/**
 * Unique without tenant_id, with the reason. A provider's API token is looked up by its hash before the
 * municipality is known (the token names it); under Citus the table becomes a reference table (a few
 * rows per provider) or the lookup goes through a hash → tenant directory. See docs/scaling.md.
 */
const GLOBAL_UNIQUE = ['provider_api_tokens.provider_api_tokens_hash'];

const tenantTables = sql`
  select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`;

describe('ready for distribution by tenant_id (Citus)', () => {
  it('every table holds tenant_id, except the shared code lists, the migrator bookkeeping and the rate-limit counters', async () => {
    const { rows } = await sql<{ table: string }>`
      select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition and c.oid not in (${tenantTables})
      order by 1`.execute(database.db);
    expect(rows.map((r) => r.table)).toEqual([...REFERENCE_TABLES, ...COORDINATOR_TABLES].sort());
  });

  it('every primary key, unique constraint and unique index of a tenant table includes tenant_id', async () => {
    const { rows } = await sql<{ index: string }>`
      select c.relname || '.' || ic.relname as index
      from pg_index i join pg_class c on c.oid = i.indrelid join pg_class ic on ic.oid = i.indexrelid
      where i.indisunique and c.oid in (${tenantTables})
        and not exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attnum = any(i.indkey) and a.attname = 'tenant_id')
      order by 1`.execute(database.db);
    expect(rows.map((r) => r.index)).toEqual(GLOBAL_UNIQUE);
    // The tenant tables are many and all have a primary key: the check above is not vacuous.
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from pg_index i where i.indisprimary and i.indrelid in (${tenantTables})`.execute(database.db);
    expect(counted[0]!.n).toBeGreaterThan(100);
  });

  it('every foreign key between tenant tables joins on tenant_id, and the others point at reference tables', async () => {
    const { rows } = await sql<{ fk: string; from_tenant: number | null; to_tenant: number | null; target: string; target_is_tenant: boolean }>`
      select con.conrelid::regclass::text || '.' || con.conname as fk, con.confrelid::regclass::text as target,
        con.confrelid in (${tenantTables}) as target_is_tenant,
        (select a.attnum from pg_attribute a where a.attrelid = con.conrelid and a.attname = 'tenant_id')::int as from_tenant,
        con.conkey[array_position(con.confkey, (select a.attnum from pg_attribute a where a.attrelid = con.confrelid and a.attname = 'tenant_id'))]::int as to_tenant
      from pg_constraint con
      where con.contype = 'f' and con.conrelid in (${tenantTables})
      order by 1`.execute(database.db);
    expect(rows.length).toBeGreaterThan(100);
    const wrong = rows.filter((r) => (r.target_is_tenant ? r.from_tenant === null || r.from_tenant !== r.to_tenant : !REFERENCE_TABLES.includes(r.target)));
    expect(wrong.map((r) => r.fk)).toEqual([]);
  });
});
