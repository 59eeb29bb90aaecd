import { openDatabase, type Database } from '../src/db/database.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { settleAfterBulkLoad } from '../src/db/maintenance.js';
import { seedDemo } from '../src/demo/seed.js';
import type { PopulationSize } from '../src/demo/population.js';
import { createProgress } from '../src/cli/progress.js';

export interface BenchOptions {
  size: PopulationSize;
  seed: number;
}

/**
 * A database with the demo data of the given size: in-memory PGlite, or DATABASE_URL (seeded additively).
 * `providerMessages: false` leaves out the providers' year of 305s and 323s (a benchmark that sends its own).
 */
export async function benchDatabase(options: BenchOptions, seed: { providerMessages?: boolean } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  // The pool a server start would have (DATABASE_POOL_SIZE, else twice the cores).
  const database = url ? await openDatabase({ kind: 'postgresql', url, maxConnections: loadConfig().databasePoolSize }) : await openDatabase({ kind: 'pglite' });
  await migrateToLatest(database.db);
  const progress = new Map<string, (d: number, t: number) => void>();
  await seedDemo(database.db, {
    size: options.size,
    seed: options.seed,
    withUsers: true,
    ...(seed.providerMessages === false ? { providerMessages: false } : {}),
    onProgress: ({ tenantId, done, total }) => {
      if (!progress.has(tenantId)) progress.set(tenantId, createProgress(`seed ${tenantId}`));
      progress.get(tenantId)!(done, total);
    },
  });
  // As `koers seed` does after a load (and autovacuum later): fresh statistics, a visibility map.
  await settleAfterBulkLoad(database.db);
  return database;
}

export function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const round = (n: number): number => Math.round(n * 100) / 100;

/** The nearest-rank percentile (p in 0–100] of the samples: a value that was measured, never interpolated. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A bench that cannot run on this database (e.g. a data set that is not loaded): the message says what to do. */
export class BenchRefusal extends Error {}
