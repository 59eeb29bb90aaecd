import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job.js';
import { scheduleJob } from '../../platform/jobs/job.schedule.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { refreshInsights } from './insights.refresh.js';

// Keeping the KPI aggregates current as a job (platform/jobs). Requests run it directly and wait for
// the result (POST /api/insights/refresh, and a dashboard read at most every 30 s); the runner runs
// it nightly, so the first reader of the day finds the months already recomputed.
//
// Single flight per municipality in this process: a caller that arrives while a refresh runs shares
// its result instead of computing the same again (five "recompute everything" clicks cost one
// recompute). "Arrives while one runs" is judged by the request's arrival, not by when its handler
// gets to run: with PGlite the other requests wait for the connection (held by the refresh) before
// their handler starts, and must still share. A full refresh also serves callers that only need the
// changed months; a full request does not settle for a partial one. Across processes the advisory
// lock in refreshInsights serialises the work, and a full refresh that another process finished
// while this one waited is not redone (requestedAt).
export const insightsRefreshJob = defineJob({
  name: 'inzichten.verversen',
  title: 'Kpi-cijfers bijwerken (gewijzigde maanden, of alles opnieuw)',
  payload: z.object({ full: z.boolean() }).strict(),
  retry: { limit: 2, backoffSeconds: 10 * 60 },
  singleFlight: { serves: (running, wanted) => running.full || !wanted.full },
  handler: (ctx, payload) => refreshInsights(ctx.tx, { today: todayInAmsterdam(ctx.requestedAt), full: payload.full, requestedAt: ctx.requestedAt, signal: ctx.signal }),
});

export const insightsJobs = [insightsRefreshJob];

/** Nightly, after the signal evaluation: the months changed during the day. */
export const insightsSchedules = [scheduleJob({ job: insightsRefreshJob, payload: { full: false }, every: { dailyAt: '03:30' }, firstRun: 'next' })];
