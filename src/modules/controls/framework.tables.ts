import type { ColumnType, Generated } from 'kysely';

// The Kysely column types of the control frameworks (migration 0034); `DB` in src/db/schema.ts extends
// `ControlFrameworkTables`. Every table is insert-only: a change is a new version.

export interface ControlFrameworkVersionTable {
  tenant_id: string;
  process: string;
  version: number;
  note: string;
  /** Empty for the shipped framework loaded by the seed. */
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ControlFrameworkStepTable {
  tenant_id: string;
  process: string;
  version: number;
  code: string;
  position: number;
  name: string;
  follows: ColumnType<string[], string[], never>;
}

export interface ControlFrameworkRiskTable {
  tenant_id: string;
  process: string;
  version: number;
  code: string;
  step_code: string;
  position: number;
  description: string;
}

export interface ControlFrameworkControlTable {
  tenant_id: string;
  process: string;
  version: number;
  code: string;
  risk_code: string;
  position: number;
  description: string;
  kind: string;
  frequency: string;
  owner_role: string;
  norm: string;
  impact_type: string;
  automated_control_id: string | null;
}

export interface ControlFrameworkTables {
  control_framework_versions: ControlFrameworkVersionTable;
  control_framework_steps: ControlFrameworkStepTable;
  control_framework_risks: ControlFrameworkRiskTable;
  control_framework_controls: ControlFrameworkControlTable;
}
