import type { ColumnType, Generated } from 'kysely';
import type { Cents, Numeric } from '../../db/column-types.js';

// The Kysely column types of the BUIG forecast's tables (migration 0032); `DB` in src/db/schema.ts extends
// `PwForecastTables`.

export type BuigStage = 'voorlopig' | 'nader-voorlopig' | 'definitief' | 'eigen-raming';

/** The municipality's BUIG amount for a year; never changed, the newest row of a year counts. */
export interface PwBuigBudgetTable {
  tenant_id: string;
  id: Generated<string>;
  year: number;
  budget_cents: Cents;
  stage: BuigStage;
  note: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/** A saved scenario with the forecast it gave, for the steering report of `month`; append-only. */
export interface PwForecastScenarioTable {
  tenant_id: string;
  id: Generated<string>;
  month: string;
  name: string;
  inflow_percent: Numeric;
  outflow_percent: Numeric;
  result: ColumnType<unknown, string, never>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface PwForecastTables {
  pw_buig_budgets: PwBuigBudgetTable;
  pw_forecast_scenarios: PwForecastScenarioTable;
}
