import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/support/database.js';
import { TENANT } from '../../test/support/factories.js';
import { withTenant } from '../db/tenancy.js';
import { todayInAmsterdam } from '../platform/time.js';
import { DEMO_LEGALITY_SOURCE, DEMO_THRESHOLD_PCT, DEMO_TOLERANCE_CENTS, demoLegalityYears, seedControls } from './seed-controls.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const years = () => withTenant(database.db, TENANT, (tx) => tx.selectFrom('legality_years').select(['year', 'threshold_pct', 'reporting_tolerance_cents', 'source']).orderBy('year').execute());

describe('the demo legality year data', () => {
  it('sets the grens for the demo years, keeps a year the municipality set, and is harmless the second time', async () => {
    expect(demoLegalityYears('2026-12-04')).toEqual([2024, 2025, 2026]);
    // The test database is the seeded demo: its years are already there.
    const today = todayInAmsterdam();
    const seeded = demoLegalityYears(today);
    expect((await years()).filter((r) => seeded.includes(r.year)).map((r) => [r.year, Number(r.threshold_pct), Number(r.reporting_tolerance_cents), r.source])).toEqual(
      seeded.map((y) => [y, DEMO_THRESHOLD_PCT, DEMO_TOLERANCE_CENTS, DEMO_LEGALITY_SOURCE]),
    );
    // A year the council set stays as it is; a year before the demo's is added.
    await withTenant(database.db, TENANT, (tx) => tx.updateTable('legality_years').set({ threshold_pct: 0.8, source: 'Raadsbesluit' }).where('year', '=', seeded[1]!).execute());
    await seedControls(database.db, { tenantId: TENANT, today: `${seeded[0]! - 1}-06-01` });
    await seedControls(database.db, { tenantId: TENANT, today });
    const rows = (await years()).filter((r) => r.year >= seeded[0]! - 3);
    expect(rows.map((r) => [r.year, Number(r.threshold_pct), r.source])).toEqual([
      [seeded[0]! - 3, 1, DEMO_LEGALITY_SOURCE],
      [seeded[0]! - 2, 1, DEMO_LEGALITY_SOURCE],
      [seeded[0]! - 1, 1, DEMO_LEGALITY_SOURCE],
      [seeded[0]!, 1, DEMO_LEGALITY_SOURCE],
      [seeded[1]!, 0.8, 'Raadsbesluit'],
      [seeded[2]!, 1, DEMO_LEGALITY_SOURCE],
    ]);
  });
});
