// The start of care for the demo's allocations, as providers would report it (iWmo 305), until the
// messaging module exists. ASSUMPTION [K]: care starts 0–20 days after the allocation's start date;
// for ≈4 % of allocations the provider never reports a start (the signal "zorg niet gestart").

import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { addDays } from '../platform/calendar.js';
import { createRandom } from './random.js';

const BATCH = 1000;

/** Adds care starts for the municipality's allocations; skipped when any exist. */
export async function seedCareStarts(db: Kysely<DB>, options: { tenantId: string; seed: number; today: string }): Promise<number> {
  return withTenant(db, options.tenantId, async (tx) => {
    if (await tx.selectFrom('allocation_care_starts').select('allocation_id').limit(1).executeTakeFirst()) return 0;
    const periods = await sql<{ id: string; start_on: string; unit: string }>`
      select a.id, min(s.start_date) as start_on, a.unit
      from allocations a join allocation_segments s on s.allocation_id = a.id and s.superseded_at is null
      group by a.id, a.unit order by a.id
    `.execute(tx);
    const random = createRandom((options.seed * 104_729 + 0x305) >>> 0);
    const rows = periods.rows.flatMap((p) => {
      const startedOn = addDays(p.start_on, random.int(0, 20));
      const reported = !random.chance(0.04);
      return reported && startedOn <= options.today ? [{ tenant_id: options.tenantId, allocation_id: p.id, started_on: startedOn, source: 'iwmo-305' as const }] : [];
    });
    for (let i = 0; i < rows.length; i += BATCH) await tx.insertInto('allocation_care_starts').values(rows.slice(i, i + BATCH)).execute();
    return rows.length;
  });
}
