import { withTenant } from '../src/db/tenancy.js';
import { listBudgetLines, listLineProviders, listProviderAllocations } from '../src/modules/finance/forecast.service.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const RUNS = 15;

/** The budget page (every line's realisation and forecast), the providers of its largest line and the allocations of its largest provider, on the demo population. */
export async function financeBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const today = todayInAmsterdam();
  const year = Number(today.slice(0, 4));
  const lines = await withTenant(database.db, TENANT, (tx) => listBudgetLines(tx, { year, today }));
  const largest = [...lines].sort((a, b) => b.allocations - a.allocations)[0]!;
  const linesMs: number[] = [];
  const providersMs: number[] = [];
  const allocationsMs: number[] = [];
  // The provider with the most allocations on that line (as the finance employee: no names, but logged).
  const shown = await withTenant(database.db, TENANT, (tx) => listLineProviders(tx, { code: largest.code, year, today }));
  const provider = [...shown.providers].sort((a, b) => (b.allocations ?? 0) - (a.allocations ?? 0))[0]!;
  const user = await withTenant(database.db, TENANT, (tx) => tx.selectFrom('users').select('id').where('username', '=', 'financien').executeTakeFirstOrThrow());
  const ctx = { traceId: '0'.repeat(31) + '5', parentSpanId: null, actor: null, tenantId: TENANT, actorId: user.id };
  for (let i = 0; i < RUNS; i += 1) {
    linesMs.push(await timeIt(() => withTenant(database.db, TENANT, (tx) => listBudgetLines(tx, { year, today }))));
    providersMs.push(await timeIt(() => withTenant(database.db, TENANT, (tx) => listLineProviders(tx, { code: largest.code, year, today }))));
    allocationsMs.push(await timeIt(() => withTenant(database.db, TENANT, (tx) => listProviderAllocations(tx, ctx, { code: largest.code, providerId: provider.providerId, year, today }))));
  }
  await database.close();
  return {
    bench: 'finance',
    size: options.size,
    db: database.kind,
    allocations: lines.reduce((n, l) => n + l.allocations, 0),
    largest_line_allocations: largest.allocations,
    budget_lines_median_ms: round(median(linesMs)),
    line_providers_median_ms: round(median(providersMs)),
    provider_allocations: provider.allocations,
    provider_allocations_median_ms: round(median(allocationsMs)),
  };
}
