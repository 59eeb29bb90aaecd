import type { Tx } from '../../db/tenancy.js';
import { notFound } from '../../platform/errors.js';
import { normaliseForSearch } from '../residents/resident.names.js';
import { findProductRow, listContractedProviders, listProductAreas, searchProductRows } from './product.repository.js';
import type { Product, ProductSummary } from './product.schema.js';
import type { Law } from '../../db/column-types.js';
import type { ProductKind } from './product.tables.js';

type ProductRow = Awaited<ReturnType<typeof searchProductRows>>[number];

/** For other modules: whether the product exists in this tenant's catalogue. */
export async function productExists(tx: Tx, id: string): Promise<boolean> {
  return !!(await findProductRow(tx, id));
}

/** For other modules: whether the product offers direct access (undefined when it does not exist). */
export async function productDirectAccess(tx: Tx, id: string): Promise<boolean | undefined> {
  return (await findProductRow(tx, id))?.direct_access;
}

export function productRowToSummary(row: ProductRow): ProductSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    law: row.law,
    kind: row.kind,
    categoryCode: row.category_code,
    productCode: row.product_code,
    unit: row.unit,
    frequency: row.frequency,
    requiresDecision: row.requires_decision,
    directAccess: row.direct_access,
    directAccessMaxWeeks: row.direct_access_max_weeks,
    budgetLine: row.budget_line_code,
    description: row.description,
  };
}

/** Text that a catalogue search matches: name, code, category and description, without accents. */
export function productSearchText(p: { name: string; code: string; description: string; categoryCode: string | null; productCode: string | null }): string {
  return normaliseForSearch([p.name, p.code, p.categoryCode, p.productCode, p.description].filter(Boolean).join(' '));
}

export async function searchProducts(tx: Tx, input: { q?: string; law?: Law; kind?: ProductKind; area?: string }): Promise<ProductSummary[]> {
  const tokens = input.q ? normaliseForSearch(input.q).split(' ').filter(Boolean) : [];
  const rows = await searchProductRows(tx, { tokens, ...(input.law ? { law: input.law } : {}), ...(input.kind ? { kind: input.kind } : {}), ...(input.area ? { area: input.area } : {}) });
  return rows.map(productRowToSummary);
}

export async function getProduct(tx: Tx, input: { id: string; year: number }): Promise<Product> {
  const row = await findProductRow(tx, input.id);
  if (!row) throw notFound('Product');
  const [areas, providers] = await Promise.all([
    listProductAreas(tx, row.id),
    listContractedProviders(tx, row.code, input.year),
  ]);
  return {
    ...productRowToSummary(row),
    eligibility: row.eligibility,
    areas,
    providers: providers.map((p) => ({ id: p.id, name: p.name, agbCode: p.agb_code, year: p.year, centsPerUnit: Number(p.cents_per_unit), regionWide: p.region_wide })),
  };
}
