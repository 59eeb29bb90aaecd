import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job.js';
import { scheduleJob } from '../../platform/jobs/job.schedule.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { assignRetention } from './retention.service.js';

/**
 * Gives every record that closed (a case whose allocations all ended, an ended Pw benefit) its rule and
 * destruction date, set-based; first run at once (the backfill of what closed before migration 0036),
 * then nightly.
 */
export const retentionAssignJob = defineJob({
  name: 'archief.termijnen-toekennen',
  title: 'Bewaartermijnen toekennen aan afgesloten zaken en beëindigde uitkeringen',
  payload: z.object({}).strict(),
  retry: { limit: 2, backoffSeconds: 10 * 60 },
  handler: async (ctx) => ({ assigned: await assignRetention(ctx.tx, todayInAmsterdam(ctx.requestedAt)) }),
});

export const retentionJobs = [retentionAssignJob];
export const retentionSchedules = [scheduleJob({ job: retentionAssignJob, payload: {}, every: { dailyAt: '04:00' }, firstRun: 'now' })];
