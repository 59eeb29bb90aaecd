// A realistic year of Wmo for a demo municipality: KCC contacts with callbacks, contact persons,
// cases (zaken) in every status with their events, Positieve Gezondheid conversations, decisions
// (beschikkingen) with four-eyes approval, allocations (toewijzingen) to contracted providers with
// their segments, commitments per budget year and the commitment history.
//
// Runs after seedDemo has loaded the municipality's residents, users, teams, catalogue, providers
// and case types. Everything is generated in memory from the seeded PRNG and inserted in batches,
// so the 'maastricht' size stays fast on PGlite (no per-row round trips).
//
// Audit: this is synthetic demo data, not a processing of real personal data, so no audit_log
// records are written (the Logboek Dataverwerkingen records what users do with real records).
//
// The work is split into phases under ./wmo/, each handed explicit context: distributions.ts (the
// proportions with their SOURCES AND ASSUMPTIONS), context.ts (residents, products, providers),
// staff.ts, calendar.ts, plan.ts with case-plan.ts and scenarios.ts (the plans), rows.ts with
// allocation-rows.ts and conversation-rows.ts, and contacts.ts (KCC contacts and callbacks). The
// phases draw from one seeded stream in a fixed order: reordering them changes the generated data.

import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant, type Tx } from '../db/tenancy.js';
import { createRandom } from './random.js';
import type { PlanContext } from './wmo/case-plan.js';
import { seedCalendar } from './wmo/calendar.js';
import { kccContacts } from './wmo/contacts.js';
import { loadApprovalThreshold, loadCatalogue } from './wmo/context.js';
import { CASE_TYPE } from './wmo/distributions.js';
import { clock, mixSeed, uuidStream } from './wmo/helpers.js';
import { chooseClients, planCaseload } from './wmo/plan.js';
import { assignmentRows, caseRows } from './wmo/rows.js';
import { assignScenarios } from './wmo/scenarios.js';
import { loadTeams, recruitStaff } from './wmo/staff.js';
import { WMO_SEED_TABLES, type SeedRun, type WmoSeedOptions, type WmoSeedReport, type WmoSeedTable } from './wmo/types.js';

export { WMO_SEED_TABLES, type WmoSeedOptions, type WmoSeedReport, type WmoSeedSize, type WmoSeedTable, type WmoTenantId } from './wmo/types.js';

const BATCH = 1000;

function emptyCounts(): Record<WmoSeedTable, number> {
  return Object.fromEntries(WMO_SEED_TABLES.map((t) => [t, 0])) as Record<WmoSeedTable, number>;
}

/**
 * Adds a realistic year of Wmo to a seeded demo municipality (see the file header). Idempotent: a
 * municipality that already has cases is left alone. Writes no audit records (synthetic data).
 */
export async function seedWmo(db: Kysely<DB>, options: WmoSeedOptions): Promise<WmoSeedReport> {
  const started = Date.now();
  const { tenantId, size, seed, today } = options;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be yyyy-mm-dd, got ${today}`);
  const counts = emptyCounts();
  const report = (skipped: boolean, message: string, clients: number): WmoSeedReport => ({
    tenantId,
    skipped,
    message,
    clients,
    inserted: counts,
    durationMs: Date.now() - started,
  });

  return withTenant(db, tenantId, async (tx) => {
    const existing = await tx.selectFrom('cases').select('id').limit(1).executeTakeFirst();
    if (existing) return report(true, `${tenantId} heeft al zaken; er is niets toegevoegd.`, 0);
    if (!(await tx.selectFrom('case_types').select('code').where('code', '=', CASE_TYPE).executeTakeFirst())) {
      return report(true, `${tenantId} heeft geen zaaktype ${CASE_TYPE}; er is niets toegevoegd.`, 0);
    }
    const run: SeedRun = {
      tenantId,
      size,
      today,
      random: createRandom(mixSeed(seed, `${tenantId}:wmo`)),
      newId: uuidStream(createRandom(mixSeed(seed, `${tenantId}:wmo:ids`))),
      at: clock(),
    };

    // --- context ---------------------------------------------------------------------------
    const catalogue = await loadCatalogue(tx, run.random, today);
    if (catalogue.grantable.length === 0) return report(true, `${tenantId} heeft geen gecontracteerde Wmo-producten; er is niets toegevoegd.`, 0);
    const threshold = await loadApprovalThreshold(tx);

    // --- staff -----------------------------------------------------------------------------
    const teams = await loadTeams(tx);
    if (teams.areaTeamIds.length === 0) return report(true, `${tenantId} heeft geen gebiedsteams; er is niets toegevoegd.`, 0);
    const staff = await recruitStaff(tx, run, teams, catalogue.residents);

    // --- plan all cases ----------------------------------------------------------------------
    const calendar = seedCalendar(run);
    const clients = chooseClients(run, catalogue.residents);
    const forced = assignScenarios(run, staff, clients);
    const planContext: PlanContext = { run, catalogue, calendar, threshold };
    const caseload = planCaseload(planContext, staff, clients, forced);

    // --- rows --------------------------------------------------------------------------------
    const rows = caseRows({ run, catalogue, clients, teamLead: staff.teamLead, references: caseload.references }, caseload.plans);
    const { contactRows, callbackRows } = kccContacts({ run, calendar, catalogue, staff, clients, caseload });

    // --- write -------------------------------------------------------------------------------
    const insert = batchInserter(tx, counts, options.onProgress);
    await insert('users', staff.newUsers);
    await insert('team_members', staff.newMembers);
    await insert('contact_person_assignments', assignmentRows(run, clients, caseload.assignments));
    await insert('cases', rows.caseRows);
    await insert('case_events', rows.eventRows);
    await insert('conversations', rows.conversationRows);
    await insert('kcc_contacts', contactRows);
    await insert('callback_tasks', callbackRows);
    await insert('decisions', rows.decisionRows);
    await insert('decision_lines', rows.lineRows);
    await insert('allocations', rows.allocationRows);
    await insert('allocation_segments', rows.segmentRows);
    await insert('allocation_commitments', rows.commitmentRows);
    await insert('commitment_changes', rows.changeRows);
    return report(false, `${tenantId}: ${clients.length} Wmo-cliënten, ${rows.caseRows.length} zaken, ${rows.allocationRows.length} toewijzingen.`, clients.length);
  });
}

/** Inserts rows in batches (no per-row round trips), counting them and reporting progress. */
function batchInserter(tx: Tx, counts: Record<WmoSeedTable, number>, onProgress: WmoSeedOptions['onProgress']) {
  return async <T extends WmoSeedTable>(table: T, rows: Insertable<DB[T]>[]) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      // Kysely cannot narrow the table union here; the row type is tied to `table` by the signature.
      await tx.insertInto(table).values(rows.slice(i, i + BATCH) as never).execute();
      counts[table] += Math.min(BATCH, rows.length - i);
      onProgress?.({ step: table, done: Math.min(i + BATCH, rows.length), total: rows.length });
    }
  };
}
