import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { ConfigError } from '../../platform/config.js';
import { startOfDayInAmsterdam, todayInAmsterdam } from '../../platform/time.js';
import { addDays } from '../../platform/calendar.js';
import { rulesForJob, runSignals } from './signal.runner.js';
import { refreshRuleStatistics } from './signal.analyze.js';
import type { SignalJob } from './signal.tables.js';

export interface SignalSchedule {
  enabled: boolean;
  /** Amsterdam time of the nightly run of all rules, 'HH:MM'. */
  nightlyAt: string;
  /** Minutes between runs of the deadline rules. */
  deadlineEveryMinutes: number;
}

const scheduleEnv = z.object({
  KOERS_SIGNALS_SCHEDULER: z.enum(['true', 'false', '1', '0']).default('true'),
  KOERS_SIGNALS_NIGHTLY_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h, Amsterdam time)').default('02:00'),
  KOERS_SIGNALS_DEADLINE_EVERY_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
});

/** The evaluation schedule from the environment; a wrong value stops the start with the variable's name. */
export function loadSignalSchedule(env: NodeJS.ProcessEnv = process.env): SignalSchedule {
  const parsed = scheduleEnv.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n  ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ')}`);
  }
  const v = parsed.data;
  return { enabled: v.KOERS_SIGNALS_SCHEDULER === 'true' || v.KOERS_SIGNALS_SCHEDULER === '1', nightlyAt: v.KOERS_SIGNALS_NIGHTLY_AT, deadlineEveryMinutes: v.KOERS_SIGNALS_DEADLINE_EVERY_MINUTES };
}

interface JobRow {
  job: SignalJob;
  interval_minutes: number | null;
  daily_at: string | null;
}

/** The first moment after `now` the job is due again: the next HH:MM in Amsterdam, or now + interval. */
export function nextRunAfter(job: JobRow, now: Date): Date {
  if (job.interval_minutes !== null) return new Date(now.getTime() + job.interval_minutes * 60_000);
  const [h, m] = (job.daily_at ?? '02:00').split(':').map(Number) as [number, number];
  const today = todayInAmsterdam(now);
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    // Adding the wall-clock offset to the start of the day is exact except on the two DST nights, when it is off by an hour at most.
    const at = new Date(startOfDayInAmsterdam(day).getTime() + (h * 60 + m) * 60_000);
    if (at > now) return at;
  }
  throw new Error('unreachable: a daily time is always within two days');
}

/** Creates the tenant's jobs (due at once, so a fresh installation has signals) or updates their timing. */
export async function ensureSignalJobs(tx: Tx, tenantId: string, schedule: SignalSchedule, now = new Date()): Promise<void> {
  await tx
    .insertInto('signal_jobs')
    .values([
      { tenant_id: tenantId, job: 'alle-regels', daily_at: schedule.nightlyAt, interval_minutes: null, next_run_at: now },
      { tenant_id: tenantId, job: 'termijnregels', daily_at: null, interval_minutes: schedule.deadlineEveryMinutes, next_run_at: now },
    ])
    .onConflict((oc) => oc.columns(['tenant_id', 'job']).doUpdateSet((eb) => ({ daily_at: eb.ref('excluded.daily_at'), interval_minutes: eb.ref('excluded.interval_minutes') })))
    .execute();
}

/**
 * Claims one due job: FOR UPDATE SKIP LOCKED (another runner skips it) plus a lease, committed at
 * once, so a runner that dies mid-run leaves a lease that expires and the job is retried.
 */
export async function claimDueJob(tx: Tx, workerId: string, now: Date, leaseMinutes = 30): Promise<JobRow | undefined> {
  const due = await tx
    .selectFrom('signal_jobs')
    .select(['job', 'interval_minutes', 'daily_at'])
    .where('next_run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_run_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  if (!due) return undefined;
  await tx
    .updateTable('signal_jobs')
    .set({ locked_until: new Date(now.getTime() + leaseMinutes * 60_000), locked_by: workerId, last_started_at: now })
    .where('job', '=', due.job)
    .execute();
  return due;
}

export async function finishJob(tx: Tx, job: JobRow, now: Date, error: string | null): Promise<void> {
  // A failed run is retried after 5 minutes rather than waiting for the next night.
  const next = error ? new Date(now.getTime() + 5 * 60_000) : nextRunAfter(job, now);
  await tx
    .updateTable('signal_jobs')
    .set({ next_run_at: next, locked_until: null, locked_by: null, last_finished_at: now, last_error: error })
    .where('job', '=', job.job)
    .execute();
}

const systemContext = (tenantId: string): AuditContext => ({ traceId: randomUUID().replaceAll('-', ''), parentSpanId: null, actor: null, tenantId });

/** Runs every job that is due, tenant by tenant; returns how many ran. */
export async function runDueSignalJobs(db: Kysely<DB>, options: { workerId: string; now?: () => Date; onError?: (error: unknown) => void }): Promise<number> {
  const clock = options.now ?? (() => new Date());
  const tenants = await sql<{ id: string }>`select id from tenants order by id`.execute(db);
  let ran = 0;
  let analysed = false;
  for (const { id: tenantId } of tenants.rows) {
    for (;;) {
      const job = await withTenant(db, tenantId, (tx) => claimDueJob(tx, options.workerId, clock()));
      if (!job) break;
      let error: string | null = null;
      if (job.job === 'alle-regels' && !analysed) {
        analysed = true;
        await refreshRuleStatistics(db, rulesForJob(job.job)).catch((e: unknown) => options.onError?.(e));
      }
      try {
        await withTenant(db, tenantId, (tx) => runSignals(tx, systemContext(tenantId), { trigger: 'schema', job: job.job, now: clock() }));
        ran += 1;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
        options.onError?.(e);
      }
      await withTenant(db, tenantId, (tx) => finishJob(tx, job, clock(), error));
    }
  }
  return ran;
}

/** Starts the in-process scheduler: makes sure every tenant has its jobs, then looks for due jobs every `pollSeconds`. */
export async function startSignalScheduler(
  db: Kysely<DB>,
  schedule: SignalSchedule,
  options: { pollSeconds?: number; onError?: (error: unknown) => void } = {},
): Promise<{ stop(): Promise<void> }> {
  if (!schedule.enabled) return { stop: async () => {} };
  const tenants = await sql<{ id: string }>`select id from tenants order by id`.execute(db);
  for (const { id } of tenants.rows) await withTenant(db, id, (tx) => ensureSignalJobs(tx, id, schedule));
  const workerId = `koers-${process.pid}-${randomUUID().slice(0, 8)}`;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = runDueSignalJobs(db, { workerId, ...(options.onError ? { onError: options.onError } : {}) })
      .catch((e: unknown) => options.onError?.(e))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, (options.pollSeconds ?? 30) * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
