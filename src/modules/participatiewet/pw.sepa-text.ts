// The SEPA character set, and how Koers brings names and payment descriptions into it.
//
// The EPC's SEPA Credit Transfer guidelines, and with them the Dutch banks' guidelines for
// pain.001 (Betaalvereniging Nederland), only guarantee the basic Latin set below; a bank may turn
// anything else into a space or reject the file. The `sepa` library does not reduce text: it
// checks only the end-to-end id, with a pattern that accepts any text containing one allowed
// character. So Koers reduces names and descriptions itself, before the library sees them:
// - accents are dropped (é → e, ü → u, ç → c) and ligatures spelled out (ĳ → ij, æ → ae, ß → ss),
//   which is how the banks' own conversion tables treat them;
// - a few signs get their usual stand-in (’ → ', & → +, – → -, € → EUR);
// - anything else (another script, @, #, emoji, …) is refused, naming the characters: guessing a
//   replacement could change a name that the bank compares with the account holder's name.

/** Letters, digits, space and / - ? : ( ) . , ' + */
const SEPA_TEXT = /^[A-Za-z0-9/\-?:().,'+ ]*$/;
/** Identifications (message and end-to-end ids) use the same set without the space. */
const SEPA_ID = /^[A-Za-z0-9/\-?:().,'+]+$/;

const spelledOut: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'TH', ı: 'i',
  '‘': "'", '’': "'", '‚': "'", '‛': "'", '′': "'", 'ʼ': "'", '´': "'", '`': "'",
  '"': "'", '“': "'", '”': "'", '„': "'", '«': "'", '»': "'",
  '&': '+', '⁄': '/', '–': '-', '—': '-', '‐': '-', '‑': '-', '_': '-', ';': ',', '!': '.', '€': 'EUR',
};

export type SepaTextResult = { ok: true; text: string } | { ok: false; unsupported: string[] };

/**
 * The text in the SEPA character set, with runs of white space made one space and trimmed; or the
 * characters that have no place in it.
 */
export function toSepaText(input: string): SepaTextResult {
  // Already in the set (most names and every description Koers writes): the loop below would keep every character.
  if (SEPA_TEXT.test(input)) return { ok: true, text: input.replace(/ {2,}/g, ' ').trim() };
  // NFKD splits accented letters into letter + accent and spells out compatibility forms (ĳ, ﬁ, ½…).
  const decomposed = input.normalize('NFKD').replace(/\p{M}/gu, '');
  let text = '';
  const unsupported = new Set<string>();
  for (const char of decomposed) {
    const replaced = /\s/u.test(char) ? ' ' : (spelledOut[char] ?? char);
    if (SEPA_TEXT.test(replaced)) text += replaced;
    else unsupported.add(char);
  }
  if (unsupported.size > 0) return { ok: false, unsupported: [...unsupported] };
  return { ok: true, text: text.replace(/ {2,}/g, ' ').trim() };
}

/**
 * Why a text cannot be an identification in a SEPA file, or null when it can: at most `maxLength`
 * characters of the set without space, not starting or ending with "/", no "//" (EPC rules for
 * references, also announced by BNG Bank for its municipal customers).
 */
export function sepaIdProblem(id: string, maxLength: number): string | null {
  if (id.length === 0) return 'mag niet leeg zijn';
  if (id.length > maxLength) return `is ${id.length} tekens lang; het maximum is ${maxLength}`;
  if (!SEPA_ID.test(id)) return "mag alleen letters, cijfers en / - ? : ( ) . , ' + bevatten (geen spaties)";
  if (id.startsWith('/') || id.endsWith('/')) return 'mag niet met "/" beginnen of eindigen';
  if (id.includes('//')) return 'mag geen "//" bevatten';
  return null;
}

/** The characters, quoted, for a Dutch message: "@", "#" en "✓". */
export function quoteCharacters(chars: readonly string[]): string {
  const quoted = chars.map((c) => `"${c}"`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} en ${quoted.at(-1) ?? ''}` : (quoted[0] ?? '');
}
