import { randomBytes } from 'node:crypto';
import type { Kysely, RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import type { Principal } from '../auth/auth.service.js';
import { insertAuditRecords, insertAuditRecordsFromQuery, listAuditRecordsForSubject, type AuditProcessingRow } from './audit.repository.js';
import { processingActivities, type ProcessingActivityId } from './processing-activities.js';

export const RESOURCE = { name: 'koers', version: '0.1.0' } as const;

/** The trace a processing belongs to (W3C Trace Context), and who does it. */
export interface AuditContext {
  traceId: string;
  parentSpanId: string | null;
  actor: Pick<Principal, 'userId' | 'username' | 'roles'> | null;
  tenantId: string;
}

/** Whose data was processed: a resident, or (for a search that showed no resident's record) the log itself. */
export interface DataSubject {
  type: 'resident' | 'logboek';
  id: string;
}

export interface Processing {
  /** Name of the operation (Actie), e.g. `inwoner.raadplegen`. */
  name: string;
  activity: ProcessingActivityId;
  subjects: DataSubject[];
  startTime: Date;
  status?: 'OK' | 'ERROR';
  attributes?: Record<string, string | number | boolean>;
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

/**
 * Writes one record per data subject, in the caller's transaction: the data read or written and its
 * log entry commit together or not at all.
 */
export async function recordProcessing(tx: Tx, ctx: AuditContext, processing: Processing): Promise<void> {
  const unique = new Map(processing.subjects.map((s) => [`${s.type}:${s.id}`, s]));
  const pending = deferredRecords.get(tx);
  if (pending) pending.push({ row: processingRow(ctx, processing), subjects: [...unique.values()] });
  else await insertAuditRecords(tx, processingRow(ctx, processing), [...unique.values()]);
}

/**
 * As recordProcessing, for a processing whose data subjects the database selects itself (a query
 * answering `type` and `id`), e.g. every resident in a payment run: one statement, no ids sent back and forth.
 */
export async function recordProcessingOfQuery(tx: Tx, ctx: AuditContext, processing: Omit<Processing, 'subjects'>, subjects: RawBuilder<{ type: DataSubject['type']; id: string }>): Promise<void> {
  const pending = deferredRecords.get(tx);
  if (!pending) return insertAuditRecordsFromQuery(tx, processingRow(ctx, processing), subjects);
  // Each pair once, in the order insertAuditRecordsFromQuery numbers them.
  const rows = (await subjects.execute(tx)).rows;
  const unique = [...new Map(rows.map((s) => [`${s.type}:${s.id}`, { type: s.type, id: s.id }])).values()];
  unique.sort((a, b) => (a.type === b.type ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.type < b.type ? -1 : 1));
  pending.push({ row: processingRow(ctx, processing), subjects: unique });
}

/** Audit records a read on the read replica made: its transaction is read-only, so they wait for the primary. */
export interface DeferredAuditRecords {
  readonly records: readonly { row: AuditProcessingRow; subjects: readonly DataSubject[] }[];
}

const deferredRecords = new WeakMap<Tx, { row: AuditProcessingRow; subjects: DataSubject[] }[]>();

/**
 * From now on the processings recorded in `tx` (a read-only transaction on the read replica) are
 * kept, not inserted; the batch writer (audit.batch.ts) writes them on the primary. The caller sends the
 * answer only after that has committed, so no read reaches anyone without its log entry.
 */
export function deferAuditRecords(tx: Tx): DeferredAuditRecords {
  const records: { row: AuditProcessingRow; subjects: DataSubject[] }[] = [];
  deferredRecords.set(tx, records);
  return { records };
}

function processingRow(ctx: AuditContext, processing: Omit<Processing, 'subjects'>): AuditProcessingRow {
  return {
    tenant_id: ctx.tenantId,
    trace_id: ctx.traceId,
    span_id: newSpanId(),
    parent_span_id: ctx.parentSpanId,
    name: processing.name,
    status_code: processing.status ?? 'OK',
    start_time: processing.startTime,
    end_time: new Date(),
    processing_activity_id: processing.activity,
    actor_id: ctx.actor?.userId ?? null,
    actor_username: ctx.actor?.username ?? null,
    actor_roles: ctx.actor?.roles ?? [],
    resource_name: RESOURCE.name,
    resource_version: RESOURCE.version,
    attributes: JSON.stringify(processing.attributes ?? {}),
  };
}

export interface AuditRecord {
  id: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  status: 'OK' | 'ERROR';
  startTime: string;
  endTime: string;
  processingActivity: { id: string; name: string; legalBasis: string };
  dataSubject: { type: string; id: string };
  actor: { id: string | null; username: string | null; displayName: string | null; roles: string[] };
  resource: { name: string; version: string };
  attributes: Record<string, unknown>;
}

type AuditRow = Awaited<ReturnType<typeof listAuditRecordsForSubject>>[number];

export function auditRowToRecord(row: AuditRow): AuditRecord {
  const activity = processingActivities[row.processing_activity_id as ProcessingActivityId] ?? {
    name: row.processing_activity_id,
    legalBasis: 'onbekend',
  };
  return {
    id: row.id,
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    status: row.status_code,
    startTime: new Date(row.start_time).toISOString(),
    endTime: new Date(row.end_time).toISOString(),
    processingActivity: { id: row.processing_activity_id, name: activity.name, legalBasis: activity.legalBasis },
    dataSubject: { type: row.data_subject_type, id: row.data_subject_id },
    actor: { id: row.actor_id, username: row.actor_username, displayName: row.actor_display_name, roles: row.actor_roles },
    resource: { name: row.resource_name, version: row.resource_version },
    attributes: row.attributes,
  };
}

/** The auditor's view of who processed a resident's data; the viewing itself is logged too. */
export async function listProcessingsOfResident(
  tx: Tx,
  ctx: AuditContext,
  input: { residentId: string; limit: number },
): Promise<AuditRecord[]> {
  const startTime = new Date();
  const rows = await listAuditRecordsForSubject(tx, { type: 'resident', id: input.residentId }, input.limit);
  await recordProcessing(tx, ctx, {
    name: 'logboek.inzien',
    activity: 'toezicht-verwerkingen',
    subjects: [{ type: 'resident', id: input.residentId }],
    startTime,
  });
  return rows.map(auditRowToRecord);
}

/**
 * A refused attempt to process a resident's data is logged too (status ERROR), in its own
 * transaction: the refusal itself must not roll back with the request.
 */
export async function recordRefusedProcessing(
  db: Kysely<DB>,
  ctx: AuditContext,
  processing: Omit<Processing, 'status'> & { reason: string },
): Promise<void> {
  await withTenant(db, ctx.tenantId, (tx) =>
    recordProcessing(tx, ctx, { ...processing, status: 'ERROR', attributes: { ...processing.attributes, reden: processing.reason } }),
  );
}
