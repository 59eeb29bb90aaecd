import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { notifyTeamLeads } from '../notifications/notification.service.js';

/**
 * Why a member of staff may open a resident's file (DESIGN.md §5). Holding a role is not enough:
 * the employee needs a relation with this resident, or a logged break-glass reason.
 *
 * - `contact_person`: the employee is the resident's current fixed contact person;
 * - `case`: the employee handles one of the resident's cases that is not closed;
 * - `area_team`: the employee works in the social team of the area the resident lives in;
 * - `first_line`: the employee works in the KCC, the first line for every resident (the KCC role
 *   holds no permission on health data such as conversations);
 * - `break_glass`: the employee stated a reason for access that has not expired yet (logged).
 */
export type ResidentRelation = 'contact_person' | 'case' | 'area_team' | 'first_line' | 'break_glass';

/**
 * What a route about a resident touches, chosen per route (`requireResidentAccess`):
 * - `basic`: what the first line needs to route a question: identity and address, the cases with
 *   their status and legal deadline, the contact person, the KCC contacts;
 * - `care`: everything about the support itself, health-related (AVG art. 9): decisions and their
 *   letters, allocations, conversations, and every change to a case or the contact person.
 */
export type ResidentAccessScope = 'basic' | 'care';

/**
 * Which scopes each relation opens. The KCC's first line is there for every resident, so it opens
 * the basic file only. Break-glass is the logged exception for an emergency: it opens the full
 * file, also for a KCC employee (the reason is logged and reviewed by the privacy officer).
 */
export const relationScopes: Record<ResidentRelation, readonly ResidentAccessScope[]> = {
  contact_person: ['basic', 'care'],
  case: ['basic', 'care'],
  area_team: ['basic', 'care'],
  first_line: ['basic'],
  break_glass: ['basic', 'care'],
};

export function relationGrants(relation: ResidentRelation | null | undefined, scope: ResidentAccessScope): boolean {
  return relation ? relationScopes[relation].includes(scope) : false;
}

export const residentRelationLabels: Record<ResidentRelation, string> = {
  contact_person: 'vaste contactpersoon',
  case: 'behandelaar van een lopende zaak',
  area_team: 'lid van het sociaal team van het gebied',
  first_line: 'KCC (eerste lijn)',
  break_glass: 'medewerker met doorbraaktoegang',
};

/**
 * The relations as SQL conditions, in the order they rank (break-glass above the first line: it
 * opens the care scope, the first line does not). The one definition behind both the list filter
 * (`hasRelationWith`) and the check of one resident (`residentRelation`). Must run inside the
 * tenant transaction (the tables are tenant-isolated).
 */
function relationConditions(userId: Expression<string> | string, residentId: Expression<string> | string, now: Date): [ResidentRelation, RawBuilder<SqlBool>][] {
  return [
    ['contact_person', sql<SqlBool>`exists (select 1 from contact_person_assignments cpa
            where cpa.resident_id = ${residentId} and cpa.consultant_id = ${userId} and cpa.ended_at is null)`],
    ['case', sql<SqlBool>`exists (select 1 from cases c
            where c.resident_id = ${residentId} and c.consultant_id = ${userId} and c.status not in ('afgesloten', 'ingetrokken'))`],
    ['area_team', sql<SqlBool>`exists (select 1 from residents r
            join team_areas ta on ta.area_code = r.area_code
            join team_members tm on tm.team_id = ta.team_id and tm.user_id = ${userId}
            where r.id = ${residentId})`],
    ['break_glass', sql<SqlBool>`exists (select 1 from access_grants g
            where g.resident_id = ${residentId} and g.user_id = ${userId} and g.expires_at > ${now})`],
    ['first_line', sql<SqlBool>`exists (select 1 from team_members tm join teams t on t.id = tm.team_id
            where tm.user_id = ${userId} and t.kind = 'kcc')`],
  ];
}

/**
 * SQL condition "the employee has a relation with the resident whose id is `residentId`" that opens
 * `scope` (default `basic`: any relation; `care` leaves out the KCC's first line): one set-based expression, usable in a WHERE to filter lists (worklists, search) as well as for a
 * single resident. Must run inside `withTenant` (the tables are tenant-isolated).
 */
export function hasRelationWith(userId: string, residentId: Expression<string>, now: Date = new Date(), scope: ResidentAccessScope = 'basic'): Expression<SqlBool> {
  const conditions = relationConditions(userId, residentId, now).filter(([relation]) => relationGrants(relation, scope));
  return sql<SqlBool>`(${sql.join(conditions.map(([, condition]) => condition), sql` or `)})`;
}

/**
 * The strongest relation the employee has with the resident, or null when there is none. Break-glass
 * ranks above the first line: it opens the care scope, the first line does not.
 */
export async function residentRelation(tx: Tx, userId: string, residentId: string, now: Date = new Date()): Promise<ResidentRelation | null> {
  const cases = relationConditions(userId, residentId, now).map(([relation, condition]) => sql`when ${condition} then ${sql.lit(relation)}`);
  const row = await sql<{ relation: ResidentRelation | null }>`select case ${sql.join(cases, sql` `)} end as relation`.execute(tx);
  return row.rows[0]?.relation ?? null;
}

/**
 * `residentRelation` for the resident a scalar subquery names (e.g. "the resident of this case"), in
 * ONE query: the resident's id (undefined when the subquery finds none in this tenant) and the
 * strongest relation the employee has with them.
 */
export async function residentWithRelation(
  tx: Tx,
  userId: string,
  residentIdQuery: Expression<string | null>,
  now: Date = new Date(),
): Promise<{ residentId: string | undefined; relation: ResidentRelation | null }> {
  const { rows } = await residentWithRelationQuery(userId, residentIdQuery, now).execute(tx);
  return residentWithRelationOf(rows[0]);
}

/** The row `residentWithRelation` reads: the resident's id, or null, and the relation, or null. */
export interface ResidentWithRelationRow {
  resident_id: string | null;
  relation: ResidentRelation | null;
}

/**
 * `residentWithRelation`'s query, for an employee whose id may itself be SQL (the session lookup's
 * column, when the check goes in the statement that looks up the session: resident.guard.ts).
 */
export function residentWithRelationQuery(userId: Expression<string> | string, residentIdQuery: Expression<string | null>, now: Date): RawBuilder<ResidentWithRelationRow> {
  const subject = sql.ref<string>('guarded.resident_id');
  const cases = relationConditions(userId, subject, now).map(([relation, condition]) => sql`when ${condition} then ${sql.lit(relation)}`);
  return sql<ResidentWithRelationRow>`
    select guarded.resident_id, case when guarded.resident_id is null then null ${sql.join(cases, sql` `)} end as relation
    from (select (${residentIdQuery}) as resident_id) guarded`;
}

/** What `residentWithRelation` answers, from its row (none: no such resident). */
export function residentWithRelationOf(row: ResidentWithRelationRow | undefined): { residentId: string | undefined; relation: ResidentRelation | null } {
  return { residentId: row?.resident_id ?? undefined, relation: row?.relation ?? null };
}

/** How long a break-glass grant lasts: the rest of a working day, not longer. */
export const BREAK_GLASS_HOURS = 8;

export interface AccessGrant {
  id: string;
  residentId: string;
  userId: string;
  username: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  /** The unexpired grant this one renewed, or null for a first grant. */
  renewalOf: string | null;
  /** How many renewals precede this grant in its chain (0 for a first grant). */
  renewalCount: number;
}

/**
 * Break-glass (doorbraak): an employee without a relation opens a resident's file for a stated
 * reason. The grant is stored (never changed) and the processing is logged with the reason, so the
 * privacy officer can review every use. Asking again while a grant is unexpired is a renewal: it
 * needs a new, different reason, points to the grant it renews and notifies the team lead.
 */
export async function requestBreakGlassAccess(
  tx: Tx,
  ctx: AuditContext,
  input: { residentId: string; reason: string; now?: Date },
): Promise<AccessGrant> {
  const now = input.now ?? new Date();
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Doorbraak kan alleen door een ingelogde medewerker.');
  const resident = await tx.selectFrom('residents').select('id').where('id', '=', input.residentId).executeTakeFirst();
  if (!resident) throw notFound('De inwoner');
  // Two requests at once must not both become a first grant (and skip the renewal rules).
  await sql`select pg_advisory_xact_lock(hashtext(${`doorbraak:${ctx.tenantId}:${actor.userId}:${input.residentId}`}))`.execute(tx);
  const unexpired = await tx
    .selectFrom('access_grants')
    .select(['id', 'reason', 'renewal_count'])
    .where('resident_id', '=', input.residentId)
    .where('user_id', '=', actor.userId)
    .where('expires_at', '>', now)
    .orderBy('granted_at', 'desc')
    .execute();
  if (unexpired.some((g) => sameReason(g.reason, input.reason))) {
    throw new AppError('VALIDATION_FAILED', 'U heeft al doorbraaktoegang tot dit dossier met deze reden.', [
      { field: 'reason', message: 'U heeft al doorbraaktoegang met deze reden. Geef voor een verlenging een nieuwe, andere reden; uw teamleider krijgt er bericht van.' },
    ]);
  }
  const renewed = unexpired[0];
  const renewalCount = renewed ? renewed.renewal_count + 1 : 0;
  const expiresAt = new Date(now.getTime() + BREAK_GLASS_HOURS * 3600_000);
  const row = await tx
    .insertInto('access_grants')
    .values({
      tenant_id: ctx.tenantId,
      resident_id: input.residentId,
      user_id: actor.userId,
      reason: input.reason,
      granted_at: now,
      expires_at: expiresAt,
      renewal_of: renewed?.id ?? null,
      renewal_count: renewalCount,
    })
    .returning(['id', 'granted_at', 'expires_at', 'renewal_of', 'renewal_count'])
    .executeTakeFirstOrThrow();
  await recordProcessing(tx, ctx, {
    name: 'doorbraak.toegang',
    activity: 'inwonerregistratie',
    subjects: [{ type: 'resident', id: input.residentId }],
    startTime: now,
    attributes: { reden: input.reason, geldigTot: expiresAt.toISOString(), ...(renewed ? { verlengingVan: renewed.id, verlenging: renewalCount } : {}) },
  });
  if (renewed) {
    await notifyTeamLeads(tx, ctx, {
      employeeId: actor.userId,
      kind: 'doorbraak.verlengd',
      residentId: input.residentId,
      accessGrantId: row.id,
      message: `${actor.username} heeft de doorbraaktoegang tot een dossier verlengd (verlenging ${renewalCount}, geldig tot ${untilFormat.format(expiresAt)}). Nieuwe reden: ${input.reason}`,
    });
  }
  return toAccessGrant({ ...row, resident_id: input.residentId, user_id: actor.userId, username: actor.username, reason: input.reason });
}

const untilFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** The same reason, give or take case and spacing: a renewal must say something new. */
function sameReason(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
  return norm(a) === norm(b);
}

/** Every break-glass grant, newest first, for the privacy officer (auditor). */
export async function listAccessGrants(tx: Tx, input: { limit: number }): Promise<AccessGrant[]> {
  const rows = await tx
    .selectFrom('access_grants as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .select(['g.id', 'g.resident_id', 'g.user_id', 'u.username', 'g.reason', 'g.granted_at', 'g.expires_at', 'g.renewal_of', 'g.renewal_count'])
    .orderBy('g.granted_at', 'desc')
    .limit(input.limit)
    .execute();
  return rows.map(toAccessGrant);
}

function toAccessGrant(r: {
  id: string;
  resident_id: string;
  user_id: string;
  username: string;
  reason: string;
  granted_at: Date | string;
  expires_at: Date | string;
  renewal_of: string | null;
  renewal_count: number;
}): AccessGrant {
  return {
    id: r.id,
    residentId: r.resident_id,
    userId: r.user_id,
    username: r.username,
    reason: r.reason,
    grantedAt: new Date(r.granted_at).toISOString(),
    expiresAt: new Date(r.expires_at).toISOString(),
    renewalOf: r.renewal_of,
    renewalCount: r.renewal_count,
  };
}
