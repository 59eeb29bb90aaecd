// `koers seed --size limburg`: the 31 municipalities of the province of Limburg on one installation
// (issue #17 §1). Per municipality: the tenant, its areas (Maastricht's real wijken from geography.ts,
// elsewhere numbered areas), the catalogue, teams and staff as in the demo, then residents in households
// and several years of Wmo, Jeugd and bijzondere-bijstand cases, decisions, allocations and KCC contacts,
// all set-based in SQL (province/residents.ts, province/casework.ts), each batch its own transaction
// with the tenant pinned (withTenant: forced RLS holds during the load as in the application).
//
// Reproducible: every value is drawn from md5 of the seed, the municipality and a row key; ids are md5
// too. Resumable: every insert skips rows that exist, and a phase whose rows are complete is skipped.
// Audit: synthetic data, so no audit_log records (as seed-wmo.ts).

import { uuidFromMd5 } from './province/sql-random.js';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { AppError } from '../platform/errors.js';
import { hashPassword } from '../platform/auth/password.js';
import { upsertTenant } from '../modules/tenants/tenant.repository.js';
import { forgetTenants } from '../modules/tenants/tenant.service.js';
import { loadShippedFrameworks } from '../modules/controls/framework.service.js';
import { demoMunicipality } from './geography.js';
import { limburgMunicipalities, type ProvinceMunicipality } from './limburg.data.js';
import { householdsFor, insertResidentBatch, MAX_HOUSEHOLD, type AreaPlan } from './province/residents.js';
import { insertCasework, insertContacts, type ProvinceLaw } from './province/casework.js';
import { seedCaseTypes } from './seed-case-types.js';
import { seedCatalogue } from './seed-catalogue.js';
import { seedTeams } from './seed-teams.js';
import { DEMO_PASSWORD, demoUsers } from './seed.js';

/** Tenants of the province set share the region, so Maastricht's region-wide contracts serve all 31. */
export const PROVINCE_REGION = 'Limburg';
/** The years of casework. */
export const PROVINCE_YEARS = [2023, 2024, 2025, 2026] as const;
/** About 50,000 residents per statement. */
const HOUSEHOLDS_PER_BATCH = 24_000;
/** Numbered areas elsewhere: one per about 7,000 inhabitants, 2 to 20. */
const INHABITANTS_PER_AREA = 7_000;
/**
 * One consultant per about 1,000 residents [K: own estimate: the maastricht size's 40 Wmo consultants
 * for about 122,000 residents (wmo/distributions.ts), and about as many again for Jeugd and for the
 * Participatiewet]. With one per area, as before, a consultant had 400 to 1,900 open cases, and the
 * bench's "my cases" was no consultant's real list.
 */
const RESIDENTS_PER_CONSULTANT = 1_000;
/** The demo budgets (seed-catalogue.ts) are Maastricht's, for 125,000 inhabitants; others get their share. */
const MAASTRICHT_BUDGET_POPULATION = 125_000;

export interface ProvinceSeedOptions {
  seed: number;
  /** Share of the real population to load: 1 for the province (1.13 million), 0.001 for a test. */
  scale?: number;
  /** Only these municipalities (tenant ids); all 31 when absent. BSNs stay those of the full set. */
  municipalities?: readonly string[];
  /** yyyy-mm-dd: casework up to this day. */
  today: string;
  /** yyyy-mm-dd on which ages are counted. */
  referenceDate?: string;
  onProgress?: (line: string) => void;
}

export interface ProvinceTenantReport {
  tenantId: string;
  name: string;
  residents: number;
  households: number;
  cases: number;
  events: number;
  decisions: number;
  allocations: number;
  contacts: number;
  ms: number;
}

/** The population loaded for a municipality at a scale (at least 1 resident). */
export function scaledPopulation(municipality: ProvinceMunicipality, scale: number): number {
  return Math.max(1, Math.round(municipality.population * scale));
}

/** The first BSN index of each municipality: blocks of 6 per possible household, in the fixed order. */
function bsnOffsets(scale: number): Map<string, number> {
  const offsets = new Map<string, number>();
  let next = 0;
  for (const m of limburgMunicipalities) {
    offsets.set(m.tenantId, next);
    next += MAX_HOUSEHOLD * scaledPopulation(m, scale);
  }
  if (next > 9_000_000) throw new RangeError(`scale ${scale} needs ${next} BSN indexes; 9,000,000 exist`);
  return offsets;
}

interface AreaSpec {
  code: string;
  name: string;
  weight: number;
  streets: readonly string[];
  postcodes: readonly number[];
}

const STREET_STEMS = ['Kerk', 'Molen', 'School', 'Beuken', 'Eiken', 'Linden', 'Berken', 'Kastanje', 'Dorp', 'Veld', 'Akker', 'Beek', 'Maas', 'Heide', 'Wilgen', 'Populieren', 'Esdoorn', 'Hazel', 'Vlier', 'Klooster'];
const STREET_KINDS = ['straat', 'weg', 'laan', 'pad', 'hof', 'singel'];
/** 120 generic street names (synthetic: not checked to exist in the municipality). */
const GENERIC_STREETS = STREET_KINDS.flatMap((kind) => STREET_STEMS.map((stem) => `${stem}${kind}`));

/** Maastricht keeps its seven real wijken; elsewhere 'Wijk 01' … with equal weights and synthetic PC4s. */
function areasOf(municipality: ProvinceMunicipality, index: number): AreaSpec[] {
  if (municipality.tenantId === 'GM0935') {
    return demoMunicipality('GM0935').areas.map((a) => ({ code: a.code, name: a.name, weight: a.inhabitants, streets: a.streets, postcodes: a.postcodes }));
  }
  const count = Math.min(20, Math.max(2, Math.round(municipality.population / INHABITANTS_PER_AREA)));
  const perArea = Math.floor(GENERIC_STREETS.length / count);
  return Array.from({ length: count }, (_, i) => ({
    code: `WK${municipality.tenantId.slice(2)}${String(i + 1).padStart(2, '0')}`,
    name: `Wijk ${String(i + 1).padStart(2, '0')}`,
    weight: 1,
    streets: GENERIC_STREETS.slice(i * perArea, (i + 1) * perArea),
    // Synthetic PC4s in Limburg's 58xx–65xx range, one per area.
    postcodes: [5800 + index * 25 + i],
  }));
}

/**
 * The area teams' consultants: per area one for about RESIDENTS_PER_CONSULTANT of its residents, at
 * least one. The first is `consulent-NN` (NN: the area code's last two digits), the others
 * `consulent-NN-2`, `consulent-NN-3`, …; the casework gives each client one of them (insertCasework).
 */
export function consultantsOf(areas: readonly Pick<AreaSpec, 'code' | 'name' | 'weight'>[], population: number): { username: string; display_name: string }[] {
  const total = areas.reduce((s, a) => s + a.weight, 0);
  return areas.flatMap((a) => {
    const count = Math.max(1, Math.round((population * a.weight) / total / RESIDENTS_PER_CONSULTANT));
    return Array.from({ length: count }, (_, i) => ({
      username: `consulent-${a.code.slice(-2)}${i === 0 ? '' : `-${i + 1}`}`,
      display_name: `Consulent ${a.name}${i === 0 ? '' : ` ${i + 1}`}`,
    }));
  });
}

/** Consecutive household numbers per area, in proportion to the weights. */
function areaPlans(areas: readonly AreaSpec[], households: number): AreaPlan[] {
  const total = areas.reduce((s, a) => s + a.weight, 0);
  let cumulative = 0;
  return areas.map((a) => {
    const first = Math.round((cumulative / total) * households);
    cumulative += a.weight;
    return { code: a.code, streets: a.streets, postcodes: a.postcodes, firstHousehold: first };
  });
}

/**
 * Loads the province set (see the file header); returns a report per municipality. Refuses nothing:
 * an existing province load is completed, not duplicated.
 */
export async function seedProvince(db: Kysely<DB>, options: ProvinceSeedOptions): Promise<ProvinceTenantReport[]> {
  const scale = options.scale ?? 1;
  const referenceDate = options.referenceDate ?? '2026-01-01';
  const say = options.onProgress ?? (() => {});
  const offsets = bsnOffsets(scale);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const reports: ProvinceTenantReport[] = [];
  for (const [index, municipality] of limburgMunicipalities.entries()) {
    if (options.municipalities && !options.municipalities.includes(municipality.tenantId)) continue;
    const started = Date.now();
    const { tenantId } = municipality;
    const areas = areasOf(municipality, index);
    const population = scaledPopulation(municipality, scale);
    await setUpMunicipality(db, municipality, areas, consultantsOf(areas, population), passwordHash);
    const base = `${options.seed}:${tenantId}`;
    const report: ProvinceTenantReport = { tenantId, name: municipality.name, residents: 0, households: 0, cases: 0, events: 0, decisions: 0, allocations: 0, contacts: 0, ms: 0 };
    const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

    const { households, lastSize } = await withTenant(db, tenantId, (tx) => householdsFor(tx, base, population));
    report.households = households;
    const present = await countRows(db, tenantId, 'residents');
    // Another data set's residents (a demo size, another scale) would mix two populations: refused, as seedDemo does.
    if (present > population || (present > 0 && !(await hasFirstResident(db, tenantId, base)))) {
      throw new AppError('CONFLICT', `${municipality.name} heeft al ${present} inwoners uit een andere dataset. Laad 'limburg' in een lege database (nieuwe KOERS_DATA_DIR of DATABASE_URL).`);
    }
    if (present < population) {
      const plans = areaPlans(areas, households);
      const city = municipality.name.replace(/ \(L\.\)$/, '');
      for (let from = 0; from < households; from += HOUSEHOLDS_PER_BATCH) {
        const to = Math.min(households, from + HOUSEHOLDS_PER_BATCH);
        report.residents += await withTenant(db, tenantId, (tx) =>
          insertResidentBatch(tx, { tenantId, base, city, areas: plans, from, to, lastHousehold: households - 1, lastHouseholdSize: lastSize, bsnOffset: offsets.get(tenantId)!, referenceDate }),
        );
        say(`${municipality.name} (${tenantId}): inwoners ${present + report.residents}/${population}, ${elapsed()}`);
      }
    }

    // Casework and contacts are complete when the last statement (the contacts of the last year) ran.
    if ((await countRows(db, tenantId, 'kcc_contacts')) === 0) {
      for (const year of PROVINCE_YEARS) {
        for (const law of ['wmo', 'jeugdwet', 'participatiewet'] as ProvinceLaw[]) {
          const counts = await withTenant(db, tenantId, (tx) => insertCasework(tx, { tenantId, base, part: municipality.part, law, year, today: options.today, referenceDate }));
          report.cases += counts.cases;
          report.events += counts.events;
          report.decisions += counts.decisions;
          report.allocations += counts.allocations;
          say(`${municipality.name} (${tenantId}): zaken ${law} ${year}: ${counts.cases} (${counts.allocations} toewijzingen), ${elapsed()}`);
        }
      }
      for (const year of PROVINCE_YEARS) {
        report.contacts += await withTenant(db, tenantId, (tx) => insertContacts(tx, { tenantId, base, year, today: options.today }));
      }
      say(`${municipality.name} (${tenantId}): ${report.contacts} KCC-contacten, ${elapsed()}`);
    }
    report.ms = Date.now() - started;
    reports.push(report);
  }
  return reports;
}

/** Whether this seed's first resident (household 0, member 1; its id is the md5 of its draws) is there: a load of this set, perhaps partial. */
async function hasFirstResident(db: Kysely<DB>, tenantId: string, base: string): Promise<boolean> {
  const { rows } = await withTenant(db, tenantId, (tx) => sql<{ found: boolean }>`select exists (select 1 from residents where id = ${uuidFromMd5(sql`md5(md5(${base} || ':p:0:1'))`)}) as found`.execute(tx));
  return rows[0]!.found;
}

async function countRows(db: Kysely<DB>, tenantId: string, table: 'residents' | 'kcc_contacts'): Promise<number> {
  return withTenant(db, tenantId, async (tx) => Number((await tx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n));
}

/** Tenant, areas, case types, catalogue (budgets in proportion to the population), teams and staff. */
async function setUpMunicipality(
  db: Kysely<DB>,
  municipality: ProvinceMunicipality,
  areas: readonly AreaSpec[],
  consultants: readonly { username: string; display_name: string }[],
  passwordHash: string,
): Promise<void> {
  const { tenantId } = municipality;
  await upsertTenant(db, { id: tenantId, name: municipality.name, region: PROVINCE_REGION });
  forgetTenants(db);
  await withTenant(db, tenantId, (tx) =>
    tx
      .insertInto('areas')
      .values(areas.map((a) => ({ tenant_id: tenantId, code: a.code, name: a.name })))
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name') })))
      .execute(),
  );
  // The demo users and the area teams' consultants (the bench logs in as them), all with password `demo`.
  const staff = [
    ...demoUsers.map((u) => ({ username: u.username, display_name: u.displayName, roles: [...u.roles] })),
    ...consultants.map((c) => ({ ...c, roles: ['consultant'] })),
  ];
  await withTenant(db, tenantId, async (tx) => {
    const inserted = await tx
      .insertInto('users')
      .values(staff.map((u) => ({ tenant_id: tenantId, ...u })))
      .onConflict((oc) => oc.columns(['tenant_id', 'username']).doNothing())
      .returning(['id'])
      .execute();
    if (inserted.length > 0) {
      await tx.insertInto('user_credentials').values(inserted.map((u) => ({ tenant_id: tenantId, user_id: u.id, password_hash: passwordHash }))).onConflict((oc) => oc.doNothing()).execute();
    }
  });
  await seedCaseTypes(db, tenantId);
  await seedCatalogue(db, { tenantId, areas }, PROVINCE_REGION, 'maastricht', municipality.population / MAASTRICHT_BUDGET_POPULATION);
  await seedTeams(db, { tenantId, areas });
  await withTenant(db, tenantId, async (tx) => {
    const teams = await tx.selectFrom('team_areas').innerJoin('users', (j) => j.onRef('users.tenant_id', '=', 'team_areas.tenant_id')).select(['team_areas.team_id', 'users.id', 'users.username', 'team_areas.area_code']).where('users.username', 'like', 'consulent-__%').execute();
    const members = teams.filter((t) => t.username.slice(10, 12) === t.area_code.slice(-2)).map((t) => ({ tenant_id: tenantId, team_id: t.team_id, user_id: t.id }));
    if (members.length > 0) await tx.insertInto('team_members').values(members).onConflict((oc) => oc.doNothing()).execute();
    await loadShippedFrameworks(tx, tenantId);
  });
}
