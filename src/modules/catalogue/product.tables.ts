import type { Generated } from 'kysely';
import type { Frequency, Law, Unit } from '../../db/column-types.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `CatalogueTables`.

export type ProductKind = 'community' | 'tailored' | 'benefit';

export interface ProductTable {
  tenant_id: string;
  id: Generated<string>;
  code: string;
  name: string;
  law: Law;
  kind: ProductKind;
  category_code: string | null;
  product_code: string | null;
  unit: Unit;
  frequency: Frequency;
  requires_decision: boolean;
  direct_access: Generated<boolean>;
  direct_access_max_weeks: number | null;
  budget_line_code: string;
  description: string;
  eligibility: string;
  active: Generated<boolean>;
  /** Whether the CAK levies the Wmo eigen bijdrage; null follows the default rule (letters/cak.ts, migration 0017). */
  cak_contribution: Generated<boolean | null>;
  search_text: string;
}

export interface ProductAreaTable {
  tenant_id: string;
  product_id: string;
  area_code: string;
}

/** The product catalogue and the areas a product is offered in. */
export interface CatalogueTables {
  products: ProductTable;
  product_areas: ProductAreaTable;
}
