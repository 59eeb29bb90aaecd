import type { ColumnType, Generated } from 'kysely';

// The Kysely column types of the admin module's tables; `DB` in src/db/schema.ts extends `AdminTables`.

export type AdminSection = 'users' | 'teams' | 'settings' | 'case_types' | 'budget_lines' | 'kpi_targets' | 'api_tokens' | 'pw_norms' | 'control_frameworks' | 'legality_years';

/** One change by the administrator: who, when, what, and the values before and after. */
export interface AdminChangeTable {
  tenant_id: string;
  id: Generated<string>;
  section: AdminSection;
  subject: string;
  action: string;
  before: ColumnType<Record<string, unknown> | null, string | null, never>;
  after: ColumnType<Record<string, unknown> | null, string | null, never>;
  changed_by: string;
  changed_at: Generated<Date>;
}

export interface AdminTables {
  admin_changes: AdminChangeTable;
}
