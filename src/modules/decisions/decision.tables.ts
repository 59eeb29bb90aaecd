import type { ColumnType, Generated } from 'kysely';

type Cents = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Frequency = 'per_day' | 'per_week' | 'per_month' | 'total';

export interface SettingTable {
  tenant_id: string;
  key: string;
  value: string;
}

export interface DecisionTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  resident_id: string;
  delivery_form: 'zin' | 'pgb';
  status: 'pending_approval' | 'approved';
  expected_annual_cents: Cents;
  requires_approval: boolean;
  created_by: string;
  created_at: Generated<Date>;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface DecisionLineTable {
  tenant_id: string;
  id: Generated<string>;
  decision_id: string;
  product_id: string;
  outcome: 'granted' | 'refused';
  period_start: string;
  period_end: string;
  volume: number | null;
  frequency: Frequency | null;
  refusal_reason: string | null;
}

export interface AllocationTable {
  tenant_id: string;
  id: Generated<string>;
  decision_line_id: string;
  case_id: string;
  resident_id: string;
  product_id: string;
  provider_id: string;
  unit: 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro';
  budget_line_code: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface AllocationSegmentTable {
  tenant_id: string;
  id: Generated<string>;
  allocation_id: string;
  volume: ColumnType<string, number | string, number | string>;
  frequency: Frequency;
  start_date: string;
  end_date: string;
  reason: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
  superseded_at: Timestamp | null;
}

export interface AllocationCommitmentTable {
  tenant_id: string;
  allocation_id: string;
  year: number;
  cents: Cents;
}

export interface CommitmentChangeTable {
  tenant_id: string;
  id: Generated<string>;
  allocation_id: string;
  year: number;
  delta_cents: Cents;
  reason: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

/** Tables owned by the decisions, allocations and finance modules. */
export interface DecisionTables {
  settings: SettingTable;
  decisions: DecisionTable;
  decision_lines: DecisionLineTable;
  allocations: AllocationTable;
  allocation_segments: AllocationSegmentTable;
  allocation_commitments: AllocationCommitmentTable;
  commitment_changes: CommitmentChangeTable;
}
