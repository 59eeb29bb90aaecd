import type { Generated } from 'kysely';

/** Why a notice was sent; one value per kind of event (the migration's check lists them). */
export type NotificationKind = 'doorbraak.verlengd';

/** A notice for one employee (e.g. a team lead told of a renewed break-glass grant). Never changed. */
export interface NotificationTable {
  tenant_id: string;
  id: Generated<string>;
  recipient_user_id: string;
  kind: NotificationKind;
  resident_id: string | null;
  access_grant_id: string | null;
  message: string;
  created_at: Generated<Date>;
}

export interface NotificationTables {
  notifications: NotificationTable;
}
