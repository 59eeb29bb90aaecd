import type { ColumnType, Generated } from 'kysely';

// The Kysely column types of the samples, findings and legality tables (migration 0038); `DB` in
// src/db/schema.ts extends `ControlFindingTables`.

type BigInt = ColumnType<string, number | string, never>;
type BigIntUpdatable = ColumnType<string, number | string | undefined, number | string>;
type Numeric = ColumnType<string, number | string, never>;
type Json<T> = ColumnType<T, string, never>;
type JsonUpdatable<T> = ColumnType<T, string | null | undefined, string | null>;

export type ControlProcess = 'wmo' | 'jeugd' | 'participatiewet' | 'beschermd-wonen' | 'wsw-mtb';
export type SampleStatus = 'open' | 'ter-review' | 'afgerond';
export type FindingSource = 'uitzondering' | 'steekproef' | 'waarneming';
export type Assessment = 'fout' | 'onzekerheid' | 'geen-bevinding';

export interface ControlSampleTable {
  tenant_id: string;
  id: Generated<string>;
  number: number;
  process: ControlProcess;
  control_code: string | null;
  population_kind: string;
  period_start: string;
  period_end: string;
  population_size: number;
  population_amount_cents: BigInt;
  confidence: Numeric;
  tolerable_error: Numeric;
  expected_error: ColumnType<string, number | string | undefined, never>;
  sample_size: number;
  seed: string;
  method: string;
  checklist: Json<string[]>;
  title: string;
  status: ColumnType<SampleStatus, SampleStatus | undefined, SampleStatus>;
  created_by: string;
  created_at: Generated<Date>;
  reviewer_id: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  review_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SampleAnswer {
  /** Index of the checklist question. */
  question: number;
  answer: 'ja' | 'nee' | 'nvt';
  note?: string;
}

export interface ControlSampleItemTable {
  tenant_id: string;
  sample_id: string;
  position: number;
  subject_type: string;
  subject_id: string;
  resident_id: string | null;
  amount_cents: BigInt;
  facts: ColumnType<Record<string, unknown>, string | undefined, never>;
  answers: JsonUpdatable<SampleAnswer[] | null>;
  checked_by: ColumnType<string | null, string | null | undefined, string | null>;
  checked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ControlFindingTable {
  tenant_id: string;
  id: Generated<string>;
  number: number;
  process: ControlProcess;
  year: number;
  source: FindingSource;
  exception_id: string | null;
  sample_id: string | null;
  sample_position: number | null;
  control_id: string;
  subject_type: string | null;
  subject_id: string | null;
  resident_id: string | null;
  title: string;
  assessment: ColumnType<Assessment | null, Assessment | null | undefined, Assessment | null>;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  amount_cents: BigIntUpdatable;
  owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string;
  created_at: Generated<Date>;
  assessed_by: ColumnType<string | null, string | null | undefined, string | null>;
  assessed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ControlFindingActionTable {
  tenant_id: string;
  id: Generated<string>;
  finding_id: string;
  description: string;
  owner_id: ColumnType<string, string, string>;
  due_date: ColumnType<string, string, string>;
  status: ColumnType<'open' | 'afgerond', 'open' | 'afgerond' | undefined, 'open' | 'afgerond'>;
  result: ColumnType<string | null, string | null | undefined, string | null>;
  done_by: ColumnType<string | null, string | null | undefined, string | null>;
  done_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_by: string;
  created_at: Generated<Date>;
}

/** A change of an open action's owner or due date, with its reason; kept, never changed (0044). */
export interface ControlFindingActionChangeTable {
  tenant_id: string;
  id: Generated<string>;
  action_id: string;
  from_owner_id: string;
  to_owner_id: string;
  from_due_date: ColumnType<string, string, never>;
  to_due_date: ColumnType<string, string, never>;
  reason: string;
  changed_by: string;
  changed_at: Generated<Date>;
}

export interface LegalityYearTable {
  tenant_id: string;
  year: number;
  threshold_pct: ColumnType<string, number | string, number | string>;
  reporting_tolerance_cents: ColumnType<string, number | string, number | string>;
  source: string;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface LegalityStatementTable {
  tenant_id: string;
  year: number;
  version: number;
  content: Json<Record<string, unknown>>;
  content_sha256: string;
  created_by: string;
  created_at: Generated<Date>;
  signed_off_by: ColumnType<string | null, null | undefined, string>;
  signed_off_at: ColumnType<Date | null, null | undefined, Date>;
}

/** Samples, findings with their follow-up, and the legality statement. */
export interface ControlFindingTables {
  control_samples: ControlSampleTable;
  control_sample_items: ControlSampleItemTable;
  control_findings: ControlFindingTable;
  control_finding_actions: ControlFindingActionTable;
  control_finding_action_changes: ControlFindingActionChangeTable;
  legality_years: LegalityYearTable;
  legality_statements: LegalityStatementTable;
}
