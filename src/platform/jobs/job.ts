// Background work as typed jobs: a definition names the job, types its payload with zod and gives
// the handler; a registry checks the definitions once at start and refuses names it does not know.
// A handler runs for one municipality at a time, in one tenant transaction, as the system.

import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { perDatabase } from '../../db/per-database.js';
import type { DB } from '../../db/schema.js';
import { runAsSystem, type UnitOfWork, type WorkPrincipal } from '../unit-of-work.js';

/** Who acts in a job: the system, named after the job (the audit log records no actor for it). */
export type SystemPrincipal = Extract<WorkPrincipal, { kind: 'system' }>;

/**
 * What a handler gets: the unit of work every request, job and CLI command runs in (its tenant
 * transaction with the application role and the municipality pinned; `audit` is a trace of its own
 * per run, no actor), with the system as principal.
 */
export interface JobContext extends UnitOfWork {
  tenantId: string;
  principal: SystemPrincipal;
  /** When the run was asked for: a scheduled run's claim, or a request's arrival. */
  requestedAt: Date;
  /** Aborted when the server stops; a long handler checks it between steps and gives up (its transaction rolls back). */
  signal: AbortSignal;
}

export interface RetryPolicy {
  /** Retries after a failed run before the job waits for its next regular time. */
  limit: number;
  /** Wait before the first retry; every next retry waits twice as long. */
  backoffSeconds: number;
}

export interface JobDefinition<P = unknown, R = unknown> {
  /** 'module.verb-noun' in Dutch, as operators see it in `koers jobs`: 'signalen.alle-regels'. */
  name: string;
  /** One Dutch line for operators. */
  title: string;
  payload: z.ZodType<P>;
  /** Runs in the context's tenant transaction; the result (small, JSON) is kept as the last run's result. */
  handler(ctx: JobContext, payload: P): Promise<R>;
  retry?: RetryPolicy;
  /** How long a claimed run may take before another runner may take it over (default 30 minutes). */
  leaseMinutes?: number;
  /**
   * One run per municipality at a time in this process: a caller that arrives while a run is going
   * on shares it when `serves(running, wanted)` (e.g. a full refresh also serves a partial one).
   */
  singleFlight?: { serves(running: P, wanted: P): boolean };
  /** Installation-wide preparation on the owner connection, at most once per runner pass, before the first run of this job (e.g. ANALYZE). */
  beforePass?(db: Kysely<DB>): Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { limit: 3, backoffSeconds: 300 };
export const DEFAULT_LEASE_MINUTES = 30;

/** Declares a job; the type ties the handler to its payload. */
export function defineJob<P, R>(definition: JobDefinition<P, R>): JobDefinition<P, R> {
  return definition;
}

export class UnknownJobError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`Onbekende taak ${JSON.stringify(name)} (bekend: ${known.join(', ') || 'geen'}).`);
    this.name = 'UnknownJobError';
  }
}

export interface JobRegistry {
  readonly names: readonly string[];
  /** The definition of `name`; an unknown name is refused. */
  get(name: string): JobDefinition;
  has(name: string): boolean;
}

const JOB_NAME = /^[a-z]+(\.[a-z]+(-[a-z]+)*)+$/;

/** Checks the definitions once (names well-formed and unique, retry and lease sensible) and answers by name. */
export function createJobRegistry(definitions: readonly JobDefinition[]): JobRegistry {
  const byName = new Map<string, JobDefinition>();
  for (const d of definitions) {
    if (!JOB_NAME.test(d.name)) throw new Error(`Job name ${JSON.stringify(d.name)} must look like 'module.verb-noun' (lower case)`);
    if (byName.has(d.name)) throw new Error(`Job ${d.name} is registered twice`);
    const retry = d.retry ?? DEFAULT_RETRY;
    if (!Number.isInteger(retry.limit) || retry.limit < 0 || !(retry.backoffSeconds > 0)) throw new Error(`Job ${d.name}: retry limit must be an integer ≥ 0 and backoff > 0`);
    if (d.leaseMinutes !== undefined && !(d.leaseMinutes > 0)) throw new Error(`Job ${d.name}: lease must be > 0 minutes`);
    byName.set(d.name, d);
  }
  const names = [...byName.keys()].sort();
  return {
    names,
    has: (name) => byName.has(name),
    get: (name) => {
      const d = byName.get(name);
      if (!d) throw new UnknownJobError(name, names);
      return d;
    },
  };
}

export const newTraceId = (): string => randomUUID().replaceAll('-', '');

/** Runs the handler once for one municipality, in its own tenant transaction. */
async function execute<P, R>(db: Kysely<DB>, job: JobDefinition<P, R>, tenantId: string, payload: P, options: RunOptions): Promise<R> {
  const traceId = options.traceId ?? newTraceId();
  const principal: SystemPrincipal = { kind: 'system', tenantId, name: job.name };
  return runAsSystem(
    db,
    principal,
    (unit) =>
      job.handler(
        { ...unit, principal, tenantId, requestedAt: options.requestedAt ?? new Date(), signal: options.signal ?? new AbortController().signal },
        payload,
      ),
    { traceId, parentSpanId: null, actor: null, tenantId },
  );
}

export interface RunOptions {
  requestedAt?: Date;
  signal?: AbortSignal;
  traceId?: string;
}

interface Flight {
  payload: unknown;
  result: Promise<unknown>;
  /** Date.now() when the run finished; undefined while it runs. */
  finishedAt?: number;
}
/**
 * Runs going on (or finished) per database, job and municipality. Keyed by the database too: one
 * process may hold more than one (the benches, the test files that share a worker), and a run against
 * one must never stand in for a run against another.
 */
const flightsOf = perDatabase(() => new Map<string, Flight>());
const flightKey = (job: JobDefinition, tenantId: string) => `${job.name}\u0000${tenantId}`;

/**
 * Runs a job now for one municipality and returns its result (a request that needs the result, or
 * the runner). The payload is checked against the job's schema. With single flight, a caller that
 * arrived (requestedAt) while a run that serves it was going on shares that run; a caller it does not
 * serve starts when that run is done. Not recorded in the jobs table: that holds the scheduled runs.
 */
export function runJobNow<P, R>(db: Kysely<DB>, job: JobDefinition<P, R>, tenantId: string, payload: P, options: RunOptions = {}): Promise<R> {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) return Promise.reject(new Error(`Job ${job.name}: invalid payload: ${parsed.error.message}`));
  const checked = parsed.data;
  if (!job.singleFlight) return execute(db, job, tenantId, checked, options);
  const singleFlight = job.singleFlight;
  const key = flightKey(job as JobDefinition, tenantId);
  const flights = flightsOf(db);
  const requestedAt = options.requestedAt ?? new Date();
  const flight = flights.get(key);
  if (flight && singleFlight.serves(flight.payload as P, checked) && (flight.finishedAt === undefined || flight.finishedAt >= requestedAt.getTime())) {
    return flight.result as Promise<R>;
  }
  const start = () => execute(db, job, tenantId, checked, { ...options, requestedAt });
  const running = flight?.finishedAt === undefined ? flight?.result : undefined;
  const next: Flight = { payload: checked, result: running ? running.then(start, start) : start() };
  next.result.then(
    () => {
      next.finishedAt = Date.now();
    },
    () => {
      if (flights.get(key) === next) flights.delete(key);
    },
  );
  flights.set(key, next);
  return next.result as Promise<R>;
}

/** The run of a single-flight job going on for the municipality on this database in this process, if any; settles when it is done. */
export function jobInFlight<R>(db: Kysely<DB>, job: JobDefinition<unknown, R> | JobDefinition<never, R>, tenantId: string): Promise<R> | undefined {
  const flight = flightsOf(db).get(flightKey(job as JobDefinition, tenantId));
  return flight && flight.finishedAt === undefined ? (flight.result as Promise<R>) : undefined;
}
