// Factories: each test builds the data it reads or changes, through the public HTTP API where one
// exists, so that no test depends on rows an earlier test made or on the demo population. What the
// API cannot make (an employee, a team membership) is inserted with the municipality pinned, as the
// application does (`withTenant`): row-level security is forced, also for CI's owner role.
//
// Reference data stays shared: municipalities, case types, teams and areas, the product catalogue
// and the contracted providers come from the template, like they come from configuration in
// production. Demo residents and their cases are never used.
import { randomBytes, randomInt } from 'node:crypto';
import { withTenant } from '../../src/db/tenancy.js';
import { hashPassword } from '../../src/platform/auth/password.js';
import type { Role } from '../../src/platform/auth/roles.js';
import { isValidBsn } from '../../src/platform/elfproef.js';
import type { TestApp } from './app.js';

export const TENANT = 'GM0935';
/** The password every factory-made employee logs in with. */
const PASSWORD = 'test-wachtwoord';

/** A signed-in employee made for one test. */
export interface Staff {
  id: string;
  username: string;
  cookie: string;
}

/** A valid BSN (elfproef) drawn at random: unique enough that residents of parallel tests never collide. */
export function uniqueBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10)));
    const sum = digits.reduce((s, d, i) => s + d * (9 - i), 0);
    // 9·d1 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), with 0 ≤ d9 ≤ 9.
    const last = sum % 11;
    if (last > 9) continue;
    const bsn = `${digits.join('')}${last}`;
    if (isValidBsn(bsn)) return bsn;
  }
}

const uniqueSuffix = () => randomBytes(4).toString('hex');

/**
 * An employee with these roles in the municipality, logged in. `areaCode` puts them in the social
 * team of that area (a relation with its residents); without it they belong to no team, so they
 * have a relation with no resident until they open a case, become contact person or break the glass.
 */
export async function createStaff(t: TestApp, options: { roles: Role[]; areaCode?: string; tenant?: string; username?: string }): Promise<Staff> {
  const tenant = options.tenant ?? TENANT;
  const username = options.username ?? `test-${options.roles.join('-') || 'geen-rol'}-${uniqueSuffix()}`;
  const passwordHash = await hashPassword(PASSWORD);
  const id = await withTenant(t.database.db, tenant, async (tx) => {
    const user = await tx
      .insertInto('users')
      .values({ tenant_id: tenant, username, display_name: `Test ${username}`, roles: options.roles })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('user_credentials').values({ tenant_id: tenant, user_id: user.id, password_hash: passwordHash }).execute();
    if (options.areaCode) {
      const team = await tx.selectFrom('team_areas').select('team_id').where('area_code', '=', options.areaCode).executeTakeFirstOrThrow();
      await tx.insertInto('team_members').values({ tenant_id: tenant, team_id: team.team_id, user_id: user.id }).execute();
    }
    return user.id;
  });
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD, tenant } });
  if (response.statusCode !== 200) throw new Error(`login ${username}@${tenant} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'koers_session');
  if (!cookie) throw new Error('no session cookie');
  return { id, username, cookie: `${cookie.name}=${cookie.value}` };
}

/** The code of one area (wijk) of the municipality that has a social team. */
export async function anAreaCode(t: TestApp, tenant = TENANT): Promise<string> {
  return withTenant(t.database.db, tenant, async (tx) => (await tx.selectFrom('team_areas').select('area_code').orderBy('area_code').executeTakeFirstOrThrow()).area_code);
}

const registrars = new WeakMap<TestApp, Map<string, Promise<Staff>>>();
/** The team-less employee who registers residents (one per app and municipality): a KCC role without the KCC team, so no first-line relation. */
function registrar(t: TestApp, tenant: string): Promise<Staff> {
  let perTenant = registrars.get(t);
  if (!perTenant) registrars.set(t, (perTenant = new Map()));
  let staff = perTenant.get(tenant);
  if (!staff) perTenant.set(tenant, (staff = createStaff(t, { roles: ['kcc'], tenant })));
  return staff;
}

export interface ResidentInput {
  /** The area (wijk) the resident lives in; null (the default) for an address outside every social team's area. */
  areaCode?: string | null;
  givenName?: string;
  familyName?: string;
  birthDate?: string;
  /** A given BSN (e.g. the same one in two municipalities); a fresh one by default. */
  bsn?: string;
  postcode?: string;
  /** Join this household instead of starting a new one. */
  householdId?: string;
  tenant?: string;
}

/** A resident registered through `POST /api/residents`; returns the id and the BSN. */
export async function createResident(t: TestApp, input: ResidentInput = {}): Promise<{ id: string; bsn: string }> {
  const tenant = input.tenant ?? TENANT;
  const bsn = input.bsn ?? uniqueBsn();
  const staff = await registrar(t, tenant);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/residents',
    headers: { cookie: staff.cookie },
    payload: {
      bsn,
      givenName: input.givenName ?? 'Testa',
      familyName: input.familyName ?? `Fabriek${uniqueSuffix()}`,
      birthDate: input.birthDate ?? '1950-04-12',
      gender: 'V',
      street: 'Teststraat',
      houseNumber: randomInt(1, 9999),
      postcode: input.postcode ?? '6211 AB',
      city: 'Maastricht',
      areaCode: input.areaCode ?? null,
      ...(input.householdId ? { householdId: input.householdId } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`register resident failed: ${response.statusCode} ${response.body}`);
  return { id: response.json().id as string, bsn };
}

/** Break-glass access for `staff` to the resident (a logged reason), via the API. */
export async function breakGlass(t: TestApp, staff: Staff, residentId: string): Promise<void> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/residents/${residentId}/access-grants`,
    headers: { cookie: staff.cookie },
    payload: { reason: 'Test: spoedsituatie, inwoner belt in nood' },
  });
  if (response.statusCode !== 201) throw new Error(`break-glass failed: ${response.statusCode} ${response.body}`);
}

/** A Wmo case opened by `staff` (who must have a relation with the resident) via the API. */
export async function openCase(t: TestApp, staff: Staff, residentId: string, body: { caseTypeCode?: string; notifiedOn?: string } = {}): Promise<{ id: string }> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/residents/${residentId}/cases`,
    headers: { cookie: staff.cookie },
    payload: { caseTypeCode: body.caseTypeCode ?? 'WMO-MAATWERK', notifiedOn: body.notifiedOn ?? '2026-06-01' },
  });
  if (response.statusCode !== 201) throw new Error(`open case failed: ${response.statusCode} ${response.body}`);
  return { id: response.json().id as string };
}

/** A case moved to the application stage (aanvraag), so that a decision can be drafted in it. */
export async function caseInApplication(t: TestApp, staff: Staff, residentId: string): Promise<{ id: string }> {
  const c = await openCase(t, staff, residentId);
  const response = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/status`, headers: { cookie: staff.cookie }, payload: { to: 'aanvraag', on: '2026-07-01' } });
  if (response.statusCode !== 200) throw new Error(`status change failed: ${response.statusCode} ${response.body}`);
  return c;
}

/** A tailored Wmo product billed per hour (household help) from the catalogue, with a contracted provider. */
export async function hourlyProduct(t: TestApp, staff: Staff): Promise<{ id: string; code: string; providerId: string }> {
  const products = (await t.app.inject({ method: 'GET', url: '/api/catalogue/products?q=huishoud&kind=tailored', headers: { cookie: staff.cookie } })).json() as { id: string; code: string; unit: string }[];
  const product = products.find((p) => p.unit === 'hour');
  if (!product) throw new Error('no hourly household-help product in the catalogue');
  const detail = (await t.app.inject({ method: 'GET', url: `/api/catalogue/products/${product.id}?year=2027`, headers: { cookie: staff.cookie } })).json() as { providers: { id: string }[] };
  const provider = detail.providers[0];
  if (!provider) throw new Error(`no contracted provider for ${product.code}`);
  return { id: product.id, code: product.code, providerId: provider.id };
}

/** A small decision (below the approval threshold: approved at once) granting 1 hour a week. */
export function smallDecisionBody(productId: string): object {
  return { deliveryForm: 'zin', lines: [{ productId, outcome: 'granted', periodStart: '2026-09-01', periodEnd: '2027-08-31', volume: 1, frequency: 'per_week' }] };
}

/**
 * A resident with a case, an approved decision and an allocation, all made by `staff` (a
 * consultant) through the API: the consultant's relation comes from break-glass, so nobody else
 * (apart from the team lead of no area: the resident lives in none) has a relation with the resident.
 */
export async function allocatedCase(t: TestApp, staff: Staff): Promise<{ residentId: string; caseId: string; decisionId: string; allocationId: string }> {
  const resident = await createResident(t);
  await breakGlass(t, staff, resident.id);
  const c = await caseInApplication(t, staff, resident.id);
  const product = await hourlyProduct(t, staff);
  const decision = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/decisions`, headers: { cookie: staff.cookie }, payload: smallDecisionBody(product.id) });
  if (decision.statusCode !== 201) throw new Error(`decision failed: ${decision.statusCode} ${decision.body}`);
  const d = decision.json() as { id: string; status: string; lines: { id: string }[] };
  if (d.status !== 'approved') throw new Error(`decision is ${d.status}, expected approved (below the threshold)`);
  const allocation = await t.app.inject({ method: 'POST', url: `/api/decisions/${d.id}/allocations`, headers: { cookie: staff.cookie }, payload: { lineId: d.lines[0]!.id, providerId: product.providerId } });
  if (allocation.statusCode !== 201) throw new Error(`allocation failed: ${allocation.statusCode} ${allocation.body}`);
  return { residentId: resident.id, caseId: c.id, decisionId: d.id, allocationId: allocation.json().id as string };
}

/** An 8-digit AGB code drawn at random (providers are unique per municipality by AGB code). */
export const uniqueAgbCode = (): string => String(randomInt(10_000_000, 100_000_000));

export interface ProviderInput {
  tenant?: string;
  name?: string;
  kind?: 'care' | 'welfare' | 'youth' | 'housing_aids' | 'transport';
  /** Contracted by the region: visible to every municipality of `region`. */
  regionWide?: boolean;
  region?: string | null;
  strategicPartner?: boolean;
  tariffs?: { productCode: string; year: number; unit: 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro'; centsPerUnit: number }[];
  subsidies?: { year: number; amountCents: number; purpose: string }[];
}

/**
 * A contracted provider with its tariffs and subsidies, inserted in `tenant` (procurement has no
 * API: contracts come from the import, like the demo catalogue).
 */
export async function createProvider(t: TestApp, input: ProviderInput = {}): Promise<{ id: string; agbCode: string; name: string }> {
  const tenant = input.tenant ?? TENANT;
  const agbCode = uniqueAgbCode();
  const name = input.name ?? `Testzorg ${uniqueSuffix()}`;
  const regionWide = input.regionWide ?? false;
  const region = input.region ?? null;
  const id = await withTenant(t.database.db, tenant, async (tx) => {
    const row = await tx
      .insertInto('providers')
      .values({ tenant_id: tenant, agb_code: agbCode, name, kind: input.kind ?? 'care', strategic_partner: input.strategicPartner ?? false, region_wide: regionWide, region })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const tariff of input.tariffs ?? []) {
      await tx
        .insertInto('provider_tariffs')
        .values({ tenant_id: tenant, provider_id: row.id, product_code: tariff.productCode, year: tariff.year, unit: tariff.unit, cents_per_unit: tariff.centsPerUnit, region_wide: regionWide, region })
        .execute();
    }
    for (const subsidy of input.subsidies ?? []) {
      await tx.insertInto('subsidies').values({ tenant_id: tenant, provider_id: row.id, year: subsidy.year, amount_cents: subsidy.amountCents, purpose: subsidy.purpose }).execute();
    }
    return row.id;
  });
  return { id, agbCode, name };
}

/** The area (wijk) of the first social team `username` works in: a resident living there is in their area team's care. */
export async function areaCodeOf(t: TestApp, username: string, tenant = TENANT): Promise<string> {
  return withTenant(t.database.db, tenant, async (tx) => {
    const row = await tx
      .selectFrom('users as u')
      .innerJoin('team_members as tm', 'tm.user_id', 'u.id')
      .innerJoin('team_areas as ta', 'ta.team_id', 'tm.team_id')
      .select('ta.area_code')
      .where('u.username', '=', username)
      .orderBy('ta.area_code')
      .executeTakeFirstOrThrow(() => new Error(`${username} works in no area team of ${tenant}`));
    return row.area_code;
  });
}
