import type { Insertable } from 'kysely';
import type { AuditLogTable } from './audit.tables.js';
import type { Tx } from '../../db/tenancy.js';

export async function insertAuditRecords(tx: Tx, rows: Insertable<AuditLogTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('audit_log').values(rows).execute();
}

export async function listAuditRecordsForSubject(tx: Tx, subject: { type: string; id: string }, limit: number) {
  return tx
    .selectFrom('audit_log')
    .selectAll()
    .where('data_subject_type', '=', subject.type)
    .where('data_subject_id', '=', subject.id)
    .orderBy('start_time', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
