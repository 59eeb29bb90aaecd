import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';

export async function listTenantRows(db: Kysely<DB> | Tx) {
  return db.selectFrom('tenants').select(['id', 'name', 'region']).orderBy('name').execute();
}

export async function upsertTenant(db: Kysely<DB> | Tx, tenant: { id: string; name: string; region: string | null }) {
  await db
    .insertInto('tenants')
    .values(tenant)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: tenant.name, region: tenant.region }))
    .execute();
}

export async function listAreaRows(tx: Tx) {
  return tx.selectFrom('areas').select(['code', 'name']).orderBy('name').execute();
}
