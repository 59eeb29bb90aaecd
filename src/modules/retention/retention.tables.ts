import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/column-types.js';

// The Kysely column types of the retention tables (migrations 0036 and 0042); `DB` in src/db/schema.ts extends them.

export type RetentionObjectType = 'zaak' | 'uitkering' | 'aanvraag' | 'heronderzoek' | 'vordering' | 'gesprek' | 'schuldhulp';
export type RetentionResult = 'verstrekt' | 'geweigerd' | 'afgebroken' | 'beeindigd' | 'toegekend' | 'afgewezen' | 'uitgevoerd' | 'afgehandeld' | 'gevoerd';
export type HoldKind = 'bezwaar' | 'beroep' | 'verzoek-betrokkene' | 'overig';
export type ApprovalCapacity = 'archivaris' | 'eigenaar';

/** A rule of the Selectielijst 2020 (national, no tenant). */
export interface RetentionRuleTable {
  code: string;
  object_kind: RetentionObjectType;
  law: 'wmo' | 'jeugdwet' | 'participatiewet' | 'wgs';
  result: RetentionResult;
  selectielijst_nr: string;
  object: string;
  valuation: 'vernietigen' | 'bewaren';
  process_term: 'nihil' | 'bestaansduur';
  term_years: number;
  term_weeks: number;
  destroy_on_request: boolean;
  owner_role: string;
  source: string;
}

export interface RetentionItemTable {
  tenant_id: string;
  id: Generated<string>;
  object_type: RetentionObjectType;
  object_id: string;
  /** Empty once destroyed. */
  resident_id: string | null;
  rule_code: string;
  clock_start: string;
  destroy_after: string;
  destroyed_at: Timestamp | null;
  assigned_at: Generated<Date>;
}

export interface RetentionHoldTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  kind: HoldKind;
  reason: string;
  placed_by: string;
  placed_at: Generated<Date>;
  lifted_by: string | null;
  lifted_at: Timestamp | null;
}

export interface RetentionRequestTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  received_on: string;
  due_on: string;
  note: string;
  registered_by: string;
  registered_at: Generated<Date>;
}

export interface RetentionListTable {
  tenant_id: string;
  id: Generated<string>;
  month: string;
  status: Generated<'concept' | 'goedgekeurd' | 'uitgevoerd'>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface RetentionListItemTable {
  tenant_id: string;
  list_id: string;
  item_id: string;
  due_on: string;
  basis: 'termijn' | 'verzoek';
  status: Generated<'open' | 'vernietigd'>;
}

export interface RetentionApprovalTable {
  tenant_id: string;
  list_id: string;
  capacity: ApprovalCapacity;
  approved_by: string;
  approved_at: Generated<Date>;
}

/** What was destroyed, by which rule, approved by whom, when: permanent, and without personal data. */
export interface RetentionDestructionTable {
  tenant_id: string;
  id: Generated<string>;
  list_id: string;
  item_id: string;
  object_type: RetentionObjectType;
  object_id: string;
  rule_code: string;
  selectielijst_nr: string;
  clock_start: string;
  destroy_after: string;
  basis: 'termijn' | 'verzoek';
  archivist_id: string;
  owner_id: string;
  destroyed_by: string;
  destroyed_at: Generated<Date>;
}

export interface RetentionTables {
  retention_rules: RetentionRuleTable;
  retention_items: RetentionItemTable;
  retention_holds: RetentionHoldTable;
  retention_requests: RetentionRequestTable;
  retention_lists: RetentionListTable;
  retention_list_items: RetentionListItemTable;
  retention_approvals: RetentionApprovalTable;
  retention_destructions: RetentionDestructionTable;
}
