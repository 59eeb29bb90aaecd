// Products and providers as the plans use them: what a client of an age needs, which contracted
// provider delivers it, and the decision lines of a beschikking.

import { computeCommitment, type AllocationTerms } from '../../modules/allocations/commitment.js';
import { addDays, addMonths } from '../../platform/calendar.js';
import { addTerm } from '../../modules/cases/deadline.js';
import type { Random, Weighted } from '../random.js';
import type { Catalogue } from './context.js';
import { BAND_INDEX, PRODUCT_NEED, PRODUCT_TERMS, bandOf } from './distributions.js';
import { minDate, weightedSample } from './helpers.js';
import { REFUSAL_REASONS } from './texts.js';
import type { LinePlan, ProductInfo, ProviderOption } from './types.js';

export function productWeightsFor(catalogue: Catalogue, age: number): Weighted<ProductInfo>[] {
  return catalogue.grantable.map((p) => ({ value: p, weight: PRODUCT_NEED[p.code]?.[BAND_INDEX[bandOf(age)]] ?? 0 }));
}

/** A provider contracted for the product over the whole period, by market share; draws only when one fits. */
export function providerFor(catalogue: Catalogue, random: Random, product: ProductInfo, start: string, end: string): ProviderOption | undefined {
  const startYear = Number(start.slice(0, 4));
  const endYear = Number(end.slice(0, 4));
  const fits = (catalogue.providerOptions.get(product.code) ?? []).filter((o) => o.firstYear <= startYear && o.lastYear >= endYear);
  return fits.length > 0 ? random.weighted(fits.map((o) => ({ value: o, weight: o.weight }))) : undefined;
}

function lastTariffDay(catalogue: Catalogue, product: ProductInfo): string {
  return `${Math.max(...(catalogue.providerOptions.get(product.code) ?? []).map((o) => o.lastYear))}-12-31`;
}

/** As the app estimates it: the first twelve months of a granted line at the highest contracted tariff. */
export function expectedAnnual(catalogue: Catalogue, line: LinePlan): number {
  if (!line.granted) return 0;
  const yearEnd = addDays(addTerm(line.start, 'P1Y'), -1);
  const terms: AllocationTerms = { volume: line.volume, unit: line.product.unit, frequency: line.product.frequency, start: line.start, end: minDate(line.end, yearEnd) };
  try {
    return computeCommitment({ terms, tariffs: catalogue.highestTariffs.get(line.product.code) ?? [], horizon: terms.end! }).totalCents;
  } catch {
    return 0; // no tariff for that year: the line cannot be allocated either
  }
}

/** `count` distinct products for a client of `age` (starting with `first` if given), from the day after the decision. */
export function planLines(catalogue: Catalogue, random: Random, age: number, count: number, first: ProductInfo | null, decisionDay: string): LinePlan[] {
  const chosen = first
    ? [first, ...weightedSample(random, productWeightsFor(catalogue, age).filter((w) => w.value !== first), count - 1)]
    : weightedSample(random, productWeightsFor(catalogue, age), count);
  return chosen.map((product) => {
    const terms = PRODUCT_TERMS[product.code] ?? { volume: [1, 1] as const, months: [12, 12] as const };
    const start = addDays(decisionDay, random.int(1, 10));
    const months = random.int(terms.months[0], terms.months[1]);
    const end = minDate(addDays(addMonths(start, months), -1), lastTariffDay(catalogue, product));
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
}
