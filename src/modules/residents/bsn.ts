// Burgerservicenummer (BSN) validation and fictitious demo BSNs.
//
// Demo BSNs stay in the range 999000000–999999999, the fictitious test range this project agreed
// on (the brief). RvIG's own test persons are known to use 9999xxxxx (domain-facts §11), which
// holds only ~9,000 valid numbers — too few for a city-sized demo; staying in the 999 range keeps
// demo numbers away from the ranges issued to residents today.

export { isValidBsn } from '../../platform/elfproef.js';

// The demo range is enumerated through its 100,000 eight-digit prefixes 99900000–99999999; each
// prefix has at most one check digit that satisfies the elfproef.
const PREFIX_BASE = 99_900_000;
const PREFIX_COUNT = 100_000;
// An affine permutation k -> (a·k + b) mod 100,000 is a bijection when a is coprime to 100,000
// (neither even nor a multiple of 5). It scatters the numbers so that neighbouring residents do
// not get neighbouring BSNs, which would look fabricated and hide off-by-one bugs in tests.
const PERMUTATION_MULTIPLIER = 61_803;
const PERMUTATION_OFFSET = 31_415;

/** The elfproef check digit for an eight-digit prefix, or null when it would have to be 10. */
function checkDigitFor(prefix: number): number | null {
  let sum = 0;
  let rest = prefix;
  for (let weight = 2; weight <= 9; weight += 1) {
    sum += weight * (rest % 10);
    rest = Math.floor(rest / 10);
  }
  // 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11)  ⇔  d9 ≡ weighted sum (mod 11)
  const digit = sum % 11;
  return digit === 10 ? null : digit;
}

function buildDemoBsnTable(): Int32Array {
  const numbers: number[] = [];
  for (let k = 0; k < PREFIX_COUNT; k += 1) {
    const prefix = PREFIX_BASE + ((k * PERMUTATION_MULTIPLIER + PERMUTATION_OFFSET) % PREFIX_COUNT);
    const digit = checkDigitFor(prefix);
    if (digit !== null) numbers.push(prefix * 10 + digit);
  }
  return Int32Array.from(numbers);
}

// ~90,909 entries (360 kB), built once: O(1) lookup keeps population generation fast.
const demoBsnTable = buildDemoBsnTable();

/** Number of elfproef-valid BSNs in 999000000–999999999, i.e. the valid indexes of demoBsn. */
export const DEMO_BSN_CAPACITY: number = demoBsnTable.length;

/**
 * The index-th (0-based) elfproef-valid BSN in the fictitious 999 range, in a fixed scattered
 * order. A bijection from 0..DEMO_BSN_CAPACITY-1 onto all valid numbers in the range.
 */
export function demoBsn(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= DEMO_BSN_CAPACITY) {
    throw new RangeError(
      `demoBsn index ${index} is out of range: the fictitious range 999000000–999999999 holds ` +
        `${DEMO_BSN_CAPACITY} elfproef-valid numbers, so the index must be an integer from 0 to ` +
        `${DEMO_BSN_CAPACITY - 1}`,
    );
  }
  return String(demoBsnTable[index]);
}
