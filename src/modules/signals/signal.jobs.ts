import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { ConfigError } from '../../platform/config.js';
import { defineJob } from '../../platform/jobs/job.js';
import { scheduleJob, type JobSchedule } from '../../platform/jobs/job.schedule.js';
import { rulesForJob, runSignals } from './signal.runner.js';
import { refreshRuleStatistics } from './signal.analyze.js';
import type { SignalJob } from './signal.tables.js';

// Signal evaluation as jobs (platform/jobs): all rules nightly, the deadline rules every hour. A run
// records itself in signal_runs (trigger 'schema') and audits per resident as the engine does.

const noPayload = z.object({}).strict();

const evaluationJob = (job: SignalJob, title: string) =>
  defineJob({
    name: `signalen.${job}`,
    title,
    payload: noPayload,
    retry: { limit: 3, backoffSeconds: 5 * 60 },
    leaseMinutes: 30,
    handler: (ctx) => runSignals(ctx.tx, ctx.audit, { trigger: 'schema', job, now: ctx.requestedAt, signal: ctx.signal }).then(summarise),
    // PGlite has no autovacuum: fresh statistics before the nightly run keep the set-based rules linear.
    ...(job === 'alle-regels' ? { beforePass: (db: Kysely<DB>) => refreshRuleStatistics(db, rulesForJob(job)) } : {}),
  });

function summarise(run: Awaited<ReturnType<typeof runSignals>>) {
  const sum = (key: 'found' | 'opened' | 'changed' | 'solved') => run.rules.reduce((n, r) => n + r[key], 0);
  return { runId: run.id, rules: run.rules.length, found: sum('found'), opened: sum('opened'), changed: sum('changed'), solved: sum('solved') };
}

export const allRulesJob = evaluationJob('alle-regels', 'Signaalregels: alle regels evalueren');
export const deadlineRulesJob = evaluationJob('termijnregels', 'Signaalregels: de termijnregels evalueren');
export const signalJobs = [allRulesJob, deadlineRulesJob];

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

/** The signal jobs this process schedules and runs; none when KOERS_SIGNALS_SCHEDULER=false (evaluation on request only). New ones are due at once, so a fresh installation has signals. */
export function signalSchedules(schedule: SignalSchedule): JobSchedule[] {
  if (!schedule.enabled) return [];
  return [
    scheduleJob({ job: allRulesJob, payload: {}, every: { dailyAt: schedule.nightlyAt }, firstRun: 'now' }),
    scheduleJob({ job: deadlineRulesJob, payload: {}, every: { everyMinutes: schedule.deadlineEveryMinutes }, firstRun: 'now' }),
  ];
}
