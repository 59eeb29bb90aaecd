import type { Generated } from 'kysely';
import type { Timestamp } from '../../db/column-types.js';

export interface TeamTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  kind: 'area_team' | 'kcc' | 'specialist';
}

export interface TeamAreaTable {
  tenant_id: string;
  team_id: string;
  area_code: string;
}

export interface TeamMemberTable {
  tenant_id: string;
  team_id: string;
  user_id: string;
}

export interface ContactPersonAssignmentTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  consultant_id: string;
  assigned_by: string;
  assigned_at: Timestamp;
  reason: string;
  ended_at: Timestamp | null;
}

export type Channel = 'telefoon' | 'balie' | 'e-mail' | 'web';

export interface KccContactTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string | null;
  channel: Channel;
  subject: string;
  note: Generated<string>;
  product_id: string | null;
  outcome: 'answered' | 'routed';
  routed_to_team_id: string | null;
  routed_to_user_id: string | null;
  registered_by: string;
  registered_at: Timestamp;
}

export interface CallbackTaskTable {
  tenant_id: string;
  id: Generated<string>;
  contact_id: string;
  resident_id: string | null;
  team_id: string | null;
  user_id: string | null;
  due_at: Timestamp;
  done_at: Timestamp | null;
  done_by: string | null;
  done_note: string | null;
}

/** Tables owned by the access module (KCC, teams, contact person). */
export interface AccessTables {
  teams: TeamTable;
  team_areas: TeamAreaTable;
  team_members: TeamMemberTable;
  contact_person_assignments: ContactPersonAssignmentTable;
  kcc_contacts: KccContactTable;
  callback_tasks: CallbackTaskTable;
}
