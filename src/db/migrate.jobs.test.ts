import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { databaseUrlWithName } from '../../test/support/template.js';
import { openDatabase, type Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';

// Upgrading an installation that has signal_jobs: its rows move to jobs under their new names, with
// their next run and last error, also when the owner is subject to forced row-level security (CI's
// non-superuser owner on PostgreSQL).

let database: Database;
let drop = async () => {};

async function emptyDatabase(): Promise<Database> {
  const template = inject('templateDatabase');
  if (template.kind === 'pglite') return openDatabase({ kind: 'pglite' });
  const name = `koers_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  drop = async () => {
    const dropper = new pg.Client({ connectionString: template.adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  return openDatabase({ kind: 'postgresql', url: databaseUrlWithName(template.adminUrl, name), maxConnections: 2 });
}

const pinned = <T>(db: Kysely<DB>, tenant: string, work: (tx: Kysely<DB>) => Promise<T>) =>
  db.transaction().execute(async (tx) => {
    await sql`select set_config('koers.tenant_id', ${tenant}, true)`.execute(tx);
    return work(tx);
  });

beforeAll(async () => {
  database = await emptyDatabase();
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe('migration 0014_jobs', () => {
  it('carries the signal_jobs rows over to jobs and drops signal_jobs', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, migrationTableName: 'koers_migration', migrationLockTableName: 'koers_migration_lock' });
    const before = await migrator.migrateTo('0013_break_glass_renewals');
    expect(before.error).toBeUndefined();
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await sql`insert into tenants (id, name) values ('GM0935', 'Maastricht'), ('GM0917', 'Heerlen')`.execute(db);
    const next = new Date('2026-12-04T01:00:00Z');
    for (const tenant of ['GM0935', 'GM0917']) {
      await pinned(database.db, tenant, (tx) =>
        sql`
          insert into signal_jobs (tenant_id, job, interval_minutes, daily_at, next_run_at, last_finished_at, last_error) values
            (${tenant}, 'alle-regels', null, '02:00', ${next}, ${next}, null),
            (${tenant}, 'termijnregels', 60, null, ${next}, ${next}, ${tenant === 'GM0917' ? 'kapot' : null})
        `.execute(tx),
      );
    }
    await migrateToLatest(database.db);
    const rows = await pinned(database.db, 'GM0917', (tx) =>
      tx.selectFrom('jobs').select(['tenant_id', 'name', 'every_minutes', sql<string>`daily_at::text`.as('daily_at'), 'run_at', 'last_status', 'last_error']).where('tenant_id', '=', 'GM0917').orderBy('name').execute(),
    );
    expect(rows).toEqual([
      { tenant_id: 'GM0917', name: 'signalen.alle-regels', every_minutes: null, daily_at: '02:00:00', run_at: next, last_status: 'geslaagd', last_error: null },
      { tenant_id: 'GM0917', name: 'signalen.termijnregels', every_minutes: 60, daily_at: null, run_at: next, last_status: 'mislukt', last_error: 'kapot' },
    ]);
    expect(await pinned(database.db, 'GM0935', (tx) => tx.selectFrom('jobs').select('name').where('tenant_id', '=', 'GM0935').execute())).toHaveLength(2);
    const table = await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'signal_jobs'`.execute(db);
    expect(table.rows[0]!.n).toBe(0);
    // Row-level security is forced on the new table: without a municipality pinned, the owner sees nothing (a superuser, PGlite's, sees all).
    const forced = await sql<{ f: boolean }>`select relforcerowsecurity as f from pg_class where relname = 'jobs'`.execute(db);
    expect(forced.rows[0]!.f).toBe(true);
  });
});
