import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';
import type { Database } from '../db/database.js';
import { withTenant } from '../db/tenancy.js';
import { seedDemo } from './seed.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const residents = (tenant: string) =>
  withTenant(database.db, tenant, async (tx) => Number((await tx.selectFrom('residents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));

describe('seedDemo', () => {
  it('is idempotent: seeding the same size again adds nothing', async () => {
    const report = await seedDemo(database.db, { size: 'small', seed: 1, withUsers: true, existing: 'refuse' });
    expect(report.tenants.map((t) => [t.id, t.residentsInserted, t.residentsTotal, t.usersCreated])).toEqual([
      ['GM0935', 0, 400, 0],
      ['GM1903', 0, 400, 0],
    ]);
  });

  it('never mixes two generated populations: another size is refused, or kept as it is on start', async () => {
    await expect(seedDemo(database.db, { size: 'maastricht', seed: 1, withUsers: true, existing: 'refuse' })).rejects.toThrow(/andere demoset/);
    expect(await residents('GM0935')).toBe(400);
    await seedDemo(database.db, { size: 'maastricht', seed: 1, withUsers: true, existing: 'keep' });
    expect(await residents('GM0935')).toBe(400);
  });

  it('gives every household one address', async () => {
    const mixed = await withTenant(database.db, 'GM0935', (tx) =>
      sql<{ household_id: string }>`
        select household_id from residents group by household_id
        having count(distinct concat(postcode, ' ', house_number, house_letter)) > 1
      `.execute(tx),
    );
    expect(mixed.rows).toEqual([]);
  });
});
