import { describe, it, expect } from 'vitest';
import { DEMO_BSN_CAPACITY, isValidBsn } from '../modules/residents/bsn.js';
import { demoMunicipalities, demoMunicipality } from './geography.js';
import {
  generatePopulation,
  populationCount,
  type DemoResident,
  type PopulationOptions,
} from './population.js';

const REFERENCE_DATE = '2025-01-01';
const POSTCODE = /^[1-9]\d{3} [A-Z]{2}$/;

function take(count: number, options: PopulationOptions): DemoResident[] {
  const result: DemoResident[] = [];
  for (const resident of generatePopulation(options)) {
    if (result.length === count) break;
    result.push(resident);
  }
  return result;
}

function ageOn(birthDate: string, referenceDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
  return ry - by - (rm * 100 + rd < bm * 100 + bd ? 1 : 0);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const percentage = (part: number, whole: number): number => (100 * part) / whole;

function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

interface Generated {
  options: PopulationOptions;
  residents: DemoResident[];
}

function generated(options: Omit<PopulationOptions, 'referenceDate'>): Generated {
  const full = { ...options, referenceDate: REFERENCE_DATE };
  return { options: full, residents: [...generatePopulation(full)] };
}

// Generated once per file: the full 'maastricht' size takes well under a second per tenant.
const populations = {
  maastrichtSmall: generated({ tenantId: 'GM0935', size: 'small', seed: 7 }),
  eijsdenSmall: generated({ tenantId: 'GM1903', size: 'small', seed: 7 }),
  maastricht: generated({ tenantId: 'GM0935', size: 'maastricht', seed: 42 }),
  eijsden: generated({ tenantId: 'GM1903', size: 'maastricht', seed: 42 }),
};
const allPopulations = Object.entries(populations);

describe('geography', () => {
  it('has the 7 CBS wijken of Maastricht and 2 areas for Eijsden-Margraten', () => {
    expect(demoMunicipality('GM0935').areas.map((a) => a.code)).toEqual([
      'WK093500', 'WK093501', 'WK093502', 'WK093503', 'WK093504', 'WK093505', 'WK093506',
    ]);
    expect(demoMunicipality('GM1903').areas.map((a) => a.code)).toEqual(['WK190300', 'WK190301']);
  });

  it.each(demoMunicipalities.map((m) => [m.name, m] as const))('%s has unique street names', (_name, m) => {
    const streets = m.areas.flatMap((a) => a.streets);
    expect(new Set(streets).size).toBe(streets.length);
  });
});

describe('populationCount', () => {
  it.each([
    ['GM0935', 'small', 400],
    ['GM1903', 'small', 400],
    ['GM0935', 'maastricht', 90_000],
    ['GM1903', 'maastricht', 20_000],
  ] as const)('%s/%s has %i residents', (tenantId, size, expected) => {
    expect(populationCount({ tenantId, size })).toBe(expected);
  });

  it('fits each municipality into the demo BSN range', () => {
    expect(populationCount({ tenantId: 'GM0935', size: 'maastricht' })).toBeLessThanOrEqual(DEMO_BSN_CAPACITY);
  });

  it.each(allPopulations)('%s generates exactly that many residents', (_name, { options, residents }) => {
    expect(residents).toHaveLength(populationCount(options));
  });
});

describe('generatePopulation: reproducibility', () => {
  const options: PopulationOptions = { tenantId: 'GM0935', size: 'maastricht', seed: 1, referenceDate: REFERENCE_DATE };

  it('gives the same residents for the same options', () => {
    expect(take(500, options)).toEqual(take(500, options));
  });

  it('gives other people for another seed', () => {
    const a = take(500, options);
    const b = take(500, { ...options, seed: 2 });
    expect(b).not.toEqual(a);
    const names = (rs: DemoResident[]): string[] => rs.map((r) => `${r.givenName} ${r.familyName} ${r.birthDate}`);
    const shared = names(b).filter((n) => new Set(names(a)).has(n));
    expect(shared.length).toBeLessThan(25);
  });

  it('rejects an invalid reference date', () => {
    expect(() => take(1, { ...options, referenceDate: '2025-02-30' })).toThrow(RangeError);
    expect(() => take(1, { ...options, referenceDate: '1-1-2025' })).toThrow(RangeError);
  });
});

describe.each(allPopulations)('generatePopulation: %s', (_name, { options, residents }) => {
  const municipality = demoMunicipality(options.tenantId);
  const areas = new Map(municipality.areas.map((a) => [a.code, a]));
  const households = groupBy(residents, (r) => r.householdKey);

  it('gives every resident a valid, unique BSN', () => {
    const invalid = residents.filter((r) => !isValidBsn(r.bsn) || !r.bsn.startsWith('999'));
    expect(invalid).toEqual([]);
    expect(new Set(residents.map((r) => r.bsn)).size).toBe(residents.length);
  });

  it('uses valid postcodes inside the PC4 list of the area', () => {
    const wrong = residents.filter((r) => {
      const area = areas.get(r.areaCode);
      const letters = r.postcode.slice(5);
      return (
        area === undefined ||
        !POSTCODE.test(r.postcode) ||
        ['SS', 'SD', 'SA'].includes(letters) ||
        !area.postcodes.includes(Number(r.postcode.slice(0, 4))) ||
        !area.streets.includes(r.street) ||
        !area.neighbourhoods.includes(r.neighbourhood) ||
        area.name !== r.areaName
      );
    });
    expect(wrong).toEqual([]);
  });

  it('gives all members of a household one address, distinct from other households', () => {
    const addressOf = (r: DemoResident): string =>
      `${r.street}|${r.houseNumber}|${r.houseLetter ?? ''}|${r.postcode}|${r.city}`;
    const postcodeKey = (r: DemoResident): string => `${r.postcode}|${r.houseNumber}|${r.houseLetter ?? ''}`;
    const owners = new Map<string, string>();
    const problems: string[] = [];
    for (const [key, members] of households) {
      const address = addressOf(first(members));
      if (members.some((m) => addressOf(m) !== address)) problems.push(`${key} lives apart`);
      const owner = owners.get(postcodeKey(first(members)));
      if (owner !== undefined) problems.push(`${key} shares an address with ${owner}`);
      owners.set(postcodeKey(first(members)), key);
    }
    expect(problems).toEqual([]);
  });

  it('has realistic people', () => {
    for (const r of residents) {
      const age = ageOn(r.birthDate, REFERENCE_DATE);
      if (age < 0 || age > 100 || !/^\d{4}-\d{2}-\d{2}$/.test(r.birthDate)) throw new Error(`age ${age}: ${r.bsn}`);
      if (r.givenName.trim() === '' || r.familyName.trim() === '') throw new Error(`name: ${r.bsn}`);
      if (r.houseNumber < 1 || !Number.isInteger(r.houseNumber)) throw new Error(`house number: ${r.bsn}`);
    }
    expect(residents.some((r) => r.surnamePrefix !== null)).toBe(true);
  });

  it('lets minors live with an adult 18–45 years older', () => {
    for (const members of households.values()) {
      const ages = members.map((m) => ageOn(m.birthDate, REFERENCE_DATE));
      for (const age of ages.filter((a) => a < 18)) {
        expect(ages.some((parent) => parent - age >= 18 && parent - age <= 45)).toBe(true);
      }
    }
  });

  it('mostly shares the family name within a household', () => {
    const multi = [...households.values()].filter((m) => m.length > 1);
    const sharing = multi.filter((m) => m.filter((r) => r.familyName === first(m).familyName).length > m.length / 2);
    expect(percentage(sharing.length, multi.length)).toBeGreaterThan(60);
  });
});

describe('generatePopulation: Maastricht statistics (size maastricht)', () => {
  const residents = populations.maastricht.residents;
  const maastricht = demoMunicipality('GM0935');
  const households = [...groupBy(residents, (r) => r.householdKey).values()];

  it('spreads residents over the wijken by inhabitants (±2 points)', () => {
    const total = maastricht.areas.reduce((sum, a) => sum + a.inhabitants, 0);
    for (const area of maastricht.areas) {
      const share = percentage(residents.filter((r) => r.areaCode === area.code).length, residents.length);
      expect(Math.abs(share - percentage(area.inhabitants, total))).toBeLessThanOrEqual(2);
    }
  });

  it('has 50–58 % one-person households and 1.6–1.8 persons per household', () => {
    const single = percentage(households.filter((h) => h.length === 1).length, households.length);
    expect(single).toBeGreaterThanOrEqual(50);
    expect(single).toBeLessThanOrEqual(58);
    const mean = residents.length / households.length;
    expect(mean).toBeGreaterThanOrEqual(1.6);
    expect(mean).toBeLessThanOrEqual(1.8);
  });

  it('has most one-person households in Centrum', () => {
    const singleShare = (code: string): number => {
      const inArea = households.filter((h) => first(h).areaCode === code);
      return percentage(inArea.filter((h) => h.length === 1).length, inArea.length);
    };
    expect(singleShare('WK093500')).toBeGreaterThan(singleShare('WK093501') + 15);
  });

  it('matches the 2021 age mix within 3 points', () => {
    const brackets = [
      { max: 14, expected: 10 },
      { max: 24, expected: 19 },
      { max: 44, expected: 24 },
      { max: 64, expected: 25 },
      { max: Number.POSITIVE_INFINITY, expected: 22 },
    ];
    const counts = brackets.map(() => 0);
    for (const r of residents) {
      const age = ageOn(r.birthDate, REFERENCE_DATE);
      const index = brackets.findIndex((b) => age <= b.max);
      counts[index] = (counts[index] ?? 0) + 1;
    }
    brackets.forEach((bracket, i) => {
      expect(Math.abs(percentage(counts[i] ?? 0, residents.length) - bracket.expected)).toBeLessThanOrEqual(3);
    });
  });

  it('includes Limburg and international names', () => {
    const familyNames = new Set(residents.map((r) => r.familyName));
    for (const name of ['Janssen', 'Hermans', 'Smeets', 'Peeters', 'Coenen', 'Vroemen', 'Lemmens', 'Dassen', 'Hendrikx', 'Ramakers']) {
      expect(familyNames).toContain(name);
    }
    expect(familyNames).toContain('Yılmaz');
    expect(familyNames).toContain('Müller');
  });
});

describe('generatePopulation: Eijsden-Margraten (size maastricht)', () => {
  const residents = populations.eijsden.residents;

  it('addresses residents by their BAG woonplaats, not the municipality', () => {
    const cities = new Set(residents.map((r) => r.city));
    expect(cities).toContain('Cadier en Keer');
    expect(cities).toContain('Eijsden');
    expect(cities).not.toContain('Mesch');
  });

  it('spreads residents over the two areas by inhabitants (±2 points)', () => {
    const areas = demoMunicipality('GM1903').areas;
    const total = areas.reduce((sum, a) => sum + a.inhabitants, 0);
    for (const area of areas) {
      const share = percentage(residents.filter((r) => r.areaCode === area.code).length, residents.length);
      expect(Math.abs(share - percentage(area.inhabitants, total))).toBeLessThanOrEqual(2);
    }
  });
});
