import { startOfDayInAmsterdam, todayInAmsterdam } from '../time.js';
import type { JobDefinition, RetryPolicy } from './job.js';

/** When a job recurs: every day at an Amsterdam wall-clock time, or every n minutes. */
export type Recurrence = { dailyAt: string } | { everyMinutes: number };

export interface JobSchedule<P = unknown> {
  job: JobDefinition<P>;
  payload: P;
  every: Recurrence;
  /** A new schedule's first run: at once (a fresh installation has signals), or at its first regular time. */
  firstRun: 'now' | 'next';
}

/** Declares a schedule; the type ties the payload to the job. */
export function scheduleJob<P>(schedule: JobSchedule<P>): JobSchedule<P> {
  return schedule;
}

/** The schedule as stored: `daily_at` 'HH:MM[:SS]' or `every_minutes`. */
export interface StoredRecurrence {
  every_minutes: number | null;
  daily_at: string | null;
}

export function storedRecurrence(every: Recurrence): StoredRecurrence {
  return 'dailyAt' in every ? { daily_at: every.dailyAt, every_minutes: null } : { daily_at: null, every_minutes: every.everyMinutes };
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The first moment after `now` the job is due again: the next HH:MM in Amsterdam, or now + interval. */
export function nextRunAfter(recurrence: StoredRecurrence, now: Date): Date {
  if (recurrence.every_minutes !== null) return new Date(now.getTime() + recurrence.every_minutes * 60_000);
  const [h, m] = (recurrence.daily_at ?? '00:00').split(':').map(Number) as [number, number];
  let day = todayInAmsterdam(now);
  for (let i = 0; i < 3; i += 1, day = nextDay(day)) {
    // Adding the wall-clock offset to the start of the day is exact except on the two DST nights, when it is off by an hour at most.
    const at = new Date(startOfDayInAmsterdam(day).getTime() + (h * 60 + m) * 60_000);
    if (at > now) return at;
  }
  throw new Error('unreachable: a daily time is always within two days');
}

/**
 * After a failed run: the next retry (backoff doubling from `backoffSeconds`) while retries are
 * left, else the next regular time; a retry never waits past the regular time.
 */
export function afterFailure(recurrence: StoredRecurrence, retry: RetryPolicy, retriesSoFar: number, now: Date): { runAt: Date; retries: number } {
  const regular = nextRunAfter(recurrence, now);
  if (retriesSoFar >= retry.limit) return { runAt: regular, retries: 0 };
  const wait = retry.backoffSeconds * 1000 * 2 ** retriesSoFar;
  const retryAt = new Date(now.getTime() + wait);
  return retryAt < regular ? { runAt: retryAt, retries: retriesSoFar + 1 } : { runAt: regular, retries: 0 };
}
