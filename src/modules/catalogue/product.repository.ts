import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Law } from '../../db/column-types.js';
import type { ProductKind } from './product.tables.js';

export async function searchProductRows(tx: Tx, filter: { tokens: string[]; law?: Law; kind?: ProductKind; area?: string }) {
  let query = tx.selectFrom('products').selectAll().where('active', '=', true);
  for (const token of filter.tokens) query = query.where('search_text', 'like', `%${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.law) query = query.where('law', '=', filter.law);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.area) {
    const area = filter.area;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('product_areas as pa').select(sql`1`.as('one')).whereRef('pa.product_id', '=', 'products.id').where('pa.area_code', '=', area)),
    );
  }
  // Community provisions first: the catalogue should steer towards the voorliggend veld.
  return query.orderBy(sql`case kind when 'community' then 0 when 'tailored' then 1 else 2 end`).orderBy('law').orderBy('name').execute();
}

export async function findProductRow(tx: Tx, id: string) {
  return tx.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProductAreas(tx: Tx, productId: string) {
  return tx
    .selectFrom('product_areas as pa')
    .innerJoin('areas as a', (j) => j.onRef('a.code', '=', 'pa.area_code').onRef('a.tenant_id', '=', 'pa.tenant_id'))
    .select(['a.code', 'a.name'])
    .where('pa.product_id', '=', productId)
    .orderBy('a.code')
    .execute();
}

/** Providers with a tariff for this product code in `year`: own contracts and region-wide ones. */
export async function listContractedProviders(tx: Tx, productCode: string, year: number) {
  return tx
    .selectFrom('provider_tariffs as t')
    .innerJoin('providers as p', (j) => j.onRef('p.id', '=', 't.provider_id').onRef('p.tenant_id', '=', 't.tenant_id'))
    .select(['p.id', 'p.name', 'p.agb_code', 't.year', 't.cents_per_unit', 't.region_wide'])
    .where('t.product_code', '=', productCode)
    .where('t.year', '=', year)
    .orderBy('t.cents_per_unit')
    .orderBy('p.name')
    .execute();
}
