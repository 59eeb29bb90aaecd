import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { ensureShippedNormTable } from '../modules/participatiewet/pw.norms.service.js';

/** The shipped Participatiewet norm table as version 1 of the municipality's table; nothing when it has one. */
export async function seedPwNorms(db: Kysely<DB>, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, (tx) => ensureShippedNormTable(tx, tenantId));
}
