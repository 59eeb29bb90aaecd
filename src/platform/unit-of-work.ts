import { randomBytes } from 'node:crypto';
import { type ControlledTransaction, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { pinTenant, withTenant, type Tx } from '../db/tenancy.js';
import { auditBatchWriterOf } from './audit/audit.batch.js';
import { insertAuditRecordBatchIfChangedThenCommit } from './audit/audit.repository.js';
import { deferAuditRecords, type AuditContext } from './audit/audit.service.js';
import type { Principal } from './auth/auth.service.js';

/**
 * Who a unit of work runs for: a signed-in employee (a request), or the system itself (a background
 * job) or an operator at the command line (a CLI command), which have no user account.
 */
export type WorkPrincipal =
  | ({ kind: 'employee' } & Principal)
  | { kind: 'system'; tenantId: string; name: string }
  | { kind: 'operator'; tenantId: string; name: string };

/**
 * One unit of work: one tenant transaction (application role, tenant pinned, row-level security on),
 * the principal it runs for and the audit context its processings are logged with. Every audit
 * record of a change is written in `tx`, so the data and its log entry commit together or not at all
 * (a read's records may go in a batch with other reads', committed before `commit()` resolves: see
 * `batchReadRecords`); a command logs its write, the read the caller receives logs that read, and
 * nothing is logged twice.
 */
export interface UnitOfWork {
  readonly tx: Tx;
  readonly principal: WorkPrincipal;
  readonly audit: AuditContext;
}

/** The audit context of a service that acts for an employee: `actorId` is the employee's user id. */
export type Actor = AuditContext & { actorId: string };

/** A unit of work that is open until `commit()` or `rollback()` (whichever comes first ends it). */
export interface OpenUnitOfWork extends UnitOfWork {
  readonly open: boolean;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface UnitOfWorkOptions {
  /**
   * For a read (a GET request): the processings it records are kept until commit. When the
   * transaction changed nothing, it commits as a read and the records go to the batch writer
   * (audit.batch.ts), which writes many reads' records in one transaction; `commit()` resolves only
   * once they are committed. When it did change something after all, the records are written in it
   * before it commits, so data and log entry still commit together. Asking which it is and committing
   * is one statement and one round trip (`insertAuditRecordBatchIfChangedThenCommit`).
   */
  batchReadRecords?: boolean;
  /**
   * With `batchReadRecords`: the transaction is read-only (`start transaction read only`: opened so by
   * `beginUnitOfWork`, or already so when a read's session lookup opened it), so it cannot have changed
   * anything and PostgreSQL refuses any write in it. Its end does not ask: it commits, and the records
   * go to the batch writer.
   */
  readOnly?: boolean;
}

/** Begins a tenant transaction that stays open across steps (a request's guard, then its handler). */
export async function beginUnitOfWork(db: Kysely<DB>, principal: WorkPrincipal, audit: AuditContext, options: UnitOfWorkOptions = {}): Promise<OpenUnitOfWork> {
  const start = db.startTransaction();
  const trx = await (options.readOnly ? start.setAccessMode('read only') : start).execute();
  try {
    await pinTenant(trx, principal.tenantId);
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  return unitOfWorkIn(db, trx, principal, audit, options);
}

/**
 * A unit of work on a transaction that is already open and pinned to the principal's municipality
 * as the application role (the session lookup of a read request does that as its first statement:
 * `resolveSessionOpening`). It ends the transaction as `beginUnitOfWork`'s does.
 */
export function unitOfWorkIn(db: Kysely<DB>, trx: ControlledTransaction<DB>, principal: WorkPrincipal, audit: AuditContext, options: UnitOfWorkOptions = {}): OpenUnitOfWork {
  const deferred = options.batchReadRecords ? deferAuditRecords(trx) : undefined;
  let open = true;
  const end = async (how: 'commit' | 'rollback') => {
    if (!open) return;
    open = false;
    // Processings without data subjects have no records.
    if (how === 'rollback' || !deferred || !deferred.records.some((r) => r.subjects.length > 0)) {
      await (how === 'commit' ? trx.commit() : trx.rollback()).execute();
      return;
    }
    if (options.readOnly) {
      await trx.commit().execute();
      await auditBatchWriterOf(db).write(principal.tenantId, deferred);
      return;
    }
    let written: number;
    try {
      written = await insertAuditRecordBatchIfChangedThenCommit(trx, deferred.records);
    } catch (error) {
      await trx.rollback().execute();
      throw error;
    }
    await trx.commit().execute();
    if (written === 0) await auditBatchWriterOf(db).write(principal.tenantId, deferred);
  };
  return {
    tx: trx,
    principal,
    audit,
    get open() {
      return open;
    },
    commit: () => end('commit'),
    rollback: () => end('rollback'),
  };
}

/** The audit context of work done by the system (a job) or an operator (the CLI): a new trace, no user account. */
export function systemAuditContext(tenantId: string, traceId: string = randomBytes(16).toString('hex')): AuditContext {
  return { traceId, parentSpanId: null, actor: null, tenantId };
}

/**
 * A unit of work for a background job or a CLI command: one tenant transaction with the system or
 * the operator as principal (audit records carry no actor). Commits when `work` resolves, rolls back
 * when it throws.
 */
export function runAsSystem<T>(
  db: Kysely<DB>,
  principal: Extract<WorkPrincipal, { kind: 'system' | 'operator' }>,
  work: (unit: UnitOfWork) => Promise<T>,
  audit: AuditContext = systemAuditContext(principal.tenantId),
): Promise<T> {
  return withTenant(db, principal.tenantId, (tx) => work({ tx, principal, audit }));
}
