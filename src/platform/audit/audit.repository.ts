import { sql, type RawBuilder } from 'kysely';
import type { Insertable } from 'kysely';
import type { AuditLogTable } from './audit.tables.js';
import { COMMIT_FOLLOWS, stringLiteral } from '../../db/pg-round-trips.js';
import type { Tx } from '../../db/tenancy.js';

/**
 * The employee's name as it is now; for a provider's machine account (no user: role
 * 'machineaccount') the name the record was written with, "aanbieder … (machineaccount)".
 */
const actorDisplayName = sql<string | null>`coalesce(u.display_name, case when 'machineaccount' = any(a.actor_roles) then a.actor_username end)`.as('actor_display_name');

/** What the records of one processing share; each record adds its data subjects of one type (migration 0063). */
export type AuditProcessingRow = Omit<Insertable<AuditLogTable>, 'data_subject_type' | 'data_subject_id' | 'further_subject_ids' | 'id'>;

/**
 * One record per subject type, in one statement (migration 0063): the first data subject of the type in
 * data_subject_id, the others in further_subject_ids, each once. `groups` yields (type, ids, first):
 * the ids of a type in order, and the order of the records.
 */
async function insertGroupedRecords(tx: Tx, shared: AuditProcessingRow, groups: RawBuilder<{ type: string; ids: string[]; first: unknown }>): Promise<void> {
  await sql`
    insert into audit_log (tenant_id, trace_id, span_id, parent_span_id, name, status_code, start_time, end_time, processing_activity_id,
      data_subject_type, data_subject_id, further_subject_ids, actor_id, actor_username, actor_roles, resource_name, resource_version, attributes)
    select ${shared.tenant_id}, ${shared.trace_id}, ${shared.span_id}, ${shared.parent_span_id}, ${shared.name}, ${shared.status_code},
      ${shared.start_time}::timestamptz, ${shared.end_time}::timestamptz, ${shared.processing_activity_id},
      g.type, g.ids[1], case when cardinality(g.ids) > 1 then g.ids[2:] end,
      ${shared.actor_id}::uuid, ${shared.actor_username}, ${shared.actor_roles}::text[], ${shared.resource_name}, ${shared.resource_version}, ${shared.attributes}::jsonb
    from (${groups}) g
    order by g.first
  `.execute(tx);
}

/**
 * The records of one processing in one statement whatever the number of data subjects: the shared
 * fields are sent once and the subjects as two arrays (a declaration concerns hundreds of residents).
 * One record per subject type, the types and ids in the order given.
 */
export async function insertAuditRecords(tx: Tx, shared: AuditProcessingRow, subjects: readonly { type: string; id: string }[]): Promise<void> {
  if (subjects.length === 0) return;
  await insertGroupedRecords(
    tx,
    shared,
    sql`
      select d.type, array_agg(d.id order by d.first) as ids, min(d.first) as first
      from (
        select s.type, s.id, min(s.ord) as first
        from unnest(${subjects.map((s) => s.type)}::text[], ${subjects.map((s) => s.id)}::text[]) with ordinality as s(type, id, ord)
        group by s.type, s.id
      ) d
      group by d.type
    `,
  );
}

type AuditRecordBatch = readonly { row: AuditProcessingRow; subjects: readonly { type: string; id: string }[] }[];

/**
 * One element per processing with its data subjects (`subjects`: `{ type, id }` in order), as
 * `audit_log_insert` (migrations 0059 and 0063) reads them: what the records of a processing share is
 * sent and parsed once, and stored once per subject type. Processings without subjects have no records
 * and are left out.
 */
function auditProcessings(records: AuditRecordBatch) {
  return records
    .filter(({ subjects }) => subjects.length > 0)
    .map(({ row, subjects }) => ({
      tenant_id: row.tenant_id,
      trace_id: row.trace_id,
      span_id: row.span_id,
      parent_span_id: row.parent_span_id ?? null,
      name: row.name,
      status_code: row.status_code,
      start_time: row.start_time,
      end_time: row.end_time,
      processing_activity_id: row.processing_activity_id,
      actor_id: row.actor_id ?? null,
      actor_username: row.actor_username ?? null,
      actor_roles: row.actor_roles ?? [],
      resource_name: row.resource_name,
      resource_version: row.resource_version,
      attributes: typeof row.attributes === 'string' ? (JSON.parse(row.attributes) as unknown) : (row.attributes ?? {}),
      subjects: subjects.map((s) => ({ type: s.type, id: s.id })),
    }));
}

function auditBatchJson(records: AuditRecordBatch): string | undefined {
  const processings = auditProcessings(records);
  return processings.length === 0 ? undefined : JSON.stringify(processings);
}

/**
 * The records of several municipalities in ONE statement, then the commit (`audit_log_insert_groups`,
 * migration 0060): per group, that municipality is pinned and its records are written, so row-level
 * security checks each record against its own group's municipality. For the batch writer of read
 * requests (audit.batch.ts), in a transaction already pinned to the application role (`pinTenant`).
 * The caller MUST commit right after: on a PostgreSQL server the statement and the commit go in one
 * message (COMMIT_FOLLOWS), so the records go as a literal, not as a parameter.
 */
export async function insertAuditRecordGroupsThenCommit(tx: Tx, groups: readonly { tenantId: string; records: AuditRecordBatch }[]): Promise<void> {
  const elements = groups.map(({ tenantId, records }) => ({ tenant_id: tenantId, processings: auditProcessings(records) })).filter((g) => g.processings.length > 0);
  if (elements.length === 0) return;
  await sql`${sql.raw(COMMIT_FOLLOWS)}select audit_log_insert_groups(${stringLiteral(JSON.stringify(elements))})`.execute(tx);
}

/**
 * The end of a read's unit of work: writes its records in `tx` only if the transaction changed data
 * (then data and log entry commit together), and answers how many it wrote; 0 means the transaction
 * changed nothing (or there was nothing to write: then no statement is sent) and the records are for the batch writer. The
 * caller MUST commit right after: on a PostgreSQL server the statement and the commit go in one
 * message (COMMIT_FOLLOWS), so the values go as a literal, not as parameters.
 */
export async function insertAuditRecordBatchIfChangedThenCommit(tx: Tx, records: AuditRecordBatch): Promise<number> {
  const json = auditBatchJson(records);
  if (json === undefined) return 0;
  const { rows } = await sql<{ written: number }>`${sql.raw(COMMIT_FOLLOWS)}select audit_log_insert(${stringLiteral(json)}, true) as written`.execute(tx);
  return rows[0]?.written ?? 0;
}

/**
 * As insertAuditRecords, with the data subjects chosen by a query in the database (columns `type` and
 * `id`) rather than sent from the application: for a processing that concerns a whole set of residents
 * the database already holds (a payment run), the ids make no round trip. Each pair once, in the order
 * of the types and ids.
 */
export async function insertAuditRecordsFromQuery(tx: Tx, shared: AuditProcessingRow, subjects: RawBuilder<{ type: string; id: string }>): Promise<void> {
  await insertGroupedRecords(
    tx,
    shared,
    sql`select q.type, array_agg(q.id order by q.id) as ids, q.type as first from (select distinct type, id from (${subjects}) q0) q group by q.type`,
  );
}

/** What a logregel shows of its record: every field but the data subjects, and the chain's seq (for order). */
const RECORD_COLUMNS = [
  'a.tenant_id', 'a.id', 'a.trace_id', 'a.span_id', 'a.parent_span_id', 'a.name', 'a.status_code', 'a.start_time', 'a.end_time',
  'a.processing_activity_id', 'a.data_subject_type', 'a.actor_id', 'a.actor_username', 'a.actor_roles', 'a.resource_name',
  'a.resource_version', 'a.attributes', 'a.seq',
] as const;

/**
 * The log as logregels, one per data subject (Logboek Dataverwerkingen: a logregel refers to 0 or 1
 * Betrokkenen): a record stands for its processing's first subject of a type, and, through
 * audit_log_subjects (migration 0063), for each further one. A logregel carries its own data subject
 * only, never the record's others. With `subjects`, only the logregels of those data subjects, each
 * found by an index (audit_log_subject, or the primary key of audit_log_subjects). As table `a`.
 */
export function auditLogregels(tx: Tx, subjects?: { type: string; ids: readonly string[] }) {
  const first = tx.selectFrom('audit_log as a').select([...RECORD_COLUMNS, 'a.data_subject_id']);
  if (!subjects) {
    // Every logregel: each record once, its further subjects from its own row.
    const further = tx
      .selectFrom('audit_log as a')
      .crossJoinLateral(sql<{ data_subject_id: string }>`(select unnest(a.further_subject_ids) as data_subject_id)`.as('s'))
      .where('a.further_subject_ids', 'is not', null)
      .select([...RECORD_COLUMNS, 's.data_subject_id']);
    return first.unionAll(further).as('a');
  }
  const ids = [...subjects.ids];
  const further = tx
    .selectFrom('audit_log_subjects as s')
    .innerJoin('audit_log as a', (j) => j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.record_id'))
    .where('s.data_subject_id', 'in', ids)
    .where('a.data_subject_type', '=', subjects.type)
    .select([...RECORD_COLUMNS, 's.data_subject_id']);
  return first.where('a.data_subject_type', '=', subjects.type).where('a.data_subject_id', 'in', ids).unionAll(further).as('a');
}

export async function listAuditRecordsForSubject(tx: Tx, subject: { type: string; id: string }, limit: number) {
  return tx
    .selectFrom(auditLogregels(tx, { type: subject.type, ids: [subject.id] }))
    // The employee's name as it is now, for people reading the log; the record itself keeps the username.
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.actor_id'))
    .selectAll('a')
    .select(actorDisplayName)
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
  const residents = query.residentIds && query.residentIds.length > 0 ? { type: 'resident', ids: query.residentIds } : undefined;
  let q = tx
    .selectFrom(auditLogregels(tx, residents))
    .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.actor_id'));
  if (query.residentIds?.length === 0) q = q.where(sql<boolean>`false`);
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
    .orderBy('a.data_subject_id')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
}

export async function countAuditRecords(tx: Tx, query: AuditQuery): Promise<number> {
  const row = await filteredAuditLog(tx, query).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
