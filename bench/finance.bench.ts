import { withTenant } from '../src/db/tenancy.js';
import { listBudgetLines, listLineProviders } from '../src/modules/finance/forecast.service.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const RUNS = 15;

/** The budget page (every line's realisation and forecast) and the providers of its largest line, on the demo population. */
export async function financeBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const today = todayInAmsterdam();
  const year = Number(today.slice(0, 4));
  const lines = await withTenant(database.db, TENANT, (tx) => listBudgetLines(tx, { year, today }));
  const largest = [...lines].sort((a, b) => b.allocations - a.allocations)[0]!;
  const linesMs: number[] = [];
  const providersMs: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    linesMs.push(await timeIt(() => withTenant(database.db, TENANT, (tx) => listBudgetLines(tx, { year, today }))));
    providersMs.push(await timeIt(() => withTenant(database.db, TENANT, (tx) => listLineProviders(tx, { code: largest.code, year, today }))));
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
  };
}
