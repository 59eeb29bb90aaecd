// Reproducible synthetic residents for the demo tenants. Everything here is fictitious: BSNs come
// from the 999 test range and names are drawn independently of addresses, so no generated record
// describes a real person, while the totals (wijk spread, household sizes, age mix) resemble the
// real municipalities closely enough for dashboards and caseload demos to look plausible.

import { demoBsn, DEMO_BSN_CAPACITY } from '../modules/residents/bsn.js';
import { demoMunicipality, woonplaatsFor, type DemoArea, type DemoMunicipality } from './geography.js';
import { createRandom, type Random, type Weighted } from './random.js';

export type PopulationSize = 'small' | 'demo' | 'maastricht';

export interface DemoResident {
  bsn: string;
  givenName: string;
  /** Tussenvoegsel, e.g. 'van', 'de'. */
  surnamePrefix: string | null;
  familyName: string;
  /** yyyy-mm-dd */
  birthDate: string;
  gender: 'M' | 'V' | 'X';
  street: string;
  houseNumber: number;
  houseLetter: string | null;
  /** '6211 AB': 4 digits, a space, 2 capitals; the letters are never SS, SD or SA. */
  postcode: string;
  city: string;
  areaCode: string;
  areaName: string;
  neighbourhood: string;
  /** Stable id shared by the members of one household. */
  householdKey: string;
}

type TenantId = DemoMunicipality['tenantId'];
type Gender = DemoResident['gender'];

export interface PopulationOptions {
  tenantId: TenantId;
  size: PopulationSize;
  seed: number;
  /** yyyy-mm-dd; ages are computed against it. */
  referenceDate: string;
}

// 'maastricht' is not the real 125k/26k: BSNs must be unique within a municipality and the
// fictitious 999 range holds only DEMO_BSN_CAPACITY (≈90,909) elfproef-valid numbers. Each
// municipality is a separate tenant and uses the whole range on its own, so 90,000 fits for
// Maastricht and Eijsden-Margraten keeps roughly its real proportion (20,000).
const POPULATION_SIZES: Readonly<Record<PopulationSize, Readonly<Record<TenantId, number>>>> = {
  small: { GM0935: 400, GM1903: 400 },
  // The default of `koers demo`: large enough that every KPI at municipality level stays above the
  // privacy threshold every month, small enough to load in seconds on a laptop.
  demo: { GM0935: 24_000, GM1903: 8_000 },
  maastricht: { GM0935: 90_000, GM1903: 20_000 },
};

export function populationCount(options: Omit<PopulationOptions, 'seed' | 'referenceDate'>): number {
  const count = POPULATION_SIZES[options.size]?.[options.tenantId];
  if (count === undefined) {
    throw new RangeError(`unknown population ${String(options.size)}/${String(options.tenantId)}`);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Households

type HouseholdKind = 'single' | 'couple' | 'family' | 'singleParent';

interface Member {
  age: number;
  gender: Gender;
  isChild: boolean;
}

// Municipal targets. Maastricht: 54 % one-person households and 1.7 persons per household
// (GMSD 2021, verified). Eijsden-Margraten: ASSUMPTION — a greying rural municipality, taken as
// 32 % one-person households and 2.1 persons per household (not verified).
const HOUSEHOLD_TARGETS: Readonly<Record<TenantId, { meanSize: number; singleShare: number }>> = {
  GM0935: { meanSize: 1.7, singleShare: 0.54 },
  GM1903: { meanSize: 2.1, singleShare: 0.32 },
};

// Areas with smaller households have more one-person households: each 0.1 below the municipal
// mean size adds 6 points to the one-person share.
const SINGLE_SHARE_SLOPE = 0.6;

const CHILDREN_OF_COUPLE: readonly Weighted<number>[] = [
  { value: 1, weight: 38 },
  { value: 2, weight: 42 },
  { value: 3, weight: 15 },
  { value: 4, weight: 5 },
];
const CHILDREN_OF_SINGLE_PARENT: readonly Weighted<number>[] = [
  { value: 1, weight: 55 },
  { value: 2, weight: 33 },
  { value: 3, weight: 10 },
  { value: 4, weight: 2 },
];
/** Share of single-parent households among households with children. */
const SINGLE_PARENT_SHARE = 0.33;

function meanOf(items: readonly Weighted<number>[]): number {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  return items.reduce((sum, item) => sum + item.value * item.weight, 0) / total;
}

const MEAN_FAMILY_SIZE =
  (1 - SINGLE_PARENT_SHARE) * (2 + meanOf(CHILDREN_OF_COUPLE)) +
  SINGLE_PARENT_SHARE * (1 + meanOf(CHILDREN_OF_SINGLE_PARENT));

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

function itemAt<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) throw new RangeError(`index ${index} outside 0..${items.length - 1}`);
  return items[index] as T;
}

/**
 * Household kinds for an area, solved so that the expected household size equals the area's real
 * inhabitants/households ratio, scaled to the municipal target (the wijk ratios include people in
 * institutions, which the municipal household figure leaves out).
 */
function householdMix(area: DemoArea, meanScale: number, tenantId: TenantId): Weighted<HouseholdKind>[] {
  const target = HOUSEHOLD_TARGETS[tenantId];
  const meanSize = (area.inhabitants / area.households) * meanScale;
  const single = clamp(target.singleShare + SINGLE_SHARE_SLOPE * (target.meanSize - meanSize), 0.15, 0.85);
  const multiMean = (meanSize - single) / (1 - single);
  // Mix couples (2 persons) with families (MEAN_FAMILY_SIZE) to reach the multi-person mean.
  const couple = clamp((MEAN_FAMILY_SIZE - multiMean) / (MEAN_FAMILY_SIZE - 2), 0, 1);
  const withChildren = 1 - couple;
  return [
    { value: 'single', weight: single },
    { value: 'couple', weight: (1 - single) * couple },
    { value: 'family', weight: (1 - single) * withChildren * (1 - SINGLE_PARENT_SHARE) },
    { value: 'singleParent', weight: (1 - single) * withChildren * SINGLE_PARENT_SHARE },
  ];
}

// Share of students (18–24) among one-person households. Centrum and Randwyck (Zuidoost) hold
// most student rooms; the rural municipality has few. Tuned so that Maastricht's age mix matches
// 2021 (10 % 0–14, 19 % 15–24, 24 % 25–44, 25 % 45–64, 22 % 65+).
const STUDENT_SHARE_BY_AREA: Readonly<Record<string, number>> = {
  WK093500: 0.56,
  WK093506: 0.33,
  WK190300: 0.06,
  WK190301: 0.06,
};
const DEFAULT_STUDENT_SHARE = 0.23;

interface AgeProfile {
  /** Ages of one-person households that are not students. */
  single: readonly Weighted<AgeBracket>[];
  /** Age of the first partner of a couple without children at home. */
  couple: readonly Weighted<AgeBracket>[];
}

// Maastricht weights are tuned to its 2021 age mix. ASSUMPTION: the Heuvelland villages are
// older (more elderly one- and two-person households), as is usual for rural Limburg.
const AGE_PROFILES: Readonly<Record<TenantId, AgeProfile>> = {
  GM0935: {
    single: [
      { value: 'adult', weight: 28 },
      { value: 'middle', weight: 34 },
      { value: 'senior', weight: 38 },
    ],
    couple: [
      { value: 'young', weight: 7 },
      { value: 'adult', weight: 27 },
      { value: 'middle', weight: 27 },
      { value: 'senior', weight: 39 },
    ],
  },
  GM1903: {
    single: [
      { value: 'adult', weight: 14 },
      { value: 'middle', weight: 30 },
      { value: 'senior', weight: 56 },
    ],
    couple: [
      { value: 'young', weight: 2 },
      { value: 'adult', weight: 16 },
      { value: 'middle', weight: 36 },
      { value: 'senior', weight: 46 },
    ],
  },
};

type AgeBracket = 'young' | 'adult' | 'middle' | 'senior';

const OLDEST_AGE = 99;

function ageIn(bracket: AgeBracket, random: Random): number {
  switch (bracket) {
    case 'young':
      return random.int(18, 24);
    case 'adult':
      return random.int(25, 44);
    case 'middle':
      return random.int(45, 64);
    case 'senior':
      // Exponential tail: many people in their late sixties and seventies, few above ninety.
      return Math.min(OLDEST_AGE, 65 + Math.floor(-Math.log(1 - random.next()) * 9));
  }
}

function adultGender(age: number, random: Random): Gender {
  if (age < 60 && random.chance(0.002)) return 'X';
  // Women live longer, so older one-person households are mostly women.
  return random.chance(age >= 65 ? 0.65 : 0.5) ? 'V' : 'M';
}

function partnerGender(gender: Gender, random: Random): Gender {
  if (random.chance(0.04)) return gender; // same-sex couples
  if (gender === 'X') return random.chance(0.5) ? 'V' : 'M';
  return gender === 'M' ? 'V' : 'M';
}

function partnerAge(age: number, random: Random, min: number): number {
  return clamp(age + random.int(-4, 4), min, OLDEST_AGE);
}

/**
 * Children were born 19–44 full years after each parent: with whole-year ages that keeps the real
 * difference inside 18–45 years, whatever the birthdays.
 */
function childAge(parentAges: readonly number[], random: Random): number {
  const oldest = Math.max(...parentAges);
  const youngest = Math.min(...parentAges);
  const min = Math.max(0, oldest - 44);
  const max = Math.min(22, youngest - 19);
  return random.int(min, Math.max(min, max));
}

function childGender(random: Random): Gender {
  return random.chance(0.5) ? 'V' : 'M';
}

function children(parentAges: readonly number[], count: number, random: Random): Member[] {
  const result: Member[] = [];
  for (let i = 0; i < count; i += 1) {
    result.push({ age: childAge(parentAges, random), gender: childGender(random), isChild: true });
  }
  return result;
}

/** What shapes the households of one area. */
interface HouseholdStyle {
  studentShare: number;
  ages: AgeProfile;
}

function singleHousehold(style: HouseholdStyle, random: Random): Member[] {
  const age = random.chance(style.studentShare)
    ? random.int(18, 24)
    : ageIn(random.weighted(style.ages.single), random);
  return [{ age, gender: adultGender(age, random), isChild: false }];
}

function coupleHousehold(style: HouseholdStyle, random: Random): Member[] {
  const age = ageIn(random.weighted(style.ages.couple), random);
  const gender = adultGender(age, random);
  return [
    { age, gender, isChild: false },
    { age: partnerAge(age, random, 18), gender: partnerGender(gender, random), isChild: false },
  ];
}

function familyHousehold(random: Random): Member[] {
  const age = random.int(30, 59);
  const gender = adultGender(age, random);
  const partner = { age: partnerAge(age, random, 23), gender: partnerGender(gender, random), isChild: false };
  const parents = [{ age, gender, isChild: false }, partner];
  const kids = children([age, partner.age], random.weighted(CHILDREN_OF_COUPLE), random);
  return [...parents, ...kids];
}

function singleParentHousehold(random: Random): Member[] {
  const age = random.int(26, 58);
  // Most single parents are mothers.
  const gender: Gender = random.chance(0.82) ? 'V' : 'M';
  const kids = children([age], random.weighted(CHILDREN_OF_SINGLE_PARENT), random);
  return [{ age, gender, isChild: false }, ...kids];
}

function drawMembers(kind: HouseholdKind, style: HouseholdStyle, random: Random): Member[] {
  switch (kind) {
    case 'single':
      return singleHousehold(style, random);
    case 'couple':
      return coupleHousehold(style, random);
    case 'family':
      return familyHousehold(random);
    case 'singleParent':
      return singleParentHousehold(random);
  }
}

// ---------------------------------------------------------------------------------------------
// Names

type Origin =
  | 'dutch'
  | 'german'
  | 'belgian'
  | 'southern'
  | 'polish'
  | 'turkish'
  | 'moroccan'
  | 'arabic'
  | 'chinese'
  | 'indian';

interface NamePool {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

// Limburg family names dominate in Maastricht and the Heuvelland; general Dutch names add variety.
export const LIMBURG_FAMILY_NAMES = [
  'Janssen', 'Hermans', 'Smeets', 'Peeters', 'Coenen', 'Vroemen', 'Lemmens', 'Dassen', 'Hendrikx',
  'Ramakers', 'Jacobs', 'Willems', 'Wolfs', 'Kusters', 'Claessens', 'Schreurs', 'Houben', 'Geurts',
  'Bemelmans', 'Brouwers', 'Ummels', 'Frijns', 'Ruijters', 'Heijnen', 'Pluijmen', 'Hanssen',
  'Haenen', 'Wetzels', 'Kleijnen', 'Vliegen', 'Notermans', 'Maessen', 'Gielen', 'Meijers', 'Dohmen',
  'Lenaerts', 'Bessems', 'Stassen', 'Crombach', 'Paulussen', 'Souren', 'Schoonbrood', 'Moonen',
  'Cremers', 'Mertens', 'Ploumen', 'Lardinois', 'Pinckaers', 'Vaessen', 'Kerckhoffs', 'Debets',
  'op den Camp', 'van Aken', 'van de Wiel', 'van Loo', 'van der Heijden',
] as const;
export const DUTCH_FAMILY_NAMES = [
  'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Jong',
  'Mulder', 'de Groot', 'Bos', 'Vos', 'Dekker', 'van Leeuwen', 'van der Linden', 'de Bruijn',
  'van den Broek', 'ter Horst', 'ten Brink', 'van de Ven', 'Hendriks', 'Peters', 'van Beek',
] as const;

// Dutch given names by birth cohort: traditional Catholic names for the elderly (including
// Servatius, after Maastricht's patron saint), popular names of their time for younger people.
interface NameCohort {
  bornBefore: number;
  male: readonly string[];
  female: readonly string[];
}

const YOUNGEST_COHORT: NameCohort = {
  bornBefore: Number.POSITIVE_INFINITY,
  male: ['Daan', 'Sem', 'Noah', 'Lucas', 'Finn', 'Levi', 'Milan', 'Luca', 'Jens', 'Thijs', 'Stan', 'Mees', 'Teun', 'Siem'],
  female: ['Emma', 'Julia', 'Tess', 'Sophie', 'Mila', 'Zoë', 'Noor', 'Sara', 'Evi', 'Lieke', 'Yara', 'Liv', 'Fien', 'Nina'],
};

export const DUTCH_GIVEN_NAMES: readonly NameCohort[] = [
  {
    bornBefore: 1960,
    male: ['Johannes', 'Hubertus', 'Jozef', 'Leonardus', 'Wilhelmus', 'Petrus', 'Mathias', 'Theodorus', 'Gerardus', 'Hendrikus', 'Servatius', 'Lambertus', 'Franciscus', 'Jacobus'],
    female: ['Maria', 'Anna', 'Johanna', 'Elisabeth', 'Catharina', 'Wilhelmina', 'Hubertina', 'Gertrudis', 'Mathilda', 'Petronella', 'Helena', 'Josephina', 'Cornelia', 'Theresia'],
  },
  {
    bornBefore: 1985,
    male: ['Marcel', 'Jos', 'Ronald', 'Patrick', 'Frank', 'Roger', 'René', 'Paul', 'Peter', 'Erik', 'Ralf', 'Maurice', 'Jeroen', 'Rob', 'Huub', 'Ton'],
    female: ['Ingrid', 'Marianne', 'Yvonne', 'Miriam', 'Anja', 'Sandra', 'Monique', 'Nicole', 'Claudia', 'Ellen', 'Brigitte', 'Mariëlle', 'Wendy', 'Astrid'],
  },
  {
    bornBefore: 2005,
    male: ['Tim', 'Kevin', 'Thomas', 'Bas', 'Niels', 'Stijn', 'Luuk', 'Joost', 'Tom', 'Rick', 'Bram', 'Jesse', 'Max', 'Guus'],
    female: ['Laura', 'Lisa', 'Anouk', 'Kim', 'Sanne', 'Maud', 'Iris', 'Fleur', 'Lotte', 'Femke', 'Roos', 'Demi', 'Eva', 'Britt'],
  },
  YOUNGEST_COHORT,
];

// Maastricht is a border and university city: Belgian and German neighbours, international
// students, and longer-standing Turkish, Moroccan, Polish and Syrian communities.
export const INTERNATIONAL_NAMES: Readonly<Record<Exclude<Origin, 'dutch'>, NamePool>> = {
  german: {
    male: ['Lukas', 'Jonas', 'Felix', 'Maximilian', 'Tobias', 'Jan', 'Florian', 'Stefan'],
    female: ['Lena', 'Hannah', 'Katharina', 'Julia', 'Laura', 'Sophie', 'Anna', 'Sabine'],
    family: ['Müller', 'Schmitz', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Schröder'],
  },
  belgian: {
    male: ['Pieter', 'Wouter', 'Jean', 'Luc', 'Olivier', 'Thibault', 'Koen', 'Maxime'],
    female: ['Elke', 'Veerle', 'Nathalie', 'Marie', 'Sofie', 'Julie', 'Els', 'Camille'],
    family: ['Claes', 'Goossens', 'Wouters', 'Dubois', 'Lambert', 'Maes', 'Vandenberghe', 'Renard'],
  },
  southern: {
    male: ['Marco', 'Luca', 'Alessandro', 'Javier', 'Pablo', 'Nikos', 'João', 'Matteo'],
    female: ['Giulia', 'Francesca', 'Chiara', 'Lucía', 'María', 'Eleni', 'Inês', 'Sofia'],
    family: ['Rossi', 'Russo', 'Esposito', 'García', 'Fernández', 'Papadopoulos', 'Romano', 'Silva'],
  },
  polish: {
    male: ['Piotr', 'Tomasz', 'Krzysztof', 'Michał', 'Paweł', 'Jakub'],
    female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Monika'],
    family: ['Nowak', 'Kaczmarek', 'Mazur', 'Krawczyk', 'Wójcik', 'Kowalczyk'],
  },
  turkish: {
    male: ['Mehmet', 'Ahmet', 'Mustafa', 'Emre', 'Burak', 'Yusuf'],
    female: ['Ayşe', 'Fatma', 'Elif', 'Zeynep', 'Emine', 'Merve'],
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk', 'Aydın', 'Arslan'],
  },
  moroccan: {
    male: ['Mohamed', 'Ahmed', 'Youssef', 'Hamza', 'Karim', 'Bilal'],
    female: ['Fatima', 'Khadija', 'Samira', 'Nadia', 'Imane', 'Salma'],
    family: ['El Amrani', 'Bouzid', 'El Idrissi', 'Benali', 'Ouali', 'Azzouzi', 'El Khatib', 'Tahiri'],
  },
  arabic: {
    male: ['Ahmad', 'Omar', 'Khaled', 'Ali', 'Hassan', 'Sami'],
    female: ['Rania', 'Lina', 'Noor', 'Hiba', 'Amal', 'Dima'],
    family: ['Al-Hassan', 'Haddad', 'Khalil', 'Al-Ahmad', 'Nasser', 'Hamdan'],
  },
  chinese: {
    male: ['Wei', 'Jun', 'Hao', 'Yang'],
    female: ['Mei', 'Xin', 'Ling', 'Yan'],
    family: ['Chen', 'Wang', 'Li', 'Zhang', 'Liu'],
  },
  indian: {
    male: ['Arjun', 'Rohan', 'Vikram', 'Rahul'],
    female: ['Priya', 'Ananya', 'Divya', 'Neha'],
    family: ['Sharma', 'Patel', 'Singh', 'Iyer', 'Reddy'],
  },
};

const RESIDENT_ORIGINS: readonly Weighted<Origin>[] = [
  { value: 'turkish', weight: 18 },
  { value: 'moroccan', weight: 16 },
  { value: 'polish', weight: 12 },
  { value: 'german', weight: 14 },
  { value: 'belgian', weight: 14 },
  { value: 'southern', weight: 8 },
  { value: 'arabic', weight: 10 },
  { value: 'chinese', weight: 4 },
  { value: 'indian', weight: 4 },
];
const STUDENT_ORIGINS: readonly Weighted<Origin>[] = [
  { value: 'german', weight: 30 },
  { value: 'belgian', weight: 12 },
  { value: 'southern', weight: 22 },
  { value: 'polish', weight: 6 },
  { value: 'chinese', weight: 10 },
  { value: 'indian', weight: 10 },
  { value: 'turkish', weight: 4 },
  { value: 'arabic', weight: 3 },
  { value: 'moroccan', weight: 3 },
];
// Across the border from Belgium and near Germany; few migrant communities on the plateau.
const BORDER_VILLAGE_ORIGINS: readonly Weighted<Origin>[] = [
  { value: 'belgian', weight: 45 },
  { value: 'german', weight: 35 },
  { value: 'polish', weight: 10 },
  { value: 'southern', weight: 10 },
];

/** Share of non-Dutch names per area; international students get their own, higher share. */
const INTERNATIONAL_SHARE_BY_AREA: Readonly<Record<string, number>> = {
  WK093500: 0.26,
  WK093502: 0.22,
  WK093504: 0.18,
  WK093506: 0.18,
  WK190300: 0.06,
  WK190301: 0.05,
};
const DEFAULT_INTERNATIONAL_SHARE = 0.1;
const INTERNATIONAL_STUDENT_SHARE = 0.45;

const SURNAME_PREFIXES = ['van der', 'van den', 'van de', 'op den', 'van', 'de', 'ten', 'ter'] as const;

export function splitSurname(full: string): { prefix: string | null; name: string } {
  for (const prefix of SURNAME_PREFIXES) {
    if (full.startsWith(`${prefix} `)) return { prefix, name: full.slice(prefix.length + 1) };
  }
  return { prefix: null, name: full };
}

function familyNameFor(origin: Origin, random: Random): string {
  if (origin !== 'dutch') return random.pick(INTERNATIONAL_NAMES[origin].family);
  return random.chance(0.7) ? random.pick(LIMBURG_FAMILY_NAMES) : random.pick(DUTCH_FAMILY_NAMES);
}

function namesByGender(pool: { male: readonly string[]; female: readonly string[] }, gender: Gender, random: Random): readonly string[] {
  if (gender === 'X') return random.chance(0.5) ? pool.male : pool.female;
  return gender === 'M' ? pool.male : pool.female;
}

function givenNameFor(origin: Origin, gender: Gender, birthYear: number, random: Random): string {
  if (origin !== 'dutch') return random.pick(namesByGender(INTERNATIONAL_NAMES[origin], gender, random));
  const cohort = DUTCH_GIVEN_NAMES.find((c) => birthYear < c.bornBefore) ?? YOUNGEST_COHORT;
  const names = namesByGender(cohort, gender, random);
  const first = random.pick(names);
  // Older Limburgers were usually baptised with several names, e.g. 'Johannes Hubertus'.
  if (birthYear >= 1960 || !random.chance(0.5)) return first;
  const second = random.pick(names);
  return second === first ? first : `${first} ${second}`;
}

function originFor(members: readonly Member[], areaCode: string, tenantId: TenantId, random: Random): Origin {
  const [first] = members;
  const isStudent = members.length === 1 && first !== undefined && first.age <= 24;
  const share = isStudent
    ? INTERNATIONAL_STUDENT_SHARE
    : (INTERNATIONAL_SHARE_BY_AREA[areaCode] ?? DEFAULT_INTERNATIONAL_SHARE);
  if (!random.chance(share)) return 'dutch';
  if (tenantId === 'GM1903') return random.weighted(BORDER_VILLAGE_ORIGINS);
  return random.weighted(isStudent ? STUDENT_ORIGINS : RESIDENT_ORIGINS);
}

/** Partners keep their own geslachtsnaam in the BRP; about half share one, e.g. by naamgebruik. */
const PARTNER_SHARES_NAME = 0.5;

/** Children and the first adult carry the household's name; a partner often has their own. */
function memberFamilyName(householdName: string, member: Member, index: number, origin: Origin, random: Random): string {
  if (index === 0 || member.isChild || random.chance(PARTNER_SHARES_NAME)) return householdName;
  return familyNameFor(origin, random);
}

// ---------------------------------------------------------------------------------------------
// Addresses

interface Address {
  street: string;
  houseNumber: number;
  houseLetter: string | null;
  postcode: string;
}

// PostNL does not use F, I, O, Q, U and Y in postcodes, and never the combinations SS, SD and SA.
const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRSTVWXZ';
export const POSTCODE_PAIRS: readonly string[] = [...POSTCODE_LETTERS]
  .flatMap((a) => [...POSTCODE_LETTERS].map((b) => a + b))
  .filter((pair) => pair !== 'SS' && pair !== 'SD' && pair !== 'SA');
// 397 pairs, a prime: stepping through them with any stride visits each pair exactly once.
const POSTCODE_PAIR_STRIDE = 151;
/** A six-position postcode covers one side of a street for this many house numbers. */
const POSTCODE_BLOCK = 30;

type PostcodeBook = (areaIndex: number, area: DemoArea, streetIndex: number, houseNumber: number) => string;

/** Gives every street block a postcode of its own, so postcode + house number stays unique. */
function createPostcodeBook(): PostcodeBook {
  const byBlock = new Map<string, string>();
  const usedPairs = new Map<number, number>();
  const issue = (area: DemoArea, streetIndex: number): string => {
    const start = streetIndex % area.postcodes.length;
    // A street keeps one PC4 until that PC4 runs out of letter pairs.
    for (const pc4 of [...area.postcodes.slice(start), ...area.postcodes.slice(0, start)]) {
      const used = usedPairs.get(pc4) ?? 0;
      if (used >= POSTCODE_PAIRS.length) continue;
      usedPairs.set(pc4, used + 1);
      return `${pc4} ${POSTCODE_PAIRS[(used * POSTCODE_PAIR_STRIDE + pc4) % POSTCODE_PAIRS.length]}`;
    }
    throw new RangeError(`no postcodes left in ${area.code}: add PC4s or streets`);
  };
  return (areaIndex, area, streetIndex, houseNumber) => {
    const block = `${areaIndex}|${streetIndex}|${houseNumber % 2}|${Math.floor((houseNumber - 1) / POSTCODE_BLOCK)}`;
    let postcode = byBlock.get(block);
    if (postcode === undefined) {
      postcode = issue(area, streetIndex);
      byBlock.set(block, postcode);
    }
    return postcode;
  };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Up to 12 house numbers per slot group, plus one 'A' letter (an upstairs flat). */
const SLOTS_PER_GROUP = 13;
const MIN_SLOTS_PER_STREET = 120;
/** Room for more households than expected, so the scattered slots rarely run out. */
const SLOT_HEADROOM = 1.25;

type SlotAllocator = () => { streetIndex: number; houseNumber: number; houseLetter: string | null };

/**
 * Hands out distinct addresses in an area in a scattered order: the h-th household gets slot
 * (a·h + b) mod C with a coprime to C — a bijection, so no two households share an address.
 */
function createSlotAllocator(streetCount: number, expectedHouseholds: number, random: Random): SlotAllocator {
  const perStreet = Math.max(MIN_SLOTS_PER_STREET, Math.ceil((expectedHouseholds * SLOT_HEADROOM) / streetCount));
  const capacity = perStreet * streetCount;
  let multiplier = Math.floor(capacity * 0.618) || 1;
  while (gcd(multiplier, capacity) !== 1) multiplier += 1;
  const offset = random.int(0, capacity - 1);
  let issued = 0;
  return () => {
    const h = issued;
    issued += 1;
    // Beyond the capacity, continue with the slots above it: still distinct, just not scattered.
    const slot = h < capacity ? (multiplier * h + offset) % capacity : h;
    return slotToAddress(slot, streetCount);
  };
}

function slotToAddress(slot: number, streetCount: number): ReturnType<SlotAllocator> {
  const streetIndex = slot % streetCount;
  const k = Math.floor(slot / streetCount);
  const group = Math.floor(k / SLOTS_PER_GROUP);
  const position = k % SLOTS_PER_GROUP;
  const base = group * (SLOTS_PER_GROUP - 1);
  if (position < SLOTS_PER_GROUP - 1) return { streetIndex, houseNumber: base + position + 1, houseLetter: null };
  return { streetIndex, houseNumber: base + 1 + ((group * 7) % (SLOTS_PER_GROUP - 1)), houseLetter: 'A' };
}

// ---------------------------------------------------------------------------------------------
// Dates

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function parseReferenceDate(value: string): CalendarDate {
  const match = DATE_PATTERN.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : null;
  if (!match || date === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`referenceDate must be a real date as yyyy-mm-dd, got '${value}'`);
  }
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** A birth date on which the person is exactly `age` whole years old at `reference`. */
function birthDateFor(reference: CalendarDate, age: number, random: Random): string {
  const year = reference.year - age;
  // 29 February in a year without one: the last birthday was on the 28th.
  const lastDay = new Date(Date.UTC(year, reference.month, 0)).getUTCDate();
  const birthday = Date.UTC(year, reference.month - 1, Math.min(reference.day, lastDay));
  // Up to 364 days before the latest possible birth date keeps the age below age + 1.
  return new Date(birthday - random.int(0, 364) * DAY_MS).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Generation

interface AreaPlan {
  area: DemoArea;
  areaIndex: number;
  quota: number;
  mix: Weighted<HouseholdKind>[];
  meanSize: number;
  style: HouseholdStyle;
}

/** Largest-remainder apportionment: shares follow the inhabitants and add up exactly. */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const counts = exact.map(Math.floor);
  const missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, i) => ({ i, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  const roundedUp = new Set(byRemainder.slice(0, missing).map((r) => r.i));
  return counts.map((count, i) => (roundedUp.has(i) ? count + 1 : count));
}

function planAreas(municipality: DemoMunicipality, total: number): AreaPlan[] {
  const { areas, tenantId } = municipality;
  const quotas = apportion(total, areas.map((a) => a.inhabitants));
  const inhabitants = areas.reduce((sum, a) => sum + a.inhabitants, 0);
  const households = areas.reduce((sum, a) => sum + a.households, 0);
  const meanScale = HOUSEHOLD_TARGETS[tenantId].meanSize / (inhabitants / households);
  return areas.map((area, areaIndex) => ({
    area,
    areaIndex,
    quota: itemAt(quotas, areaIndex),
    mix: householdMix(area, meanScale, tenantId),
    meanSize: (area.inhabitants / area.households) * meanScale,
    style: {
      studentShare: STUDENT_SHARE_BY_AREA[area.code] ?? DEFAULT_STUDENT_SHARE,
      ages: AGE_PROFILES[tenantId],
    },
  }));
}

interface GenerationContext {
  municipality: DemoMunicipality;
  reference: CalendarDate;
  random: Random;
  postcodes: PostcodeBook;
  nextBsnIndex: number;
  nextHouseholdNumber: number;
}

function householdResidents(
  ctx: GenerationContext,
  plan: AreaPlan,
  members: readonly Member[],
  address: Address,
): DemoResident[] {
  const { random, municipality } = ctx;
  const origin = originFor(members, plan.area.code, municipality.tenantId, random);
  const householdName = familyNameFor(origin, random);
  const neighbourhood = random.pick(plan.area.neighbourhoods);
  const householdKey = `${municipality.tenantId}-HH${String(ctx.nextHouseholdNumber).padStart(6, '0')}`;
  ctx.nextHouseholdNumber += 1;
  return members.map((member, i) => {
    const birthDate = birthDateFor(ctx.reference, member.age, random);
    const surname = splitSurname(memberFamilyName(householdName, member, i, origin, random));
    const bsn = demoBsn(ctx.nextBsnIndex);
    ctx.nextBsnIndex += 1;
    return {
      bsn,
      givenName: givenNameFor(origin, member.gender, Number(birthDate.slice(0, 4)), random),
      surnamePrefix: surname.prefix,
      familyName: surname.name,
      birthDate,
      gender: member.gender,
      ...address,
      city: woonplaatsFor(municipality, neighbourhood),
      areaCode: plan.area.code,
      areaName: plan.area.name,
      neighbourhood,
      householdKey,
    };
  });
}

function* generateArea(ctx: GenerationContext, plan: AreaPlan): Generator<DemoResident> {
  const { random } = ctx;
  const streets = plan.area.streets;
  const nextSlot = createSlotAllocator(streets.length, plan.quota / plan.meanSize, random);
  let remaining = plan.quota;
  while (remaining > 0) {
    // The last household of an area is cut to the quota; members are ordered adults first.
    const members = drawMembers(random.weighted(plan.mix), plan.style, random).slice(0, remaining);
    remaining -= members.length;
    const slot = nextSlot();
    const address: Address = {
      street: itemAt(streets, slot.streetIndex),
      houseNumber: slot.houseNumber,
      houseLetter: slot.houseLetter,
      postcode: ctx.postcodes(plan.areaIndex, plan.area, slot.streetIndex, slot.houseNumber),
    };
    yield* householdResidents(ctx, plan, members, address);
  }
}

/**
 * Streams the demo residents of one municipality, household by household and area by area.
 * Deterministic: the same options always give the same residents in the same order. The i-th
 * resident gets demoBsn(i), so BSNs are unique within the municipality.
 */
export function* generatePopulation(options: PopulationOptions): Generator<DemoResident> {
  const total = populationCount(options);
  if (total > DEMO_BSN_CAPACITY) {
    throw new RangeError(`${total} residents do not fit in the ${DEMO_BSN_CAPACITY} demo BSNs`);
  }
  const municipality = demoMunicipality(options.tenantId);
  const ctx: GenerationContext = {
    municipality,
    reference: parseReferenceDate(options.referenceDate),
    random: createRandom(options.seed),
    postcodes: createPostcodeBook(),
    nextBsnIndex: 0,
    nextHouseholdNumber: 1,
  };
  for (const plan of planAreas(municipality, total)) yield* generateArea(ctx, plan);
}
