// Whether the CAK levies the Wmo eigen bijdrage (abonnementstarief, Wmo 2015 art. 2.1.4) for a
// granted product in a decision letter.

/** iWmo product categories of beschermd wonen and opvang: no abonnementstarief (domain-facts §2.1, §3). */
const SHELTER_CATEGORIES = new Set(['15', '16', '17', '18']);

export interface CakProduct {
  law: string;
  kind: string;
  categoryCode: string | null;
  /** The product's own flag (catalogue); null follows the default below. */
  cakContribution: boolean | null;
}

/** By default: Wmo maatwerkvoorzieningen except beschermd wonen and opvang. */
export function productLeviesCak(p: CakProduct): boolean {
  if (p.cakContribution !== null) return p.cakContribution;
  return p.law === 'wmo' && p.kind === 'tailored' && !SHELTER_CATEGORIES.has(p.categoryCode ?? '');
}

/** Whole years between two ISO dates. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The CAK levies the bijdrage from adults only: no paragraph for a child's provision (e.g. a wheelchair for a child). */
export function levies(p: CakProduct, resident: { birthDate: string }, periodStart: string): boolean {
  return productLeviesCak(p) && ageOn(resident.birthDate, periodStart) >= 18;
}
