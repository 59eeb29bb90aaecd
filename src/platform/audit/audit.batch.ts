import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import { insertAuditRecordBatch } from './audit.repository.js';
import type { DeferredAuditRecords } from './audit.service.js';

/** At most this many processings in one batch; the rest wait for the next. */
const MAX_PROCESSINGS_PER_BATCH = 200;

interface Waiting {
  deferred: DeferredAuditRecords;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Writes the processing-log records of read requests, many requests in one transaction per
 * municipality. A read's own transaction writes nothing, so it is cheap to end; its records are
 * handed here and the caller awaits the commit of the batch they went into before the answer goes
 * out, so no read reaches anyone without its record (as before). One batch at a time per
 * municipality: records that arrive while a batch is being written go into the next one, so under
 * load each write transaction (its transaction id, its WAL flush, the chain head's lock) serves many
 * requests, and alone a request waits for nothing but its own.
 *
 * A batch that fails is written again one request at a time, so a request whose records cannot be
 * written fails alone, and every request whose records are written succeeds.
 */
export class AuditBatchWriter {
  private readonly queues = new Map<string, Waiting[]>();
  private readonly writing = new Set<string>();

  constructor(private readonly db: Kysely<DB>) {}

  /** Resolves once the records are committed; rejects when they could not be written. */
  write(tenantId: string, deferred: DeferredAuditRecords): Promise<void> {
    if (deferred.records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const queue = this.queues.get(tenantId);
      if (queue) queue.push({ deferred, resolve, reject });
      else this.queues.set(tenantId, [{ deferred, resolve, reject }]);
      if (!this.writing.has(tenantId)) this.startBatch(tenantId);
    });
  }

  private startBatch(tenantId: string): void {
    this.writing.add(tenantId);
    // After this turn of the event loop, so the requests that end in the same turn share the batch.
    setImmediate(() => void this.writeBatch(tenantId));
  }

  private async writeBatch(tenantId: string): Promise<void> {
    const queue = this.queues.get(tenantId) ?? [];
    const batch: Waiting[] = [];
    let processings = 0;
    while (queue.length > 0 && (batch.length === 0 || processings + queue[0]!.deferred.records.length <= MAX_PROCESSINGS_PER_BATCH)) {
      const next = queue.shift()!;
      processings += next.deferred.records.length;
      batch.push(next);
    }
    if (queue.length === 0) this.queues.delete(tenantId);
    try {
      await this.commit(tenantId, batch);
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else {
        for (const waiting of batch) {
          try {
            await this.commit(tenantId, [waiting]);
            waiting.resolve();
          } catch (alone) {
            waiting.reject(alone);
          }
        }
      }
    } finally {
      this.writing.delete(tenantId);
      if (this.queues.has(tenantId)) this.startBatch(tenantId);
    }
  }

  private commit(tenantId: string, batch: readonly Waiting[]): Promise<void> {
    return withTenant(this.db, tenantId, (tx) => insertAuditRecordBatch(tx, batch.flatMap((w) => w.deferred.records)));
  }
}

const writers = new WeakMap<Kysely<DB>, AuditBatchWriter>();

/** The batch writer of this database (one per database handle, so per server process). */
export function auditBatchWriterOf(db: Kysely<DB>): AuditBatchWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditBatchWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
