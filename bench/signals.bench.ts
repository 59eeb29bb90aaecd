import { sql } from 'kysely';
import { withTenant } from '../src/db/tenancy.js';
import { signalRules } from '../src/modules/signals/rules/index.js';
import { runSignals } from '../src/modules/signals/signal.runner.js';
import { refreshRuleStatistics } from '../src/modules/signals/signal.analyze.js';
import type { AuditContext } from '../src/platform/audit/audit.service.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const ROUNDS = 7;

/**
 * A full evaluation of every signal rule (the engine's statements, in a tenant transaction, as the
 * nightly job runs it) against `scan_ms`: plainly counting every row of every table the rules read,
 * in the same run. The first evaluation opens the signals and is not counted: the steady state is
 * what runs every night and hour. Statistics are refreshed first, as the nightly job does.
 */
export async function signalsBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const { db } = database;
  const ctx: AuditContext = { traceId: '0'.repeat(31) + '2', parentSpanId: null, actor: null, tenantId: TENANT };
  const tables = [...new Set(signalRules.flatMap((r) => r.reads))].sort();
  await refreshRuleStatistics(db);
  const evaluate = () => withTenant(db, TENANT, (tx) => runSignals(tx, ctx, { trigger: 'cli' }));
  const first = await evaluate();
  const runs: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) runs.push(await timeIt(evaluate));
  const scans: number[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    scans.push(await timeIt(() => withTenant(db, TENANT, async (tx) => {
      for (const t of tables) await sql`select count(*) from ${sql.table(t)}`.execute(tx);
    })));
  }
  const subjects = first.rules.reduce((n, r) => n + r.found, 0);
  await database.close();
  const medianMs = median(runs);
  const scanMs = median(scans);
  process.stderr.write(`eerste evaluatie: ${first.rules.map((r) => `${r.ruleId}=${r.found}`).join(', ')}\n`);
  return {
    bench: 'signals',
    size: options.size,
    db: database.kind,
    rules: first.rules.length,
    subjects,
    median_ms: round(medianMs),
    scan_ms: round(scanMs),
    ratio: round(medianMs / scanMs),
  };
}
