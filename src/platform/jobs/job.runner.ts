// The runner: per municipality the jobs table holds each scheduled job's next run; a runner claims a
// due row with SELECT … FOR UPDATE SKIP LOCKED (another runner skips it rather than waiting) plus a
// lease committed at once, runs the handler in the municipality's transaction, and records how the
// run went. A runner that dies leaves a lease that expires, and the job is taken over. The same code
// runs on PGlite (one connection, one process) and PostgreSQL (several processes).

import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { DEFAULT_LEASE_MINUTES, DEFAULT_RETRY, newTraceId, runJobNow, type JobDefinition, type JobRegistry } from './job.js';
import { afterFailure, nextRunAfter, storedRecurrence, type JobSchedule, type StoredRecurrence } from './job.schedule.js';
import type { JobRunStatus } from './job.tables.js';

/** pino's shape (fastify's app.log fits). */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const silent: JobLog = { info: () => {}, warn: () => {}, error: () => {} };

export async function listTenantIds(db: Kysely<DB>): Promise<string[]> {
  return (await sql<{ id: string }>`select id from tenants order by id`.execute(db)).rows.map((r) => r.id);
}

/** Every schedule names a registered job (the same definition) and a payload its schema accepts; else the start stops. */
export function checkSchedules(registry: JobRegistry, schedules: readonly JobSchedule[]): void {
  const seen = new Set<string>();
  for (const s of schedules) {
    if (registry.get(s.job.name) !== s.job) throw new Error(`Job ${s.job.name} is scheduled with a definition other than the registered one`);
    if (seen.has(s.job.name)) throw new Error(`Job ${s.job.name} is scheduled twice`);
    seen.add(s.job.name);
    const parsed = s.job.payload.safeParse(s.payload);
    if (!parsed.success) throw new Error(`Job ${s.job.name}: the scheduled payload is invalid: ${parsed.error.message}`);
  }
}

/** Creates the municipality's scheduled jobs or updates their timing and payload; a job already there keeps its next run. */
export async function ensureSchedules(tx: Tx, tenantId: string, schedules: readonly JobSchedule[], now = new Date()): Promise<void> {
  if (schedules.length === 0) return;
  await tx
    .insertInto('jobs')
    .values(
      schedules.map((s) => {
        const recurrence = storedRecurrence(s.every);
        return { tenant_id: tenantId, name: s.job.name, payload: JSON.stringify(s.payload), ...recurrence, run_at: s.firstRun === 'now' ? now : nextRunAfter(recurrence, now) };
      }),
    )
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'name']).doUpdateSet((eb) => ({ payload: eb.ref('excluded.payload'), daily_at: eb.ref('excluded.daily_at'), every_minutes: eb.ref('excluded.every_minutes') })),
    )
    .execute();
}

export interface ClaimedJob extends StoredRecurrence {
  name: string;
  payload: unknown;
  retries: number;
}

/** Claims one due job among `names` for `workerId`: locked rows are skipped, the lease is committed with the caller's transaction. */
export async function claimDueJob(tx: Tx, registry: JobRegistry, names: readonly string[], workerId: string, now: Date): Promise<ClaimedJob | undefined> {
  if (names.length === 0) return undefined;
  const due = await tx
    .selectFrom('jobs')
    .select(['name', 'payload', 'every_minutes', sql<string | null>`daily_at::text`.as('daily_at'), 'retries'])
    .where('run_at', '<=', now)
    .where('name', 'in', names)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('run_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!due) return undefined;
  const lease = registry.get(due.name).leaseMinutes ?? DEFAULT_LEASE_MINUTES;
  await tx
    .updateTable('jobs')
    .set({ locked_until: new Date(now.getTime() + lease * 60_000), locked_by: workerId, last_started_at: now })
    .where('name', '=', due.name)
    .execute();
  return due;
}

export interface RunOutcome {
  status: JobRunStatus;
  error: string | null;
  result: unknown;
  traceId: string;
}

/** Records the run and plans the next one, unless another runner took the job over meanwhile (expired lease). */
export async function finishJob(tx: Tx, job: JobDefinition, claimed: ClaimedJob, workerId: string, outcome: RunOutcome, now: Date): Promise<{ runAt: Date | null }> {
  const next =
    outcome.status === 'geslaagd'
      ? { runAt: nextRunAfter(claimed, now), retries: 0 }
      : outcome.status === 'mislukt'
        ? afterFailure(claimed, job.retry ?? DEFAULT_RETRY, claimed.retries, now)
        : // Stopped by a shutdown: due again at once, for another runner or the next start; not a failure.
          { runAt: null, retries: claimed.retries };
  const updated = await tx
    .updateTable('jobs')
    .set({
      ...(next.runAt ? { run_at: next.runAt } : {}),
      retries: next.retries,
      locked_until: null,
      locked_by: null,
      last_finished_at: now,
      last_status: outcome.status,
      last_error: outcome.error,
      last_result: outcome.status === 'geslaagd' && outcome.result !== undefined ? JSON.stringify(outcome.result) : null,
      last_trace_id: outcome.traceId,
    })
    .where('name', '=', job.name)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return { runAt: updated.numUpdatedRows > 0n ? next.runAt : null };
}

export interface PassOptions {
  workerId: string;
  /** Only these jobs (a process runs the scheduled jobs it was started with). Default: every registered job. */
  names?: readonly string[];
  now?: () => Date;
  log?: JobLog;
  /** Aborted on shutdown: handed to the handler. */
  signal?: AbortSignal;
  /** Checked before each claim: once true, no further job is started. */
  stopping?: () => boolean;
}

/** One pass: runs every due job, municipality by municipality; returns how many runs succeeded. */
export async function runDueJobs(db: Kysely<DB>, registry: JobRegistry, options: PassOptions): Promise<number> {
  const clock = options.now ?? (() => new Date());
  const log = options.log ?? silent;
  const names = options.names ?? registry.names;
  const signal = options.signal ?? new AbortController().signal;
  const prepared = new Set<string>();
  let succeeded = 0;
  for (const tenantId of await listTenantIds(db)) {
    for (;;) {
      if (options.stopping?.() || signal.aborted) return succeeded;
      const claimed = await withTenant(db, tenantId, (tx) => claimDueJob(tx, registry, names, options.workerId, clock()));
      if (!claimed) break;
      const job = registry.get(claimed.name);
      if (job.beforePass && !prepared.has(job.name)) {
        prepared.add(job.name);
        await job.beforePass(db).catch((error: unknown) => log.warn({ err: error, job: job.name }, 'job preparation failed'));
      }
      const traceId = newTraceId();
      const startedAt = clock();
      let outcome: RunOutcome;
      try {
        const result = await runJobNow(db, job, tenantId, job.payload.parse(claimed.payload), { requestedAt: startedAt, signal, traceId });
        outcome = { status: 'geslaagd', error: null, result, traceId };
        succeeded += 1;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = signal.aborted ? { status: 'afgebroken', error: 'Afgebroken: de server stopte.', result: undefined, traceId } : { status: 'mislukt', error: message, result: undefined, traceId };
      }
      const { runAt } = await withTenant(db, tenantId, (tx) => finishJob(tx, job, claimed, options.workerId, outcome, clock()));
      const fields = { job: job.name, tenant: tenantId, traceId, durationMs: clock().getTime() - startedAt.getTime(), nextRunAt: runAt?.toISOString() ?? null };
      if (outcome.status === 'geslaagd') log.info(fields, 'job finished');
      else if (outcome.status === 'afgebroken') log.warn(fields, 'job stopped by shutdown');
      else log.error({ ...fields, error: outcome.error, retry: claimed.retries + 1 }, 'job failed');
    }
  }
  return succeeded;
}

export interface JobRunner {
  readonly workerId: string;
  /**
   * Stops claiming, waits up to `graceMs` for the running job, then aborts it (its transaction rolls
   * back and the job is due again at once); resolves when nothing runs any more.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** The runner of `koers serve`: makes sure every municipality has the scheduled jobs, then looks for due jobs every `pollSeconds`. */
export async function startJobRunner(
  db: Kysely<DB>,
  registry: JobRegistry,
  schedules: readonly JobSchedule[],
  options: { pollSeconds?: number; log?: JobLog; workerId?: string } = {},
): Promise<JobRunner> {
  checkSchedules(registry, schedules);
  const workerId = options.workerId ?? `koers-${process.pid}-${randomUUID().slice(0, 8)}`;
  const log = options.log ?? silent;
  const names = schedules.map((s) => s.job.name);
  if (names.length === 0) return { workerId, stop: async () => {} };
  for (const tenantId of await listTenantIds(db)) {
    await withTenant(db, tenantId, async (tx) => {
      await ensureSchedules(tx, tenantId, schedules);
      const unknown = await tx.selectFrom('jobs').select('name').where('name', 'not in', registry.names).execute();
      if (unknown.length > 0) log.warn({ tenant: tenantId, jobs: unknown.map((u) => u.name) }, 'jobs table names jobs this version does not know; they are not run');
    });
  }
  const controller = new AbortController();
  let stopping = false;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy || stopping) return;
    busy = true;
    running = runDueJobs(db, registry, { workerId, names, log, signal: controller.signal, stopping: () => stopping })
      .catch((error: unknown) => log.error({ err: error }, 'job pass failed'))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, (options.pollSeconds ?? 30) * 1000);
  timer.unref();
  return {
    workerId,
    stop: async ({ graceMs = 10_000 } = {}) => {
      stopping = true;
      clearInterval(timer);
      let timeout: NodeJS.Timeout | undefined;
      const finished = await Promise.race([running.then(() => true), new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), graceMs)))]);
      clearTimeout(timeout);
      if (!finished) {
        log.warn({ workerId, graceMs }, 'job still running at shutdown: aborting it');
        controller.abort();
        await running;
      }
    },
  };
}
