import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import type { NotificationKind } from './notification.tables.js';

export interface Notification {
  id: string;
  kind: NotificationKind;
  residentId: string | null;
  accessGrantId: string | null;
  message: string;
  createdAt: string;
}

/**
 * Tells the team leads of an employee about something they should review: the team leads who share
 * a team with the employee, or, when the employee's teams have none (the KCC), every team lead of
 * the municipality. Never the employee themself. Returns how many were notified.
 */
export async function notifyTeamLeads(
  tx: Tx,
  ctx: AuditContext,
  input: { employeeId: string; kind: NotificationKind; residentId: string; accessGrantId: string; message: string },
): Promise<number> {
  const leads = await sql<{ id: string }>`
    with shared as (
      select distinct lead.id from users lead
      join team_members tl on tl.user_id = lead.id
      join team_members te on te.team_id = tl.team_id and te.user_id = ${input.employeeId}
      where lead.active and 'team_lead' = any(lead.roles) and lead.id <> ${input.employeeId}
    )
    select id from shared
    union all
    select u.id from users u
    where u.active and 'team_lead' = any(u.roles) and u.id <> ${input.employeeId} and not exists (select 1 from shared)`.execute(tx);
  if (leads.rows.length === 0) return 0;
  await tx
    .insertInto('notifications')
    .values(
      leads.rows.map((lead) => ({
        tenant_id: ctx.tenantId,
        recipient_user_id: lead.id,
        kind: input.kind,
        resident_id: input.residentId,
        access_grant_id: input.accessGrantId,
        message: input.message,
      })),
    )
    .execute();
  return leads.rows.length;
}

/** The signed-in employee's own notifications, newest first; reading them is logged per resident. */
export async function listMyNotifications(tx: Tx, ctx: AuditContext & { actorId: string }, input: { limit: number }): Promise<Notification[]> {
  const startTime = new Date();
  const rows = await tx
    .selectFrom('notifications')
    .select(['id', 'kind', 'resident_id', 'access_grant_id', 'message', 'created_at'])
    .where('recipient_user_id', '=', ctx.actorId)
    .orderBy('created_at', 'desc')
    .limit(input.limit)
    .execute();
  await recordProcessing(tx, ctx, {
    name: 'meldingen.raadplegen',
    activity: 'inwonerregistratie',
    subjects: rows.flatMap((r) => (r.resident_id ? [{ type: 'resident' as const, id: r.resident_id }] : [])),
    startTime,
  });
  return rows.map(notificationRowToNotification);
}

function notificationRowToNotification(r: { id: string; kind: NotificationKind; resident_id: string | null; access_grant_id: string | null; message: string; created_at: Date | string }): Notification {
  return { id: r.id, kind: r.kind, residentId: r.resident_id, accessGrantId: r.access_grant_id, message: r.message, createdAt: new Date(r.created_at).toISOString() };
}
