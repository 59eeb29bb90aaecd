// Checks and lookups on the Participatiewet norm table (pw.norms.data.ts). The validator collects every
// refusal with its field and a Dutch message, so that whoever adds a half year sees all mistakes at once.

import { createHash } from 'node:crypto';
import { addDays, parseDate } from '../../platform/calendar.js';
import { invalid, validationFailed, type FieldError } from '../../platform/errors.js';
import { NORM_KEYS, type AssetLimits, type NormPeriod, type NormTable } from './pw.norms.data.js';
import { formatCents as euro } from '../allocations/commitment.js';

/** A monthly amount above this is a typing error, not a norm (€ 10,000). */
export const MAX_MONTHLY_CENTS = 1_000_000;
/** An asset limit above this is a typing error (€ 1,000,000). */
export const MAX_ASSET_LIMIT_CENTS = 100_000_000;


function isDate(value: string): boolean {
  try {
    parseDate(value);
    return true;
  } catch {
    return false;
  }
}

function checkCents(errors: FieldError[], field: string, value: number, max: number, allowZero: boolean): void {
  if (!Number.isSafeInteger(value)) {
    errors.push({ field, message: 'Het bedrag moet een geheel aantal centen zijn.' });
  } else if (value < 0 || (!allowZero && value === 0)) {
    errors.push({ field, message: `Het bedrag moet groter dan nul zijn (nu ${euro(value)}).` });
  } else if (value > max) {
    errors.push({ field, message: `Het bedrag ${euro(value)} is onwaarschijnlijk hoog (meer dan ${euro(max)}).` });
  }
}

function checkInteger(errors: FieldError[], field: string, value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push({ field, message: `${what} moet een geheel getal van ${min} tot en met ${max} zijn (nu ${value}).` });
  }
}

function checkPeriod(errors: FieldError[], p: NormPeriod, at: string): void {
  if (p.id.trim() === '') errors.push({ field: `${at}.id`, message: 'Een normperiode heeft een naam nodig.' });
  for (const [field, value] of [
    ['validFrom', p.validFrom],
    ['validUntil', p.validUntil],
  ] as const) {
    if (!isDate(value)) errors.push({ field: `${at}.${field}`, message: `'${value}' is geen geldige datum (jjjj-mm-dd).` });
  }
  if (isDate(p.validFrom) && !/-(01-01|07-01)$/.test(p.validFrom)) {
    errors.push({ field: `${at}.validFrom`, message: `Een normperiode begint op 1 januari of 1 juli, niet op ${p.validFrom}.` });
  }
  if (isDate(p.validFrom) && isDate(p.validUntil) && p.validUntil < p.validFrom) {
    errors.push({ field: `${at}.validUntil`, message: `De periode ${p.id} eindigt (${p.validUntil}) vóór haar begin (${p.validFrom}).` });
  }
  checkInteger(errors, `${at}.vakantietoeslagBasisPoints`, p.vakantietoeslagBasisPoints, 0, 1000, 'Het aandeel vakantietoeslag in basispunten');
  checkInteger(errors, `${at}.kostendelerMinAge`, p.kostendelerMinAge, 18, 30, 'De leeftijdsgrens voor kostendelers');
  checkInteger(errors, `${at}.aowAge.years`, p.aowAge.years, 60, 75, 'De AOW-leeftijd in jaren');
  checkInteger(errors, `${at}.aowAge.months`, p.aowAge.months, 0, 11, 'De AOW-leeftijd in maanden');

  const norms = p.norms as Partial<Record<string, NormPeriod['norms'][keyof NormPeriod['norms']]>>;
  for (const key of NORM_KEYS) {
    const amount = norms[key];
    if (amount === undefined) {
      errors.push({ field: `${at}.norms.${key}`, message: `De norm voor leefvorm '${key}' ontbreekt in periode ${p.id}.` });
      continue;
    }
    checkCents(errors, `${at}.norms.${key}.inclVtCents`, amount.inclVtCents, MAX_MONTHLY_CENTS, false);
    checkCents(errors, `${at}.norms.${key}.exclVtCents`, amount.exclVtCents, MAX_MONTHLY_CENTS, false);
    if (Number.isSafeInteger(amount.inclVtCents) && Number.isSafeInteger(amount.exclVtCents)) {
      const expected = withoutVakantietoeslag(amount.inclVtCents, p.vakantietoeslagBasisPoints);
      if (Math.abs(amount.exclVtCents - expected) > 1) {
        errors.push({
          field: `${at}.norms.${key}.exclVtCents`,
          message:
            `De norm zonder vakantietoeslag (${euro(amount.exclVtCents)}) past niet bij de norm met vakantietoeslag ` +
            `(${euro(amount.inclVtCents)}): verwacht ${euro(expected)}, met hooguit 1 cent verschil.`,
        });
      }
    }
  }
  for (const key of Object.keys(norms)) {
    if (!(NORM_KEYS as readonly string[]).includes(key)) {
      errors.push({ field: `${at}.norms.${key}`, message: `Onbekende leefvorm '${key}'.` });
    }
  }
  checkCents(errors, `${at}.art22aLid3.withChildrenCents`, p.art22aLid3.withChildrenCents, MAX_MONTHLY_CENTS, false);
  checkCents(errors, `${at}.art22aLid3.withoutChildrenCents`, p.art22aLid3.withoutChildrenCents, MAX_MONTHLY_CENTS, false);
  checkCents(errors, `${at}.inrichtingVerhoging.alleenstaandeCents`, p.inrichtingVerhoging.alleenstaandeCents, MAX_MONTHLY_CENTS, true);
  checkCents(errors, `${at}.inrichtingVerhoging.gehuwdenCents`, p.inrichtingVerhoging.gehuwdenCents, MAX_MONTHLY_CENTS, true);
  checkCents(errors, `${at}.oudedagsvoorziening.alleenstaandeCents`, p.oudedagsvoorziening.alleenstaandeCents, MAX_MONTHLY_CENTS, true);
  checkCents(errors, `${at}.oudedagsvoorziening.gehuwdenCents`, p.oudedagsvoorziening.gehuwdenCents, MAX_MONTHLY_CENTS, true);
  for (const [name, rule] of Object.entries(p.workExemptions)) {
    checkInteger(errors, `${at}.workExemptions.${name}.basisPoints`, rule.basisPoints, 0, 10_000, 'Het vrijlatingspercentage in basispunten');
    checkCents(errors, `${at}.workExemptions.${name}.maxCentsPerMonth`, rule.maxCentsPerMonth, MAX_MONTHLY_CENTS, true);
  }
}

function checkAssetLimits(errors: FieldError[], a: AssetLimits, at: string): void {
  if (a.validFrom !== `${a.year}-01-01` || a.validUntil !== `${a.year}-12-31`) {
    errors.push({ field: `${at}.validFrom`, message: `De vermogensgrenzen van ${a.year} gelden van 1 januari tot en met 31 december ${a.year}.` });
  }
  for (const field of ['alleenstaandeCents', 'alleenstaandeOuderCents', 'gehuwdenCents', 'eigenWoningCents'] as const) {
    checkCents(errors, `${at}.${field}`, a[field], MAX_ASSET_LIMIT_CENTS, false);
  }
}

/** Consecutive ranges must touch: the day after one ends is the day the next begins. */
function checkContinuity(
  errors: FieldError[],
  ranges: { validFrom: string; validUntil: string; name: string }[],
  listField: string,
): void {
  for (let i = 1; i < ranges.length; i++) {
    const prev = ranges[i - 1]!;
    const next = ranges[i]!;
    if (!isDate(prev.validUntil) || !isDate(next.validFrom)) continue;
    const expected = addDays(prev.validUntil, 1);
    if (next.validFrom > expected) {
      errors.push({
        field: `${listField}[${i}].validFrom`,
        message: `Gat in de tabel: na ${prev.name} (tot en met ${prev.validUntil}) begint ${next.name} pas op ${next.validFrom}.`,
      });
    } else if (next.validFrom < expected) {
      errors.push({
        field: `${listField}[${i}].validFrom`,
        message: `Overlap in de tabel: ${next.name} begint op ${next.validFrom}, maar ${prev.name} loopt tot en met ${prev.validUntil}.`,
      });
    }
  }
}

/** Refuses (AppError VALIDATION_FAILED, one Dutch message per field) a table that is not fit for use. */
export function validateNormTable(table: NormTable): void {
  const errors: FieldError[] = [];
  if (table.version.trim() === '') errors.push({ field: 'version', message: 'De normtabel heeft een versie nodig.' });
  if (table.periods.length === 0) errors.push({ field: 'periods', message: 'De normtabel bevat geen enkele periode.' });
  if (table.assetLimits.length === 0) errors.push({ field: 'assetLimits', message: 'De normtabel bevat geen vermogensgrenzen.' });

  const ids = new Set<string>();
  table.periods.forEach((p, i) => {
    if (ids.has(p.id)) errors.push({ field: `periods[${i}].id`, message: `De periode ${p.id} komt twee keer voor.` });
    ids.add(p.id);
    checkPeriod(errors, p, `periods[${i}]`);
  });
  const sorted = table.periods.every((p, i) => i === 0 || table.periods[i - 1]!.validFrom < p.validFrom);
  if (!sorted) errors.push({ field: 'periods', message: 'De perioden moeten op begindatum gesorteerd zijn, oudste eerst.' });
  checkContinuity(errors, table.periods.map((p) => ({ ...p, name: p.id })), 'periods');

  table.assetLimits.forEach((a, i) => checkAssetLimits(errors, a, `assetLimits[${i}]`));
  checkContinuity(errors, table.assetLimits.map((a) => ({ ...a, name: `vermogensgrenzen ${a.year}` })), 'assetLimits');
  table.periods.forEach((p, i) => {
    if (isDate(p.validFrom) && !table.assetLimits.some((a) => a.validFrom <= p.validFrom && p.validFrom <= a.validUntil)) {
      errors.push({ field: `periods[${i}].validFrom`, message: `Voor periode ${p.id} (${p.validFrom}) ontbreken de vermogensgrenzen.` });
    }
  });

  if (errors.length > 0) throw validationFailed(errors);
}

/** The norm period for a date; a date outside the table is refused, never answered from a nearby period. */
export function findNormPeriod(table: NormTable, date: string, field = 'peildatum'): NormPeriod {
  if (!isDate(date)) throw invalid(field, `'${date}' is geen geldige datum (jjjj-mm-dd).`);
  const period = table.periods.find((p) => p.validFrom <= date && date <= p.validUntil);
  if (period) return period;
  const first = table.periods[0]?.validFrom ?? '—';
  const last = table.periods.at(-1)?.validUntil ?? '—';
  throw invalid(
    field,
    `Voor ${date} is geen bijstandsnorm vastgelegd: de normtabel (versie ${table.version}) loopt van ${first} tot en met ${last}.`,
  );
}

/** The asset limits for a date; refused outside the table. */
export function findAssetLimits(table: NormTable, date: string, field = 'peildatum'): AssetLimits {
  const limits = table.assetLimits.find((a) => a.validFrom <= date && date <= a.validUntil);
  if (limits) return limits;
  throw invalid(field, `Voor ${date} zijn geen vermogensgrenzen vastgelegd in de normtabel (versie ${table.version}).`);
}

/** Half cents round up (away from zero for the non-negative amounts used here), in integer arithmetic. */
export function roundDiv(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** The vakantietoeslag part of a monthly amount that includes it (art. 19 lid 3), in whole cents. */
export function vakantietoeslagOf(inclVtCents: number, basisPoints: number): number {
  return roundDiv(inclVtCents * basisPoints, 10_000);
}

export function withoutVakantietoeslag(inclVtCents: number, basisPoints: number): number {
  return inclVtCents - vakantietoeslagOf(inclVtCents, basisPoints);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of the table data a calculation used, so a changed period is noticed on reproduction. */
export function fingerprintOf(period: NormPeriod, assetLimits: AssetLimits): string {
  return createHash('sha256').update(canonicalJson({ period, assetLimits })).digest('hex');
}
