import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { AuditLogTable } from './audit.tables.js';
import type { Tx } from '../../db/tenancy.js';

/**
 * The employee's name as it is now; for a provider's machine account (no user: role
 * 'machineaccount') the name the record was written with, "aanbieder … (machineaccount)".
 */
const actorDisplayName = sql<string | null>`coalesce(u.display_name, case when 'machineaccount' = any(a.actor_roles) then a.actor_username end)`.as('actor_display_name');

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
    .select(actorDisplayName)
    .where('a.data_subject_type', '=', subject.type)
    .where('a.data_subject_id', '=', subject.id)
    .orderBy('a.start_time', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

/** What the auditor's search narrows the log to; every field is optional, all given fields must hold. */
export interface AuditQuery {
  /** Records about these residents only (an empty list finds nothing). */
  residentIds?: readonly string[];
  /** Part of the employee's name or username. */
  employee?: string;
  /** start_time >= from and < until. */
  from?: Date;
  until?: Date;
  activity?: string;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filteredAuditLog(tx: Tx, query: AuditQuery) {
  let q = tx
    .selectFrom('audit_log as a')
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.actor_id'));
  if (query.residentIds) {
    q = q.where('a.data_subject_type', '=', 'resident');
    q = query.residentIds.length === 0 ? q.where(sql<boolean>`false`) : q.where('a.data_subject_id', 'in', [...query.residentIds]);
  }
  if (query.employee) {
    const pattern = `%${escapeLike(query.employee.toLowerCase())}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(u.display_name)`, 'like', pattern), eb(sql`lower(a.actor_username)`, 'like', pattern)]));
  }
  if (query.from) q = q.where('a.start_time', '>=', query.from);
  if (query.until) q = q.where('a.start_time', '<', query.until);
  if (query.activity) q = q.where('a.processing_activity_id', '=', query.activity);
  return q;
}

/** One page of the log, newest first, with the employee's current name. */
export async function searchAuditRecords(tx: Tx, query: AuditQuery, page: { offset: number; limit: number }) {
  return filteredAuditLog(tx, query)
    .selectAll('a')
    .select(actorDisplayName)
    .orderBy('a.start_time', 'desc')
    .orderBy('a.seq', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countAuditRecords(tx: Tx, query: AuditQuery): Promise<number> {
  const row = await filteredAuditLog(tx, query).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
