import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwnerIn, createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { settleAfterBulkLoad } from './maintenance.js';

// Issue #17 §2: statistics fresh after a bulk load, and index-only scans that read no table pages.

const TENANT = 'GM0935';
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await sql`insert into tenants (id, name) values (${TENANT}, 'Maastricht') on conflict (id) do nothing`.execute(database.db);
});
afterAll(() => database.close());

async function stateOf(table: string) {
  const { rows } = await sql<{ tuples: number; pages: number; visible: number }>`
    select reltuples::float8 as tuples, relpages as pages, relallvisible as visible from pg_class
    where oid = to_regclass(${table})`.execute(database.db);
  return rows[0]!;
}

describe('settleAfterBulkLoad', () => {
  it('analyses and vacuums what was just loaded: row counts known, every page all-visible', async () => {
    await asOwnerIn(database.db, TENANT, (tx) =>
      sql`insert into areas (tenant_id, code, name) select ${TENANT}, 'BULK' || g, 'Gebied ' || g from generate_series(1, 3000) g`.execute(tx),
    );
    const before = await stateOf('areas');
    // The planner does not know the new rows yet (-1: never analysed).
    expect(before.tuples).toBeLessThan(3000);

    const settled = await settleAfterBulkLoad(database.db);

    const after = await stateOf('areas');
    expect(settled.tables).toBeGreaterThan(50);
    expect(after.tuples).toBeGreaterThanOrEqual(3000);
    expect(after.pages).toBeGreaterThan(0);
    expect(after.visible).toBe(after.pages);
  });
});
