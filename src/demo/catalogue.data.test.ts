import { describe, it, expect } from 'vitest';
import { budgetLines, catalogueProducts, type CatalogueProductData, type Unit } from './catalogue.data.js';
import { demoMunicipality } from './geography.js';
import { providers, type ProviderData } from './providers.data.js';

const CONTRACT_YEARS = [2025, 2026, 2027];
// iWmo 3.2 LDT_ProductCategorie 01–18 and iJw 3.2 as listed in domain-facts §3.2 (no 39).
const IWMO_CATEGORIES = new Set(Array.from({ length: 18 }, (_, i) => String(i + 1).padStart(2, '0')));
const IJW_CATEGORIES = new Set([
  '31', '32', '33', '34', '35', '36', '37', '38',
  '40', '41', '42', '43', '44', '45', '46', '47', '48', '49', '50', '51', '52', '53', '54', '55',
]);
// Loose sanity bounds in euros per unit, to catch a tariff typed in cents or with a missing digit.
const TARIFF_BOUNDS: Readonly<Record<Unit, readonly [number, number]>> = {
  minute: [0.5, 3],
  hour: [25, 150],
  day_part: [30, 150],
  day: [40, 500],
  piece: [10, 15_000],
  euro: [1, 1],
};
const CODE_IN_PURPOSE = /\(([A-Z]+-[A-Z]+-\d{2})\)/g;

const productByCode = new Map(catalogueProducts.map((p) => [p.code, p]));
const maastrichtAreaCodes = new Set(demoMunicipality('GM0935').areas.map((a) => a.code));
const budgetLineByCode = new Map(budgetLines.map((b) => [b.code, b]));

const isContractedKind = (p: CatalogueProductData): boolean =>
  p.kind === 'tailored' && (p.law === 'wmo' || p.law === 'jeugdwet');

function contractsFor(productCode: string): Map<string, ProviderData['contracts']> {
  const byProvider = new Map<string, ProviderData['contracts']>();
  for (const provider of providers) {
    const lines = provider.contracts.filter((c) => c.productCode === productCode);
    if (lines.length > 0) byProvider.set(provider.agbCode, lines);
  }
  return byProvider;
}

function codesInPurposes(): string[] {
  return providers.flatMap((p) =>
    p.subsidies.flatMap((s) => [...s.purpose.matchAll(CODE_IN_PURPOSE)].map((m) => m[1] ?? '')),
  );
}

describe('catalogue products', () => {
  it('has 30–40 products with unique codes', () => {
    expect(catalogueProducts.length).toBeGreaterThanOrEqual(30);
    expect(catalogueProducts.length).toBeLessThanOrEqual(40);
    expect(productByCode.size).toBe(catalogueProducts.length);
  });

  it('has Dutch name, description and eligibility, each non-empty and at most 400 characters', () => {
    for (const p of catalogueProducts) {
      for (const text of [p.name, p.description, p.eligibility]) {
        expect(text.trim().length, p.code).toBeGreaterThan(0);
        expect(text.length, p.code).toBeLessThanOrEqual(400);
      }
    }
  });

  it('gives direct access only to Wmo products, always for 13 weeks', () => {
    const direct = catalogueProducts.filter((p) => p.directAccess);
    expect(direct.length).toBeGreaterThanOrEqual(2);
    for (const p of catalogueProducts) {
      if (p.directAccess) {
        expect(p.law, p.code).toBe('wmo');
        expect(p.kind, p.code).toBe('tailored');
        expect(p.directAccessMaxWeeks, p.code).toBe(13);
      } else {
        expect(p.directAccessMaxWeeks, p.code).toBeNull();
      }
    }
  });

  it('uses valid iWmo/iJw categories, with a product code that belongs to the category', () => {
    for (const p of catalogueProducts.filter(isContractedKind)) {
      const categories = p.law === 'wmo' ? IWMO_CATEGORIES : IJW_CATEGORIES;
      const validCategory = p.categoryCode !== null && categories.has(p.categoryCode);
      expect(validCategory, `${p.code} ${String(p.categoryCode)}`).toBe(true);
      expect(p.productCode, p.code).toMatch(/^[0-9A-Z]{1,5}$/);
      expect(p.productCode?.startsWith(p.categoryCode ?? '-'), p.code).toBe(true);
      expect(p.requiresDecision, p.code).toBe(true);
      expect(p.unit, p.code).not.toBe('euro');
    }
  });

  it('has no iWmo/iJw codes and no decision-free contracting for community provisions and benefits', () => {
    for (const p of catalogueProducts.filter((q) => q.kind !== 'tailored')) {
      expect(p.categoryCode, p.code).toBeNull();
      expect(p.productCode, p.code).toBeNull();
      expect(p.directAccess, p.code).toBe(false);
    }
  });

  it('pays benefits in euros, once, after a decision', () => {
    const benefits = catalogueProducts.filter((p) => p.kind === 'benefit');
    expect(benefits.length).toBeGreaterThan(0);
    for (const p of benefits) {
      expect(p.unit, p.code).toBe('euro');
      expect(p.frequency, p.code).toBe('total');
      expect(p.requiresDecision, p.code).toBe(true);
    }
  });

  it('offers community provisions in existing Maastricht wijken, and only those have area codes', () => {
    for (const p of catalogueProducts) {
      if (p.kind === 'community') {
        expect(p.areaCodes.length, p.code).toBeGreaterThanOrEqual(1);
        expect(new Set(p.areaCodes).size, p.code).toBe(p.areaCodes.length);
        for (const code of p.areaCodes) expect(maastrichtAreaCodes.has(code), `${p.code} ${code}`).toBe(true);
      } else {
        expect(p.areaCodes, p.code).toEqual([]);
      }
    }
  });

  it('covers every law and kind the brief asks for', () => {
    const combos = new Set(catalogueProducts.map((p) => `${p.law}/${p.kind}`));
    for (const combo of ['wmo/tailored', 'wmo/community', 'jeugdwet/tailored', 'participatiewet/benefit']) {
      expect(combos.has(combo), combo).toBe(true);
    }
    expect(catalogueProducts.some((p) => p.law === 'wgs')).toBe(true);
  });
});

describe('budget lines', () => {
  it('has unique codes, each with a name', () => {
    expect(budgetLineByCode.size).toBe(budgetLines.length);
    for (const b of budgetLines) expect(b.name.trim().length, b.code).toBeGreaterThan(0);
  });

  it('lists every taakveld a product uses, and no unused ones', () => {
    const used = new Set(catalogueProducts.map((p) => p.budgetLine));
    for (const code of used) expect(budgetLineByCode.has(code), code).toBe(true);
    for (const b of budgetLines) expect(used.has(b.code), b.code).toBe(true);
  });

  it('books a product only on a taakveld of its own law', () => {
    for (const p of catalogueProducts) {
      const law = budgetLineByCode.get(p.budgetLine)?.law;
      if (law !== null && law !== undefined) expect(p.law, `${p.code} on ${p.budgetLine}`).toBe(law);
    }
  });
});

describe('providers', () => {
  it('has exactly 40 providers with unique, fictitious 8-digit AGB codes starting with 99', () => {
    expect(providers).toHaveLength(40);
    expect(new Set(providers.map((p) => p.agbCode)).size).toBe(40);
    expect(new Set(providers.map((p) => p.name)).size).toBe(40);
    for (const p of providers) expect(p.agbCode, p.name).toMatch(/^99\d{6}$/);
  });

  it('has every kind, region-wide and local providers, and 2–4 strategic partners', () => {
    const kinds = new Set(providers.map((p) => p.kind));
    expect([...kinds].sort()).toEqual(['care', 'housing_aids', 'transport', 'welfare', 'youth']);
    expect(providers.some((p) => p.regionWide)).toBe(true);
    expect(providers.some((p) => !p.regionWide)).toBe(true);
    const partners = providers.filter((p) => p.strategicPartner);
    expect(partners.length).toBeGreaterThanOrEqual(2);
    expect(partners.length).toBeLessThanOrEqual(4);
    expect(partners.some((p) => p.kind === 'welfare')).toBe(true);
    // Seed 004: the direct-access begeleiding runs with a strategic Wmo partner.
    const directCodes = new Set(catalogueProducts.filter((p) => p.directAccess).map((p) => p.code));
    expect(partners.some((p) => p.contracts.some((c) => directCodes.has(c.productCode)))).toBe(true);
  });

  it('gives every provider a contract or a subsidy', () => {
    for (const p of providers) expect(p.contracts.length + p.subsidies.length, p.name).toBeGreaterThan(0);
  });

  it('contracts only existing products that need a decision or have direct access, never community provisions', () => {
    for (const provider of providers) {
      for (const c of provider.contracts) {
        const product = productByCode.get(c.productCode);
        expect(product, `${provider.name} → ${c.productCode}`).toBeDefined();
        if (product === undefined) continue;
        expect(product.requiresDecision || product.directAccess, c.productCode).toBe(true);
        expect(product.kind, c.productCode).not.toBe('community');
        expect(Number.isInteger(c.centsPerUnit) && c.centsPerUnit > 0, `${provider.name} ${c.productCode}`).toBe(true);
        const [low, high] = TARIFF_BOUNDS[product.unit];
        expect(c.centsPerUnit / 100, `${provider.name} ${c.productCode} ${c.year}`).toBeGreaterThanOrEqual(low);
        expect(c.centsPerUnit / 100, `${provider.name} ${c.productCode} ${c.year}`).toBeLessThanOrEqual(high);
      }
    }
  });

  it('contracts every tailored Wmo/Jeugd product with 3–10 providers, for 2025–2027, indexed 2–4 % a year', () => {
    for (const product of catalogueProducts.filter(isContractedKind)) {
      const byProvider = contractsFor(product.code);
      expect(byProvider.size, product.code).toBeGreaterThanOrEqual(3);
      expect(byProvider.size, product.code).toBeLessThanOrEqual(10);
      for (const [agb, lines] of byProvider) {
        const label = `${agb} ${product.code}`;
        expect(lines.map((l) => l.year).sort(), label).toEqual(CONTRACT_YEARS);
        const sorted = [...lines].sort((a, b) => a.year - b.year);
        for (let i = 1; i < sorted.length; i++) {
          const previous = sorted[i - 1]?.centsPerUnit ?? Number.NaN;
          const current = sorted[i]?.centsPerUnit ?? Number.NaN;
          expect(current, label).toBeGreaterThanOrEqual(previous);
          // One cent of slack for rounding small tariffs.
          expect(current, label).toBeGreaterThanOrEqual(previous * 1.02 - 1);
          expect(current, label).toBeLessThanOrEqual(previous * 1.04 + 1);
        }
      }
    }
  });

  it('finances community provisions by subsidies to welfare providers, naming an existing provision', () => {
    for (const provider of providers) {
      if (provider.subsidies.length > 0) expect(provider.kind, provider.name).toBe('welfare');
      if (provider.kind === 'welfare') {
        expect(provider.subsidies.length, provider.name).toBeGreaterThan(0);
        expect(provider.contracts, provider.name).toEqual([]);
      }
      for (const s of provider.subsidies) {
        expect(CONTRACT_YEARS, provider.name).toContain(s.year);
        expect(Number.isInteger(s.amountCents) && s.amountCents > 0, `${provider.name} ${s.year}`).toBe(true);
        expect(s.purpose.trim().length, provider.name).toBeGreaterThan(0);
      }
    }
    const cited = codesInPurposes();
    for (const code of cited) expect(productByCode.get(code)?.kind, code).toBe('community');
    for (const p of catalogueProducts.filter((q) => q.kind === 'community')) {
      expect(cited, p.code).toContain(p.code);
    }
  });
});
