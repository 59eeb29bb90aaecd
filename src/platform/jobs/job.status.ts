import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import type { JobRegistry } from './job.js';
import type { JobRunStatus } from './job.tables.js';

export interface JobStatus {
  tenantId: string;
  name: string;
  /** Null for a name this version does not know (it is not run). */
  title: string | null;
  dailyAt: string | null;
  everyMinutes: number | null;
  runAt: Date;
  retries: number;
  /** Set while a runner holds the job. */
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastStatus: JobRunStatus | null;
  lastError: string | null;
  lastResult: unknown;
  lastTraceId: string | null;
}

/** Each municipality's scheduled jobs with their next run and how the last run went (for `koers jobs`). */
export async function readJobStatus(db: Kysely<DB>, registry: JobRegistry, tenantIds: readonly string[]): Promise<JobStatus[]> {
  const all: JobStatus[] = [];
  for (const tenantId of tenantIds) {
    const rows = await withTenant(db, tenantId, (tx) =>
      tx
        .selectFrom('jobs')
        .select([
          'name',
          sql<string | null>`to_char(daily_at, 'HH24:MI')`.as('daily_at'),
          'every_minutes',
          'run_at',
          'retries',
          'locked_by',
          'locked_until',
          'last_started_at',
          'last_finished_at',
          'last_status',
          'last_error',
          'last_result',
          'last_trace_id',
        ])
        .orderBy('name')
        .execute(),
    );
    for (const r of rows) {
      const held = r.locked_until !== null && new Date(r.locked_until) > new Date();
      all.push({
        tenantId,
        name: r.name,
        title: registry.has(r.name) ? registry.get(r.name).title : null,
        dailyAt: r.daily_at,
        everyMinutes: r.every_minutes,
        runAt: new Date(r.run_at),
        retries: r.retries,
        lockedBy: held ? r.locked_by : null,
        lockedUntil: held ? new Date(r.locked_until!) : null,
        lastStartedAt: r.last_started_at ? new Date(r.last_started_at) : null,
        lastFinishedAt: r.last_finished_at ? new Date(r.last_finished_at) : null,
        lastStatus: r.last_status,
        lastError: r.last_error,
        lastResult: r.last_result,
        lastTraceId: r.last_trace_id,
      });
    }
  }
  return all;
}
