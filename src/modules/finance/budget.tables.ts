import type { Cents, Law } from '../../db/column-types.js';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `BudgetTables`.

export interface BudgetLineTable {
  tenant_id: string;
  code: string;
  name: string;
  law: Law | null;
}

export interface BudgetLineYearTable {
  tenant_id: string;
  code: string;
  year: number;
  budget_cents: Cents;
}

/** Budget lines and their budget per year. */
export interface BudgetTables {
  budget_lines: BudgetLineTable;
  budget_line_years: BudgetLineYearTable;
}
