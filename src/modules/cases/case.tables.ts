import type { Generated } from 'kysely';
import type { Law, Timestamp } from '../../db/column-types.js';

export type CaseStatus = 'melding' | 'onderzoek' | 'aanvraag' | 'besluit' | 'afgesloten' | 'ingetrokken';
export type CaseEventKind = 'status' | 'suspension_start' | 'suspension_end' | 'extension' | 'assignment';

export interface CaseTypeTable {
  tenant_id: string;
  code: string;
  name: string;
  law: Law;
  research_term: string | null;
  decision_term: string;
  legal_basis: string;
}

export interface CaseTable {
  tenant_id: string;
  id: Generated<string>;
  reference: string;
  resident_id: string;
  case_type_code: string;
  status: CaseStatus;
  notified_on: string;
  applied_on: string | null;
  decided_on: string | null;
  closed_on: string | null;
  consultant_id: string | null;
  direct_access_product_id: string | null;
  direct_access_provider_id: string | null;
  direct_access_start: string | null;
  created_at: Generated<Date>;
}

export interface CaseEventTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  kind: CaseEventKind;
  on_date: string;
  term: string | null;
  from_status: CaseStatus | null;
  to_status: CaseStatus | null;
  reason: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** A working note on a case (zaaknotitie): append-only, never changed or removed. */
export interface CaseNoteTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  resident_id: string;
  body: string;
  author_user_id: string;
  author_name: string;
  created_at: Generated<Date>;
}

/** Tables owned by the cases module. */
export interface CaseTables {
  case_types: CaseTypeTable;
  cases: CaseTable;
  case_events: CaseEventTable;
  case_notes: CaseNoteTable;
}
