import type { Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/column-types.js';

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

/** Tables owned by the signals module, and the minimal care-start records its rules read. */
export interface SignalTables {
  signals: SignalTable;
  signal_events: SignalEventTable;
  signal_runs: SignalRunTable;
  allocation_care_starts: AllocationCareStartTable;
}
