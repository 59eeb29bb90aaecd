import type { ColumnType, Generated } from 'kysely';
import type { Cents, DateString, Numeric, Timestamp } from '../../db/column-types.js';

// The Kysely column types of the insights module's tables; `DB` in src/db/schema.ts extends this interface.

export type Domain = 'wmo' | 'jeugd' | 'pw';
export type ActionPointStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

/** A provider's declaration (303-like) against an allocation for one month. */
export interface DeclarationTable {
  tenant_id: string;
  id: Generated<string>;
  allocation_id: string;
  month: DateString;
  cents: Cents;
  received_at: Generated<Date>;
  /** The approved 323 line this row books (migration 0020); null for rows from before (or outside) the exchange. */
  declaration_line_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface KpiTargetTable {
  tenant_id: string;
  kpi_id: string;
  year: number;
  target: Numeric;
  set_by: string;
  set_at: Generated<Date>;
}

export interface KpiValueTable {
  tenant_id: string;
  kpi_id: string;
  month: DateString;
  breakdown: Generated<string>;
  scope: string;
  numerator: Numeric;
  denominator: Numeric;
  subjects: number;
}

export interface KpiMonthTable {
  tenant_id: string;
  month: DateString;
  dirty: Generated<boolean>;
  refreshed_at: Timestamp | null;
}

export interface KpiSourceTable {
  tenant_id: string;
  source: string;
  seen_until: Timestamp | null;
  fingerprint: string | null;
  checked_at: Generated<Date>;
}

export interface SteeringReportTable {
  tenant_id: string;
  id: Generated<string>;
  domain: Domain;
  month: DateString;
  snapshot: ColumnType<unknown, string, string>;
  generated_by: string;
  generated_at: Timestamp;
  finalised_by: string | null;
  finalised_at: Timestamp | null;
}

export interface SteeringReportExplanationTable {
  tenant_id: string;
  report_id: string;
  budget_line_code: string;
  explanation: string;
  written_by: string;
  written_at: Timestamp;
}

export interface ActionPointTable {
  tenant_id: string;
  id: Generated<string>;
  domain: Domain;
  text: string;
  owner: string;
  status: Generated<ActionPointStatus>;
  agreed_in_report_id: string;
  followed_up_in_report_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** Tables owned by the insights module (KPIs, dashboards, steering reports). */
export interface InsightsTables {
  declarations: DeclarationTable;
  kpi_targets: KpiTargetTable;
  kpi_values: KpiValueTable;
  kpi_months: KpiMonthTable;
  kpi_sources: KpiSourceTable;
  steering_reports: SteeringReportTable;
  steering_report_explanations: SteeringReportExplanationTable;
  action_points: ActionPointTable;
}
