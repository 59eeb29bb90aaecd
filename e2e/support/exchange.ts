import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.js';
import { asOwnerIn } from '../../test/support/database.js';

/**
 * The demo's history counts as migrated: its toewijzingen are numbered, known to the providers, with
 * their starts and declarations already received, so the outbox sends nothing for them. A walk that
 * needs a toewijzing on its way to the provider takes one of them as if it were new: no number, no
 * start, nothing declared. Then the outbox sends its 301 as for a toewijzing made today.
 */
export async function takeAsNewToewijzing(db: Kysely<DB>, tenantId: string, allocation: { allocationId: string; segmentId: string }): Promise<void> {
  await asOwnerIn(db, tenantId, async (tx) => {
    await tx.deleteFrom('declarations').where('allocation_id', '=', allocation.allocationId).execute();
    await tx.deleteFrom('declaration_lines').where('allocation_id', '=', allocation.allocationId).execute();
    await tx.deleteFrom('care_deliveries').where('allocation_id', '=', allocation.allocationId).execute();
    await tx.deleteFrom('allocation_care_starts').where('allocation_id', '=', allocation.allocationId).execute();
    await tx.updateTable('allocation_segments').set({ allocation_number: null }).where('id', '=', allocation.segmentId).execute();
  });
}
