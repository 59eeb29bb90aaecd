import { sql } from 'kysely';
import { withTenant } from '../src/db/tenancy.js';
import { automatedControls } from '../src/modules/controls/automated/index.js';
import { runControls } from '../src/modules/controls/control-run.service.js';
import { systemAuditContext } from '../src/platform/unit-of-work.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const ROUNDS = 5;

/**
 * A control run of every automated control over one year (the current one), as the controller starts
 * it: one unit of work that evaluates each control and stores its result and exceptions, a new version
 * each round. Against `scan_ms`: plainly counting every row of every table the controls read, in the
 * same run. Statistics are refreshed first (PGlite has no autovacuum).
 */
export async function controlsBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const { db } = database;
  const tables = [...new Set(automatedControls.flatMap((c) => c.reads))].sort();
  for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
  const today = todayInAmsterdam();
  const year = today.slice(0, 4);
  const controller = await withTenant(db, TENANT, async (tx) => (await tx.selectFrom('users').select('id').where('username', '=', 'controller').executeTakeFirstOrThrow()).id);
  const run = () => withTenant(db, TENANT, (tx) => runControls(tx, { ...systemAuditContext(TENANT), actorId: controller }, { periodKind: 'jaar', period: year, scope: 'alle', today }));
  const first = await run();
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) runs.push(await timeIt(run));
  const scans: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    scans.push(
      await timeIt(() =>
        withTenant(db, TENANT, async (tx) => {
          for (const t of tables) await sql`select count(*) from ${sql.table(t)}`.execute(tx);
        }),
      ),
    );
  }
  const results = await withTenant(db, TENANT, (tx) =>
    tx.selectFrom('control_run_results').select(['control_id', 'population', 'exceptions']).where('run_id', '=', first.id).orderBy('position').execute(),
  );
  await database.close();
  const runMs = median(runs);
  const scanMs = median(scans);
  process.stderr.write(`controles ${year}: ${results.map((r) => `${r.control_id}=${r.exceptions}/${r.population}`).join(', ')}\n`);
  return {
    bench: 'controls',
    size: options.size,
    db: database.kind,
    controls: results.length,
    population: results.reduce((n, r) => n + Number(r.population), 0),
    run_ms: round(runMs),
    scan_ms: round(scanMs),
    ratio: round(runMs / scanMs),
  };
}
