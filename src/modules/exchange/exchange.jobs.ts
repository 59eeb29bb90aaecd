import { z } from 'zod';
import { loadConfig } from '../../platform/config.js';
import { defineJob } from '../../platform/jobs/job.js';
import { scheduleJob } from '../../platform/jobs/job.schedule.js';
import { schemasFor } from './exchange.config.js';
import { runFolderExchange } from './exchange.folder.js';
import { buildAllocationMessages } from './exchange.outbox.js';

/** Every few minutes the 301s for new and changed toewijzingen, so a decision reaches the provider the same day. */
export const allocationMessagesJob = defineJob({
  name: 'berichten.toewijzingen',
  title: 'Berichtenverkeer: toewijzingsberichten (301) aanmaken voor nieuwe en gewijzigde toewijzingen',
  payload: z.object({}).strict(),
  retry: { limit: 3, backoffSeconds: 60 },
  leaseMinutes: 15,
  handler: (ctx) => buildAllocationMessages({ tx: ctx.tx, audit: ctx.audit, actorId: null }, schemasFor(loadConfig().istandaardenDir), { now: ctx.requestedAt }),
});

/** Every minute the folders (KOERS_BERICHTEN_IN / _UIT): incoming files received, pending messages written. */
export const messageFoldersJob = defineJob({
  name: 'berichten.mappen',
  title: 'Berichtenverkeer: berichten uit de map KOERS_BERICHTEN_IN verwerken en klaarstaande berichten naar KOERS_BERICHTEN_UIT schrijven',
  payload: z.object({}).strict(),
  retry: { limit: 3, backoffSeconds: 60 },
  leaseMinutes: 15,
  handler: (ctx) => {
    const config = loadConfig();
    return runFolderExchange(ctx, schemasFor(config.istandaardenDir), { inDir: config.messagesInDir, outDir: config.messagesOutDir }, ctx.requestedAt);
  },
});

export const exchangeJobs = [allocationMessagesJob, messageFoldersJob];

/** The folder job, only when a folder is configured. */
export function exchangeFolderSchedules(env: NodeJS.ProcessEnv) {
  return env.KOERS_BERICHTEN_IN || env.KOERS_BERICHTEN_UIT ? [scheduleJob({ job: messageFoldersJob, payload: {}, every: { everyMinutes: 1 }, firstRun: 'next' })] : [];
}
// The first run waits its interval: a fresh installation's start (and the demo's) is not held up by a backlog.
export const exchangeSchedules = [scheduleJob({ job: allocationMessagesJob, payload: {}, every: { everyMinutes: 10 }, firstRun: 'next' })];
