import type { Insertable } from 'kysely';
import type { AuditLogTable } from './audit.tables.js';
import type { Tx } from '../../db/tenancy.js';

export async function insertAuditRecords(tx: Tx, rows: Insertable<AuditLogTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('audit_log').values(rows).execute();
}

export async function listAuditRecordsForSubject(tx: Tx, subject: { type: string; id: string }, limit: number) {
  return tx
    .selectFrom('audit_log as a')
    // The employee's name as it is now, for people reading the log; the record itself keeps the username.
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.actor_id'))
    .selectAll('a')
    .select('u.display_name as actor_display_name')
    .where('a.data_subject_type', '=', subject.type)
    .where('a.data_subject_id', '=', subject.id)
    .orderBy('a.start_time', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}
