import type { Database } from '../db/database.js';
import { settleAfterBulkLoad } from '../db/maintenance.js';
import { limburgMunicipalities } from '../demo/limburg.data.js';
import { seedProvince } from '../demo/seed-province.js';
import { AppError } from '../platform/errors.js';
import { todayInAmsterdam } from '../platform/time.js';

/** `koers seed --size limburg`: loads (or completes) the province set, vacuums and analyses, reports rows and time. */
export async function seedLimburg(database: Database, options: { seed: number; scale: number; municipalities?: string[] | undefined }, say: (line: string) => void): Promise<void> {
  const unknown = (options.municipalities ?? []).filter((c) => !limburgMunicipalities.some((m) => m.tenantId === c));
  if (unknown.length > 0) throw new AppError('BAD_REQUEST', `Geen Limburgse gemeente: ${unknown.join(', ')}`);
  const started = Date.now();
  const reports = await seedProvince(database.db, {
    seed: options.seed,
    scale: options.scale,
    today: todayInAmsterdam(),
    ...(options.municipalities ? { municipalities: options.municipalities } : {}),
    onProgress: say,
  });
  const loaded = Date.now();
  // As autovacuum would later: fresh statistics, and a visibility map for index-only scans.
  await settleAfterBulkLoad(database.db);
  const analysed = Date.now();
  for (const r of reports) {
    say(`${r.tenantId} ${r.name}: ${r.residents} inwoners, ${r.cases} zaken, ${r.allocations} toewijzingen, ${r.contacts} contacten in ${(r.ms / 1000).toFixed(1)} s`);
  }
  say(`Limburg (seed ${options.seed}, schaal ${options.scale}) geladen in ${((loaded - started) / 1000).toFixed(1)} s; vacuum en analyze ${((analysed - loaded) / 1000).toFixed(1)} s`);
}
