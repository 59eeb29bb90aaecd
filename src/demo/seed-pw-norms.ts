import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { PopulationSize } from './population.js';
import { withTenant } from '../db/tenancy.js';
import { addDays, addMonths } from '../platform/calendar.js';
import type { AssetLimits, NormAmount, NormPeriod, NormTable } from '../modules/participatiewet/pw.norms.data.js';
import { validateNormTable } from '../modules/participatiewet/pw.norms.js';
import { insertVersionRow, listVersionRows } from '../modules/participatiewet/pw.norms.repository.js';
import { currentNormTable, ensureShippedNormTable } from '../modules/participatiewet/pw.norms.service.js';

// The shipped norm table holds the amounts that could be verified offline (2025). The demo runs on
// today's date, so without more it could not calculate a single month of the current year. The demo
// therefore stores a second version that carries the last shipped amounts forward, half year by half
// year, up to the half year after today, every amount marked K (assumption) and every period named
// DEMO-… with a source that says so. A real municipality adds the official half years instead
// (Beheer → Bijstandsnormen, or the xlsx import); the demo's version shows the same screens that do.

export const DEMO_NORMS_NOTE =
  'Demo-aanname: de bedragen van de laatste meegeleverde periode ongewijzigd doorgetrokken tot na vandaag, omdat de officiële normen van latere halve jaren offline niet beschikbaar waren. Niet gebruiken voor echte besluiten.';

const assumed = (amount: NormAmount): NormAmount => ({ ...amount, status: 'K' });

/** The half year (1 Jan or 1 Jul) that follows the one `date` lies in. */
function nextHalfYearStart(date: string): string {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) <= 6 ? `${year}-07-01` : `${year + 1}-01-01`;
}

/** The shipped table carried forward to cover `today` and the following half year; null when it already does. */
export function demoNormTable(shipped: NormTable, today: string): NormTable | null {
  const until = addDays(nextHalfYearStart(nextHalfYearStart(today)), -1);
  const periods = [...shipped.periods];
  const assetLimits = [...shipped.assetLimits];
  const lastPeriod = periods.at(-1)!;
  while (periods.at(-1)!.validUntil < until) {
    const from = addDays(periods.at(-1)!.validUntil, 1);
    const half = from.slice(5, 7) === '01' ? 'H1' : 'H2';
    const period: NormPeriod = {
      ...lastPeriod,
      id: `DEMO-${from.slice(0, 4)}-${half}`,
      validFrom: from,
      validUntil: addDays(addMonths(from, 6), -1),
      source: `DEMO-AANNAME: de bedragen van ${lastPeriod.id} ongewijzigd; de officiële normen voor deze periode waren offline niet beschikbaar.`,
      norms: Object.fromEntries(Object.entries(lastPeriod.norms).map(([key, amount]) => [key, assumed(amount)])) as NormPeriod['norms'],
      aowAge: { ...lastPeriod.aowAge, status: 'K' },
      art22aLid3: { ...lastPeriod.art22aLid3, status: 'K' },
      inrichtingVerhoging: { ...lastPeriod.inrichtingVerhoging, status: 'K' },
      workExemptions: {
        art31n: { ...lastPeriod.workExemptions.art31n, status: 'K' },
        art31r: { ...lastPeriod.workExemptions.art31r, status: 'K' },
        art31y: { ...lastPeriod.workExemptions.art31y, status: 'K' },
      },
      oudedagsvoorziening: { ...lastPeriod.oudedagsvoorziening, status: 'K' },
    };
    periods.push(period);
  }
  const lastLimits = assetLimits.at(-1)!;
  while (assetLimits.at(-1)!.validUntil < until) {
    const year = assetLimits.at(-1)!.year + 1;
    const limits: AssetLimits = {
      ...lastLimits,
      year,
      validFrom: `${year}-01-01`,
      validUntil: `${year}-12-31`,
      status: 'K',
      source: `DEMO-AANNAME: de vermogensgrenzen van ${lastLimits.year} ongewijzigd; die van ${year} waren offline niet beschikbaar.`,
    };
    assetLimits.push(limits);
  }
  if (periods.length === shipped.periods.length && assetLimits.length === shipped.assetLimits.length) return null;
  const table: NormTable = { version: `${shipped.version}+demo-${until.slice(0, 7)}`, periods, assetLimits };
  validateNormTable(table);
  return table;
}

/**
 * The shipped Participatiewet norm table as version 1 of the municipality's table, and in the demo and
 * maastricht sizes a second version that covers today (see above); nothing when the municipality has
 * more than the shipped one.
 */
export async function seedPwNorms(db: Kysely<DB>, options: { tenantId: string; size: PopulationSize; today: string }): Promise<void> {
  const { tenantId, today } = options;
  await withTenant(db, tenantId, async (tx) => {
    await ensureShippedNormTable(tx, tenantId);
    // The small size is the tests' fixture: its tests add (and refuse) half years themselves, on fixed dates.
    if (options.size === 'small') return;
    const versions = await listVersionRows(tx);
    if (versions.length !== 1) return;
    const table = demoNormTable(await currentNormTable(tx, tenantId), today);
    if (table) await insertVersionRow(tx, { tenantId, version: 2, data: table, importedBy: null, note: DEMO_NORMS_NOTE });
  });
}
