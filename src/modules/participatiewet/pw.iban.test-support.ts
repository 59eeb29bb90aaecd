// Generated IBANs for the payment tests. Test support only; imported by *.test.ts files.
import fc from 'fast-check';
import { countrySpecs, isQRIBAN } from 'ibantools';

/** Check digits computed here, independently of ibantools: ISO 13616 / ISO 7064 MOD 97-10. */
export function withCheckDigits(country: string, bban: string): string {
  const digits = [...`${bban}${country}00`].map((c) => (/\d/.test(c) ? c : String(c.charCodeAt(0) - 55))).join('');
  const check = 98n - (BigInt(digits) % 97n);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const DIGITS = '0123456789';
const alphabet = { 'A-Z': LETTERS, '0-9': DIGITS, 'A-Z0-9': LETTERS + DIGITS };

export interface BbanLayout {
  country: string;
  chars: number;
  segments: { kind: keyof typeof alphabet; length: number }[];
}

/** SEPA countries whose BBAN has no national check of its own, with their BBAN layout as segments. */
export const sepaLayouts: BbanLayout[] = Object.entries(countrySpecs)
  .filter(([, spec]) => spec.SEPA && spec.bban_regexp && !spec.bban_validation_func)
  .map(([country, spec]) => ({
    country,
    chars: spec.chars ?? 0,
    segments: [...(spec.bban_regexp ?? '').matchAll(/\[(A-Z|0-9|A-Z0-9)\]\{(\d+)\}/g)].map((m) => ({ kind: m[1] as keyof typeof alphabet, length: Number(m[2]) })),
  }));

const bbanFor = (segments: BbanLayout['segments']): fc.Arbitrary<string> =>
  fc
    .tuple(...segments.map((s) => fc.array(fc.constantFrom(...alphabet[s.kind]), { minLength: s.length, maxLength: s.length }).map((cs) => cs.join(''))))
    .map((parts) => parts.join(''));

/** Valid IBANs (electronic format) of the given layouts; Swiss/Liechtenstein QR-IBANs left out. */
export const validIban = (layouts: BbanLayout[] = sepaLayouts): fc.Arbitrary<string> =>
  fc
    .constantFrom(...layouts)
    .chain((layout) => bbanFor(layout.segments).map((bban) => withCheckDigits(layout.country, bban)))
    .filter((iban) => !isQRIBAN(iban));

export const dutchIban: fc.Arbitrary<string> = validIban(sepaLayouts.filter((l) => l.country === 'NL'));
