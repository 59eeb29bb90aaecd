import type { Database } from '../db/database.js';
import { documentJobs, documentSchedules } from '../modules/documents/document.jobs.js';
import { exchangeFolderSchedules, exchangeJobs, exchangeSchedules } from '../modules/exchange/exchange.jobs.js';
import { insightsJobs, insightsSchedules } from '../modules/insights/insights.jobs.js';
import { retentionJobs, retentionSchedules } from '../modules/retention/retention.jobs.js';
import { loadSignalSchedule, signalJobs, signalSchedules } from '../modules/signals/signal.jobs.js';
import { AppError } from '../platform/errors.js';
import { createJobRegistry, type JobRegistry } from '../platform/jobs/job.js';
import { listTenantIds } from '../platform/jobs/job.runner.js';
import type { JobSchedule } from '../platform/jobs/job.schedule.js';
import { todayInAmsterdam } from '../platform/time.js';
import { readJobStatus, type JobStatus } from '../platform/jobs/job.status.js';

/** Every background job of Koers; checked once when the module loads (a duplicate or malformed name stops the start). */
export const jobRegistry: JobRegistry = createJobRegistry([...signalJobs, ...insightsJobs, ...exchangeJobs, ...retentionJobs, ...documentJobs]);

/** The jobs `koers serve` schedules and runs in this process (KOERS_SIGNALS_* configure the signal jobs). */
export function jobSchedules(env: NodeJS.ProcessEnv = process.env): JobSchedule[] {
  return [...signalSchedules(loadSignalSchedule(env)), ...insightsSchedules, ...exchangeSchedules, ...exchangeFolderSchedules(env), ...retentionSchedules, ...documentSchedules];
}

const clock = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** 'jjjj-mm-dd uu:mm' in Amsterdam. */
const moment = (d: Date) => `${todayInAmsterdam(d)} ${clock.format(d)}`;

function describe(s: JobStatus): string {
  const when = s.dailyAt ? `dagelijks ${s.dailyAt}` : `elke ${s.everyMinutes} min`;
  const parts = [`${s.tenantId} ${s.name} (${when})`];
  if (s.title === null) parts.push('onbekende taak: deze versie voert haar niet uit');
  if (s.lockedBy) parts.push(`bezig door ${s.lockedBy} (lease tot ${moment(s.lockedUntil!)})`);
  else parts.push(`volgende ${moment(s.runAt)}${s.retries > 0 ? ` (herhaling ${s.retries})` : ''}`);
  if (s.lastStatus && s.lastFinishedAt) {
    const took = s.lastStartedAt ? ` in ${((s.lastFinishedAt.getTime() - s.lastStartedAt.getTime()) / 1000).toFixed(1)} s` : '';
    parts.push(`laatst ${s.lastStatus} ${moment(s.lastFinishedAt)}${took}${s.lastError ? `: ${s.lastError}` : ''}`);
  } else {
    parts.push('nog niet gedraaid');
  }
  if (s.lastTraceId) parts.push(`trace ${s.lastTraceId}`);
  return parts.join(' · ');
}

export interface JobStatusOptions {
  tenant?: string;
  json?: boolean;
}

/** `koers jobs`: per municipality and job the schedule, next run, and the last run; exit 1 when a job's last run failed. */
export async function runJobStatus(database: Database, opts: JobStatusOptions): Promise<string> {
  const tenants = await listTenantIds(database.db);
  if (opts.tenant && !tenants.includes(opts.tenant)) {
    throw new AppError('NOT_FOUND', `Gemeente ${opts.tenant} bestaat niet op deze installatie (wel: ${tenants.join(', ') || 'geen'}).`);
  }
  const statuses = await readJobStatus(database.db, jobRegistry, opts.tenant ? [opts.tenant] : tenants);
  const failed = statuses.filter((s) => s.lastStatus === 'mislukt');
  const text = opts.json ? JSON.stringify({ jobs: statuses }, null, 2) : statuses.length > 0 ? statuses.map(describe).join('\n') : 'Nog geen taken ingepland: `koers serve` plant ze bij de start.';
  process.stdout.write(`${text}\n`);
  if (failed.length > 0) {
    throw new AppError('CONFLICT', `Laatste run mislukt: ${failed.map((s) => `${s.tenantId} ${s.name}`).join(', ')}.`);
  }
  return text;
}
