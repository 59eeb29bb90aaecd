import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { productSearchText } from '../modules/catalogue/product.service.js';
import { budgetLines, catalogueProducts } from './catalogue.data.js';
import type { DemoMunicipality } from './geography.js';
import { providers } from './providers.data.js';
import type { PopulationSize } from './population.js';

/**
 * Assumed 2025 budgets per taakveld for Maastricht, in euros: plausible orders of magnitude for a city
 * of 125,000 (not the municipality's real begroting, which is not in our sources). Eijsden-Margraten
 * gets a fifth of each.
 */
const DEMO_BUDGETS_2025_EUR: Readonly<Record<string, number>> = {
  '6.1': 11_000_000,
  '6.21': 4_000_000,
  '6.22': 3_000_000,
  '6.23': 3_500_000,
  '6.3': 7_000_000,
  '6.60': 6_000_000,
  '6.711': 9_500_000,
  '6.712': 14_000_000,
  '6.713': 8_000_000,
  '6.714': 3_000_000,
  '6.751': 12_000_000,
  '6.752': 15_000_000,
  '6.762': 20_000_000,
  '6.811': 25_000_000,
  '6.812': 8_000_000,
};

/**
 * The demo catalogue for one municipality, and — for the region's lead municipality — the providers
 * with their tariffs and subsidies. Region-wide contracts are stored once (by Maastricht) and shared
 * with the region through row-level security, as a real regional purchasing office would.
 */
/**
 * The share of the Maastricht budgets a municipality gets. The 'demo' size scales them to its
 * population (24,000 and 8,000 residents of Maastricht's 125,000), so that commitments and
 * realisation read as plausible percentages of the budget.
 */
function budgetScale(tenantId: string, size: PopulationSize): number {
  if (size === 'demo') return tenantId === 'GM0935' ? 24_000 / 125_000 : 8_000 / 125_000;
  return tenantId === 'GM0935' ? 1 : 0.2;
}

/** What the catalogue needs of a municipality: a demo one (geography.ts) or one of the province set (limburg.data.ts). */
export interface CatalogueMunicipality {
  tenantId: string;
  areas: readonly Pick<DemoMunicipality['areas'][number], 'code'>[];
}

/**
 * `budgetShare` overrides the size's share of the Maastricht budgets (the province set scales them to
 * each municipality's population).
 */
export async function seedCatalogue(
  db: Kysely<DB>,
  municipality: CatalogueMunicipality,
  region: string,
  size: PopulationSize = 'maastricht',
  budgetShare?: number,
): Promise<{ products: number; providers: number }> {
  const tenantId = municipality.tenantId;
  return withTenant(db, tenantId, async (tx) => {
    const existing = await tx.selectFrom('products').select('id').limit(1).executeTakeFirst();
    if (existing) return { products: 0, providers: 0 };
    await tx
      .insertInto('budget_lines')
      .values(budgetLines.map((b) => ({ tenant_id: tenantId, code: b.code, name: b.name, law: b.law })))
      .execute();
    const scale = budgetShare ?? budgetScale(tenantId, size);
    await tx
      .insertInto('budget_line_years')
      .values(
        budgetLines.flatMap((b) =>
          [2025, 2026, 2027].map((year) => ({
            tenant_id: tenantId,
            code: b.code,
            year,
            // Indexed 3 % a year from the assumed 2025 budget.
            budget_cents: Math.round((DEMO_BUDGETS_2025_EUR[b.code] ?? 1_000_000) * scale * 1.03 ** (year - 2025)) * 100,
          })),
        ),
      )
      .execute();
    const inserted = await tx
      .insertInto('products')
      .values(
        catalogueProducts.map((p) => ({
          tenant_id: tenantId,
          code: p.code,
          name: p.name,
          law: p.law,
          kind: p.kind,
          category_code: p.categoryCode,
          product_code: p.productCode,
          unit: p.unit,
          frequency: p.frequency,
          requires_decision: p.requiresDecision,
          direct_access: p.directAccess,
          direct_access_max_weeks: p.directAccessMaxWeeks,
          budget_line_code: p.budgetLine,
          description: p.description,
          eligibility: p.eligibility,
          search_text: productSearchText(p),
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const idByCode = new Map(inserted.map((r) => [r.code, r.id]));
    const ownAreas = new Set(municipality.areas.map((a) => a.code));
    // Community provisions of the data set are placed in Maastricht's wijken; elsewhere they are offered in every area.
    const areaRows = catalogueProducts.flatMap((p) => {
      if (p.areaCodes.length === 0) return [];
      const codes = p.areaCodes.filter((c) => ownAreas.has(c));
      return (codes.length > 0 ? codes : [...ownAreas]).map((area_code) => ({ tenant_id: tenantId, product_id: idByCode.get(p.code)!, area_code }));
    });
    if (areaRows.length > 0) await tx.insertInto('product_areas').values(areaRows).execute();
    if (tenantId !== 'GM0935') return { products: inserted.length, providers: 0 };

    for (const provider of providers) {
      const regionColumns = { region_wide: provider.regionWide, region: provider.regionWide ? region : null };
      const { id } = await tx
        .insertInto('providers')
        .values({ tenant_id: tenantId, agb_code: provider.agbCode, name: provider.name, kind: provider.kind, strategic_partner: provider.strategicPartner, ...regionColumns })
        .returning('id')
        .executeTakeFirstOrThrow();
      const unitOf = new Map(catalogueProducts.map((p) => [p.code, p.unit]));
      if (provider.contracts.length > 0) {
        await tx
          .insertInto('provider_tariffs')
          .values(provider.contracts.map((c) => ({ tenant_id: tenantId, provider_id: id, product_code: c.productCode, year: c.year, unit: unitOf.get(c.productCode)!, cents_per_unit: c.centsPerUnit, ...regionColumns })))
          .execute();
      }
      if (provider.subsidies.length > 0) {
        await tx
          .insertInto('subsidies')
          .values(provider.subsidies.map((s) => ({ tenant_id: tenantId, provider_id: id, year: s.year, amount_cents: s.amountCents, purpose: s.purpose })))
          .execute();
      }
    }
    return { products: inserted.length, providers: providers.length };
  });
}
