// The BSN elfproef lives in the platform because the log masker needs it too; the residents module
// re-exports it as part of its BSN rules.

const BSN_PATTERN = /^\d{9}$/;

/** Weights of the BSN elfproef; the last digit counts -1, unlike the bank-account elfproef. */
const ELFPROEF_WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1] as const;

/** True when `value` is exactly nine digits, passes the BSN elfproef and is not all zeros. */
export function isValidBsn(value: string): boolean {
  if (!BSN_PATTERN.test(value) || value === '000000000') return false;
  let sum = 0;
  ELFPROEF_WEIGHTS.forEach((weight, i) => {
    sum += weight * (value.charCodeAt(i) - 48);
  });
  return sum % 11 === 0;
}
