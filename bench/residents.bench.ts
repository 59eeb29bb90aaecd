import { sql } from 'kysely';
import { withTenant } from '../src/db/tenancy.js';
import { demoBsn } from '../src/modules/residents/bsn.js';
import { searchResidents } from '../src/modules/residents/resident.service.js';
import type { AuditContext } from '../src/platform/audit/audit.service.js';
import { benchDatabase, median, round, timeIt, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const ROUNDS = 60;

/**
 * Resident search as the KCC uses it (service + audit record, in a tenant transaction), by name,
 * postcode and BSN, against a plain count of the residents table measured in the same run.
 */
export async function residentSearchBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const { db } = database;
  const ctx: AuditContext = { traceId: '0'.repeat(31) + '1', parentSpanId: null, actor: null, tenantId: TENANT };
  const sample = await withTenant(db, TENANT, (tx) =>
    tx.selectFrom('residents').select(['family_name', 'postcode']).orderBy('id').limit(ROUNDS).execute(),
  );
  const residents = await withTenant(db, TENANT, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from residents`.execute(tx)).rows[0]!.n);
  const measure = async (queries: string[]) => {
    const times: number[] = [];
    for (const q of queries) times.push(await timeIt(() => withTenant(db, TENANT, (tx) => searchResidents(tx, ctx, { q, limit: 25, allowBsn: true }))));
    return median(times);
  };
  const scan = [] as number[];
  for (let i = 0; i < 15; i += 1) {
    scan.push(await timeIt(() => withTenant(db, TENANT, (tx) => sql`select count(*) from residents`.execute(tx))));
  }
  const byName = await measure(sample.map((r) => r.family_name.slice(0, 5)));
  const byPostcode = await measure(sample.map((r) => r.postcode));
  const byBsn = await measure(sample.map((_, i) => demoBsn(i * 7)));
  await database.close();
  const scanMs = median(scan);
  return {
    bench: 'residents',
    size: options.size,
    db: database.kind,
    residents,
    rounds: ROUNDS,
    name_median_ms: round(byName),
    postcode_median_ms: round(byPostcode),
    bsn_median_ms: round(byBsn),
    scan_ms: round(scanMs),
    name_ratio: round(byName / scanMs),
  };
}
