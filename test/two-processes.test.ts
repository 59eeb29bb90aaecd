import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPostgresTestDatabaseUrl } from './support/database.js';

// Issue #17 §3: Koers runs as several stateless server processes against one PostgreSQL primary.
// Two real `koers serve` processes (the production command, NODE_ENV=production: no demo seed, no
// DigiD-simulatie) on two ports share one copy of the test database and must behave as one server:
// a session made on one works on the other, failed logins and rate limits are counted together, and
// a scheduled job runs once although both processes' job runners want it. PGlite is an embedded,
// single-process database (its data folder is locked by the process that opens it), so there is
// nothing to share there.

const onPostgres = inject('templateDatabase').kind === 'postgresql';
const SKIP_REASON = 'overgeslagen op PGlite: een ingebedde database hoort bij één proces; zet DATABASE_URL voor PostgreSQL';
const KOERS = path.resolve(import.meta.dirname, '../bin/koers.js');
const SECRET = 'two-processes-test-secret-of-at-least-32-characters';

interface Server {
  name: string;
  child: ChildProcess;
  base: string;
  /** Every JSON log line the process wrote so far. */
  logs: Record<string, unknown>[];
  exited: Promise<void>;
}

function startServer(name: string, databaseUrl: string, dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [KOERS, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      KOERS_SESSION_SECRET: SECRET,
      KOERS_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  let pending = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 180 s:\n${stderr}`)), 180_000);
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(String(entry.msg));
        if (listening) {
          clearTimeout(timer);
          resolve({ name, child, base: listening[1]!, logs, exited });
        }
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} stopped before it listened (exit ${child.exitCode}):\n${stderr}`));
    });
  });
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  const killer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await server.exited;
  clearTimeout(killer);
}

async function post(server: Server, url: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(server.base + url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
}

const sessionCookie = (response: Response) => /koers_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];

describe.skipIf(!onPostgres)(`two koers serve processes on one PostgreSQL database${onPostgres ? '' : ` (${SKIP_REASON})`}`, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'koers-two-processes-'));
  let database: { url: string; drop: () => Promise<void> } | undefined;
  let owner: pg.Client | undefined;
  let a: Server;
  let b: Server;
  const started: Server[] = [];

  beforeAll(async () => {
    database = await createPostgresTestDatabaseUrl();
    owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    // Both at once, like a deployment that starts its processes together: their job runners race.
    const results = await Promise.allSettled([startServer('A', database.url, dataDir), startServer('B', database.url, dataDir)]);
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    [a, b] = started as [Server, Server];
  }, 240_000);

  afterAll(async () => {
    await Promise.all(started.map(stopServer));
    await owner?.end();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('(a) a session made on A works on B, and logging out on B ends it on A', async () => {
    const login = await post(a, '/api/auth/login', { username: 'beleid', password: 'demo', tenant: 'GM0935' });
    expect(login.status).toBe(200);
    const cookie = sessionCookie(login);
    expect(cookie).toBeDefined();
    const meOnB = await fetch(`${b.base}/api/me`, { headers: { cookie: cookie! } });
    expect(meOnB.status).toBe(200);
    expect(await meOnB.json()).toMatchObject({ username: 'beleid', tenant: 'GM0935' });
    expect((await post(b, '/api/auth/logout', {}, cookie)).status).toBe(204);
    expect((await fetch(`${a.base}/api/me`, { headers: { cookie: cookie! } })).status).toBe(401);
  });

  it('(b) failed logins spread over A and B are throttled at the same count as on one process', async () => {
    // Login throttle (login-throttle.ts): 5 free failures per account and address, then a wait.
    const wrong = { username: 'controller', password: 'geraden', tenant: 'GM0935' };
    const statuses: number[] = [];
    for (const server of [a, b, a, b, a]) statuses.push((await post(server, '/api/auth/login', wrong)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await post(b, '/api/auth/login', { ...wrong, password: 'demo' });
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).toBe('1');
    expect(((await sixth.json()) as { error: { message: string } }).error.message).toBe('Te veel mislukte inlogpogingen. Probeer het over 1 seconde opnieuw.');

    // Rate limit of the login route: 120 requests a minute per address, over both processes together.
    await owner!.query('delete from rate_limit_counters');
    const limited: number[] = [];
    for (let i = 0; i < 120; i += 1) limited.push((await post(i % 2 === 0 ? a : b, '/api/auth/login', {})).status);
    expect(limited.every((s) => s === 400)).toBe(true);
    for (const server of [a, b]) {
      const over = await post(server, '/api/auth/login', {});
      expect(over.status, server.name).toBe(429);
      expect(((await over.json()) as { error: { message: string } }).error.message).toBe('Te veel pogingen. Wacht een minuut en probeer het opnieuw.');
    }
  }, 120_000);

  it('(c) a scheduled job that both runners want runs once: the lease taken by one is not taken by the other', async () => {
    // The jobs that are due at a first start (signals, retention) are due for every municipality in
    // both processes at once. Wait until every job is done and none is leased.
    const tenants = (await owner!.query<{ id: string }>('select id from tenants order by id')).rows.map((r) => r.id);
    const jobsOf = async (tenant: string) => {
      await owner!.query('begin');
      try {
        await owner!.query(`select set_config('koers.tenant_id', $1, true)`, [tenant]);
        return (await owner!.query<{ name: string; due: boolean; locked_by: string | null; last_trace_id: string | null }>(
          'select name, run_at <= now() as due, locked_by, last_trace_id from jobs order by name',
        )).rows;
      } finally {
        await owner!.query('commit');
      }
    };
    let rows: { tenant: string; name: string; due: boolean; locked_by: string | null; last_trace_id: string | null }[] = [];
    for (let waited = 0; ; waited += 1) {
      rows = [];
      for (const tenant of tenants) rows.push(...(await jobsOf(tenant)).map((r) => ({ tenant, ...r })));
      if (rows.length > 0 && rows.every((r) => !r.due && r.locked_by === null)) break;
      if (waited > 180) throw new Error(`jobs still due or leased after 180 s: ${JSON.stringify(rows.filter((r) => r.due || r.locked_by))}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const ran = rows.filter((r) => r.last_trace_id !== null);
    expect(ran.length).toBeGreaterThanOrEqual(tenants.length);
    const runLines = [...a.logs, ...b.logs].filter((l) => l.msg === 'job finished' || l.msg === 'job failed');
    for (const job of ran) {
      const runs = runLines.filter((l) => l.job === job.name && l.tenant === job.tenant);
      expect(runs.map((l) => l.traceId), `${job.tenant} ${job.name}`).toEqual([job.last_trace_id]);
    }
    expect(runLines).toHaveLength(ran.length);
  }, 240_000);
});
