import { sql, type Kysely } from 'kysely';
import { buildApp } from '../src/app.js';
import type { DB } from '../src/db/schema.js';
import { loadConfig } from '../src/platform/config.js';
import { countTransactions } from '../test/support/transactions.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const ROUNDS = 40;

/**
 * `POST /api/residents/{id}/cases` through the whole HTTP stack (session, guard, service, audit), as
 * the demo consultant for residents of an area team she is a member of. Also reports, for one such
 * request, the audit records it writes and the transactions it opens.
 */
export async function openCaseBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const { db } = database;
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, webRoot: null });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'consulent', password: 'demo', tenant: TENANT } });
  const cookieValue = login.cookies.find((c) => c.name === 'koers_session');
  if (!cookieValue) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
  const cookie = `${cookieValue.name}=${cookieValue.value}`;
  const inTenant = <T>(work: (tx: Kysely<DB>) => Promise<T>) =>
    db.transaction().execute(async (tx) => {
      await sql`select set_config('koers.tenant_id', ${TENANT}, true)`.execute(tx);
      return work(tx);
    });
  const residents = await inTenant(async (tx) => {
    const rows = await sql<{ id: string }>`
      select r.id from residents r
      join team_areas ta on ta.area_code = r.area_code
      join team_members tm on tm.team_id = ta.team_id
      join users u on u.id = tm.user_id and u.username = 'consulent'
      where r.tenant_id = ${TENANT} and not exists (select 1 from cases c where c.resident_id = r.id)
      order by r.id limit ${ROUNDS + 1}`.execute(tx);
    return rows.rows.map((r) => r.id);
  });
  const count = await inTenant(async (tx) => (await sql<{ n: number }>`select count(*)::int as n from residents where tenant_id = ${TENANT}`.execute(tx)).rows[0]!.n);
  const auditRows = () => inTenant(async (tx) => (await sql<{ n: number }>`select count(*)::int as n from audit_log where tenant_id = ${TENANT}`.execute(tx)).rows[0]!.n);
  const open = async (residentId: string) => {
    const response = await app.inject({ method: 'POST', url: `/api/residents/${residentId}/cases`, headers: { cookie }, payload: { caseTypeCode: 'WMO-MAATWERK' } });
    if (response.statusCode !== 201) throw new Error(`open case: ${response.statusCode} ${response.body}`);
  };
  // One request counted: audit rows written and transactions opened.
  const [first, ...rest] = residents;
  const auditBefore = await auditRows();
  const counter = countTransactions(db);
  await open(first!);
  counter.stop();
  const transactions = counter.total;
  const audit = (await auditRows()) - auditBefore;
  const times: number[] = [];
  for (const id of rest) times.push(await timeIt(() => open(id)));
  await app.close();
  await database.close();
  return {
    bench: 'open-case',
    size: options.size,
    db: database.kind,
    residents: count,
    rounds: times.length,
    audit_rows_per_request: audit,
    transactions_per_request: transactions,
    median_ms: round(median(times)),
  };
}
