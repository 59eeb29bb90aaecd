import { createHash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ResidentTable } from '../modules/residents/resident.tables.js';
import { withTenant } from '../db/tenancy.js';
import { AppError } from '../platform/errors.js';
import { hashPassword } from '../platform/auth/password.js';
import { insertUser } from '../platform/auth/user.repository.js';
import { upsertTenant } from '../modules/tenants/tenant.repository.js';
import { forgetTenants } from '../modules/tenants/tenant.service.js';
import { residentSearchText } from '../modules/residents/resident.names.js';
import { maastrichtProgramme } from './programme.data.js';
import { findCurrentProgramme } from '../modules/programme/programme.repository.js';
import { loadProgramme } from '../modules/programme/programme.service.js';
import { demoMunicipalities, type DemoMunicipality } from './geography.js';
import { generatePopulation, populationCount, type PopulationSize } from './population.js';
import { seedCatalogue } from './seed-catalogue.js';
import { seedTeams } from './seed-teams.js';
import { seedCaseTypes } from './seed-case-types.js';
import { seedWmo } from './seed-wmo.js';
import { seedMessages, type MessageCounts } from './seed-messages.js';
import { schemasFor } from '../modules/exchange/exchange.config.js';
import { seedPw } from './seed-pw.js';
import { seedPwNorms } from './seed-pw-norms.js';
import { seedPwApplications } from './seed-pw-applications.js';
import { seedSpecialAssistance } from './seed-special-assistance.js';
import { seedControls } from './seed-controls.js';
import { seedDebt } from './seed-debt.js';
import { seedYouthAndIncome } from './seed-youth-income.js';
import { fitBudgetsToCommitments } from './seed-budgets.js';
import { todayInAmsterdam } from '../platform/time.js';
import { loadShippedFrameworks } from '../modules/controls/framework.service.js';

export const DEMO_REGION = 'Zuid-Limburg';
export const DEMO_PASSWORD = 'demo';

/** The demo users of every demo municipality (README lists them). */
export const demoUsers = [
  { username: 'kcc', displayName: 'Karin Coenen (KCC)', roles: ['kcc'] },
  { username: 'consulent', displayName: 'Bram Hermans (consulent Wmo)', roles: ['consultant'] },
  { username: 'teamleider', displayName: 'Ingrid Smeets (teamleider)', roles: ['team_lead'] },
  // A second team lead: four eyes on a provider's request that one team lead proposed.
  { username: 'teamleider2', displayName: 'Jos Ramaekers (teamleider)', roles: ['team_lead'] },
  { username: 'beleid', displayName: 'Youssef El Amrani (beleid)', roles: ['policy'] },
  { username: 'financien', displayName: 'Marieke Peeters (financiën)', roles: ['finance'] },
  { username: 'budgethouder', displayName: 'Ton Vroemen (budgethouder)', roles: ['budget_holder'] },
  { username: 'controller', displayName: 'Petra Lemmens (controller)', roles: ['controller'] },
  { username: 'beheerder', displayName: 'Ruud Dassen (functioneel beheer)', roles: ['admin'] },
  { username: 'auditor', displayName: 'Sanne Ramakers (privacy-auditor)', roles: ['auditor'] },
  { username: 'programmamanager', displayName: 'Jeroen Hendrikx (programmamanager DSD)', roles: ['programme_manager'] },
  { username: 'contractmanager', displayName: 'Linda Janssen (contractmanager)', roles: ['contractmanager'] },
  { username: 'wethouder', displayName: 'Hanneke Bemelmans (wethouder Zorg en Welzijn)', roles: ['portfolio_holder'] },
  { username: 'archivaris', displayName: 'Mieke Brouwers (archivaris)', roles: ['archivist'] },
] as const;

export interface SeedOptions {
  size: PopulationSize;
  seed: number;
  /** Also create the demo users with password `demo` (never in production). */
  withUsers: boolean;
  /** Ages in the generated population are computed against this date, so a seed stays reproducible. */
  referenceDate?: string;
  /**
   * What to do when a municipality already has residents of another size: 'keep' them (koers demo,
   * every start) or 'refuse' (koers seed): two generated populations never mix.
   */
  existing?: 'keep' | 'refuse';
  /** Only these municipalities (tenant ids); all demo municipalities when absent (a test loads one). */
  municipalities?: readonly string[];
  onProgress?: (progress: { tenantId: string; done: number; total: number }) => void;
  onWmoProgress?: (progress: { tenantId: string; step: string; done: number; total: number }) => void;
  /** The iStandaarden XSD folder (KOERS_ISTANDAARDEN_DIR): the providers' messages are checked as in the application. */
  istandaardenDir?: string;
  /**
   * The providers' history through the intake (305s, a year of 323s; seed-messages.ts); true when
   * absent. False leaves the toewijzingen unnumbered and nothing received, e.g. for a benchmark that
   * sends its own year of declarations.
   */
  providerMessages?: boolean;
}

export interface SeedReport {
  tenants: { id: string; residentsInserted: number; residentsTotal: number; usersCreated: number; messages: MessageCounts }[];
}

const BATCH = 1000;

/** A stable UUID for a generated household, so the same seed gives the same ids. */
function householdUuid(tenantId: string, size: PopulationSize, seed: number, key: string): string {
  const hex = createHash('sha1').update(`${tenantId}:${size}:${seed}:${key}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Loads the demo municipalities: tenants, areas, (optionally) users and a synthetic population.
 * Additive and idempotent: existing users and BSNs are kept, so `small` then `maastricht` grows.
 */
export async function seedDemo(db: Kysely<DB>, options: SeedOptions): Promise<SeedReport> {
  const report: SeedReport = { tenants: [] };
  for (const municipality of demoMunicipalities.filter((m) => !options.municipalities || options.municipalities.includes(m.tenantId))) {
    await upsertTenant(db, { id: municipality.tenantId, name: municipality.name, region: DEMO_REGION });
    forgetTenants(db);
    await withTenant(db, municipality.tenantId, (tx) =>
      tx
        .insertInto('areas')
        .values(municipality.areas.map((a) => ({ tenant_id: municipality.tenantId, code: a.code, name: a.name })))
        .onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
        .execute(),
    );
    const usersCreated = options.withUsers ? await seedUsers(db, municipality.tenantId) : 0;
    // The Duurzaam Sociaal Domein programme is Maastricht's own; other municipalities import theirs.
    if (municipality.tenantId === 'GM0935') await seedProgramme(db, municipality.tenantId);
    await seedCatalogue(db, municipality, DEMO_REGION, options.size);
    await seedTeams(db, municipality);
    await seedCaseTypes(db, municipality.tenantId);
    const inserted = await seedResidents(db, municipality, options);
    // A year of Wmo work (cases, contacts, decisions, allocations) up to today; skipped when cases exist.
    await seedWmo(db, {
      tenantId: municipality.tenantId,
      size: options.size,
      seed: options.seed,
      today: todayInAmsterdam(),
      ...(options.onWmoProgress ? { onProgress: (p: { step: string; done: number; total: number }) => options.onWmoProgress!({ tenantId: municipality.tenantId, ...p }) } : {}),
    });
    // The default demo also shows Jeugd and bijzondere bijstand casework (before the declarations, which follow the allocations).
    // Only with a population of this size loaded now: an existing set of another size is left as it is.
    if (options.size === 'demo' && inserted > 0) await seedYouthAndIncome(db, { tenantId: municipality.tenantId, seed: options.seed, today: todayInAmsterdam() });
    // The providers' start of care (305) and a year of declarations (323), through the message intake.
    const messages = await seedMessages(db, {
      process: options.providerMessages ?? true,
      tenantId: municipality.tenantId,
      seed: options.seed,
      today: todayInAmsterdam(),
      schemas: schemasFor(options.istandaardenDir),
      ...(options.onWmoProgress ? { onProgress: (p: { step: string; done: number; total: number }) => options.onWmoProgress!({ tenantId: municipality.tenantId, ...p }) } : {}),
    });
    // The Participatiewet norm table (issue #11): the shipped one as version 1, and a demo version that
    // covers today (seed-pw-norms.ts); kept when the municipality has added its own.
    await seedPwNorms(db, { tenantId: municipality.tenantId, size: options.size, today: todayInAmsterdam() });
    // The control frameworks Koers ships (issue #13 §1), as version 1; kept when the municipality has its own.
    await withTenant(db, municipality.tenantId, (tx) => loadShippedFrameworks(tx, municipality.tenantId));
    // The Pw population: benefits, income statements, claims and two years of payment runs.
    await seedPw(db, { tenantId: municipality.tenantId, size: options.size, seed: options.seed, today: todayInAmsterdam() });
    await seedPwApplications(db, { tenantId: municipality.tenantId, today: todayInAmsterdam() });
    // Bijzondere bijstand: the case type, the cost categories and a few applications through the intake.
    await seedSpecialAssistance(db, { tenantId: municipality.tenantId, today: todayInAmsterdam(), size: options.size });
    await seedControls(db, { tenantId: municipality.tenantId, today: todayInAmsterdam() });
    await seedDebt(db, { tenantId: municipality.tenantId, today: todayInAmsterdam() });
    // Only on the first load: a budget someone changed afterwards stays as it is.
    if (options.size === 'demo' && inserted > 0) await fitBudgetsToCommitments(db, { tenantId: municipality.tenantId, today: todayInAmsterdam() });
    const total = await withTenant(db, municipality.tenantId, async (tx) =>
      Number((await tx.selectFrom('residents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
    );
    report.tenants.push({ id: municipality.tenantId, residentsInserted: inserted, residentsTotal: total, usersCreated, messages });
  }
  return report;
}

async function seedProgramme(db: Kysely<DB>, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    if (!(await findCurrentProgramme(tx))) await loadProgramme(tx, { tenantId, data: maastrichtProgramme, replace: false, actor: null });
  });
}

async function seedUsers(db: Kysely<DB>, tenantId: string): Promise<number> {
  const existing = await withTenant(db, tenantId, (tx) => tx.selectFrom('users').select('username').execute());
  const missing = demoUsers.filter((u) => !existing.some((e) => e.username === u.username));
  const hashes = await Promise.all(missing.map(() => hashPassword(DEMO_PASSWORD)));
  await withTenant(db, tenantId, async (tx) => {
    for (const [i, user] of missing.entries()) {
      await insertUser(tx, { tenantId, username: user.username, displayName: user.displayName, roles: [...user.roles], passwordHash: hashes[i]! });
    }
  });
  return missing.length;
}

async function seedResidents(db: Kysely<DB>, municipality: DemoMunicipality, options: SeedOptions): Promise<number> {
  const tenantId = municipality.tenantId;
  const total = populationCount({ tenantId, size: options.size });
  const present = await withTenant(db, tenantId, async (tx) =>
    Number((await tx.selectFrom('residents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n),
  );
  if (present > 0) {
    // The same BSN is another person in another size; mixing them would scatter households.
    if (present === total || options.existing !== 'refuse') return 0;
    throw new AppError(
      'CONFLICT',
      `${municipality.name} heeft al ${present} inwoners uit een andere demoset. Laad '${options.size}' in een lege database (nieuwe KOERS_DATA_DIR of DATABASE_URL).`,
    );
  }
  const population = generatePopulation({
    tenantId,
    size: options.size,
    seed: options.seed,
    referenceDate: options.referenceDate ?? '2026-01-01',
  });
  let batch: Insertable<ResidentTable>[] = [];
  let done = 0;
  let inserted = 0;
  const flush = async () => {
    const rows = batch;
    batch = [];
    inserted += await withTenant(db, tenantId, async (tx) => {
      const result = await tx
        .insertInto('residents')
        .values(rows)
        .onConflict((oc) => oc.columns(['tenant_id', 'bsn']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    });
    done += rows.length;
    options.onProgress?.({ tenantId, done, total });
  };
  for (const person of population) {
    batch.push({
      tenant_id: tenantId,
      bsn: person.bsn,
      given_name: person.givenName,
      surname_prefix: person.surnamePrefix,
      family_name: person.familyName,
      birth_date: person.birthDate,
      gender: person.gender,
      street: person.street,
      house_number: person.houseNumber,
      house_letter: person.houseLetter,
      house_number_addition: null,
      postcode: person.postcode,
      city: person.city,
      area_code: person.areaCode,
      household_id: householdUuid(tenantId, options.size, options.seed, person.householdKey),
      search_text: residentSearchText(person),
    });
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  return inserted;
}
