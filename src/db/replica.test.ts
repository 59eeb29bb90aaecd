import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createTestApp, testConfig, type TestApp } from '../../test/support/app.js';
import { asOwnerIn, replicaUrlOf } from '../../test/support/database.js';
import { lastCompleteMonth } from '../modules/insights/insights.service.js';
import { auditLogregels } from '../platform/audit/audit.repository.js';
import { RECENT_WRITE_COOKIE } from '../platform/http/request-context.js';
import { todayInAmsterdam } from '../platform/time.js';
import { openDatabase } from './database.js';
import { withTenant } from './tenancy.js';

// Runs against a real streaming-replication standby (CI makes one with .ci/replica); without one
// there is nothing to test, so the whole file is skipped and says why.
const replicaConfigured = Boolean(process.env.DATABASE_URL && process.env.DATABASE_REPLICA_URL);

const TENANT = 'GM0935';
const OTHER_TENANT = 'GM1903';
const month = lastCompleteMonth(todayInAmsterdam());
const year = month.slice(0, 4);

let t: TestApp;
let admin: pg.Client;

/**
 * A superuser on the replica pauses and resumes replay (the proof that a read came from the replica):
 * KOERS_TEST_BACKUP_URL's role (CI's superuser) on the replica's host and port, else DATABASE_REPLICA_URL's.
 */
function replicaAdminUrl(): string {
  const replica = new URL(process.env.DATABASE_REPLICA_URL!);
  const superuser = process.env.KOERS_TEST_BACKUP_URL ? new URL(process.env.KOERS_TEST_BACKUP_URL) : replica;
  superuser.hostname = replica.hostname;
  superuser.port = replica.port;
  superuser.pathname = '/postgres';
  return superuser.toString();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = 15_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp(): Promise<void> {
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(t.database.db);
  const lsn = rows[0]!.lsn;
  await until(`replica replays up to ${lsn}`, async () => {
    const replayed = await sql<{ done: boolean }>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`.execute(t.replica!.db);
    return replayed.rows[0]!.done ? true : undefined;
  });
}

/** Runs `work` while the replica replays nothing: what the primary writes meanwhile is not on the replica. */
async function withReplayPaused(work: () => Promise<void>): Promise<void> {
  await replicaCaughtUp();
  await admin.query('select pg_wal_replay_pause()');
  try {
    await until('replay paused', async () => ((await admin.query<{ state: string }>('select pg_get_wal_replay_pause_state() as state')).rows[0]!.state === 'paused' ? true : undefined));
    await work();
  } finally {
    await admin.query('select pg_wal_replay_resume()');
  }
}

const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

interface Dashboard {
  kpis: { id: string; series: { target: number | null }[] }[];
}
const clientsTarget = (body: Dashboard) => body.kpis.find((k) => k.id === 'wmo.clients')!.series[0]!.target;

describe.skipIf(!replicaConfigured)('read replica (needs DATABASE_URL and DATABASE_REPLICA_URL, a streaming standby of that server, as CI makes with .ci/replica; skipped without)', () => {
  beforeAll(async () => {
    t = await createTestApp({ replica: true });
    admin = new pg.Client({ connectionString: replicaAdminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await t?.close();
  });

  it('is a hot standby of the primary, and shows a write on the primary within seconds', async () => {
    const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(t.replica!.db);
    expect(rows[0]!.standby).toBe(true);
    expect(replicaUrlOf(t.database)).toMatch(new RegExp(`:${new URL(process.env.DATABASE_REPLICA_URL!).port}/koers_test_`));
    await sql`create table replica_probe (n integer)`.execute(t.database.db);
    const written = Date.now();
    await sql`insert into replica_probe values (42)`.execute(t.database.db);
    await until('the row on the replica', async () => {
      try {
        const found = await sql<{ n: number }>`select n from replica_probe`.execute(t.replica!.db);
        return found.rows[0]?.n;
      } catch {
        return undefined; // the table itself is not replayed yet
      }
    }, 10_000);
    const lagMs = Date.now() - written;
    console.info(`read replica: a committed row was readable on the replica after ${lagMs} ms`);
    expect(lagMs).toBeLessThan(10_000);
  });

  it('serves the dashboard from the replica, and the writer reads its own write on the primary', async () => {
    const beleid = (await t.login('beleid')).cookie;
    const dashboard = `/api/insights/dashboards/wmo?month=${month}`;
    const before = clientsTarget((await get(dashboard, beleid)).json() as Dashboard);
    const target = (before ?? 0) + 1234;
    await withReplayPaused(async () => {
      const put = await t.app.inject({ method: 'PUT', url: `/api/insights/targets/wmo.clients/${year}`, headers: { cookie: beleid }, payload: { target } });
      expect(put.statusCode).toBe(200);
      const recentWrite = put.cookies.find((c) => c.name === RECENT_WRITE_COOKIE);
      expect(recentWrite).toMatchObject({ maxAge: 5, path: '/api', httpOnly: true });
      // Another reader (no recent write) reads on the replica, which has not replayed the new target.
      const stale = await get(dashboard, beleid);
      expect(stale.statusCode).toBe(200);
      expect(clientsTarget(stale.json() as Dashboard)).toBe(before);
      // The writer, right after the write, reads on the primary.
      const own = await get(dashboard, `${beleid}; ${RECENT_WRITE_COOKIE}=${recentWrite!.value}`);
      expect(clientsTarget(own.json() as Dashboard)).toBe(target);
    });
    await until('the new target on the replica', async () => (clientsTarget((await get(dashboard, beleid)).json() as Dashboard) === target ? true : undefined));
  });

  it('reads the signal worklist on the replica and writes its processing-log records on the primary', async () => {
    const beheerder = (await t.login('beheerder')).cookie;
    expect((await t.app.inject({ method: 'POST', url: '/api/signals/run', headers: { cookie: beheerder }, payload: {} })).statusCode).toBe(200);
    const teamleider = (await t.login('teamleider')).cookie;
    await withReplayPaused(async () => {
      const teams = (await get('/api/signals/teams', teamleider)).json() as { id: string; open: number }[];
      const team = teams.find((x) => x.open > 0)!;
      const list = await get(`/api/signals?scope=team&teamId=${team.id}&limit=200`, teamleider);
      expect(list.statusCode).toBe(200);
      const items = (list.json() as { items: { resident: { id: string } | null }[] }).items;
      const residents = new Set(items.flatMap((i) => (i.resident ? [i.resident.id] : [])));
      expect(residents.size).toBeGreaterThan(0);
      const traceId = String(list.headers['x-request-id']);
      const logged = await asOwnerIn(t.database.db, TENANT, (tx) =>
        tx.selectFrom(auditLogregels(tx)).select(['a.name', 'a.data_subject_id']).where('a.trace_id', '=', traceId).execute(),
      );
      expect(logged.every((r) => r.name === 'signalen.raadplegen')).toBe(true);
      expect(new Set(logged.map((r) => r.data_subject_id))).toEqual(residents);
      // Written on the primary only: the paused replica has not got them.
      const onReplica = await asOwnerIn(t.replica!.db, TENANT, (tx) => tx.selectFrom('audit_log').select('id').where('trace_id', '=', traceId).execute());
      expect(onReplica).toEqual([]);
      // A signal handled now leaves the primary's worklist at once; the replica's still holds it.
      const first = (list.json() as { items: { id: string }[]; total: number }).items[0]!.id;
      const handled = await t.app.inject({ method: 'POST', url: `/api/signals/${first}/handle`, headers: { cookie: teamleider }, payload: { note: 'Inwoner gebeld' } });
      expect(handled.statusCode).toBe(200);
      const total = (list.json() as { total: number }).total;
      const again = (await get(`/api/signals?scope=team&teamId=${team.id}&limit=200`, teamleider)).json() as { items: { id: string }[]; total: number };
      expect(again.total).toBe(total);
      expect(again.items.map((i) => i.id)).toContain(first);
      const own = (await get(`/api/signals?scope=team&teamId=${team.id}&limit=200`, `${teamleider}; ${RECENT_WRITE_COOKIE}=1`)).json() as { items: { id: string }[]; total: number };
      expect(own.total).toBe(total - 1);
      expect(own.items.map((i) => i.id)).not.toContain(first);
    });
  });

  it('serves the steering reports and their exports from the replica, which has replayed a new report', async () => {
    const beleid = (await t.login('beleid')).cookie;
    const created = await t.app.inject({ method: 'POST', url: '/api/insights/reports', headers: { cookie: beleid }, payload: { domain: 'wmo', month } });
    expect(created.statusCode).toBe(200);
    const id = (created.json() as { id: string }).id;
    await replicaCaughtUp();
    const list = (await get('/api/insights/reports', beleid)).json() as { id: string }[];
    expect(list.map((r) => r.id)).toContain(id);
    for (const format of ['report.html', 'report.xlsx']) {
      const exported = await get(`/api/insights/reports/${id}/${format}`, beleid);
      expect(exported.statusCode, format).toBe(200);
    }
  });

  it('refuses a write through the read path: on the standby, and on the read-only pool even against a primary', async () => {
    const write = (db: typeof t.database.db) => withTenant(db, TENANT, (tx) => sql`update users set display_name = display_name where false`.execute(tx));
    await expect(write(t.replica!.db)).rejects.toMatchObject({ code: '25006' });
    const readOnlyPrimary = await openDatabase({ kind: 'postgresql', url: t.database.url!, maxConnections: 1, readOnly: true });
    try {
      await expect(write(readOnlyPrimary.db)).rejects.toMatchObject({ code: '25006' });
    } finally {
      await readOnlyPrimary.close();
    }
    await expect(write(t.database.db)).resolves.toBeDefined();
  });

  it('reads on the primary when the replica cannot be reached', async () => {
    // A replica URL nothing listens on (port 1): the dashboard still answers, read on the primary.
    const unreachable = await openDatabase({ kind: 'postgresql', url: 'postgres://koers_ci_owner@127.0.0.1:1/koers', maxConnections: 1, readOnly: true });
    const app = await buildApp({ config: testConfig(), database: t.database, replica: unreachable, webRoot: null });
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'beleid', password: 'demo', tenant: TENANT } });
      const session = login.cookies.find((c) => c.name === 'koers_session')!;
      const dashboard = await app.inject({ method: 'GET', url: `/api/insights/dashboards/wmo?month=${month}`, headers: { cookie: `${session.name}=${session.value}` } });
      expect(dashboard.statusCode).toBe(200);
      expect((dashboard.json() as Dashboard).kpis.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await unreachable.close();
    }
  });

  it('keeps row-level security on the replica: a tenant transaction sees only its own municipality', async () => {
    const count = (tenantId: string, of?: string) =>
      withTenant(t.replica!.db, tenantId, async (tx) => {
        let query = tx.selectFrom('residents').select((eb) => eb.fn.countAll<string>().as('n'));
        if (of) query = query.where('tenant_id', '=', of);
        return Number((await query.executeTakeFirstOrThrow()).n);
      });
    expect(await count(TENANT)).toBeGreaterThan(0);
    expect(await count(OTHER_TENANT)).toBeGreaterThan(0);
    expect(await count(TENANT, OTHER_TENANT)).toBe(0);
    expect(await count(OTHER_TENANT, TENANT)).toBe(0);
  });
});
