import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { buildApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { withTenant, type Tx } from '../src/db/tenancy.js';
import type { PopulationSize } from '../src/demo/population.js';
import { createRandom, type Random } from '../src/demo/random.js';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import { mixSeed } from '../src/demo/wmo/helpers.js';
import { auditBatchWriterOf } from '../src/platform/audit/audit.batch.js';
import { loadConfig } from '../src/platform/config.js';
import type { FromServer, ToServer } from './lookup-server.js';
import { referenceLoopMs, startCpuMeter, type CpuPerRequest } from './machine.js';
import { benchDatabase, BenchRefusal, percentile, round } from './support.js';

/** The province of Limburg's municipalities, each a tenant in `koers seed --size limburg`. */
export const LIMBURG_MUNICIPALITIES = 31;
const CLIENTS = 16;
const WARM_UP_MS = 5_000;
const PROGRESS_MS = 10_000;
/** Residents and cases drawn per municipality before the run; the clients pick from these. */
const SAMPLE_PER_TENANT = 400;
/** The page size of the web app's resident search. */
const SEARCH_LIMIT = 25;
/** The staff who look residents up (first line and team lead: a relation with every resident of an area). */
const LOOKUP_USERS = ['kcc', 'teamleider'] as const;

export type LookupSize = PopulationSize | 'limburg';

export interface LookupOptions {
  size: LookupSize;
  seed: number;
  durationSeconds: number;
  /**
   * Server processes against the same PostgreSQL database (`--processes`, default 1): this one and
   * `processes - 1` started beside it (lookup-server.ts), the clients spread over them in turn.
   */
  processes?: number;
}

/** The five pieces of work of the mix, drawn with equal chance. */
const KINDS = ['resident', 'resident-cases', 'case', 'search', 'my-cases'] as const;
type Kind = (typeof KINDS)[number];

interface TenantWork {
  tenantId: string;
  residentIds: string[];
  caseIds: string[];
  namePrefixes: string[];
  /** The consultant whose "my cases" are listed: one with open cases who can sign in, drawn per municipality. */
  consultant: { username: string; openCases: number } | undefined;
  /** Session cookies of LOOKUP_USERS, in that order. */
  lookupCookies: string[];
  consultantCookie: string;
}

interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

interface Failure {
  kind: Kind;
  path: string;
  status: number;
  detail: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Per-resident work under load through the whole HTTP stack (session, relation guard, service, audit):
 * 16 clients over real loopback HTTP with keep-alive against the server `buildApp` makes, each doing a
 * random mix of opening a resident file, listing a resident's cases, opening a case, a name search and
 * a consultant's own cases, for random residents of random municipalities. Percentiles over every
 * request that started in the measured window; a non-2xx answer is an error and is counted, never dropped.
 */
export async function lookupBench(options: LookupOptions) {
  const database = await openLookupDatabase(options);
  try {
    return await measureLookups(database, options);
  } finally {
    await database.close();
  }
}

/** Sizes Koers seeds itself are seeded here (additively); limburg must have been loaded beforehand. */
async function openLookupDatabase(options: LookupOptions): Promise<Database> {
  if (options.size !== 'limburg') {
    say(`Dataset ${options.size} laden (seed ${options.seed})…`);
    return benchDatabase({ size: options.size, seed: options.seed });
  }
  const url = process.env.DATABASE_URL;
  // The pool a server start would have (DATABASE_POOL_SIZE, else twice the cores).
  const database = url ? await openDatabase({ kind: 'postgresql', url, maxConnections: loadConfig().databasePoolSize }) : await openDatabase({ kind: 'pglite' });
  const populated = await populatedTenantCount(database.db).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  if (populated < LIMBURG_MUNICIPALITIES) {
    await database.close();
    throw new BenchRefusal(
      `De database bevat de dataset limburg niet: ${populated} gemeente(n) met inwoners, ${LIMBURG_MUNICIPALITIES} verwacht. ` +
        `Laad die eerst met \`npx koers seed --size limburg\`${url ? ' (met dezelfde DATABASE_URL)' : ' op PostgreSQL (zet DATABASE_URL, ook voor deze bench)'} en start de bench daarna opnieuw.`,
    );
  }
  return database;
}

/** Municipalities that have residents; 0 on a database without the Koers schema. */
async function populatedTenantCount(db: Kysely<DB>): Promise<number> {
  const schema = await sql<{ present: boolean }>`select to_regclass('residents') is not null and to_regclass('tenants') is not null as present`.execute(db);
  if (!schema.rows[0]?.present) return 0;
  let populated = 0;
  for (const { id } of await db.selectFrom('tenants').select('id').execute()) {
    const some = await withTenant(db, id, (tx) => tx.selectFrom('residents').select('id').limit(1).executeTakeFirst());
    if (some) populated += 1;
  }
  return populated;
}

async function measureLookups(database: Database, options: LookupOptions) {
  const { db } = database;
  const tenantIds = (await db.selectFrom('tenants').select('id').orderBy('id').execute()).map((t) => t.id);
  say('Aantallen en steekproef van inwoners, zaken en namen per gemeente…');
  let residents = 0;
  let cases = 0;
  const samples: Omit<TenantWork, 'lookupCookies' | 'consultantCookie'>[] = [];
  for (const tenantId of tenantIds) {
    const sample = await withTenant(db, tenantId, (tx) => sampleTenant(tx, tenantId, options.seed));
    residents += sample.residents;
    cases += sample.cases;
    if (sample.residentIds.length > 0) samples.push(sample);
  }
  if (samples.length === 0) throw new BenchRefusal('De database bevat geen inwoners in een gebied met een sociaal team: niets om op te zoeken.');
  if (!samples.some((s) => s.caseIds.length > 0)) throw new BenchRefusal('De database bevat geen zaken van inwoners in een gebied met een sociaal team: niets om te openen.');

  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }), database, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const agents: http.Agent[] = [];
  const servers: OtherServer[] = [];
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    for (let i = 1; i < (options.processes ?? 1); i += 1) servers.push(await startOtherServer());
    const bases = [base, ...servers.map((s) => s.base)];
    if (servers.length > 0) say(`${bases.length} serverprocessen: ${bases.join(', ')}; de clients om de beurt verdeeld.`);
    const consultants = samples.flatMap((s) => (s.consultant ? [s.consultant] : []));
    if (consultants.length === 0) throw new BenchRefusal('De database bevat geen consulent met open zaken die kan inloggen: geen "mijn zaken" om op te vragen.');
    const openCases = consultants.map((c) => c.openCases).sort((a, b) => a - b);
    say(
      `Server op ${base} (${database.kind}); inloggen als ${LOOKUP_USERS.join(', ')} en een consulent bij ${samples.length} gemeente(n). ` +
        `"Mijn zaken": ${consultants.length} consulenten, open zaken mediaan ${percentile(openCases, 50)} (${openCases[0]}–${openCases.at(-1)})…`,
    );
    const work: TenantWork[] = [];
    for (const sample of samples) {
      const lookupCookies: string[] = [];
      for (const username of LOOKUP_USERS) lookupCookies.push(await logIn(base, sample.tenantId, username));
      work.push({ ...sample, lookupCookies, consultantCookie: sample.consultant ? await logIn(base, sample.tenantId, sample.consultant.username) : '' });
    }
    const clients = Array.from({ length: CLIENTS }, (_, index) =>
      createClient(bases[index % bases.length]!, work, index, createRandom(mixSeed(options.seed, `lookup:client:${index}`))),
    );
    agents.push(...clients.map((c) => c.agent));

    say(`Referentie: een vaste rekenlus op de hoofdthread duurde ${round(referenceLoopMs())} ms (mediaan van 5; groter op een tragere of drukkere machine).`);
    say(`Opwarmen: ${WARM_UP_MS / 1000} s met ${CLIENTS} clients…`);
    const warmUp = await runClients(clients, WARM_UP_MS, null);
    if (warmUp.failures.length > 0) say(`Let op: ${warmUp.failures.length} fout(en) tijdens het opwarmen (niet meegeteld in de meting).`);
    reportFailures(warmUp.failures);

    say(`Meten: ${options.durationSeconds} s met ${CLIENTS} clients…`);
    const log = auditBatchWriterOf(db).counts;
    const logBefore = { ...log };
    const loopBefore = performance.eventLoopUtilization();
    const cpu = startCpuMeter();
    for (const server of servers) server.send({ type: 'measure' });
    const measured = await runClients(clients, options.durationSeconds * 1000, (seconds, done, failed) =>
      say(`lookup: ${seconds} s, ${done} verzoeken, ${failed} fouten`),
    );
    const cpuPerRequest = cpu.perRequest(measured.samples.length);
    reportByKind(measured.samples);
    const loop = performance.eventLoopUtilization(loopBefore);
    const others = await Promise.all(servers.map((s) => s.report()));
    say(
      servers.length === 0
        ? `Hoofdthread (server en clients samen): ${Math.round(loop.utilization * 100)} % bezet tijdens de meting.`
        : `Hoofdthread bezet tijdens de meting: ${Math.round(loop.utilization * 100)} % (proces 1, met de clients), ` +
            others.map((o, i) => `${Math.round(o.utilization * 100)} % (proces ${i + 2})`).join(', ') + '.',
    );
    const logged = [
      { batches: log.batches - logBefore.batches, requests: log.requests - logBefore.requests, waitedMs: log.waitedMs - logBefore.waitedMs, writtenAgain: log.writtenAgain - logBefore.writtenAgain },
      ...others,
    ].reduce((a, b) => ({ batches: a.batches + b.batches, requests: a.requests + b.requests, waitedMs: a.waitedMs + b.waitedMs, writtenAgain: a.writtenAgain + b.writtenAgain }));
    say(
      `Verwerkingslog: ${logged.batches} batches voor ${measured.samples.length} verzoeken` +
        `${logged.writtenAgain > 0 ? ` (${logged.writtenAgain} mislukt en per verzoek opnieuw geschreven)` : ''}; ` +
        `een verzoek wachtte gemiddeld ${logged.requests > 0 ? round(logged.waitedMs / logged.requests) : 0} ms op de commit van zijn batch.`,
    );
    reportCpu(cpuPerRequest, database.kind === 'postgresql', servers.length > 0);
    reportFailures(measured.failures);
    const all = measured.samples.map((s) => s.ms);
    const search = measured.samples.filter((s) => s.kind === 'search').map((s) => s.ms);
    return {
      bench: 'lookup',
      size: options.size,
      db: database.kind,
      tenants: tenantIds.length,
      residents,
      cases,
      clients: CLIENTS,
      ...(servers.length > 0 ? { processes: servers.length + 1 } : {}),
      requests: all.length,
      p50_ms: round(percentile(all, 50)),
      p95_ms: round(percentile(all, 95)),
      p99_ms: round(percentile(all, 99)),
      search_p95_ms: round(percentile(search, 95)),
      errors: measured.failures.length,
    };
  } finally {
    for (const agent of agents) agent.destroy();
    await Promise.all(servers.map((s) => s.close()));
    await app.close();
  }
}

interface OtherServer {
  base: string;
  send(message: ToServer): void;
  report(): Promise<Extract<FromServer, { type: 'report' }>>;
  close(): Promise<void>;
}

/** A server process beside this one (lookup-server.ts), once it listens. */
async function startOtherServer(): Promise<OtherServer> {
  const child: ChildProcess = fork(new URL('./lookup-server.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (type: FromServer['type']) =>
    new Promise<FromServer>((resolve, reject) => {
      const onMessage = (message: FromServer) => {
        if (message.type !== type) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(message);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new BenchRefusal(`Een serverproces van de bench stopte (exitcode ${code ?? 'geen'}) voordat het antwoordde.`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const listening = await next('listening');
  const port = listening.type === 'listening' ? listening.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    send: (message) => child.send(message),
    async report() {
      const answer = next('report');
      child.send({ type: 'report' } satisfies ToServer);
      return (await answer) as Extract<FromServer, { type: 'report' }>;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'close' } satisfies ToServer);
      }),
  };
}

/**
 * One municipality's counts and a reproducible sample (ordered by a hash of id and seed): residents of
 * areas with a social team (the team lead's relation; the KCC has one with everyone), cases of those
 * residents, and name prefixes of 3–6 letters of real family names, as typed at the counter.
 */
async function sampleTenant(tx: Tx, tenantId: string, seed: number) {
  const salt = String(seed);
  const count = async (table: 'residents' | 'cases') => Number((await tx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const residentRows = await sql<{ id: string; family_name: string }>`
    select r.id, r.family_name from residents r
    where exists (select 1 from team_areas ta where ta.tenant_id = r.tenant_id and ta.area_code = r.area_code)
    order by md5(r.id::text || ${salt}) limit ${SAMPLE_PER_TENANT}`.execute(tx);
  const caseRows = await sql<{ id: string }>`
    select c.id from cases c join residents r on r.tenant_id = c.tenant_id and r.id = c.resident_id
    where exists (select 1 from team_areas ta where ta.tenant_id = r.tenant_id and ta.area_code = r.area_code)
    order by md5(c.id::text || ${salt}) limit ${SAMPLE_PER_TENANT}`.execute(tx);
  const consultant = await sql<{ username: string; open_cases: string }>`
    select u.username, count(*) as open_cases from users u
    join cases c on c.tenant_id = u.tenant_id and c.consultant_id = u.id and c.status not in ('afgesloten', 'ingetrokken')
    where 'consultant' = any(u.roles) and exists (select 1 from user_credentials uc where uc.tenant_id = u.tenant_id and uc.user_id = u.id)
    group by u.id, u.username
    order by md5(u.id::text || ${salt}) limit 1`.execute(tx);
  const random = createRandom(mixSeed(seed, `lookup:names:${tenantId}`));
  const namePrefixes = residentRows.rows.map((r) => r.family_name.slice(0, random.int(3, 6)).trim()).filter((p) => p.length >= 2);
  return {
    tenantId,
    residents: await count('residents'),
    cases: await count('cases'),
    residentIds: residentRows.rows.map((r) => r.id),
    caseIds: caseRows.rows.map((r) => r.id),
    namePrefixes,
    consultant: consultant.rows.map((c) => ({ username: c.username, openCases: Number(c.open_cases) }))[0],
  };
}

async function logIn(base: string, tenant: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD, tenant }),
  });
  const body = await response.text();
  if (!response.ok) throw new BenchRefusal(`Inloggen als ${username} bij ${tenant} mislukt (${response.status}): ${body.slice(0, 300)}`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

interface Client {
  next(): { kind: Kind; path: string; cookie: string };
  base: string;
  agent: http.Agent;
}

/**
 * One GET over the client's keep-alive connection, the whole answer read. node:http rather than
 * `fetch`: the clients run in the server's process on the same cores, and a plain HTTP/1.1 request
 * without fetch's web streams leaves more of them to the server.
 */
function get(client: Client, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${client.base}${path}`, { agent: client.agent, headers: { cookie } }, (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        if (status < 200 || status > 299) chunks.push(chunk);
      });
      response.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('het antwoord werd afgebroken')));
    });
    request.on('error', reject);
  });
}

/** A client: its own seeded stream and, per municipality, one lookup user's session (alternating over the clients). */
function createClient(base: string, work: TenantWork[], index: number, random: Random): Client {
  const withCases = work.filter((w) => w.caseIds.length > 0);
  const withConsultant = work.filter((w) => w.consultant !== undefined);
  const lookupCookie = (w: TenantWork) => w.lookupCookies[index % w.lookupCookies.length]!;
  return {
    base,
    // One connection per client, kept open between its requests, as a browser tab keeps one.
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    next() {
      const kind = random.pick(KINDS);
      switch (kind) {
        case 'resident': {
          const w = random.pick(work);
          return { kind, path: `/api/residents/${random.pick(w.residentIds)}`, cookie: lookupCookie(w) };
        }
        case 'resident-cases': {
          const w = random.pick(work);
          return { kind, path: `/api/residents/${random.pick(w.residentIds)}/cases`, cookie: lookupCookie(w) };
        }
        case 'case': {
          const w = random.pick(withCases);
          return { kind, path: `/api/cases/${random.pick(w.caseIds)}`, cookie: lookupCookie(w) };
        }
        case 'search': {
          const w = random.pick(work);
          return { kind, path: `/api/residents?q=${encodeURIComponent(random.pick(w.namePrefixes))}&limit=${SEARCH_LIMIT}`, cookie: lookupCookie(w) };
        }
        case 'my-cases': {
          const w = random.pick(withConsultant);
          return { kind, path: '/api/cases/mine', cookie: w.consultantCookie };
        }
      }
    },
  };
}

/**
 * Runs every client until `ms` have passed; a request started before then is waited for and counted.
 * `onProgress` is called every PROGRESS_MS with the requests and failures so far.
 */
async function runClients(clients: Client[], ms: number, onProgress: ((seconds: number, done: number, failed: number) => void) | null) {
  const samples: Sample[] = [];
  const failures: Failure[] = [];
  const started = performance.now();
  const end = started + ms;
  const timer = onProgress
    ? setInterval(() => onProgress(Math.round((performance.now() - started) / 1000), samples.length, failures.length), PROGRESS_MS)
    : null;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          const { kind, path, cookie } = client.next();
          const start = performance.now();
          let status = 0;
          let detail = '';
          try {
            const answer = await get(client, path, cookie);
            status = answer.status;
            if (status < 200 || status > 299) detail = answer.body.slice(0, 300);
          } catch (error) {
            detail = error instanceof Error ? error.message : String(error);
          }
          samples.push({ kind, ms: performance.now() - start, status });
          if (status < 200 || status > 299) failures.push({ kind, path, status, detail });
        }
      }),
    );
  } finally {
    if (timer) clearInterval(timer);
  }
  return { samples, failures };
}

function reportByKind(samples: Sample[]) {
  say('Per soort verzoek (ms):');
  for (const kind of KINDS) {
    const ms = samples.filter((s) => s.kind === kind).map((s) => s.ms);
    if (ms.length === 0) continue;
    const errors = samples.filter((s) => s.kind === kind && (s.status < 200 || s.status > 299)).length;
    say(
      `  ${kind.padEnd(15)} n=${String(ms.length).padStart(6)}  p50=${round(percentile(ms, 50)).toFixed(1).padStart(7)}  p95=${round(percentile(ms, 95)).toFixed(1).padStart(7)}` +
        `  p99=${round(percentile(ms, 99)).toFixed(1).padStart(7)}  max=${round(percentile(ms, 100)).toFixed(1).padStart(7)}  fouten=${errors}`,
    );
  }
}

/**
 * The CPU the measured window took per request (machine.ts), so runs on slower and faster hours compare.
 * PostgreSQL's share only for a PostgreSQL server (PGlite's work is this process's).
 */
function reportCpu(cpu: CpuPerRequest, postgresServer: boolean, otherProcesses: boolean) {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  say(
    `CPU per verzoek: ${ms(cpu.processMs)} in dit proces (server${otherProcesses ? ' 1' : ''} en clients)` +
      (cpu.postgresMs === null || !postgresServer ? '' : `, ${ms(cpu.postgresMs)} in PostgreSQL op deze machine`) +
      (cpu.machineMs === null ? '' : `, ${ms(cpu.machineMs)} op de hele machine`) +
      (cpu.machineIdle === null ? '' : ` (${Math.round(cpu.machineIdle * 100)} % van de CPU-tijd onbenut)`) +
      '.',
  );
}

/** Every failure counted, the first few shown with their answer. */
function reportFailures(failures: Failure[]) {
  if (failures.length === 0) return;
  const byStatus = new Map<string, number>();
  for (const f of failures) byStatus.set(`${f.kind} ${f.status || 'geen antwoord'}`, (byStatus.get(`${f.kind} ${f.status || 'geen antwoord'}`) ?? 0) + 1);
  say(`Fouten: ${[...byStatus].map(([key, n]) => `${key}: ${n}`).join(', ')}`);
  for (const f of failures.slice(0, 5)) say(`  ${f.status || '-'} GET ${f.path}: ${f.detail}`);
}
