import type { Tx } from '../../db/tenancy.js';

export async function listProviderRows(tx: Tx, filter: { q?: string }) {
  let query = tx
    .selectFrom('providers as p')
    .select(['p.id', 'p.agb_code', 'p.name', 'p.kind', 'p.strategic_partner', 'p.region_wide', 'p.tenant_id'])
    .select((eb) =>
      eb
        .selectFrom('provider_tariffs as t')
        .select((e) => e.fn.count<string>('t.product_code').distinct().as('n'))
        .whereRef('t.provider_id', '=', 'p.id')
        .whereRef('t.tenant_id', '=', 'p.tenant_id')
        .as('products'),
    );
  if (filter.q) {
    const q = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['p.name']), 'like', q), eb('p.agb_code', 'like', q)]));
  }
  return query.orderBy('p.name').execute();
}

export async function findProviderRow(tx: Tx, id: string) {
  return tx.selectFrom('providers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listProviderTariffs(tx: Tx, providerId: string) {
  return tx
    .selectFrom('provider_tariffs as t')
    .leftJoin('products as pr', (j) => j.onRef('pr.code', '=', 't.product_code'))
    .select(['t.product_code', 't.year', 't.unit', 't.cents_per_unit', 'pr.name as product_name'])
    .where('t.provider_id', '=', providerId)
    .orderBy('t.product_code')
    .orderBy('t.year')
    .execute();
}

export async function listProviderSubsidies(tx: Tx, providerId: string) {
  return tx.selectFrom('subsidies').select(['year', 'amount_cents', 'purpose']).where('provider_id', '=', providerId).orderBy('year').execute();
}
