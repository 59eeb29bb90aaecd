import type { ColumnType, Generated } from 'kysely';

// The Kysely column types of the control runs' tables (migration 0035); `DB` in src/db/schema.ts extends `ControlRunTables`.

type BigInt = ColumnType<string, number | string, never>;

export type PeriodKind = 'maand' | 'kwartaal' | 'jaar';
export type RunScope = 'alle' | 'wmo' | 'jeugd' | 'participatiewet';

export interface ControlRunTable {
  tenant_id: string;
  id: Generated<string>;
  period_kind: PeriodKind;
  period_start: string;
  period_end: string;
  scope: RunScope;
  version: number;
  controls_version: string;
  run_by: string;
  run_at: Generated<Date>;
  signed_off_by: ColumnType<string | null, null | undefined, string>;
  signed_off_at: ColumnType<Date | null, null | undefined, Date>;
}

export interface ControlRunResultTable {
  tenant_id: string;
  run_id: string;
  control_id: string;
  position: number;
  impact: 'fout' | 'onzekerheid';
  population: BigInt;
  exceptions: number;
  amount_error_cents: BigInt;
  amount_uncertain_cents: BigInt;
}

export interface ControlRunExceptionTable {
  tenant_id: string;
  id: Generated<string>;
  run_id: string;
  control_id: string;
  subject_type: string;
  subject_id: string;
  resident_id: string | null;
  facts: ColumnType<Record<string, unknown>, string, never>;
  amount_cents: BigInt;
}

/** Control runs, their results per control and the exceptions found. */
export interface ControlRunTables {
  control_runs: ControlRunTable;
  control_run_results: ControlRunResultTable;
  control_run_exceptions: ControlRunExceptionTable;
}
