/** 'Jan', 'van der', 'Berg' → 'Jan van der Berg'. */
export function fullName(givenName: string, surnamePrefix: string | null, familyName: string): string {
  return [givenName, surnamePrefix, familyName].filter(Boolean).join(' ');
}

/** Lower case without diacritics, so 'Müller' is found by 'muller' and 'Céline' by 'celine'. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function residentSearchText(r: { givenName: string; surnamePrefix: string | null; familyName: string }): string {
  return normaliseForSearch(`${fullName(r.givenName, r.surnamePrefix, r.familyName)} ${r.familyName}`);
}

export function maskBsn(bsn: string): string {
  return `*****${bsn.slice(5)}`;
}
