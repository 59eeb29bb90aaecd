import { z } from 'zod';
import { loadConfig } from '../../platform/config.js';
import { defineJob } from '../../platform/jobs/job.js';
import { scheduleJob } from '../../platform/jobs/job.schedule.js';
import { existingStorageKeys } from './document.repository.js';
import { sweepStore } from './document.service.js';
import { documentStoreFor, type DocumentStore } from './document.store.js';

/**
 * The nightly sweep of the document store for one municipality: files no row refers to (left by a
 * crash between storing and committing, a partial restore, or a destruction whose own sweep failed)
 * are removed. The rows are read in the job's tenant transaction; nothing of a resident is read, so
 * nothing is logged in the processing log (the run's result holds the counts).
 */
export function documentSweepJobFor(storeOf: () => DocumentStore) {
  return defineJob({
    name: 'documenten.opslag-opruimen',
    title: 'Documentenopslag: bestanden zonder document (na vernietiging, een crash of een gedeeltelijke terugzetting) verwijderen',
    payload: z.object({}).strict(),
    retry: { limit: 2, backoffSeconds: 15 * 60 },
    leaseMinutes: 60,
    handler: async (ctx) => {
      const { removed, seen } = await sweepStore(storeOf(), ctx.tenantId, (keys) => existingStorageKeys(ctx.tx, keys), ctx.requestedAt);
      return { seen, removed: removed.length };
    },
  });
}

/** The store the configuration names (KOERS_DOCUMENT_STORE, KOERS_S3_*, KOERS_DATA_DIR), made once per process. */
let configured: DocumentStore | undefined;
export const documentSweepJob = documentSweepJobFor(() => (configured ??= documentStoreFor(loadConfig())));

export const documentJobs = [documentSweepJob];
// At night, after the retention job (04:00) and outside office hours; the first run waits for the night.
export const documentSchedules = [scheduleJob({ job: documentSweepJob, payload: {}, every: { dailyAt: '04:30' }, firstRun: 'next' })];
