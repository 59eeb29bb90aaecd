import type { Generated } from 'kysely';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `TenantTables`.

export interface TenantTable {
  id: string;
  name: string;
  region: string | null;
  created_at: Generated<Date>;
}

export interface AreaTable {
  tenant_id: string;
  code: string;
  name: string;
}

/** The municipalities and their areas (wijken). */
export interface TenantTables {
  tenants: TenantTable;
  areas: AreaTable;
}
