import type { Kysely } from 'kysely';
import { PROCESSING_LOG_CONNECTIONS, processingLogDbOf } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { pinTenant } from '../../db/tenancy.js';
import { insertAuditRecordGroupsThenCommit } from './audit.repository.js';
import type { DeferredAuditRecords } from './audit.service.js';

/** At most this many processings in one batch; the rest wait for the next. */
const MAX_PROCESSINGS_PER_BATCH = 200;

/**
 * Normally one batch at a time, so that under load each batch serves many requests. A batch that has
 * run this long is waiting for something (a long transaction of one municipality holds its chain's
 * head until it commits): then another batch may start for the other municipalities, up to
 * MAX_BATCHES_AT_ONCE, so one municipality's long transaction does not hold up the reads of all.
 */
const BATCH_STALLED_MS = 100;
const MAX_BATCHES_AT_ONCE = PROCESSING_LOG_CONNECTIONS;

interface Waiting {
  tenantId: string;
  deferred: DeferredAuditRecords;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Writes the processing-log records of read requests, many requests in one transaction. A read's own
 * transaction writes nothing, so it is cheap to end; its records are handed here and the caller awaits
 * the commit of the batch they went into before the answer goes out, so no read reaches anyone without
 * its record (as before). Records that arrive while batches are being written go into a next one, so
 * under load each write transaction (its transaction id, its WAL flush) serves many requests, and alone
 * a request waits for nothing but its own.
 *
 * A batch holds the records of every municipality that has some waiting, in one statement
 * (`audit_log_insert_groups`): per municipality its records under its own pin, so row-level security
 * checks each record against its own municipality, and each municipality's chain numbers its records in
 * the order they came. Batching per municipality served a single municipality well, but with 31 of
 * them under load a batch held little more than one request (issue #17), so every read paid for a
 * transaction of its own again.
 *
 * On a PostgreSQL server the batches have connections of their own (`processingLogDbOf`), so a batch
 * never queues for a connection behind the requests that wait for it.
 *
 * One batch at a time, unless the running ones have stalled (BATCH_STALLED_MS). A municipality is in
 * at most one batch at a time (so batches never wait for each other's chain heads, and its records
 * keep their order): a new batch takes, in order of arrival, the records of the municipalities that
 * are not being written.
 *
 * A batch that fails is written again one request at a time, so a request whose records cannot be
 * written fails alone, and every request whose records are written succeeds.
 */
export class AuditBatchWriter {
  private queue: Waiting[] = [];
  private readonly writing = new Set<string>();
  /**
   * Since this writer was made (the bench reports them): batches committed, and the requests whose
   * records were committed with the milliseconds they waited for that in all, from handing them over
   * to the commit of their batch; and the batches that failed and were written again one request at a
   * time.
   */
  readonly counts = { batches: 0, requests: 0, waitedMs: 0, writtenAgain: 0 };
  /** When each running batch started (performance.now()). */
  private readonly running = new Set<{ started: number }>();
  private scheduled = false;
  private stallCheck: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<DB>) {}

  /** Resolves once the records are committed; rejects when they could not be written. */
  write(tenantId: string, deferred: DeferredAuditRecords): Promise<void> {
    // A processing without data subjects (an empty list) has no records: nothing to wait for.
    if (!deferred.records.some((r) => r.subjects.length > 0)) return Promise.resolve();
    const handedOver = performance.now();
    return new Promise<void>((resolve, reject) => {
      const written = () => {
        this.counts.requests += 1;
        this.counts.waitedMs += performance.now() - handedOver;
        resolve();
      };
      this.queue.push({ tenantId, deferred, resolve: written, reject });
      this.schedule();
    });
  }

  /** Starts a batch when none runs, or when every running one has stalled; otherwise checks again when they would have. */
  private schedule(): void {
    if (this.scheduled || this.running.size >= MAX_BATCHES_AT_ONCE || !this.queue.some((w) => !this.writing.has(w.tenantId))) return;
    const now = performance.now();
    const youngest = Math.max(-Infinity, ...[...this.running].map((r) => r.started));
    if (now - youngest < BATCH_STALLED_MS) {
      this.stallCheck ??= setTimeout(() => {
        this.stallCheck = undefined;
        this.schedule();
      }, youngest + BATCH_STALLED_MS - now).unref();
      return;
    }
    this.scheduled = true;
    // After this turn of the event loop, so the requests that end in the same turn share the batch.
    setImmediate(() => {
      this.scheduled = false;
      const batch = this.takeBatch();
      if (batch.length > 0) void this.writeBatch(batch);
    });
  }

  /**
   * The waiting records, in order of arrival, of the municipalities no batch is writing. Of each
   * municipality the batch takes the records up to the first that does not fit, so what stays keeps
   * its order for the next batch.
   */
  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const rest: Waiting[] = [];
    const passedOver = new Set(this.writing);
    let processings = 0;
    for (const waiting of this.queue) {
      const fits = batch.length === 0 || processings + waiting.deferred.records.length <= MAX_PROCESSINGS_PER_BATCH;
      if (fits && !passedOver.has(waiting.tenantId)) {
        batch.push(waiting);
        processings += waiting.deferred.records.length;
      } else {
        passedOver.add(waiting.tenantId);
        rest.push(waiting);
      }
    }
    this.queue = rest;
    for (const waiting of batch) this.writing.add(waiting.tenantId);
    return batch;
  }

  private async writeBatch(batch: Waiting[]): Promise<void> {
    const run = { started: performance.now() };
    this.running.add(run);
    try {
      await this.commit(batch);
      this.counts.batches += 1;
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else {
        this.counts.writtenAgain += 1;
        for (const waiting of batch) {
          try {
            await this.commit([waiting]);
            waiting.resolve();
          } catch (alone) {
            waiting.reject(alone);
          }
        }
      }
    } finally {
      for (const waiting of batch) this.writing.delete(waiting.tenantId);
      this.running.delete(run);
      this.schedule();
    }
  }

  /**
   * One transaction, one statement: per municipality its records, each group pinned to its
   * municipality by `audit_log_insert_groups`. On a PostgreSQL server `begin`, the role's pin, the
   * statement and its commit go in one message, however many municipalities the batch holds
   * (db/pg-round-trips.ts).
   *
   * The groups go in order of municipality, not of arrival: each group locks its municipality's chain
   * head until the commit, and batches of other server processes lock theirs in the same order, so two
   * batches never wait for each other's heads (a deadlock, which PostgreSQL ends after a second by
   * aborting one of them). Within a municipality the records keep the order they came in.
   */
  private commit(batch: readonly Waiting[]): Promise<void> {
    const byTenant = new Map<string, Waiting['deferred']['records'][number][]>();
    for (const { tenantId, deferred } of batch) {
      const records = byTenant.get(tenantId);
      if (records) records.push(...deferred.records);
      else byTenant.set(tenantId, [...deferred.records]);
    }
    return this.db.transaction().execute(async (tx) => {
      await pinTenant(tx, batch[0]!.tenantId);
      const groups = [...byTenant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      await insertAuditRecordGroupsThenCommit(tx, groups.map(([tenantId, records]) => ({ tenantId, records })));
    });
  }
}

const writers = new WeakMap<Kysely<DB>, AuditBatchWriter>();

/** The batch writer of this database (one per database handle, so per server process). */
export function auditBatchWriterOf(db: Kysely<DB>): AuditBatchWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditBatchWriter(processingLogDbOf(db));
    writers.set(db, writer);
  }
  return writer;
}
