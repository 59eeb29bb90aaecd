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
// SOURCES AND ASSUMPTIONS (status markers as in /work/shared/domain-facts.md: [V] verified there,
// [C] computed, [K] general domain knowledge, not re-verified — an assumption for demo data only):
//
// - Number of clients: national 72 Wmo clients per 1,000 inhabitants (CBS 86050NED, 2024*) [V];
//   South Limburg runs higher (Kerkrade 117/1,000) [V]. Our Maastricht population is 90,000
//   residents (BSN test range), so 8,000 clients ≈ 89/1,000 [C], between the two; Eijsden-Margraten
//   gets 20 % of that (1,600 of 20,000 ≈ 80/1,000) as the brief asks.
// - Who is a client (age): relative Wmo use per 1,000 by age band [K], shaped after CBS StatLine
//   "Wmo-cliënten; leeftijd" (not in domain-facts): <18: 4, 18–44: 25, 45–64: 50, 65–74: 110,
//   75–84: 300, 85+: 550. Applied to the Dutch age pyramid these give ≈1.2 million clients, close
//   to the 1.28 million of 86050NED [C], so the shape is at least consistent with the total.
// - Product mix: shares of clients per category from domain-facts §2.1 [V/C]: HbH 43–57 %,
//   begeleiding 16–19 %, dagbesteding ≈6.5 %, hulpmiddelen en diensten ≈48 % (vervoersdiensten ≈29 %,
//   vervoervoorzieningen ≈17 %, rolstoelen ≈10 %, woonvoorzieningen ≈5 %). Spread over age bands
//   [K]: household help, transport, scootmobiel, wheelchairs and home adaptations mostly 65+;
//   begeleiding, arbeidsmatige dagbesteding, beschermd wonen and opvang mostly under 65.
// - Provisions per case: CBS 83264NED gives ≈1.64 provisions per client per year (58 % one, 27 %
//   two, 10 % three, 3 % four) [C]. We ask a little more per decision (mean ≈2.0) because some
//   cases end without a decision or are still open, to reach the issue's ≈12,000 allocations.
// - Volumes and durations [K], the brief's demo parameters: household help 2–4 h/week (regie
//   3–5) for a year; begeleiding 2–6 h/week for 6–12 months; dagbesteding and begeleiding groep
//   2–6 day parts/week; aids and home adaptations one piece (spread over a year, as commitment.ts
//   does for 'total'); regiotaxi 60–200 rides a year; kortdurend verblijf 2–6 nights a month.
// - Process [K]: ≈80 % of meldingen lead to an aanvraag and beschikking, ≈14 % are solved in the
//   voorliggend veld or the network without one, ≈6 % are withdrawn; ≈7 % of research periods and
//   ≈4 % of decisions run late; ≈5 % of cases are suspended and ≈2 % extended for a while; ≈7 % of
//   decision lines are refused; ≈4 % of decisions are a pgb (no allocation to a provider: paid via
//   the SVB, not modelled); ≈5 % of cases use direct access to begeleiding (13 weeks).
// - KCC [K]: ≈3.75 contacts per client a year (the issue's 30,000 for 8,000 clients); channels
//   telefoon 62 %, e-mail 14 %, web 16 %, balie 8 %; about two thirds answered at the first line;
//   routed contacts get a callback due the next working day at 17:00 (as the app does), most done
//   the same or next day, a few late and a few still open past their due time.
// - Staff: 40 consultants for Maastricht (≈200 clients and ≈25 open cases each) and 8 for
//   Eijsden-Margraten, plus KCC employees; they have no password, so only the standard demo users
//   can log in. The standard `consulent` gets a modest caseload with a few cases near a deadline.

import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import { changeAllocation, computeCommitment, type AllocationTerms, type Frequency, type Tariff, type Unit } from '../modules/allocations/commitment.js';
import { addDays, addMonths, addWorkingDays, daysBetween, isNonWorkingDay } from '../modules/cases/calendar.js';
import { addTerm } from '../modules/cases/deadline.js';
import { startOfDayInAmsterdam } from '../platform/time.js';
import { createRandom, type Random, type Weighted } from './random.js';

export type WmoSeedSize = 'small' | 'maastricht';
export type WmoTenantId = 'GM0935' | 'GM1903';

export interface WmoSeedOptions {
  tenantId: WmoTenantId;
  size: WmoSeedSize;
  seed: number;
  /** yyyy-mm-dd in Amsterdam; the generated year is the 12 months before it. */
  today: string;
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

export const WMO_SEED_TABLES = [
  'users',
  'team_members',
  'contact_person_assignments',
  'cases',
  'case_events',
  'conversations',
  'kcc_contacts',
  'callback_tasks',
  'decisions',
  'decision_lines',
  'allocations',
  'allocation_segments',
  'allocation_commitments',
  'commitment_changes',
] as const;
export type WmoSeedTable = (typeof WMO_SEED_TABLES)[number];

export interface WmoSeedReport {
  tenantId: WmoTenantId;
  /** True when the municipality already had cases: nothing was added. */
  skipped: boolean;
  message: string;
  /** Residents with at least one Wmo case generated by this run. */
  clients: number;
  /** Rows inserted per table. */
  inserted: Record<WmoSeedTable, number>;
  durationMs: number;
}

const CLIENTS: Readonly<Record<WmoSeedSize, Readonly<Record<WmoTenantId, number>>>> = {
  small: { GM0935: 25, GM1903: 25 },
  maastricht: { GM0935: 8_000, GM1903: 1_600 },
};
const CONSULTANTS: Readonly<Record<WmoSeedSize, Readonly<Record<WmoTenantId, number>>>> = {
  small: { GM0935: 3, GM1903: 2 },
  maastricht: { GM0935: 40, GM1903: 8 },
};
const KCC_STAFF: Readonly<Record<WmoSeedSize, Readonly<Record<WmoTenantId, number>>>> = {
  small: { GM0935: 0, GM1903: 0 },
  maastricht: { GM0935: 11, GM1903: 2 },
};
const CONTACTS_PER_CLIENT = 3.75;
const BATCH = 1000;
const CASE_TYPE = 'WMO-MAATWERK';
const DEFAULT_APPROVAL_THRESHOLD_CENTS = 500_000;

// ---------------------------------------------------------------------------------------------
// Distributions (see the header for sources)

type Band = 'child' | 'adult' | 'middle' | 'senior' | 'elderly';

function bandOf(age: number): Band {
  if (age < 18) return 'child';
  if (age < 45) return 'adult';
  if (age < 65) return 'middle';
  if (age < 80) return 'senior';
  return 'elderly';
}

/** Relative Wmo use per 1,000 residents by age [K], see header. */
function wmoUseWeight(age: number): number {
  if (age < 18) return 4;
  if (age < 45) return 25;
  if (age < 65) return 50;
  if (age < 75) return 110;
  if (age < 85) return 300;
  return 550;
}

/** Relative chance a client of an age band needs a product: [child, adult, middle, senior, elderly]. */
const PRODUCT_NEED: Readonly<Record<string, readonly [number, number, number, number, number]>> = {
  'WMO-HH-01': [0, 10, 25, 45, 60],
  'WMO-HH-02': [0, 8, 8, 5, 5],
  'WMO-BG-01': [2, 35, 25, 6, 3],
  'WMO-BG-02': [0, 10, 8, 4, 3],
  'WMO-DB-01': [0, 2, 4, 8, 10],
  'WMO-DB-02': [0, 10, 6, 1, 0],
  'WMO-KV-01': [0, 1, 1, 2, 3],
  'WMO-PV-01': [0, 2, 2, 2, 2],
  'WMO-HM-01': [3, 2, 4, 8, 12],
  'WMO-HM-02': [2, 1, 2, 3, 3],
  'WMO-HM-03': [0, 1, 6, 15, 18],
  'WMO-WV-01': [0, 0, 2, 5, 6],
  'WMO-WV-02': [5, 2, 6, 12, 14],
  'WMO-VV-01': [5, 8, 15, 28, 35],
  'WMO-BW-01': [0, 3, 1, 0, 0],
  'WMO-BW-02': [0, 3, 1, 0, 0],
  'WMO-MO-01': [0, 3, 1, 0, 0],
};
const BAND_INDEX: Readonly<Record<Band, number>> = { child: 0, adult: 1, middle: 2, senior: 3, elderly: 4 };

/** Volume range and duration in months per product [K]; frequency and unit come from the catalogue. */
const PRODUCT_TERMS: Readonly<Record<string, { volume: readonly [number, number]; months: readonly [number, number] }>> = {
  'WMO-HH-01': { volume: [2, 4], months: [12, 12] },
  'WMO-HH-02': { volume: [3, 5], months: [12, 12] },
  'WMO-BG-01': { volume: [2, 6], months: [6, 12] },
  'WMO-BG-02': { volume: [2, 6], months: [6, 12] },
  'WMO-DB-01': { volume: [2, 6], months: [12, 12] },
  'WMO-DB-02': { volume: [2, 6], months: [12, 12] },
  'WMO-KV-01': { volume: [2, 6], months: [12, 12] },
  'WMO-PV-01': { volume: [1, 4], months: [6, 12] },
  'WMO-HM-01': { volume: [1, 1], months: [12, 12] },
  'WMO-HM-02': { volume: [1, 1], months: [12, 12] },
  'WMO-HM-03': { volume: [1, 1], months: [12, 12] },
  'WMO-WV-01': { volume: [1, 1], months: [12, 12] },
  'WMO-WV-02': { volume: [1, 1], months: [12, 12] },
  'WMO-VV-01': { volume: [60, 200], months: [12, 12] },
  'WMO-BW-01': { volume: [30, 30], months: [12, 12] },
  'WMO-BW-02': { volume: [4, 8], months: [12, 12] },
  'WMO-MO-01': { volume: [30, 30], months: [3, 6] },
};

const CASES_PER_CLIENT: readonly Weighted<number>[] = [
  { value: 1, weight: 86 },
  { value: 2, weight: 12 },
  { value: 3, weight: 2 },
];
const LINES_PER_DECISION: readonly Weighted<number>[] = [
  { value: 1, weight: 38 },
  { value: 2, weight: 33 },
  { value: 3, weight: 19 },
  { value: 4, weight: 10 },
];
type Outcome = 'decision' | 'closed' | 'withdrawn';
const OUTCOMES: readonly Weighted<Outcome>[] = [
  { value: 'decision', weight: 80 },
  { value: 'closed', weight: 14 },
  { value: 'withdrawn', weight: 6 },
];
const DIRECT_OUTCOMES: readonly Weighted<Outcome>[] = [
  { value: 'decision', weight: 55 },
  { value: 'closed', weight: 35 },
  { value: 'withdrawn', weight: 10 },
];
const CHANNELS: readonly Weighted<'telefoon' | 'balie' | 'e-mail' | 'web'>[] = [
  { value: 'telefoon', weight: 62 },
  { value: 'e-mail', weight: 14 },
  { value: 'web', weight: 16 },
  { value: 'balie', weight: 8 },
];

const REFUSAL_REASONS = [
  'Het voorliggend veld biedt een passende oplossing (buurtcentrum, welzijn op recept).',
  'Dit is een algemeen gebruikelijke voorziening die u zelf kunt aanschaffen.',
  'U kunt dit met hulp van uw huisgenoten of netwerk zelf oplossen (eigen kracht).',
  'Uit het onderzoek blijkt geen beperking in de zelfredzaamheid op dit gebied.',
  'De zorg valt onder de Zorgverzekeringswet (wijkverpleging), niet onder de Wmo.',
  'U heeft een Wlz-indicatie; de Wet langdurige zorg gaat voor.',
];
const SUSPENSION_REASONS = [
  'Wachten op medisch advies van de GGD-arts',
  'Aanvullende gegevens opgevraagd bij de inwoner',
  'Inwoner tijdelijk opgenomen in het ziekenhuis',
  'Advies ergotherapeut aangevraagd',
];
const DIRECT_ACCESS_SUSPENSION = 'Ondersteuning via directe toegang loopt; onderzoek in overleg met de inwoner opgeschort';
const EXTENSION_REASONS = [
  'Advies van de ergotherapeut nodig voor een passende voorziening',
  'Offertes voor de woningaanpassing nog niet compleet',
  'Medisch advies vraagt meer tijd',
];
const CLOSED_REASONS = [
  'Opgelost in het voorliggend veld (buurtcentrum, welzijnswerk)',
  'Inwoner redt het met hulp van het eigen netwerk',
  'Doorverwezen naar de Zorgverzekeringswet (wijkverpleging)',
  'Voldoende zelfredzaam na het gesprek; geen aanvraag',
];
const DIRECT_CLOSED_REASON = 'Zelfredzaam na ondersteuning via directe toegang; geen beschikking nodig';
const WITHDRAWN_REASONS = ['Inwoner trekt de melding in', 'Inwoner verhuist naar een andere gemeente', 'Inwoner is opgenomen in een Wlz-instelling'];
const ALLOCATION_CHANGES = {
  more: 'Herindicatie: zorgvraag toegenomen',
  less: 'Herindicatie: minder ondersteuning nodig',
  end: ['Beëindigd: inwoner verhuisd', 'Beëindigd: inwoner overleden', 'Beëindigd: opname in een Wlz-instelling'],
};

const GIVEN_NAMES = [
  'Anouk', 'Bas', 'Chantal', 'Daan', 'Els', 'Frank', 'Gerda', 'Hans', 'Ilse', 'Jos', 'Kim', 'Lars', 'Maud', 'Nick', 'Olga',
  'Pieter', 'Quirine', 'Roel', 'Sandra', 'Tom', 'Ursula', 'Vincent', 'Wendy', 'Youri', 'Zoë', 'Annemie', 'Bart', 'Carla',
  'Dirk', 'Esther', 'Fleur', 'Guido', 'Hennie', 'Ivo', 'Judith', 'Koen', 'Linda', 'Marcel', 'Nadia', 'Noor', 'Pascal',
  'Rianne', 'Stijn', 'Tessa', 'Wim', 'Yasmina', 'Mohamed', 'Fatima', 'Lotte', 'Sven', 'Mieke', 'Rob', 'Jolanda', 'Huub',
];
const SURNAMES = [
  'Vliegen', 'Houben', 'Schreurs', 'Bemelmans', 'Vossen', 'Ummels', 'Wetzels', 'Kleijnen', 'Ramaekers', 'Frijns', 'Dohmen',
  'Pluijmen', 'Coumans', 'Bouwens', 'Claessens', 'Penders', 'Knops', 'Meijers', 'Franssen', 'Habets', 'Ortmans',
  'Notermans', 'Quaedvlieg', 'Goossens', 'Crombach', 'Vaessen', 'Eurlings', 'Beckers', 'Nijsten', 'Heijnen', 'Cremers',
  'Lardinois', 'Keulen', 'Senden', 'Maessen', 'Gulpers', 'Pinckaers', 'Dautzenberg', 'Kurvers', 'Bogaers', 'Brouns',
];

// ---------------------------------------------------------------------------------------------
// Small helpers

/** FNV-1a, to derive independent PRNG streams from one seed. */
function mixSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ Math.trunc(seed)) >>> 0;
  for (let i = 0; i < label.length; i += 1) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Reproducible UUIDs (version 4 layout) from a seeded stream, so the same seed gives the same ids. */
function uuidStream(random: Random): () => string {
  const word = () => Math.floor(random.next() * 4_294_967_296).toString(16).padStart(8, '0');
  return () => {
    const hex = word() + word() + word() + word();
    const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}

function ascii(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** k distinct values drawn with probability proportional to weight. */
function weightedSample<T>(random: Random, items: readonly Weighted<T>[], k: number): T[] {
  const pool = items.filter((i) => i.weight > 0);
  const out: T[] = [];
  while (out.length < k && pool.length > 0) {
    const total = pool.reduce((s, i) => s + i.weight, 0);
    let roll = random.next() * total;
    let index = pool.length - 1;
    for (let i = 0; i < pool.length; i += 1) {
      roll -= pool[i]!.weight;
      if (roll < 0) {
        index = i;
        break;
      }
    }
    out.push(pool[index]!.value);
    pool.splice(index, 1);
  }
  return out;
}

/** Instants in Amsterdam, cached per day (startOfDayInAmsterdam is comparatively slow). */
function clock() {
  const cache = new Map<string, number>();
  return (date: string, minutes: number): Date => {
    let start = cache.get(date);
    if (start === undefined) {
      start = startOfDayInAmsterdam(date).getTime();
      cache.set(date, start);
    }
    return new Date(start + minutes * 60_000);
  };
}

// ---------------------------------------------------------------------------------------------
// Loaded context

interface ResidentInfo {
  id: string;
  age: number;
  areaCode: string | null;
}
interface ProductInfo {
  id: string;
  code: string;
  name: string;
  unit: Unit;
  frequency: Frequency;
  budgetLine: string;
  directAccess: boolean;
  maxWeeks: number;
}
interface ProviderOption {
  providerId: string;
  weight: number;
  tariffs: Tariff[];
  lastYear: number;
  firstYear: number;
}
interface Staff {
  id: string;
  username: string;
}

// ---------------------------------------------------------------------------------------------
// Case plans

type Scenario = 'natural' | 'near_research' | 'overdue_research' | 'near_decision' | 'suspended_open' | 'extended_open' | 'direct_ending' | 'history';

interface LinePlan {
  product: ProductInfo;
  granted: boolean;
  refusalReason: string | null;
  volume: number;
  start: string;
  end: string;
}

interface CasePlan {
  id: string;
  clientIndex: number;
  consultant: Staff;
  notifiedOn: string;
  /** Direct access (taakgerichte uitvoering). */
  direct: { product: ProductInfo; providerId: string; start: string } | null;
  onderzoekOn: string;
  suspension: { from: string; resume: string; reason: string } | null;
  extension: { on: string; term: string; reason: string } | null;
  outcome: Outcome;
  /** Closed without an aanvraag, or withdrawn, on this date. */
  endedOn: string | null;
  endedReason: string;
  appliedOn: string | null;
  decisionOn: string | null;
  approvedOn: string | null;
  requiresApproval: boolean;
  expectedCents: number;
  deliveryForm: 'zin' | 'pgb';
  closedOn: string | null;
  lines: LinePlan[];
  conversationOn: string | null;
}

// ---------------------------------------------------------------------------------------------
// Entry point

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
    const progress = (step: string, done: number, total: number) => options.onProgress?.({ step, done, total });
    const insert = async <T extends WmoSeedTable>(table: T, rows: Insertable<DB[T]>[]) => {
      for (let i = 0; i < rows.length; i += BATCH) {
        // Kysely cannot narrow the table union here; the row type is tied to `table` by the signature.
        await tx.insertInto(table).values(rows.slice(i, i + BATCH) as never).execute();
        counts[table] += Math.min(BATCH, rows.length - i);
        progress(table, Math.min(i + BATCH, rows.length), rows.length);
      }
    };

    const random = createRandom(mixSeed(seed, `${tenantId}:wmo`));
    const newId = uuidStream(createRandom(mixSeed(seed, `${tenantId}:wmo:ids`)));
    const at = clock();

    // --- context ---------------------------------------------------------------------------
    const residents: ResidentInfo[] = (
      await tx.selectFrom('residents').select(['id', 'birth_date', 'area_code']).orderBy('bsn').execute()
    ).map((r) => ({ id: r.id, age: ageOn(r.birth_date, today), areaCode: r.area_code }));
    const products = new Map(
      (
        await tx
          .selectFrom('products')
          .select(['id', 'code', 'name', 'unit', 'frequency', 'budget_line_code', 'direct_access', 'direct_access_max_weeks'])
          .orderBy('code')
          .execute()
      ).map((p) => [
        p.code,
        { id: p.id, code: p.code, name: p.name, unit: p.unit, frequency: p.frequency, budgetLine: p.budget_line_code, directAccess: p.direct_access, maxWeeks: p.direct_access_max_weeks ?? 13 } satisfies ProductInfo,
      ]),
    );
    const strategic = new Set((await tx.selectFrom('providers').select(['id', 'strategic_partner']).where('strategic_partner', '=', true).execute()).map((p) => p.id));
    // Ordered by stable keys (not generated ids), so the same seed draws the same providers.
    const tariffRows = await tx
      .selectFrom('provider_tariffs as t')
      .innerJoin('providers as p', 'p.id', 't.provider_id')
      .select(['t.provider_id', 't.product_code', 't.year', 't.unit', 't.cents_per_unit'])
      .orderBy('p.agb_code')
      .orderBy('t.product_code')
      .orderBy('t.year')
      .execute();
    const providerOptions = new Map<string, ProviderOption[]>();
    const highestTariffs = new Map<string, Tariff[]>();
    for (const t of tariffRows) {
      const list = providerOptions.get(t.product_code) ?? [];
      let option = list.find((o) => o.providerId === t.provider_id);
      if (!option) {
        // A fixed market share per provider and product; strategic partners get the most work.
        option = { providerId: t.provider_id, weight: (strategic.has(t.provider_id) ? 3 : 1) * (0.5 + random.next()), tariffs: [], lastYear: t.year, firstYear: t.year };
        list.push(option);
        providerOptions.set(t.product_code, list);
      }
      option.tariffs.push({ year: t.year, unit: t.unit, centsPerUnit: Number(t.cents_per_unit) });
      option.lastYear = Math.max(option.lastYear, t.year);
      option.firstYear = Math.min(option.firstYear, t.year);
      const highest = highestTariffs.get(t.product_code) ?? [];
      const known = highest.find((h) => h.year === t.year);
      if (!known) highest.push({ year: t.year, unit: t.unit, centsPerUnit: Number(t.cents_per_unit) });
      else if (Number(t.cents_per_unit) > known.centsPerUnit) known.centsPerUnit = Number(t.cents_per_unit);
      highestTariffs.set(t.product_code, highest);
    }
    // Only tailored Wmo products someone is contracted for can be granted.
    const grantable = [...products.values()].filter((p) => PRODUCT_NEED[p.code] && (providerOptions.get(p.code)?.length ?? 0) > 0);
    if (grantable.length === 0) return report(true, `${tenantId} heeft geen gecontracteerde Wmo-producten; er is niets toegevoegd.`, 0);
    const directProducts = grantable.filter((p) => p.directAccess);
    const threshold = Number(
      (await tx.selectFrom('settings').select('value').where('key', '=', 'decision_approval_threshold_cents').executeTakeFirst())?.value ?? DEFAULT_APPROVAL_THRESHOLD_CENTS,
    );

    // --- staff -----------------------------------------------------------------------------
    const teams = await tx.selectFrom('teams').select(['id', 'name', 'kind']).orderBy('name').execute();
    const teamAreas = await tx.selectFrom('team_areas').select(['team_id', 'area_code']).execute();
    const areaTeam = new Map(teamAreas.map((t) => [t.area_code, t.team_id]));
    const areaTeamIds = teams.filter((t) => t.kind === 'area_team').map((t) => t.id);
    const kccTeamId = teams.find((t) => t.kind === 'kcc')?.id ?? null;
    if (areaTeamIds.length === 0) return report(true, `${tenantId} heeft geen gebiedsteams; er is niets toegevoegd.`, 0);
    const users = await tx.selectFrom('users').select(['id', 'username', 'display_name', 'roles']).orderBy('username').execute();
    const members = await tx
      .selectFrom('team_members as m')
      .innerJoin('teams as t', 't.id', 'm.team_id')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.team_id', 'm.user_id'])
      .orderBy('t.name')
      .orderBy('u.username')
      .execute();
    const usernames = new Set(users.map((u) => u.username));
    const newUsers: Insertable<DB['users']>[] = [];
    const newMembers: Insertable<DB['team_members']>[] = [];
    const createdAt = at(addDays(today, -400), 8 * 60);
    const addUser = (displayName: string, base: string, roles: string[]): Staff => {
      let username = base;
      for (let n = 2; usernames.has(username); n += 1) username = `${base}${n}`;
      usernames.add(username);
      const id = newId();
      newUsers.push({ tenant_id: tenantId, id, username, display_name: displayName, roles, created_at: createdAt });
      return { id, username };
    };
    const isMember = (teamId: string, userId: string) => members.some((m) => m.team_id === teamId && m.user_id === userId) || newMembers.some((m) => m.team_id === teamId && m.user_id === userId);
    const join = (teamId: string, userId: string) => {
      if (!isMember(teamId, userId)) newMembers.push({ tenant_id: tenantId, team_id: teamId, user_id: userId });
    };

    let teamLead: Staff | undefined = users.find((u) => u.username === 'teamleider') ?? users.find((u) => u.roles.includes('team_lead'));
    if (!teamLead) teamLead = addUser('Hanneke Wetzels (teamleider)', 'hanneke.wetzels', ['team_lead']);
    for (const teamId of areaTeamIds) join(teamId, teamLead.id);
    const standardConsultant = users.find((u) => u.username === 'consulent');

    // Consultants per area team, in proportion to the team's residents.
    const residentsPerTeam = new Map<string, number>();
    for (const r of residents) {
      const team = (r.areaCode && areaTeam.get(r.areaCode)) || areaTeamIds[0]!;
      residentsPerTeam.set(team, (residentsPerTeam.get(team) ?? 0) + 1);
    }
    const consultantTotal = CONSULTANTS[size][tenantId];
    const teamConsultants = new Map<string, { staff: Staff; weight: number }[]>(areaTeamIds.map((id) => [id, []]));
    // Existing consultants keep their teams (the standard `consulent` works in the first area team).
    for (const m of members) {
      const user = users.find((u) => u.id === m.user_id);
      if (user?.roles.includes('consultant')) teamConsultants.get(m.team_id)?.push({ staff: user, weight: user.username === 'consulent' ? (size === 'small' ? 0 : 0.5) : 1 });
    }
    const order = [...areaTeamIds].sort((a, b) => (residentsPerTeam.get(b) ?? 0) - (residentsPerTeam.get(a) ?? 0));
    let nameIndex = Math.floor(random.next() * GIVEN_NAMES.length);
    const consultantName = () => {
      const given = GIVEN_NAMES[nameIndex % GIVEN_NAMES.length]!;
      const surname = SURNAMES[(nameIndex * 7 + 3) % SURNAMES.length]!;
      nameIndex += 1;
      return { given, surname };
    };
    for (let i = 0; i < consultantTotal; i += 1) {
      // Largest remainder: the next consultant goes to the team with most residents per consultant.
      const teamId = order.reduce((best, id) => {
        const load = (residentsPerTeam.get(id) ?? 0) / (teamConsultants.get(id)!.filter((c) => c.weight > 0).length + 1);
        const bestLoad = (residentsPerTeam.get(best) ?? 0) / (teamConsultants.get(best)!.filter((c) => c.weight > 0).length + 1);
        return load > bestLoad ? id : best;
      }, order[0]!);
      const { given, surname } = consultantName();
      const staff = addUser(`${given} ${surname} (consulent Wmo)`, `${ascii(given)}.${ascii(surname)}`, ['consultant']);
      join(teamId, staff.id);
      teamConsultants.get(teamId)!.push({ staff, weight: 1 });
    }
    const allConsultants = [...teamConsultants.values()].flat().filter((c) => c.weight > 0);
    if (allConsultants.length === 0) {
      const { given, surname } = consultantName();
      const staff = addUser(`${given} ${surname} (consulent Wmo)`, `${ascii(given)}.${ascii(surname)}`, ['consultant']);
      join(areaTeamIds[0]!, staff.id);
      teamConsultants.get(areaTeamIds[0]!)!.push({ staff, weight: 1 });
      allConsultants.push({ staff, weight: 1 });
    }
    const kccStaff: Staff[] = users.filter((u) => u.roles.includes('kcc'));
    for (let i = 0; i < KCC_STAFF[size][tenantId]; i += 1) {
      const { given, surname } = consultantName();
      const staff = addUser(`${given} ${surname} (KCC)`, `${ascii(given)}.${ascii(surname)}`, ['kcc']);
      if (kccTeamId) join(kccTeamId, staff.id);
      kccStaff.push(staff);
    }
    if (kccStaff.length === 0) {
      const staff = addUser('Lieke Brouns (KCC)', 'lieke.brouns', ['kcc']);
      if (kccTeamId) join(kccTeamId, staff.id);
      kccStaff.push(staff);
    }
    const teamOf = (r: ResidentInfo) => (r.areaCode && areaTeam.get(r.areaCode)) || areaTeamIds[0]!;
    const pickConsultant = (teamId: string): Staff => {
      const pool = (teamConsultants.get(teamId) ?? []).filter((c) => c.weight > 0);
      const from = pool.length > 0 ? pool : allConsultants;
      return random.weighted(from.map((c) => ({ value: c.staff, weight: c.weight })));
    };

    // --- calendar --------------------------------------------------------------------------
    const firstDay = addDays(today, -365);
    const workingDays: string[] = [];
    for (let d = firstDay; d < today; d = addDays(d, 1)) if (!isNonWorkingDay(d)) workingDays.push(d);
    const workingDayOnOrAfter = (date: string) => {
      let d = date;
      while (isNonWorkingDay(d)) d = addDays(d, 1);
      return d;
    };
    const startOfToday = at(today, 0);

    // --- clients ---------------------------------------------------------------------------
    const clientCount = Math.min(CLIENTS[size][tenantId], residents.length);
    const candidates = residents
      .map((r, index) => ({ index, key: -Math.log(1 - random.next()) / wmoUseWeight(r.age) }))
      .sort((a, b) => a.key - b.key)
      .slice(0, clientCount)
      .map((c) => c.index)
      .sort((a, b) => a - b);
    const clients = candidates.map((i) => residents[i]!);

    const productWeightsFor = (age: number): Weighted<ProductInfo>[] =>
      grantable.map((p) => ({ value: p, weight: PRODUCT_NEED[p.code]?.[BAND_INDEX[bandOf(age)]] ?? 0 }));

    const providerFor = (product: ProductInfo, start: string, end: string): ProviderOption | undefined => {
      const startYear = Number(start.slice(0, 4));
      const endYear = Number(end.slice(0, 4));
      const fits = (providerOptions.get(product.code) ?? []).filter((o) => o.firstYear <= startYear && o.lastYear >= endYear);
      return fits.length > 0 ? random.weighted(fits.map((o) => ({ value: o, weight: o.weight }))) : undefined;
    };
    const lastTariffDay = (product: ProductInfo) => `${Math.max(...(providerOptions.get(product.code) ?? []).map((o) => o.lastYear))}-12-31`;

    /** As the app estimates it: the first twelve months of a granted line at the highest contracted tariff. */
    const expectedAnnual = (line: LinePlan): number => {
      if (!line.granted) return 0;
      const yearEnd = addDays(addTerm(line.start, 'P1Y'), -1);
      const terms: AllocationTerms = { volume: line.volume, unit: line.product.unit, frequency: line.product.frequency, start: line.start, end: minDate(line.end, yearEnd) };
      try {
        return computeCommitment({ terms, tariffs: highestTariffs.get(line.product.code) ?? [], horizon: terms.end! }).totalCents;
      } catch {
        return 0; // no tariff for that year: the line cannot be allocated either
      }
    };

    const planLines = (age: number, count: number, first: ProductInfo | null, decisionDay: string): LinePlan[] => {
      const chosen = first ? [first, ...weightedSample(random, productWeightsFor(age).filter((w) => w.value !== first), count - 1)] : weightedSample(random, productWeightsFor(age), count);
      return chosen.map((product) => {
        const terms = PRODUCT_TERMS[product.code] ?? { volume: [1, 1] as const, months: [12, 12] as const };
        const start = addDays(decisionDay, random.int(1, 10));
        const months = random.int(terms.months[0], terms.months[1]);
        const end = minDate(addDays(addMonths(start, months), -1), lastTariffDay(product));
        const granted = !random.chance(0.07);
        return {
          product,
          granted,
          refusalReason: granted ? null : random.pick(REFUSAL_REASONS),
          volume: random.int(terms.volume[0], terms.volume[1]),
          start,
          end: end < start ? start : end,
        };
      });
    };

    /** The complete planned life of a case; what lies after `today` is cut off when writing. */
    const planCase = (clientIndex: number, consultant: Staff, notifiedOn: string, scenario: Scenario, direct: boolean): CasePlan => {
      const client = clients[clientIndex]!;
      const isDirect = direct || scenario === 'direct_ending';
      const outcome: Outcome = scenario === 'natural' ? random.weighted(isDirect ? DIRECT_OUTCOMES : OUTCOMES) : 'decision';
      const plan: CasePlan = {
        id: newId(),
        clientIndex,
        consultant,
        notifiedOn,
        direct: null,
        onderzoekOn: workingDayOnOrAfter(addDays(notifiedOn, random.int(1, 5))),
        suspension: null,
        extension: null,
        outcome,
        endedOn: null,
        endedReason: '',
        appliedOn: null,
        decisionOn: null,
        approvedOn: null,
        requiresApproval: false,
        expectedCents: 0,
        deliveryForm: 'zin',
        closedOn: null,
        lines: [],
        conversationOn: null,
      };
      let firstProduct: ProductInfo | null = null;
      if (isDirect && directProducts.length > 0) {
        const product = random.chance(0.7) ? (directProducts.find((p) => p.code === 'WMO-BG-01') ?? directProducts[0]!) : random.pick(directProducts);
        firstProduct = product;
        const start = scenario === 'direct_ending' ? addDays(today, -91 + random.int(1, 12)) : addDays(notifiedOn, random.int(0, 5));
        if (scenario === 'direct_ending') plan.notifiedOn = addDays(start, -random.int(0, 3));
        plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
        const option = providerFor(product, start, start);
        plan.direct = { product, providerId: option?.providerId ?? '', start };
        const windowEnd = addDays(addTerm(start, `P${product.maxWeeks}W`), -1);
        if (!option) plan.direct = null;
        if (plan.outcome === 'decision') {
          const resume = scenario === 'direct_ending' ? addDays(today, random.int(1, 5)) : addDays(start, random.int(56, 80));
          plan.suspension = { from: plan.onderzoekOn, resume, reason: DIRECT_ACCESS_SUSPENSION };
          plan.appliedOn = addDays(resume, random.int(1, 3));
        } else {
          const ended = addDays(start, plan.outcome === 'closed' ? random.int(42, 88) : random.int(14, 60));
          plan.suspension = { from: plan.onderzoekOn, resume: addDays(ended, 1), reason: DIRECT_ACCESS_SUSPENSION };
          plan.endedOn = minDate(ended, windowEnd);
          plan.endedReason = plan.outcome === 'closed' ? DIRECT_CLOSED_REASON : random.pick(WITHDRAWN_REASONS);
        }
      } else {
        switch (scenario) {
          case 'near_research':
            plan.notifiedOn = addDays(today, -(42 - random.int(1, 5)));
            plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
            plan.appliedOn = addDays(today, random.int(1, 7));
            break;
          case 'overdue_research':
            plan.notifiedOn = addDays(today, -(42 + random.int(5, 12))); // overdue even after an Atw shift
            plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
            plan.appliedOn = addDays(today, random.int(1, 7));
            break;
          case 'near_decision':
            plan.appliedOn = addDays(today, -random.int(10, 13));
            plan.notifiedOn = addDays(plan.appliedOn, -random.int(20, 35));
            plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
            break;
          case 'suspended_open': {
            plan.notifiedOn = addDays(today, -random.int(10, 30));
            plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
            const from = addDays(today, -random.int(1, 8));
            const suspendFrom = from < plan.onderzoekOn ? plan.onderzoekOn : from;
            plan.suspension = { from: suspendFrom, resume: addDays(today, random.int(7, 21)), reason: random.pick(SUSPENSION_REASONS) };
            plan.appliedOn = addDays(plan.suspension.resume, random.int(1, 10));
            break;
          }
          case 'extended_open':
            plan.appliedOn = addDays(today, -random.int(9, 12));
            plan.notifiedOn = addDays(plan.appliedOn, -random.int(20, 35));
            plan.onderzoekOn = addDays(plan.notifiedOn, random.int(1, 3));
            plan.extension = { on: addDays(plan.appliedOn, random.int(5, 8)), term: 'P4W', reason: random.pick(EXTENSION_REASONS) };
            break;
          default:
            if (plan.outcome === 'decision') {
              const roll = random.next();
              const researchDays = roll < 0.75 ? random.int(14, 38) : roll < 0.93 ? random.int(38, 42) : random.int(43, 63);
              let applied = addDays(notifiedOn, researchDays);
              if (random.chance(0.05)) {
                const from = addDays(notifiedOn, random.int(5, Math.max(5, Math.min(20, researchDays - 1))));
                const length = random.int(7, 28);
                plan.suspension = { from, resume: addDays(from, length), reason: random.pick(SUSPENSION_REASONS) };
                applied = addDays(applied, length);
              }
              plan.appliedOn = applied < plan.onderzoekOn ? plan.onderzoekOn : applied;
            } else {
              plan.endedOn = addDays(plan.onderzoekOn, plan.outcome === 'closed' ? random.int(7, 35) : random.int(2, 30));
              plan.endedReason = plan.outcome === 'closed' ? random.pick(CLOSED_REASONS) : random.pick(WITHDRAWN_REASONS);
            }
        }
      }
      if (plan.appliedOn) {
        if (!plan.extension && scenario === 'natural' && random.chance(0.02)) {
          plan.extension = { on: addDays(plan.appliedOn, random.int(5, 10)), term: random.pick(['P2W', 'P4W']), reason: random.pick(EXTENSION_REASONS) };
        }
        const roll = random.next();
        let decisionDays = roll < 0.9 ? random.int(1, 11) : roll < 0.96 ? random.int(12, 14) : random.int(15, 25);
        if (plan.extension) decisionDays = 14 + random.int(1, plan.extension.term === 'P2W' ? 13 : 27);
        if (scenario === 'near_decision' || scenario === 'extended_open') decisionDays = daysBetween(plan.appliedOn, today) + random.int(1, 5);
        plan.decisionOn = workingDayOnOrAfter(addDays(plan.appliedOn, decisionDays));
        // A four-eyes approval takes one to three working days; periods start after it either way.
        const approvalOn = addWorkingDays(plan.decisionOn, random.int(1, 3));
        const lineCount = random.weighted(LINES_PER_DECISION);
        plan.lines = planLines(client.age, lineCount, firstProduct, approvalOn);
        plan.expectedCents = plan.lines.reduce((sum, l) => sum + expectedAnnual(l), 0);
        plan.requiresApproval = plan.expectedCents > threshold;
        plan.approvedOn = plan.requiresApproval ? approvalOn : plan.decisionOn;
        plan.deliveryForm = plan.lines.every((l) => ['hour', 'day_part'].includes(l.product.unit)) && random.chance(0.06) ? 'pgb' : 'zin';
        plan.closedOn = addDays(plan.approvedOn, random.int(1, 21));
      }
      const limit = [plan.appliedOn, plan.endedOn, today].filter((d): d is string => d !== null).reduce(minDate);
      const held = addDays(plan.onderzoekOn, random.int(0, 10));
      plan.conversationOn = plan.onderzoekOn <= today && plan.onderzoekOn < limit ? (held < limit ? held : plan.onderzoekOn) : null;
      return plan;
    };

    // Forced scenarios so that every state demos, also in 'small' (see the brief).
    const forcedForStandard: Scenario[] = standardConsultant
      ? size === 'small'
        ? ['near_research', 'overdue_research', 'history', 'history']
        : ['near_research', 'near_research', 'near_research', 'overdue_research', 'near_decision', 'direct_ending']
      : [];
    const forcedOthers: Scenario[] =
      size === 'small'
        ? ['suspended_open', 'direct_ending', 'near_decision']
        : [
            ...Array<Scenario>(tenantId === 'GM0935' ? 6 : 2).fill('suspended_open'),
            ...Array<Scenario>(tenantId === 'GM0935' ? 4 : 1).fill('extended_open'),
            ...Array<Scenario>(tenantId === 'GM0935' ? 5 : 2).fill('direct_ending'),
          ];
    const scenarioOf = new Map<number, Scenario>();
    const consultantOf = new Map<number, Staff>();
    {
      const adults = clients.map((c, i) => ({ c, i })).filter(({ c }) => c.age >= 18 && c.age < 80);
      const pool = adults.length > 0 ? adults : clients.map((c, i) => ({ c, i }));
      const standardTeam = standardConsultant ? members.find((m) => m.user_id === standardConsultant.id)?.team_id : undefined;
      const inTeam = pool.filter(({ c }) => teamOf(c) === standardTeam);
      const taken = new Set<number>();
      const take = (from: { i: number }[]) => {
        const free = from.filter(({ i }) => !taken.has(i));
        const chosen = free.length > 0 ? random.pick(free) : undefined;
        if (chosen) taken.add(chosen.i);
        return chosen?.i;
      };
      for (const scenario of forcedForStandard) {
        const i = take(inTeam.length > forcedForStandard.length ? inTeam : pool);
        if (i === undefined || !standardConsultant) continue;
        scenarioOf.set(i, scenario);
        consultantOf.set(i, standardConsultant);
      }
      for (const scenario of forcedOthers) {
        const i = take(pool);
        if (i !== undefined) scenarioOf.set(i, scenario);
      }
    }

    // --- plan all cases ----------------------------------------------------------------------
    interface Assignment {
      id: string;
      clientIndex: number;
      consultant: Staff;
      assignedBy: Staff;
      at: Date;
      endedAt: Date | null;
      reason: string;
    }
    const plans: CasePlan[] = [];
    const assignments: Assignment[] = [];
    const clientCases: CasePlan[][] = clients.map(() => []);
    for (const [clientIndex, client] of clients.entries()) {
      const scenario = scenarioOf.get(clientIndex);
      const team = teamOf(client);
      let consultant = consultantOf.get(clientIndex) ?? pickConsultant(team);
      const caseCount = scenario ? 1 : random.weighted(CASES_PER_CLIENT);
      let notified = random.pick(workingDays);
      if (caseCount > 1) notified = random.pick(workingDays.slice(0, Math.max(1, Math.floor(workingDays.length / 2))));
      if (scenario === 'history') notified = random.pick(workingDays.slice(0, Math.max(1, Math.floor(workingDays.length / 3))));
      for (let k = 0; k < caseCount; k += 1) {
        if (k > 0) {
          const previous = clientCases[clientIndex]!.at(-1)!;
          const previousEnd = previous.closedOn ?? previous.endedOn ?? previous.appliedOn ?? previous.onderzoekOn;
          const next = workingDayOnOrAfter(addDays(previousEnd, random.int(14, 120)));
          if (next >= today) break;
          notified = next;
          // Now and then the contact person changes between two cases (caseload, leave).
          if (random.chance(0.1)) {
            const other = pickConsultant(team);
            if (other.id !== consultant.id && (size !== 'small' || other.id !== standardConsultant?.id)) {
              const when = at(addDays(notified, -random.int(1, 10)), random.int(9 * 60, 16 * 60));
              assignments.at(-1)!.endedAt = when;
              assignments.push({ id: newId(), clientIndex, consultant: other, assignedBy: teamLead, at: when, endedAt: null, reason: 'Herverdeling caseload binnen het sociaal team' });
              consultant = other;
            }
          }
        }
        const direct = !scenario && client.age >= 18 && random.chance(0.05);
        const plan = planCase(clientIndex, consultant, notified, scenario ?? 'natural', direct);
        clientCases[clientIndex]!.push(plan);
        plans.push(plan);
        if (k === 0) {
          assignments.push({
            id: newId(),
            clientIndex,
            consultant,
            assignedBy: consultant,
            // After the melding came in at the KCC (mornings), so that contact went to the area team.
            at: at(plan.notifiedOn, random.int(12 * 60, 16 * 60 + 30)),
            endedAt: null,
            reason: 'Vaste contactpersoon bij zaak', // completed with the reference below
          });
        }
      }
    }

    // References in the app's format, numbered per prefix in order of the melding: the app's
    // next reference (count + 1) then continues without a gap or collision.
    plans.sort((a, b) => a.notifiedOn.localeCompare(b.notifiedOn) || a.id.localeCompare(b.id));
    const references = new Map<string, string>();
    const perPrefix = new Map<string, number>();
    for (const plan of plans) {
      const prefix = `WMO-${plan.notifiedOn.slice(0, 4)}`;
      const n = (perPrefix.get(prefix) ?? 0) + 1;
      perPrefix.set(prefix, n);
      references.set(plan.id, `${prefix}-${String(n).padStart(5, '0')}`);
    }
    for (const a of assignments) {
      if (a.reason === 'Vaste contactpersoon bij zaak') a.reason = `Vaste contactpersoon bij zaak ${references.get(clientCases[a.clientIndex]![0]!.id)}`;
    }

    // --- rows --------------------------------------------------------------------------------
    const caseRows: Insertable<DB['cases']>[] = [];
    const eventRows: Insertable<DB['case_events']>[] = [];
    const conversationRows: Insertable<DB['conversations']>[] = [];
    const decisionRows: Insertable<DB['decisions']>[] = [];
    const lineRows: Insertable<DB['decision_lines']>[] = [];
    const allocationRows: Insertable<DB['allocations']>[] = [];
    const segmentRows: Insertable<DB['allocation_segments']>[] = [];
    const commitmentRows: Insertable<DB['allocation_commitments']>[] = [];
    const changeRows: Insertable<DB['commitment_changes']>[] = [];

    const workTime = () => random.int(8 * 60 + 30, 17 * 60);
    for (const plan of plans) {
      const client = clients[plan.clientIndex]!;
      const by = plan.consultant.id;
      const events: Insertable<DB['case_events']>[] = [];
      const event = (kind: DB['case_events']['kind'], on: string, extra: Partial<Insertable<DB['case_events']>>, recordedBy = by) =>
        events.push({ tenant_id: tenantId, id: newId(), case_id: plan.id, kind, on_date: on, term: null, from_status: null, to_status: null, reason: null, recorded_by: recordedBy, recorded_at: at(on, workTime()), ...extra });
      let status: DB['cases']['status'] = 'melding';
      const move = (to: DB['cases']['status'], on: string, reason: string, recordedBy = by) => {
        event('status', on, { from_status: status, to_status: to, reason }, recordedBy);
        status = to;
      };
      event('status', plan.notifiedOn, { to_status: 'melding', reason: 'Melding ontvangen' });
      if (plan.onderzoekOn <= today && (plan.endedOn === null || plan.onderzoekOn <= plan.endedOn)) move('onderzoek', plan.onderzoekOn, 'Onderzoek gestart (keukentafelgesprek)');
      if (plan.suspension && plan.suspension.from <= today) {
        event('suspension_start', plan.suspension.from, { reason: plan.suspension.reason });
        const ended = plan.endedOn !== null && plan.endedOn < plan.suspension.resume;
        if (plan.suspension.resume <= today && !ended) event('suspension_end', plan.suspension.resume, { reason: 'Opschorting beëindigd' });
      }
      let appliedOn: string | null = null;
      let decidedOn: string | null = null;
      let closedOn: string | null = null;
      if (plan.endedOn && plan.endedOn <= today) {
        move(plan.outcome === 'withdrawn' ? 'ingetrokken' : 'afgesloten', plan.endedOn, plan.endedReason);
        closedOn = plan.endedOn;
      }
      if (plan.appliedOn && plan.appliedOn <= today) {
        move('aanvraag', plan.appliedOn, 'Aanvraag ontvangen');
        appliedOn = plan.appliedOn;
        if (plan.extension && plan.extension.on <= today) event('extension', plan.extension.on, { term: plan.extension.term, reason: plan.extension.reason });
      }
      if (plan.decisionOn && plan.decisionOn <= today && plan.approvedOn) {
        const decisionId = newId();
        const approved = plan.approvedOn <= today;
        const createdAt = at(plan.decisionOn, random.int(10 * 60, 16 * 60));
        const approvedAt = plan.requiresApproval ? at(plan.approvedOn, random.int(9 * 60, 12 * 60)) : createdAt;
        decisionRows.push({
          tenant_id: tenantId,
          id: decisionId,
          case_id: plan.id,
          resident_id: client.id,
          delivery_form: plan.deliveryForm,
          status: approved ? 'approved' : 'pending_approval',
          expected_annual_cents: plan.expectedCents,
          requires_approval: plan.requiresApproval,
          created_by: by,
          created_at: createdAt,
          approved_by: plan.requiresApproval && approved ? teamLead.id : null,
          approved_at: plan.requiresApproval && approved ? approvedAt : null,
        });
        if (approved) {
          move('besluit', plan.approvedOn, plan.requiresApproval ? 'Beschikking goedgekeurd (vier ogen)' : 'Beschikking afgegeven', plan.requiresApproval ? teamLead.id : by);
          decidedOn = plan.approvedOn;
          if (plan.closedOn && plan.closedOn <= today) {
            move('afgesloten', plan.closedOn, 'Toewijzing verstuurd; zaak afgerond');
            closedOn = plan.closedOn;
          }
        }
        for (const line of plan.lines) {
          const lineId = newId();
          const frequency = line.product.frequency;
          lineRows.push({
            tenant_id: tenantId,
            id: lineId,
            decision_id: decisionId,
            product_id: line.product.id,
            outcome: line.granted ? 'granted' : 'refused',
            period_start: line.start,
            period_end: line.end,
            volume: line.granted ? line.volume : null,
            frequency: line.granted ? frequency : null,
            refusal_reason: line.refusalReason,
          });
          if (!approved || !line.granted || plan.deliveryForm !== 'zin') continue;
          const option = providerFor(line.product, line.start, line.end);
          if (!option) continue;
          const allocationId = newId();
          const allocatedOn = addDays(plan.approvedOn, random.int(0, 2));
          let allocatedAt = at(allocatedOn < today ? allocatedOn : plan.approvedOn, random.int(9 * 60, 17 * 60));
          if (allocatedAt <= approvedAt) allocatedAt = new Date(approvedAt.getTime() + 60_000);
          allocationRows.push({
            tenant_id: tenantId,
            id: allocationId,
            decision_line_id: lineId,
            case_id: plan.id,
            resident_id: client.id,
            product_id: line.product.id,
            provider_id: option.providerId,
            unit: line.product.unit,
            budget_line_code: line.product.budgetLine,
            created_by: by,
            created_at: allocatedAt,
          });
          const terms: AllocationTerms = { volume: line.volume, unit: line.product.unit, frequency, start: line.start, end: line.end };
          const commit = (segments: AllocationTerms[]) => {
            const perYear = new Map<number, number>();
            for (const s of segments) for (const y of computeCommitment({ terms: s, tariffs: option.tariffs, horizon: s.end! }).perYear) perYear.set(y.year, (perYear.get(y.year) ?? 0) + y.cents);
            return perYear;
          };
          const initial = commit([terms]);
          const bookedAt = allocatedAt;
          const firstSegment = { tenant_id: tenantId, id: newId(), allocation_id: allocationId, volume: line.volume, frequency, start_date: line.start, end_date: line.end, reason: 'Toewijzing', recorded_by: by, recorded_at: bookedAt, superseded_at: null as Date | null };
          segmentRows.push(firstSegment);
          for (const [year, cents] of initial) if (cents !== 0) changeRows.push({ tenant_id: tenantId, id: newId(), allocation_id: allocationId, year, delta_cents: cents, reason: 'Toewijzing', recorded_by: by, recorded_at: bookedAt });
          let current = initial;
          // Some allocations change during the year: more or fewer hours, or an early end.
          const elapsed = daysBetween(line.start, minDate(today, line.end));
          const changeable = frequency === 'per_week' || frequency === 'per_month';
          const roll = random.next();
          if (changeable && elapsed >= 45 && roll < 0.1) {
            const effectiveFrom = addDays(line.start, random.int(30, elapsed));
            const ending = roll < 0.03;
            let newVolume = ending ? undefined : Math.max(1, line.volume + (random.chance(0.6) ? 1 : -1));
            if (newVolume === line.volume) newVolume += 1;
            const reason = ending ? random.pick(ALLOCATION_CHANGES.end) : newVolume! > line.volume ? ALLOCATION_CHANGES.more : ALLOCATION_CHANGES.less;
            const change = ending ? { effectiveFrom, end: addDays(effectiveFrom, -1) } : { effectiveFrom, volume: newVolume! };
            {
              const { segments } = changeAllocation({ before: terms, change, tariffs: option.tariffs, horizon: line.end });
              const changedOn = minDate(addDays(effectiveFrom, -random.int(0, 7)), today);
              let changedAt = at(changedOn, random.int(9 * 60, 17 * 60));
              if (changedAt <= bookedAt) changedAt = new Date(bookedAt.getTime() + 3_600_000);
              firstSegment.superseded_at = changedAt;
              for (const s of segments) {
                segmentRows.push({ tenant_id: tenantId, id: newId(), allocation_id: allocationId, volume: s.volume, frequency: s.frequency, start_date: s.start, end_date: s.end!, reason, recorded_by: by, recorded_at: changedAt, superseded_at: null });
              }
              const next = commit(segments);
              for (const year of new Set([...current.keys(), ...next.keys()])) {
                const delta = (next.get(year) ?? 0) - (current.get(year) ?? 0);
                if (delta !== 0) changeRows.push({ tenant_id: tenantId, id: newId(), allocation_id: allocationId, year, delta_cents: delta, reason, recorded_by: by, recorded_at: changedAt });
              }
              current = next;
            }
          }
          for (const [year, cents] of [...current].sort(([a], [b]) => a - b)) commitmentRows.push({ tenant_id: tenantId, allocation_id: allocationId, year, cents });
        }
      }
      caseRows.push({
        tenant_id: tenantId,
        id: plan.id,
        reference: references.get(plan.id)!,
        resident_id: client.id,
        case_type_code: CASE_TYPE,
        status,
        notified_on: plan.notifiedOn,
        applied_on: appliedOn,
        decided_on: decidedOn,
        closed_on: closedOn,
        consultant_id: by,
        direct_access_product_id: plan.direct?.product.id ?? null,
        direct_access_provider_id: plan.direct?.providerId ?? null,
        direct_access_start: plan.direct?.start ?? null,
        created_at: at(plan.notifiedOn, random.int(8 * 60 + 30, 12 * 60)),
      });
      eventRows.push(...events);
      if (plan.conversationOn) conversationRows.push(conversationRow(random, tenantId, newId(), plan, client, at(plan.conversationOn, workTime())));
    }

    // --- KCC contacts and callbacks ----------------------------------------------------------
    const contactRows: Insertable<DB['kcc_contacts']>[] = [];
    const callbackRows: Insertable<DB['callback_tasks']>[] = [];
    const assignmentsByClient = new Map<number, Assignment[]>();
    for (const a of assignments) assignmentsByClient.set(a.clientIndex, [...(assignmentsByClient.get(a.clientIndex) ?? []), a]);
    const contactPersonAt = (clientIndex: number, instant: Date): Staff | null => {
      let found: Staff | null = null;
      for (const a of assignmentsByClient.get(clientIndex) ?? []) if (a.at <= instant && (a.endedAt === null || a.endedAt > instant)) found = a.consultant;
      return found;
    };
    const teamMembersOf = (teamId: string) => teamConsultants.get(teamId)?.map((c) => c.staff) ?? [];

    const addContact = (input: {
      resident: ResidentInfo | null;
      clientIndex: number | null;
      day: string;
      minutes?: number;
      subject: string;
      note: string;
      product: ProductInfo | undefined;
      answered: boolean;
      preferTeam?: boolean;
      doneBy?: Staff;
    }) => {
      const channel = random.weighted(CHANNELS);
      const registeredAt = at(input.day, input.minutes ?? workTime());
      let outcome: 'answered' | 'routed' = input.answered || !input.resident ? 'answered' : 'routed';
      let teamId: string | null = null;
      let user: Staff | null = null;
      if (outcome === 'routed' && input.resident) {
        const person = input.clientIndex !== null && !input.preferTeam ? contactPersonAt(input.clientIndex, registeredAt) : null;
        if (person) user = person;
        else teamId = teamOf(input.resident);
      }
      if (outcome === 'routed' && !user && !teamId) outcome = 'answered';
      const id = newId();
      contactRows.push({
        tenant_id: tenantId,
        id,
        resident_id: input.resident?.id ?? null,
        channel,
        subject: input.subject,
        note: input.note,
        product_id: input.product?.id ?? null,
        outcome,
        routed_to_team_id: teamId,
        routed_to_user_id: user?.id ?? null,
        registered_by: random.pick(kccStaff).id,
        registered_at: registeredAt,
      });
      if (outcome === 'routed') {
        const due = at(addWorkingDays(input.day, 1), 17 * 60);
        const roll = random.next();
        let done: Date;
        if (roll < 0.65) done = new Date(registeredAt.getTime() + random.int(30, 240) * 60_000);
        else if (roll < 0.93) done = at(addWorkingDays(input.day, 1), random.int(9 * 60, 16 * 60 + 30));
        else done = at(addWorkingDays(input.day, random.int(2, 4)), random.int(9 * 60, 16 * 60));
        const open = done >= startOfToday;
        const doneBy = user ?? input.doneBy ?? random.pick(teamMembersOf(teamId!).length > 0 ? teamMembersOf(teamId!) : allConsultants.map((c) => c.staff));
        callbackRows.push({
          tenant_id: tenantId,
          id: newId(),
          contact_id: id,
          resident_id: input.resident?.id ?? null,
          team_id: teamId,
          user_id: user?.id ?? null,
          due_at: due,
          done_at: open ? null : done,
          done_by: open ? null : doneBy.id,
          done_note: open ? null : random.pick(['Inwoner teruggebeld; vraag beantwoord.', 'Teruggebeld en huisbezoek gepland.', 'Teruggebeld; voicemail ingesproken en per e-mail bevestigd.', 'Teruggebeld; afspraak voor keukentafelgesprek gemaakt.']),
        });
      }
    };

    // 1. Most meldingen come in through the KCC (the rest via huisarts, ziekenhuis or the consultant).
    for (const plan of plans) {
      if (!random.chance(0.8)) continue;
      const client = clients[plan.clientIndex]!;
      const product = plan.direct?.product ?? plan.lines[0]?.product ?? random.weighted(productWeightsFor(client.age));
      const day = workingDayOnOrAfter(plan.notifiedOn);
      if (day >= today) continue;
      addContact({
        resident: client,
        clientIndex: plan.clientIndex,
        day,
        minutes: random.int(8 * 60 + 30, 11 * 60),
        subject: `Melding Wmo: ${product.name.toLowerCase()}`,
        note: 'Inwoner vraagt ondersteuning; doorgezet voor een keukentafelgesprek.',
        product,
        answered: false,
        doneBy: plan.consultant,
      });
    }
    // 2. Follow-up questions of clients.
    const followUpSubjects = [
      { subject: 'Vraag over de voortgang van de melding', answered: 0.6 },
      { subject: 'Wanneer start de hulp?', answered: 0.75 },
      { subject: 'Vraag over de beschikking', answered: 0.65 },
      { subject: 'Vraag over de eigen bijdrage (CAK)', answered: 0.9 },
      { subject: 'Klacht over de aanbieder', answered: 0.35 },
      { subject: 'Wijziging in de situatie doorgeven', answered: 0.45 },
      { subject: 'Afspraak keukentafelgesprek verzetten', answered: 0.8 },
    ];
    const total = Math.round(clients.length * CONTACTS_PER_CLIENT);
    for (const [clientIndex, cases] of clientCases.entries()) {
      const first = cases[0];
      if (!first) continue;
      const n = poisson(random, 1.0);
      for (let k = 0; k < n && contactRows.length < total; k += 1) {
        const from = workingDays.findIndex((d) => d > first.notifiedOn);
        if (from < 0) break;
        const day = workingDays[random.int(from, workingDays.length - 1)]!;
        const topic = random.pick(followUpSubjects);
        const product = cases.find((c) => c.lines.length > 0)?.lines[0]?.product;
        addContact({ resident: clients[clientIndex]!, clientIndex, day, subject: topic.subject, note: '', product, answered: random.chance(topic.answered) });
      }
    }
    // 3. General questions from other residents, now and then anonymous.
    const community = [...products.values()].filter((p) => !PRODUCT_NEED[p.code] && p.code.startsWith('WMO-'));
    const generalSubjects: { subject: string; code: string | null }[] = [
      { subject: 'Informatie over activiteiten in het buurtcentrum', code: 'WMO-BC-0' },
      { subject: 'Ondersteuning voor mantelzorgers', code: 'WMO-MZ-01' },
      { subject: 'Welzijn op recept', code: 'WMO-WR-01' },
      { subject: 'Vrijwilligerswerk of vrijwillige hulp', code: 'WMO-VW-01' },
      { subject: 'Boodschappenservice', code: 'WMO-BS-01' },
      { subject: 'Hulp van maatschappelijk werk', code: 'WMO-MW-01' },
      { subject: 'Spreekuur sociaal raadslieden', code: 'WMO-SR-01' },
      { subject: 'Onafhankelijke cliëntondersteuning', code: 'WMO-CO-01' },
      { subject: 'Informatie over hulp bij het huishouden', code: 'WMO-HH-01' },
      { subject: 'Informatie over de regiotaxi', code: 'WMO-VV-01' },
      { subject: 'Informatie over de eigen bijdrage Wmo', code: null },
      { subject: 'Zorgen om een buurtbewoner', code: null },
    ];
    const others = residents.filter((r) => r.age >= 18);
    while (contactRows.length < total && others.length > 0) {
      const anonymous = random.chance(0.12);
      const resident = anonymous ? null : random.pick(others);
      const topic = random.pick(generalSubjects);
      const centres = community.filter((p) => p.code.startsWith('WMO-BC-'));
      const product = topic.code === null ? undefined : topic.code === 'WMO-BC-0' ? (centres.length > 0 ? random.pick(centres) : undefined) : products.get(topic.code);
      addContact({ resident, clientIndex: null, day: random.pick(workingDays), subject: topic.subject, note: '', product, answered: random.chance(0.92), preferTeam: true });
    }
    // A few callbacks are overdue: due before today and still not done.
    const overdueTarget = size === 'small' ? 1 : tenantId === 'GM0935' ? 12 : 3;
    let overdue = callbackRows.filter((c) => c.done_at === null && (c.due_at as Date) < startOfToday).length;
    const recent = callbackRows
      .filter((c) => c.done_at !== null && (c.due_at as Date) < startOfToday)
      .sort((a, b) => (b.due_at as Date).getTime() - (a.due_at as Date).getTime())
      .slice(0, overdueTarget * 4);
    while (overdue < overdueTarget && recent.length > 0) {
      const row = recent.splice(random.int(0, recent.length - 1), 1)[0]!;
      row.done_at = null;
      row.done_by = null;
      row.done_note = null;
      overdue += 1;
    }

    // --- contact persons ---------------------------------------------------------------------
    const assignmentRows: Insertable<DB['contact_person_assignments']>[] = assignments.map((a) => ({
      tenant_id: tenantId,
      id: a.id,
      resident_id: clients[a.clientIndex]!.id,
      consultant_id: a.consultant.id,
      assigned_by: a.assignedBy.id,
      assigned_at: a.at,
      reason: a.reason,
      ended_at: a.endedAt,
    }));

    // --- write -------------------------------------------------------------------------------
    await insert('users', newUsers);
    await insert('team_members', newMembers);
    await insert('contact_person_assignments', assignmentRows);
    await insert('cases', caseRows);
    await insert('case_events', eventRows);
    await insert('conversations', conversationRows);
    await insert('kcc_contacts', contactRows);
    await insert('callback_tasks', callbackRows);
    await insert('decisions', decisionRows);
    await insert('decision_lines', lineRows);
    await insert('allocations', allocationRows);
    await insert('allocation_segments', segmentRows);
    await insert('allocation_commitments', commitmentRows);
    await insert('commitment_changes', changeRows);
    return report(false, `${tenantId}: ${clients.length} Wmo-cliënten, ${caseRows.length} zaken, ${allocationRows.length} toewijzingen.`, clients.length);
  });
}

function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k += 1;
    p *= random.next();
  }
  return k;
}

// ---------------------------------------------------------------------------------------------
// Positieve Gezondheid conversation

const DIMENSIONS = ['bodily_functions', 'mental_wellbeing', 'meaningfulness', 'quality_of_life', 'participation', 'daily_functioning'] as const;

function conversationRow(random: Random, tenantId: string, id: string, plan: CasePlan, client: ResidentInfo, createdAt: Date): Insertable<DB['conversations']> {
  const band = bandOf(client.age);
  // Older clients score their body and daily functioning lower; younger clients their mental wellbeing.
  const base: Record<(typeof DIMENSIONS)[number], number> = {
    bodily_functions: band === 'elderly' || band === 'senior' ? 4 : 6,
    mental_wellbeing: band === 'adult' || band === 'middle' ? 4 : 6,
    meaningfulness: 6,
    quality_of_life: 5,
    participation: 5,
    daily_functioning: band === 'elderly' ? 4 : 5,
  };
  const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, Math.max(0, Math.min(10, base[d] + random.int(-2, 3)))])) as Record<(typeof DIMENSIONS)[number], number>;
  const lowest = [...DIMENSIONS].sort((a, b) => scores[a] - scores[b]).slice(0, random.int(1, 2));
  const ladder: DB['conversations']['ladder_step'] =
    plan.outcome === 'decision' ? 'tailored' : plan.outcome === 'closed' ? random.weighted([{ value: 'community' as const, weight: 60 }, { value: 'network' as const, weight: 25 }, { value: 'own_strength' as const, weight: 15 }]) : random.pick(['own_strength', 'network'] as const);
  const products = plan.lines.map((l) => l.product.name.toLowerCase());
  const rationale: Record<DB['conversations']['ladder_step'], string> = {
    own_strength: 'De inwoner kan dit met wat aanpassingen zelf oplossen.',
    network: 'Kinderen en buren kunnen een deel van de hulp bieden; dat is afgesproken.',
    community: 'Een activiteit in het buurtcentrum en welzijn op recept sluiten aan bij de vraag.',
    tailored: `Eigen kracht, netwerk en voorliggend veld zijn niet toereikend; maatwerk nodig${products.length > 0 ? `: ${products.join(', ')}` : ''}.`,
  };
  const agreements =
    ladder === 'tailored'
      ? ['Consulent stelt het verslag op en stuurt het binnen een week toe.', 'Inwoner dient na ontvangst van het verslag de aanvraag in.']
      : ['Inwoner neemt zelf contact op met het buurtcentrum.', 'Consulent belt over zes weken om te horen hoe het gaat.'];
  const row: Insertable<DB['conversations']> = {
    tenant_id: tenantId,
    id,
    resident_id: client.id,
    case_id: plan.id,
    corrects_id: null,
    held_on: plan.conversationOn!,
    conducted_by_user_id: plan.consultant.id,
    conducted_by_username: plan.consultant.username,
    bodily_functions_score: scores.bodily_functions,
    bodily_functions_wants_to_talk: lowest.includes('bodily_functions'),
    mental_wellbeing_score: scores.mental_wellbeing,
    mental_wellbeing_wants_to_talk: lowest.includes('mental_wellbeing'),
    meaningfulness_score: scores.meaningfulness,
    meaningfulness_wants_to_talk: lowest.includes('meaningfulness'),
    quality_of_life_score: scores.quality_of_life,
    quality_of_life_wants_to_talk: lowest.includes('quality_of_life'),
    participation_score: scores.participation,
    participation_wants_to_talk: lowest.includes('participation'),
    daily_functioning_score: scores.daily_functioning,
    daily_functioning_wants_to_talk: lowest.includes('daily_functioning'),
    ladder_step: ladder,
    ladder_rationale: rationale[ladder],
    agreements,
    created_at: createdAt,
  };
  return row;
}

