import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';

const template = inject('templateDatabase');

describe.skipIf(template.kind !== 'postgresql')('PostgreSQL connections', () => {
  it('survives the server ending an idle connection: the next query gets a new one', async () => {
    const database = await createTestDatabase();
    try {
      // Two connections in the pool; one ends the other while it is idle.
      await Promise.all([sql`select pg_sleep(0.05)`.execute(database.db), sql`select pg_sleep(0.05)`.execute(database.db)]);
      const { rows } = await sql<{ ended: number }>`
        select count(*)::int as ended from (
          select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
        ) t`.execute(database.db);
      expect(rows[0]!.ended).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const again = await Promise.all([sql<{ one: number }>`select 1 as one`.execute(database.db), sql<{ one: number }>`select 1 as one`.execute(database.db)]);
      expect(again.map((r) => r.rows[0]!.one)).toEqual([1, 1]);
    } finally {
      await database.close();
    }
  });

  it('has closed every connection when close() returns', async () => {
    if (template.kind !== 'postgresql') return;
    const { openDatabase } = await import('./database.js');
    const admin = new pg.Client({ connectionString: template.adminUrl });
    await admin.connect();
    try {
      const name = `koers_close_${Date.now()}`;
      await admin.query(`create database ${name}`);
      const url = new URL(template.adminUrl);
      url.pathname = `/${name}`;
      const database = await openDatabase({ kind: 'postgresql', url: url.toString(), maxConnections: 3 });
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database.db)));
      await database.close();
      const left = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      expect(left.rows[0]!.n).toBe(0);
      // So a plain DROP (no FORCE) succeeds right away.
      await admin.query(`drop database ${name}`);
    } finally {
      await admin.end();
    }
  });
});
