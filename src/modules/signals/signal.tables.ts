import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Cents = ColumnType<string, number | string, number | string>;
type Json = ColumnType<Record<string, unknown>, string, string>;

export const signalStatuses = ['nieuw', 'in_behandeling', 'afgehandeld', 'onterecht', 'opgelost'] as const;
export type SignalStatus = (typeof signalStatuses)[number];
export const openStatuses: readonly SignalStatus[] = ['nieuw', 'in_behandeling'];

export type SubjectType = 'resident' | 'case' | 'allocation' | 'callback' | 'benefit';
export type SignalEventKind = 'geopend' | 'feiten_gewijzigd' | 'toegewezen' | 'status' | 'opgelost';
export type SignalJob = 'alle-regels' | 'termijnregels';
export type RunTrigger = 'schema' | 'op-verzoek' | 'cli';

export interface SignalTable {
  tenant_id: string;
  id: Generated<string>;
  rule_id: string;
  subject_type: SubjectType;
  subject_id: string;
  resident_id: string | null;
  area_code: string | null;
  facts: Json;
  fingerprint: string;
  status: Generated<SignalStatus>;
  assignee_team_id: string | null;
  assignee_user_id: string | null;
  due_on: string;
  opened_at: Generated<Date>;
  updated_at: Generated<Date>;
  closed_at: Timestamp | null;
  closed_note: string | null;
}

export interface SignalEventTable {
  tenant_id: string;
  id: Generated<string>;
  signal_id: string;
  kind: SignalEventKind;
  at: Generated<Date>;
  actor_id: string | null;
  from_status: SignalStatus | null;
  to_status: SignalStatus | null;
  assignee_team_id: string | null;
  assignee_user_id: string | null;
  note: string | null;
}

export interface SignalRunTable {
  tenant_id: string;
  id: Generated<string>;
  trigger: RunTrigger;
  job: SignalJob | null;
  actor_id: string | null;
  rules: string[];
  started_at: Timestamp;
  finished_at: Timestamp;
  found: number;
  opened: number;
  changed: number;
  solved: number;
}

export interface AllocationCareStartTable {
  tenant_id: string;
  allocation_id: string;
  started_on: string;
  source: 'iwmo-305' | 'ijw-305' | 'handmatig';
  recorded_at: Generated<Date>;
}

export interface PwBenefitTable {
  tenant_id: string;
  id: Generated<string>;
  reference: string;
  resident_id: string;
  consultant_id: string | null;
  norm: 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';
  monthly_cents: Cents;
  start_date: string;
  end_date: string | null;
  last_reexamination_on: string | null;
  next_reexamination_on: string;
  created_at: Generated<Date>;
}

export interface PwIncomeStatementTable {
  tenant_id: string;
  benefit_id: string;
  period: string;
  received_on: string;
  income_cents: ColumnType<string, number | string | undefined, number | string>;
}

export interface PwPaymentTable {
  tenant_id: string;
  id: Generated<string>;
  benefit_id: string;
  period: string;
  paid_on: string;
  cents: Cents;
}

/** Tables owned by the signals module, and the minimal care-start and Participatiewet records its rules read. */
export interface SignalTables {
  signals: SignalTable;
  signal_events: SignalEventTable;
  signal_runs: SignalRunTable;
  allocation_care_starts: AllocationCareStartTable;
  pw_benefits: PwBenefitTable;
  pw_income_statements: PwIncomeStatementTable;
  pw_payments: PwPaymentTable;
}
