// IBAN and BIC checks for the accounts Koers pays benefits to, with ibantools (country lengths and
// formats from the SWIFT IBAN registry, the ISO 7064 mod-97 check digits, national account checks
// where a country has one, and the list of SEPA countries). Koers only adds what ibantools leaves to
// its callers: which problem to name first, and a Dutch message a consultant can act on.
//
// No BIC is derived from a Dutch IBAN: ibantools has no bank-code-to-BIC table (it reads the bank
// code, e.g. ABNA, but ABNANL2A vs. RABONL2U is not derivable from it), and a SEPA credit transfer
// has not needed the creditor's BIC since IBAN-only became mandatory (EU 260/2012).

import {
  countrySpecs,
  friendlyFormatIBAN,
  isSEPACountry,
  validateBIC,
  validateIBAN,
  ValidationErrorsIBAN,
} from 'ibantools';

export type IbanProblem =
  | 'empty'
  | 'characters'
  | 'country'
  | 'not_sepa'
  | 'length'
  | 'format'
  | 'check_digits'
  | 'national_check'
  | 'qr_iban';

export type IbanCheck =
  | { valid: true; iban: string; countryCode: string }
  | { valid: false; problem: IbanProblem; message: string };

const regionNames = new Intl.DisplayNames(['nl'], { type: 'region' });

/** The country's Dutch name with its code, e.g. "Duitsland (DE)". */
function countryLabel(code: string): string {
  let name: string | undefined;
  try {
    name = regionNames.of(code);
  } catch {
    name = undefined;
  }
  return name && name !== code ? `${name} (${code})` : code;
}

/** Spaces (also non-breaking ones), tabs and dashes are only separators; letters may be lower case. */
export function normaliseIban(input: string): string {
  return input.replace(/[\s-]+/gu, '').toUpperCase();
}

/**
 * Checks an IBAN typed or received anywhere in Koers. Returns the electronic format (upper case,
 * no spaces) or the first problem, in Dutch. The order of the checks is the order in which a person
 * fixes them: an account outside SEPA is refused before its typing errors are pointed out.
 */
export function checkIban(input: string): IbanCheck {
  const compact = input.replace(/[\s-]+/gu, '');
  if (compact === '') return refuse('empty', 'Vul een IBAN in.');
  // Tested before upper-casing, which would turn e.g. "ß" into the two letters "SS".
  if (!/^[A-Za-z0-9]+$/.test(compact)) {
    return refuse('characters', 'Een IBAN bestaat alleen uit letters en cijfers (spaties mogen, andere tekens niet).');
  }
  const iban = compact.toUpperCase();
  const countryCode = iban.slice(0, 2);
  const spec = /^[A-Z]{2}$/.test(countryCode) ? countrySpecs[countryCode] : undefined;
  if (!spec?.chars || !spec.bban_regexp) {
    return refuse('country', `Een IBAN begint met een landcode zoals NL; "${countryCode}" is geen land met IBAN-rekeningen.`);
  }
  if (!isSEPACountry(countryCode)) {
    return refuse('not_sepa', `Een rekening in ${countryLabel(countryCode)} valt buiten SEPA; Koers betaalt alleen naar rekeningen in een SEPA-land.`);
  }
  if (iban.length !== spec.chars) {
    return refuse('length', `Een IBAN uit ${countryLabel(countryCode)} heeft ${spec.chars} tekens; dit IBAN heeft er ${iban.length}.`);
  }
  const { errorCodes } = validateIBAN(iban, { allowQRIBAN: false });
  // ibantools also reports a wrong checksum whenever the format is wrong: the format is the finding.
  if (errorCodes.includes(ValidationErrorsIBAN.ChecksumNotNumber)) {
    return refuse('format', 'Na de landcode volgen twee controlecijfers; hier staan andere tekens.');
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat)) {
    return refuse('format', `De opbouw past niet bij een IBAN uit ${countryLabel(countryCode)}${formatHint(countryCode)}.`);
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)) {
    return refuse('check_digits', 'De controlecijfers van dit IBAN kloppen niet: waarschijnlijk is een teken verkeerd overgenomen.');
  }
  if (errorCodes.includes(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return refuse('national_check', `Het rekeningnummer in dit IBAN klopt niet volgens de controle van ${countryLabel(countryCode)}.`);
  }
  if (errorCodes.includes(ValidationErrorsIBAN.QRIBANNotAllowed)) {
    return refuse('qr_iban', 'Dit is een Zwitsers QR-IBAN: dat is alleen voor QR-facturen en kan geen SEPA-overboeking ontvangen.');
  }
  if (errorCodes.length > 0) {
    // A code ibantools adds in a later version: refuse rather than pass an IBAN the library doubts.
    return refuse('format', `Dit IBAN is niet geldig (controle ${errorCodes.join(', ')}).`);
  }
  return { valid: true, iban, countryCode };
}

function formatHint(countryCode: string): string {
  return countryCode === 'NL' ? ' (NL, twee cijfers, vier letters van de bank, tien cijfers)' : '';
}

function refuse(problem: IbanProblem, message: string): IbanCheck {
  return { valid: false, problem, message };
}

/** The IBAN in groups of four, as printed on letters and screens. */
export function formatIbanForDisplay(iban: string): string {
  return friendlyFormatIBAN(normaliseIban(iban)) ?? iban;
}

export type BicCheck = { valid: true; bic: string } | { valid: false; message: string };

/**
 * Checks the BIC of an account (optional in SEPA; a municipality may still state its own). The BIC's
 * country must be the IBAN's: a bank never holds an account of another country under its BIC.
 */
export function checkBic(input: string, iban: string): BicCheck {
  const bic = input.replace(/\s+/gu, '').toUpperCase();
  if (!validateBIC(bic).valid) {
    return { valid: false, message: 'Een BIC heeft 8 of 11 tekens: vier letters voor de bank, de landcode, twee tekens voor de plaats en eventueel drie voor het kantoor.' };
  }
  if (bic.slice(4, 6) !== iban.slice(0, 2)) {
    return { valid: false, message: `De BIC hoort bij een bank in ${countryLabel(bic.slice(4, 6))}, het IBAN bij een rekening in ${countryLabel(iban.slice(0, 2))}.` };
  }
  return { valid: true, bic };
}
