import { appendFileSync } from 'node:fs';
import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { asOwnerIn, createTestDatabase } from '../../test/support/database.js';
import { testConfig } from '../../test/support/app.js';
import type { Database } from './database.js';
import { pinTenant } from './tenancy.js';
import { quotedString } from './pg-round-trips.js';

// Issue #17 §2 and §3: the per-resident work a consultant does all day must cost the same whatever the
// number of other municipalities on the installation, and be ready for distribution by tenant_id
// (Citus). This runs the hot routes through the real app, records every statement they send, and checks
// on both databases: (1) the planner can answer every one of them without reading a whole tenant
// table (sequential scans disabled: a plan that still has one has no index to use), and (2) every join
// between tenant tables includes tenant_id, the distribution column.

const TENANT = 'GM0935';

interface Captured {
  route: string;
  sql: string;
  parameters: readonly unknown[];
}

let database: Database;
let app: FastifyInstance;
let recording: string | null = null;
const captured: Captured[] = [];
let tenantTables: Set<string>;

beforeAll(async () => {
  database = await createTestDatabase();
  const executor = database.db.getExecutor();
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      if (recording) {
        const compiled = executor.compileQuery(args.node as RootOperationNode, args.queryId);
        captured.push({ route: recording, sql: compiled.sql, parameters: compiled.parameters });
      }
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  app = await buildApp({ config: testConfig(), database: { ...database, db: database.db.withPlugin(recorder) }, webRoot: null });
  await app.ready();
  const { rows } = await sql<{ table: string }>`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`.execute(database.db);
  tenantTables = new Set(rows.map((r) => r.table));

  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'consulent', password: 'demo', tenant: TENANT } });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.find((c) => c.name === 'koers_session')!;
  const headers = { cookie: `${cookie.name}=${cookie.value}` };
  // A resident with an open case the consultant handles (that relation opens the file): the file, its cases and the case.
  const { caseId, residentId, familyName } = await asOwnerIn(database.db, TENANT, async (tx) => {
    const row = await tx
      .selectFrom('cases')
      .innerJoin('residents', (join) => join.onRef('residents.tenant_id', '=', 'cases.tenant_id').onRef('residents.id', '=', 'cases.resident_id'))
      .innerJoin('users', (join) => join.onRef('users.tenant_id', '=', 'cases.tenant_id').onRef('users.id', '=', 'cases.consultant_id'))
      // The superuser (PGlite, a developer's server) is not held by row-level security: name the municipality.
      .where('cases.tenant_id', '=', TENANT)
      .where('users.username', '=', 'consulent')
      .where('cases.status', 'not in', ['afgesloten', 'ingetrokken'])
      .select(['cases.id as caseId', 'residents.id as residentId', 'residents.family_name as familyName'])
      .orderBy('cases.id')
      .executeTakeFirstOrThrow();
    return row;
  });
  // The small template holds a few events per case, where reading a municipality's events whole is as
  // cheap as using an index and the planner may do either. Forty times as many (the history of a case
  // that runs for years) makes the plan the one a real caseload gets.
  await asOwnerIn(database.db, TENANT, async (tx) => {
    await sql`
      insert into case_events (tenant_id, case_id, kind, on_date, term, from_status, to_status, reason, recorded_by, recorded_at)
      select e.tenant_id, e.case_id, e.kind, e.on_date - n, e.term, e.from_status, e.to_status, e.reason, e.recorded_by, e.recorded_at
      from case_events e cross join generate_series(1, 40) n where e.tenant_id = ${TENANT}`.execute(tx);
  });
  await sql`analyze case_events`.execute(database.db);
  const hot: [string, string][] = [
    ['resident file', `/api/residents/${residentId}`],
    ['resident cases', `/api/residents/${residentId}/cases`],
    ['case', `/api/cases/${caseId}`],
    ['name search', `/api/residents?q=${encodeURIComponent(familyName.slice(0, 4))}`],
    ['my cases', '/api/cases/mine'],
  ];
  for (const [route, url] of hot) {
    recording = route;
    const response = await app.inject({ method: 'GET', url, headers });
    recording = null;
    expect(response.statusCode, `${route}: ${response.body}`).toBe(200);
  }
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/**
 * Tables that grow with the population (hundreds of thousands of rows per large municipality): a hot
 * query may enter them only by a key narrower than the municipality. The small per-municipality tables
 * (users, teams, areas, case types, products) may be read whole for one municipality.
 */
const LARGE_TABLES = new Set(['residents', 'cases', 'case_events', 'case_documents', 'kcc_contacts', 'contact_person_assignments', 'allocations', 'decisions', 'access_grants', 'audit_log', 'documents', 'signal_events']);

interface TableScan {
  kind: string;
  table: string;
  condition: string | null;
}

/**
 * The scans of an EXPLAIN text plan with the table they read and their index condition. A bitmap index
 * scan reads for the bitmap heap scan above it, so its condition belongs to that table.
 */
export function tableScans(plan: string): TableScan[] {
  const scans: TableScan[] = [];
  let heapTable: string | null = null;
  let current: TableScan | null = null;
  for (const line of plan.split('\n')) {
    const node = /(?:->\s+)?(Seq Scan|Index Scan|Index Only Scan|Bitmap Heap Scan|Bitmap Index Scan)(?: Backward)?(?: using \w+)? on (\w+)/.exec(line);
    if (node) {
      const [, kind, name] = node as unknown as [string, string, string];
      if (kind === 'Bitmap Heap Scan') {
        heapTable = name;
        current = null;
        continue;
      }
      current = { kind, table: kind === 'Bitmap Index Scan' ? (heapTable ?? name) : name, condition: null };
      scans.push(current);
      continue;
    }
    const condition = /^\s*Index Cond: (.*)$/.exec(line);
    if (condition && current) current.condition = condition[1]!;
  }
  return scans;
}

/** A recorded parameter as an SQL literal (strings as `stringLiteral` writes them). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return `'${value.toISOString()}'`;
  if (typeof value === 'string') return quotedString(value);
  throw new Error(`no literal for parameter ${JSON.stringify(value)}`);
}

const TENANT_ONLY = /^\(tenant_id = current_setting\('koers\.tenant_id'::text, true\)\)$/;
const narrowerThanTenant = (condition: string | null): boolean => condition !== null && !TENANT_ONLY.test(condition.trim());

/** The statements that read: the transaction's own set_config and the processing-log writes are not lookups. */
const reads = () => captured.filter((c) => /^\s*(select|with)\b/i.test(c.sql) && !/^\s*select set_config\(/i.test(c.sql));

describe('the hot per-resident queries', () => {
  it('were recorded for every route', () => {
    const routes = new Set(reads().map((c) => c.route));
    expect([...routes].sort()).toEqual(['case', 'my cases', 'name search', 'resident cases', 'resident file']);
    expect([...LARGE_TABLES].filter((t) => !tenantTables.has(t))).toEqual([]);
  });

  it('read no whole table, and no whole municipality of a large table: every large table is entered by more than tenant_id', async () => {
    const offenders: string[] = [];
    for (const query of reads()) {
      const plan = await database.db.transaction().execute(async (tx) => {
        await pinTenant(tx, TENANT);
        await sql`set local enable_seqscan = off`.execute(tx);
        const result = await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]));
        return result.rows.map((r) => Object.values(r)[0]).join('\n');
      });
      if (process.env.KOERS_DUMP_PLANS) appendFileSync(process.env.KOERS_DUMP_PLANS, `== ${query.route}\n${query.sql}\n${plan}\n\n`);
      for (const scan of tableScans(plan)) {
        if (scan.kind === 'Seq Scan' && tenantTables.has(scan.table)) offenders.push(`${query.route}: sequential scan of ${scan.table}`);
        if (scan.kind !== 'Seq Scan' && LARGE_TABLES.has(scan.table) && !narrowerThanTenant(scan.condition)) {
          offenders.push(`${query.route}: all of the municipality's ${scan.table} (${scan.kind}, ${scan.condition ?? 'no index condition'})`);
        }
      }
      if (offenders.length) offenders.push(`  in: ${query.sql}\n${plan}`);
    }
    expect(offenders).toEqual([]);
  });

  it('have a generic plan that does the same: a prepared statement is planned once, not at every execution', async () => {
    // Koers prepares its statements (db/pg-round-trips.ts). PostgreSQL keeps a prepared statement's generic
    // plan (parameters unknown) only if it costs no more than planning with the values; otherwise it plans
    // again at every execution. A partial index whose condition is a parameter is such a case.
    const offenders: string[] = [];
    for (const [n, query] of reads().entries()) {
      const plan = await database.db.transaction().execute(async (tx) => {
        await pinTenant(tx, TENANT);
        await sql`set local plan_cache_mode = force_generic_plan`.execute(tx);
        await tx.executeQuery(CompiledQuery.raw(`prepare hot_${n} as ${query.sql}`));
        // EXECUTE takes its values as SQL, not as parameters of the message.
        const args = query.parameters.map(literal).join(', ');
        const result = await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain execute hot_${n}${args ? `(${args})` : ''}`));
        await tx.executeQuery(CompiledQuery.raw(`deallocate hot_${n}`));
        return result.rows.map((r) => Object.values(r)[0]).join('\n');
      });
      for (const scan of tableScans(plan)) {
        if (LARGE_TABLES.has(scan.table) && (scan.kind === 'Seq Scan' || !narrowerThanTenant(scan.condition))) {
          offenders.push(`${query.route}: ${scan.kind} of ${scan.table} (${scan.condition ?? 'no index condition'})\n  in: ${query.sql}\n${plan}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('join tenant tables on tenant_id (ready for Citus co-location)', () => {
    const offenders: string[] = [];
    let joined = 0;
    for (const query of reads()) {
      // Each join's condition runs up to the next join, where, group, order or limit clause.
      const joins = query.sql.matchAll(/\bjoin\s+"?(\w+)"?(?:\s+as\s+"?\w+"?)?\s+on\s+([\s\S]*?)(?=\b(?:inner|left|right|full|cross)?\s*join\b|\bwhere\b|\bgroup by\b|\border by\b|\blimit\b|$)/gi);
      for (const [, table, condition] of joins) {
        joined += 1;
        if (tenantTables.has(table!) && !/tenant_id/.test(condition!)) offenders.push(`${query.route}: join ${table} on ${condition!.trim()}`);
      }
    }
    expect(offenders).toEqual([]);
    // The resident file, the case and "my cases" join residents, cases, users and case types: not vacuous.
    expect(joined).toBeGreaterThan(10);
  });
});
