import type { Tx } from '../../db/tenancy.js';
import { notFound } from '../../platform/errors.js';
import { findProviderRow, listProviderRows, listProviderSubsidies, listProviderTariffs } from './provider.repository.js';
import type { Provider, ProviderSummary } from './provider.schema.js';

export async function listProviders(tx: Tx, input: { q?: string; tenantId: string }): Promise<ProviderSummary[]> {
  return (await listProviderRows(tx, input.q ? { q: input.q } : {})).map((p) => ({
    id: p.id,
    agbCode: p.agb_code,
    name: p.name,
    kind: p.kind,
    strategicPartner: p.strategic_partner,
    regionWide: p.region_wide,
    contractedBy: p.tenant_id === input.tenantId ? 'gemeente' : 'regio',
    products: Number(p.products ?? 0),
  }));
}

export async function getProvider(tx: Tx, input: { id: string; tenantId: string }): Promise<Provider> {
  const row = await findProviderRow(tx, input.id);
  if (!row) throw notFound('Aanbieder');
  const [tariffs, subsidies] = await Promise.all([listProviderTariffs(tx, row.id), listProviderSubsidies(tx, row.id)]);
  return {
    id: row.id,
    agbCode: row.agb_code,
    name: row.name,
    kind: row.kind,
    strategicPartner: row.strategic_partner,
    regionWide: row.region_wide,
    contractedBy: row.tenant_id === input.tenantId ? 'gemeente' : 'regio',
    tariffs: tariffs.map((t) => ({ productCode: t.product_code, productName: t.product_name, year: t.year, unit: t.unit, centsPerUnit: Number(t.cents_per_unit) })),
    subsidies: subsidies.map((s) => ({ year: s.year, amountCents: Number(s.amount_cents), purpose: s.purpose })),
  };
}

/**
 * The provider with this AGB code that this municipality works with (its own contract first, else the
 * region's), for a message the provider sent; undefined when it is not known here.
 */
export async function providerByAgbCode(tx: Tx, input: { agbCode: string; tenantId: string }): Promise<{ id: string; name: string } | undefined> {
  const rows = await tx.selectFrom('providers').select(['id', 'name', 'tenant_id']).where('agb_code', '=', input.agbCode).execute();
  const row = rows.find((r) => r.tenant_id === input.tenantId) ?? rows[0];
  return row ? { id: row.id, name: row.name } : undefined;
}
