import type { ColumnType, Generated } from 'kysely';
import type { Cents, Frequency, Numeric, Timestamp, Unit } from '../../db/column-types.js';

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
  status: 'pending_approval' | 'approved' | 'withdrawn';
  expected_annual_cents: Cents;
  requires_approval: boolean;
  created_by: string;
  created_at: Generated<Date>;
  approved_by: string | null;
  approved_at: Timestamp | null;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  /** Empty for an allocation that answers a provider's request without a decision (migration 0022). */
  decision_line_id: string | null;
  case_id: string | null;
  resident_id: string;
  product_id: string;
  provider_id: string;
  /** 'decision', or 'verzoek' for a granted provider request (migration 0022). */
  source: ColumnType<'decision' | 'verzoek', 'decision' | 'verzoek' | undefined, never>;
  unit: Unit;
  budget_line_code: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface AllocationSegmentTable {
  tenant_id: string;
  id: Generated<string>;
  allocation_id: string;
  volume: Numeric;
  frequency: Frequency;
  start_date: string;
  end_date: string;
  reason: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
  superseded_at: Timestamp | null;
  /** ToewijzingNummer in iWmo/iJw, given when the segment is first sent (migration 0019). */
  allocation_number: Generated<number | null>;
  /** ReferentieAanbieder of the request this segment answers, carried once by the 301 (migration 0022). */
  provider_reference: ColumnType<string | null, string | null | undefined, string | null>;
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

/** The highest sane volume per unit and frequency; the same for every municipality. */
export interface VolumeBoundTable {
  unit: AllocationTable['unit'];
  frequency: Frequency;
  max_volume: string;
  label: string;
}

/** A change to an allocation's terms that waits for (or got) four-eyes approval. */
export interface AllocationChangeTable {
  tenant_id: string;
  id: Generated<string>;
  allocation_id: string;
  resident_id: string;
  effective_from: string;
  volume: ColumnType<string | null, number | string | null, number | string | null>;
  end_date: string | null;
  reason: string;
  status: 'pending_approval' | 'approved' | 'withdrawn';
  expected_annual_cents: Cents;
  increase_cents: Cents;
  requested_by: string;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Timestamp | null;
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
  volume_bounds: VolumeBoundTable;
  allocation_changes: AllocationChangeTable;
}
