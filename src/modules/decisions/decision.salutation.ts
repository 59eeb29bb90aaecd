// The salutation of a letter to a resident, from the BRP data: gender M/V/X and the name.

export interface Addressee {
  gender: 'M' | 'V' | 'X';
  givenName: string;
  surnamePrefix: string | null;
  familyName: string;
}

/**
 * The surname as it stands without a given name or initials before it: the tussenvoegsel starts with
 * a capital ('van der', 'Berg' → 'Van der Berg'), as Dutch spelling asks in a salutation.
 */
export function surnameAlone(surnamePrefix: string | null, familyName: string): string {
  const prefix = surnamePrefix?.trim();
  if (!prefix) return familyName;
  return `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)} ${familyName}`;
}

/** 'Geachte heer Van der Berg,' (M), 'Geachte mevrouw De Vries,' (V), 'Geachte Sam de Vries,' (X: neutral, full name). */
export function salutation(a: Addressee): string {
  if (a.gender === 'M') return `Geachte heer ${surnameAlone(a.surnamePrefix, a.familyName)},`;
  if (a.gender === 'V') return `Geachte mevrouw ${surnameAlone(a.surnamePrefix, a.familyName)},`;
  return `Geachte ${[a.givenName, a.surnamePrefix?.trim(), a.familyName].filter(Boolean).join(' ')},`;
}
