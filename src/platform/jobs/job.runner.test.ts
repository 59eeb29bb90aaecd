import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { asOwnerIn, createTestDatabase } from '../../../test/support/database.js';
import { recordProcessing } from '../audit/audit.service.js';
import { createJobRegistry, defineJob, jobInFlight, runJobNow, UnknownJobError, type JobContext } from './job.js';
import { checkSchedules, claimDueJob, ensureSchedules, listTenantIds, runDueJobs, startJobRunner } from './job.runner.js';
import { afterFailure, nextRunAfter, scheduleJob } from './job.schedule.js';

let database: Database;
let tenants: string[];
const T = 'GM0935';
const inTenant = <R>(work: (tx: Tx) => Promise<R>) => withTenant(database.db, T, work);
const rowOf = (name: string, tenant = T) => withTenant(database.db, tenant, (tx) => tx.selectFrom('jobs').selectAll().where('name', '=', name).executeTakeFirstOrThrow());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await createTestDatabase();
  tenants = await listTenantIds(database.db);
});
afterAll(async () => database.close());

describe('registry', () => {
  const ok = defineJob({ name: 'proef.iets-doen', title: 'Proef', payload: z.object({ n: z.number() }), handler: async (_ctx, p) => p.n });

  it('refuses a malformed or duplicate name, an impossible retry policy, and answers an unknown name with an error', () => {
    expect(() => createJobRegistry([{ ...ok, name: 'Proef' }])).toThrow(/module\.verb-noun/);
    expect(() => createJobRegistry([ok, { ...ok }])).toThrow(/registered twice/);
    expect(() => createJobRegistry([{ ...ok, retry: { limit: -1, backoffSeconds: 1 } }])).toThrow(/retry/);
    const registry = createJobRegistry([ok]);
    expect(registry.get('proef.iets-doen')).toBe(ok);
    expect(() => registry.get('proef.bestaat-niet')).toThrow(UnknownJobError);
  });

  it('refuses at start a schedule of a job that is not registered, or with a payload its schema refuses', () => {
    const registry = createJobRegistry([ok]);
    const other = defineJob({ ...ok, name: 'proef.ander-iets' });
    expect(() => checkSchedules(registry, [scheduleJob({ job: other, payload: { n: 1 }, every: { everyMinutes: 5 }, firstRun: 'now' })])).toThrow(UnknownJobError);
    expect(() => checkSchedules(registry, [scheduleJob({ job: ok, payload: { n: 'x' as unknown as number }, every: { everyMinutes: 5 }, firstRun: 'now' })])).toThrow(/payload is invalid/);
    expect(() => checkSchedules(registry, [scheduleJob({ job: ok, payload: { n: 1 }, every: { everyMinutes: 5 }, firstRun: 'now' })])).not.toThrow();
  });

  it('checks the payload of a run asked for directly', async () => {
    await expect(runJobNow(database.db, ok, T, { n: 'x' as unknown as number })).rejects.toThrow();
    expect(await runJobNow(database.db, ok, T, { n: 7 })).toBe(7);
  });
});

describe('single flight', () => {
  it('lets callers that arrive during a run share it when it serves them, queues one it does not serve, and runs again for a caller that arrives after it', async () => {
    const runs: boolean[] = [];
    const job = defineJob({
      name: 'proef.eens-tegelijk',
      title: 'Proef',
      payload: z.object({ full: z.boolean() }),
      singleFlight: { serves: (running, wanted) => running.full || !wanted.full },
      handler: async (_ctx, p) => {
        runs.push(p.full);
        await sleep(50);
        return { run: runs.length, full: p.full };
      },
    });
    const partial = runJobNow(database.db, job, T, { full: false });
    const sharing = runJobNow(database.db, job, T, { full: false });
    const full = runJobNow(database.db, job, T, { full: true }); // not served by a partial run: starts after it
    const servedByFull = runJobNow(database.db, job, T, { full: false });
    expect(await partial).toEqual({ run: 1, full: false });
    expect(await sharing).toBe(await partial);
    expect(await full).toEqual({ run: 2, full: true });
    expect(await servedByFull).toBe(await full);
    // Another municipality has its own flight.
    expect(await runJobNow(database.db, job, tenants.find((t) => t !== T) ?? T, { full: false })).toMatchObject({ run: 3 });
    // A caller that arrived after the run finished gets a new run; one that arrived before shares the finished one.
    const before = new Date(Date.now() - 60_000);
    expect(await runJobNow(database.db, job, T, { full: true }, { requestedAt: before })).toBe(await full);
    expect(await runJobNow(database.db, job, T, { full: true }, { requestedAt: new Date(Date.now() + 1) })).toMatchObject({ run: 4 });
    expect(runs).toEqual([false, true, false, true]);
  });

  it('keeps its flights per database: a run on one database never serves a caller of another in the same process', async () => {
    const other = await createTestDatabase();
    try {
      let runs = 0;
      const job = defineJob({
        name: 'proef.per-database',
        title: 'Proef',
        payload: z.object({}),
        singleFlight: { serves: () => true },
        handler: async () => {
          runs += 1;
          await sleep(50);
          return { runs };
        },
      });
      const here = runJobNow(database.db, job, T, {});
      const inFlight = { here: jobInFlight(database.db, job, T), there: jobInFlight(other.db, job, T) };
      const there = runJobNow(other.db, job, T, {});
      const [a, b] = await Promise.all([here, there]);
      expect(inFlight.here).toBeDefined();
      expect(inFlight.there).toBeUndefined();
      expect(runs).toBe(2);
      expect(a).not.toBe(b);
    } finally {
      await other.close();
    }
  });
});

describe('schedule arithmetic', () => {
  it('computes the next daily run in Amsterdam time and the next interval run', () => {
    const nightly = { daily_at: '02:00:00', every_minutes: null };
    expect(nextRunAfter(nightly, new Date('2026-06-15T10:00:00Z')).toISOString()).toBe('2026-06-16T00:00:00.000Z');
    expect(nextRunAfter(nightly, new Date('2026-01-15T00:30:00Z')).toISOString()).toBe('2026-01-15T01:00:00.000Z');
    expect(nextRunAfter({ daily_at: null, every_minutes: 60 }, new Date('2026-06-15T10:00:00Z')).toISOString()).toBe('2026-06-15T11:00:00.000Z');
  });

  it('retries with a doubling wait, never past the regular time, and falls back to the regular time when the retries are used up', () => {
    const now = new Date('2026-06-15T10:00:00Z');
    const daily = { daily_at: '02:00', every_minutes: null };
    const retry = { limit: 2, backoffSeconds: 60 };
    expect(afterFailure(daily, retry, 0, now)).toEqual({ runAt: new Date('2026-06-15T10:01:00Z'), retries: 1 });
    expect(afterFailure(daily, retry, 1, now)).toEqual({ runAt: new Date('2026-06-15T10:02:00Z'), retries: 2 });
    expect(afterFailure(daily, retry, 2, now)).toEqual({ runAt: new Date('2026-06-16T00:00:00Z'), retries: 0 });
    expect(afterFailure({ daily_at: null, every_minutes: 1 }, retry, 0, now)).toEqual({ runAt: new Date('2026-06-15T10:01:00Z'), retries: 0 });
  });
});

describe('runner', () => {
  beforeEach(async () => {
    for (const t of tenants) await asOwnerIn(database.db, t, (tx) => tx.deleteFrom('jobs').where('name', 'like', 'proef.%').execute());
  });

  it('runs a handler per municipality in its transaction, as the application role and the system, with audit records under the run trace', async () => {
    const seen: Array<{ tenant: string; setting: string; role: string; principal: JobContext['principal'] }> = [];
    const subject = randomUUID();
    const job = defineJob({
      name: 'proef.context-tonen',
      title: 'Proef',
      payload: z.object({}),
      handler: async (ctx) => {
        const row = (await sql<{ setting: string; role: string }>`select current_setting('koers.tenant_id', true) as setting, current_user as role`.execute(ctx.tx)).rows[0]!;
        seen.push({ tenant: ctx.tenantId, ...row, principal: ctx.principal });
        if (ctx.tenantId === T) {
          await recordProcessing(ctx.tx, ctx.audit, { name: 'proef.verwerken', activity: 'signalering-sociaal-domein', subjects: [{ type: 'resident', id: subject }], startTime: new Date() });
        }
        return { ok: true };
      },
    });
    const registry = createJobRegistry([job]);
    for (const t of tenants) await withTenant(database.db, t, (tx) => ensureSchedules(tx, t, [scheduleJob({ job, payload: {}, every: { everyMinutes: 60 }, firstRun: 'now' })]));
    expect(await runDueJobs(database.db, registry, { workerId: 'w' })).toBe(tenants.length);
    expect(seen.map((s) => s.tenant)).toEqual(tenants);
    for (const s of seen) expect(s).toMatchObject({ setting: s.tenant, role: 'koers_app', principal: { kind: 'system', name: 'proef.context-tonen' } });
    const row = await rowOf(job.name);
    expect(row).toMatchObject({ last_status: 'geslaagd', last_error: null, last_result: { ok: true }, retries: 0, locked_by: null });
    const audit = await inTenant((tx) => tx.selectFrom('audit_log').select(['trace_id', 'actor_id']).where('data_subject_id', '=', subject).execute());
    expect(audit).toEqual([{ trace_id: row.last_trace_id, actor_id: null }]);
  });

  it('retries a failed run with backoff, keeps the error visible, rolls back its writes, and plans the regular time once retries are used up', async () => {
    let calls = 0;
    const subject = randomUUID();
    const job = defineJob({
      name: 'proef.soms-mislukken',
      title: 'Proef',
      payload: z.object({ failures: z.number() }),
      retry: { limit: 2, backoffSeconds: 60 },
      handler: async (ctx, p) => {
        calls += 1;
        await recordProcessing(ctx.tx, ctx.audit, { name: 'proef.verwerken', activity: 'signalering-sociaal-domein', subjects: [{ type: 'resident', id: subject }], startTime: new Date() });
        if (calls <= p.failures) throw new Error(`kapot ${calls}`);
        return { calls };
      },
    });
    const registry = createJobRegistry([job]);
    const t0 = new Date('2026-06-15T10:00:00Z');
    const at = (minutes: number) => () => new Date(t0.getTime() + minutes * 60_000);
    await inTenant((tx) => ensureSchedules(tx, T, [scheduleJob({ job, payload: { failures: 2 }, every: { dailyAt: '02:00' }, firstRun: 'now' })], t0));
    const pass = (minutes: number) => runDueJobs(database.db, registry, { workerId: 'w', now: at(minutes), names: [job.name] });

    expect(await pass(0)).toBe(0);
    expect(await rowOf(job.name)).toMatchObject({ last_status: 'mislukt', last_error: 'kapot 1', retries: 1, run_at: at(1)(), locked_by: null });
    expect(await pass(0.5)).toBe(0); // not due yet
    expect(await pass(1)).toBe(0);
    expect(await rowOf(job.name)).toMatchObject({ last_status: 'mislukt', last_error: 'kapot 2', retries: 2, run_at: at(3)() });
    expect(await pass(3)).toBe(1);
    expect(await rowOf(job.name)).toMatchObject({ last_status: 'geslaagd', last_error: null, last_result: { calls: 3 }, retries: 0, run_at: new Date('2026-06-16T00:00:00Z') });
    // The failed runs' writes (their audit records too) were rolled back: one record, of the run that succeeded.
    expect(await inTenant((tx) => tx.selectFrom('audit_log').select('id').where('data_subject_id', '=', subject).execute())).toHaveLength(1);

    // Failing every time: after two retries the job waits for its next regular time.
    calls = 0;
    await inTenant((tx) => tx.updateTable('jobs').set({ payload: JSON.stringify({ failures: 99 }), run_at: t0 }).where('name', '=', job.name).execute());
    await pass(0);
    await pass(1);
    await pass(3);
    expect(calls).toBe(3);
    expect(await rowOf(job.name)).toMatchObject({ last_status: 'mislukt', last_error: 'kapot 3', retries: 0, run_at: new Date('2026-06-16T00:00:00Z') });
  });

  it('leaves jobs of names it does not know alone', async () => {
    const known = defineJob({ name: 'proef.bekend-werk', title: 'Proef', payload: z.object({}), handler: async () => null });
    await inTenant((tx) => tx.insertInto('jobs').values({ tenant_id: T, name: 'proef.onbekend-werk', every_minutes: 5, run_at: new Date(0) }).execute());
    expect(await runDueJobs(database.db, createJobRegistry([known]), { workerId: 'w' })).toBe(0);
    expect(await rowOf('proef.onbekend-werk')).toMatchObject({ last_status: null, locked_by: null });
  });

  it('stops gracefully: no new claims, a running job gets the grace period, then is aborted and due again at once', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const job = defineJob({
      name: 'proef.lang-werk',
      title: 'Proef',
      payload: z.object({}),
      handler: async (ctx) => {
        started();
        await new Promise<void>((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error)));
        return null;
      },
    });
    const registry = createJobRegistry([job]);
    const runner = await startJobRunner(database.db, registry, [scheduleJob({ job, payload: {}, every: { everyMinutes: 60 }, firstRun: 'now' })], { pollSeconds: 3600 });
    await running;
    const before = Date.now();
    await runner.stop({ graceMs: 200 });
    expect(Date.now() - before).toBeGreaterThanOrEqual(190);
    // The runner went municipality by municipality and stopped in the first.
    const row = await rowOf(job.name, tenants[0]);
    expect(row).toMatchObject({ last_status: 'afgebroken', last_error: 'Afgebroken: de server stopte.', locked_by: null, retries: 0 });
    expect(new Date(row.run_at).getTime()).toBeLessThanOrEqual(Date.now());

    // A job that finishes within the grace period finishes normally.
    let quickStarted!: () => void;
    const quickRunning = new Promise<void>((resolve) => (quickStarted = resolve));
    const quick = defineJob({
      name: 'proef.kort-werk',
      title: 'Proef',
      payload: z.object({}),
      handler: async () => {
        quickStarted();
        await sleep(150);
        return { done: true };
      },
    });
    const second = await startJobRunner(database.db, createJobRegistry([quick]), [scheduleJob({ job: quick, payload: {}, every: { everyMinutes: 60 }, firstRun: 'now' })], { pollSeconds: 3600 });
    await quickRunning;
    await second.stop({ graceMs: 10_000 });
    expect(await rowOf(quick.name, tenants[0])).toMatchObject({ last_status: 'geslaagd', last_result: { done: true } });
    // No further claim after the stop: the other municipalities' runs are still due.
    if (tenants.length > 1) expect(await rowOf(quick.name, tenants[1])).toMatchObject({ last_status: null });
  });
});

describe('several runners (PostgreSQL)', () => {
  const jobs = ['proef.werk-a', 'proef.werk-b', 'proef.werk-c', 'proef.werk-d', 'proef.werk-e', 'proef.werk-f'];
  const ran: Array<{ job: string; tenant: string }> = [];
  const definitions = jobs.map((name) =>
    defineJob({
      name,
      title: 'Proef',
      payload: z.object({}),
      handler: async (ctx) => {
        ran.push({ job: name, tenant: ctx.tenantId });
        await sleep(30);
        return null;
      },
    }),
  );
  const registry = createJobRegistry(definitions);
  const schedules = definitions.map((job) => scheduleJob({ job, payload: {}, every: { everyMinutes: 60 }, firstRun: 'now' }));

  it.skipIf(process.env.DATABASE_URL === undefined)('skips a row another runner is claiming instead of waiting for it (SKIP LOCKED)', async () => {
    await inTenant((tx) => ensureSchedules(tx, T, schedules));
    const now = new Date();
    // Runner A has selected a job FOR UPDATE and not committed yet; runner B, in another
    // transaction at that moment, gets another job at once (without SKIP LOCKED it would wait on A's lock).
    const [a, b] = await inTenant(async (txA) => {
      const first = await claimDueJob(txA, registry, jobs, 'runner-a', now);
      const second = await withTenant(database.db, T, (txB) => claimDueJob(txB, registry, jobs, 'runner-b', now));
      return [first, second];
    });
    expect(a?.name).toBeDefined();
    expect(b?.name).toBeDefined();
    expect(b?.name).not.toBe(a?.name);
  });

  it.skipIf(process.env.DATABASE_URL === undefined)('two runners at once run every due job exactly once', async () => {
    for (const t of tenants) await withTenant(database.db, t, (tx) => tx.updateTable('jobs').set({ run_at: new Date(0), locked_until: null, locked_by: null }).where('name', 'in', jobs).execute());
    for (const t of tenants) await withTenant(database.db, t, (tx) => ensureSchedules(tx, t, schedules));
    ran.length = 0;
    const [x, y] = await Promise.all([runDueJobs(database.db, registry, { workerId: 'runner-x' }), runDueJobs(database.db, registry, { workerId: 'runner-y' })]);
    expect(x + y).toBe(jobs.length * tenants.length);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    const keys = ran.map((r) => `${r.tenant} ${r.job}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(jobs.length * tenants.length);
  });
});
