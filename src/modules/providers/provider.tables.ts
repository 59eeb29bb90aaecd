import type { Generated } from 'kysely';
import type { Cents, Unit } from '../../db/column-types.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `ProviderTables`.

export interface ProviderTable {
  tenant_id: string;
  id: Generated<string>;
  agb_code: string;
  name: string;
  kind: 'care' | 'welfare' | 'youth' | 'housing_aids' | 'transport';
  strategic_partner: Generated<boolean>;
  region_wide: Generated<boolean>;
  region: string | null;
}

export interface ProviderTariffTable {
  tenant_id: string;
  id: Generated<string>;
  provider_id: string;
  product_code: string;
  year: number;
  unit: Unit;
  cents_per_unit: Cents;
  region_wide: Generated<boolean>;
  region: string | null;
}

export interface SubsidyTable {
  tenant_id: string;
  id: Generated<string>;
  provider_id: string;
  year: number;
  amount_cents: Cents;
  purpose: string;
}

/** Providers, their tariffs and subsidies. */
export interface ProviderTables {
  providers: ProviderTable;
  provider_tariffs: ProviderTariffTable;
  subsidies: SubsidyTable;
}
