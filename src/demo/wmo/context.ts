// What the Wmo demo seed reads from the municipality before it plans: residents, the product
// catalogue, the contracted providers with their tariffs and the four-eyes threshold.

import type { Tariff } from '../../modules/allocations/commitment.js';
import type { Tx } from '../../db/tenancy.js';
import type { Random } from '../random.js';
import { DEFAULT_APPROVAL_THRESHOLD_CENTS, PRODUCT_NEED } from './distributions.js';
import { ageOn } from './helpers.js';
import type { ProductInfo, ProviderOption, ResidentInfo } from './types.js';

export interface Catalogue {
  /** Ordered by BSN. */
  residents: ResidentInfo[];
  /** By product code. */
  products: Map<string, ProductInfo>;
  /** The contracted providers per product code, each with a fixed market share. */
  providerOptions: Map<string, ProviderOption[]>;
  /** Per product code and year the highest contracted tariff (as the app estimates a decision). */
  highestTariffs: Map<string, Tariff[]>;
  /** Tailored Wmo products someone is contracted for. */
  grantable: ProductInfo[];
  /** The grantable products with direct access. */
  directProducts: ProductInfo[];
}

/** Loads residents, products and providers; draws one market share per provider and product. */
export async function loadCatalogue(tx: Tx, random: Random, today: string): Promise<Catalogue> {
  const residents: ResidentInfo[] = (
    await tx.selectFrom('residents').select(['id', 'birth_date', 'area_code']).orderBy('bsn').execute()
  ).map((r) => ({ id: r.id, age: ageOn(r.birth_date, today), areaCode: r.area_code }));
  const products = new Map(
    (
      await tx
        .selectFrom('products')
        .select(['id', 'code', 'name', 'unit', 'frequency', 'budget_line_code', 'direct_access', 'direct_access_max_weeks'])
        .orderBy('code')
        .execute()
    ).map((p) => [
      p.code,
      { id: p.id, code: p.code, name: p.name, unit: p.unit, frequency: p.frequency, budgetLine: p.budget_line_code, directAccess: p.direct_access, maxWeeks: p.direct_access_max_weeks ?? 13 } satisfies ProductInfo,
    ]),
  );
  const { providerOptions, highestTariffs } = await loadProviders(tx, random);
  // Only tailored Wmo products someone is contracted for can be granted.
  const grantable = [...products.values()].filter((p) => PRODUCT_NEED[p.code] && (providerOptions.get(p.code)?.length ?? 0) > 0);
  const directProducts = grantable.filter((p) => p.directAccess);
  return { residents, products, providerOptions, highestTariffs, grantable, directProducts };
}

async function loadProviders(tx: Tx, random: Random): Promise<Pick<Catalogue, 'providerOptions' | 'highestTariffs'>> {
  const strategic = new Set((await tx.selectFrom('providers').select(['id', 'strategic_partner']).where('strategic_partner', '=', true).execute()).map((p) => p.id));
  // Ordered by stable keys (not generated ids), so the same seed draws the same providers.
  const tariffRows = await tx
    .selectFrom('provider_tariffs as t')
    .innerJoin('providers as p', 'p.id', 't.provider_id')
    .select(['t.provider_id', 't.product_code', 't.year', 't.unit', 't.cents_per_unit'])
    .orderBy('p.agb_code')
    .orderBy('t.product_code')
    .orderBy('t.year')
    .execute();
  const providerOptions = new Map<string, ProviderOption[]>();
  const highestTariffs = new Map<string, Tariff[]>();
  for (const t of tariffRows) {
    const list = providerOptions.get(t.product_code) ?? [];
    let option = list.find((o) => o.providerId === t.provider_id);
    if (!option) {
      // A fixed market share per provider and product; strategic partners get the most work.
      option = { providerId: t.provider_id, weight: (strategic.has(t.provider_id) ? 3 : 1) * (0.5 + random.next()), tariffs: [], lastYear: t.year, firstYear: t.year };
      list.push(option);
      providerOptions.set(t.product_code, list);
    }
    option.tariffs.push({ year: t.year, unit: t.unit, centsPerUnit: Number(t.cents_per_unit) });
    option.lastYear = Math.max(option.lastYear, t.year);
    option.firstYear = Math.min(option.firstYear, t.year);
    const highest = highestTariffs.get(t.product_code) ?? [];
    const known = highest.find((h) => h.year === t.year);
    if (!known) highest.push({ year: t.year, unit: t.unit, centsPerUnit: Number(t.cents_per_unit) });
    else if (Number(t.cents_per_unit) > known.centsPerUnit) known.centsPerUnit = Number(t.cents_per_unit);
    highestTariffs.set(t.product_code, highest);
  }
  return { providerOptions, highestTariffs };
}

/** Expected annual cost above which a decision needs a team lead's approval. */
export async function loadApprovalThreshold(tx: Tx): Promise<number> {
  return Number(
    (await tx.selectFrom('settings').select('value').where('key', '=', 'decision_approval_threshold_cents').executeTakeFirst())?.value ?? DEFAULT_APPROVAL_THRESHOLD_CENTS,
  );
}
