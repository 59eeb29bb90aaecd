import type { ColumnType } from 'kysely';

import type { Timestamp } from '../../db/column-types.js';

/** A jsonb column whose shape the job's own schema checks (unknown until parsed). */
type Json = ColumnType<unknown, string, string>;

export type JobRunStatus = 'geslaagd' | 'mislukt' | 'afgebroken';

/** One row per municipality and job: its schedule, when it is next due, the runner's lease and its last run (migration 0014). */
export interface JobTable {
  tenant_id: string;
  name: string;
  payload: ColumnType<unknown, string | undefined, string>;
  every_minutes: number | null;
  /** 'HH:MM:SS', Amsterdam time. */
  daily_at: string | null;
  run_at: Timestamp;
  /** Retries so far of the current occurrence (0 after a success, or once the retries are used up). */
  retries: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  locked_by: string | null;
  last_started_at: Timestamp | null;
  last_finished_at: Timestamp | null;
  last_status: JobRunStatus | null;
  last_error: string | null;
  last_result: Json | null;
  last_trace_id: string | null;
}

export interface JobTables {
  jobs: JobTable;
}
