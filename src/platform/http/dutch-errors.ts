import type { z } from 'zod';

type Issue = z.core.$ZodRawIssue;

const typeNames: Record<string, string> = {
  string: 'tekst',
  number: 'een getal',
  int: 'een geheel getal',
  bigint: 'een geheel getal',
  boolean: 'ja of nee (true/false)',
  array: 'een lijst',
  object: 'een object met velden',
  date: 'een datum',
  null: 'leeg (null)',
};

const formatNames: Record<string, string> = {
  uuid: 'Ongeldig id',
  guid: 'Ongeldig id',
  email: 'Ongeldig e-mailadres',
  url: 'Ongeldige URL',
  datetime: 'Ongeldig tijdstip: gebruik jjjj-mm-ddTuu:mm:ss met tijdzone',
  date: 'Ongeldige datum: gebruik jjjj-mm-dd',
  time: 'Ongeldige tijd: gebruik uu:mm',
  duration: 'Ongeldige duur',
  regex: 'Ongeldige opmaak',
};

function count(n: number | bigint, one: string, many: string): string {
  return `${n.toString()} ${Number(n) === 1 ? one : many}`;
}

function sizeMessage(issue: Extract<Issue, { code: 'too_big' | 'too_small' }>): string {
  const big = issue.code === 'too_big';
  const limit = big ? issue.maximum : issue.minimum;
  const bound = big ? (issue.inclusive === false ? 'kleiner dan' : 'maximaal') : issue.inclusive === false ? 'groter dan' : 'minimaal';
  switch (issue.origin) {
    case 'string':
      return big ? `Mag maximaal ${count(limit, 'teken', 'tekens')} zijn` : `Moet minimaal ${count(limit, 'teken', 'tekens')} zijn`;
    case 'array':
    case 'set':
      return big ? `Mag maximaal ${count(limit, 'item', 'items')} bevatten` : `Moet minimaal ${count(limit, 'item', 'items')} bevatten`;
    case 'date':
      return big ? 'Deze datum ligt te laat' : 'Deze datum ligt te vroeg';
    default:
      return `Moet ${bound} ${limit.toString()} zijn`;
  }
}

/**
 * Dutch sentences for every issue zod 4 produces; configured once with `z.config({ customError })`.
 * A schema's own message still wins. Never echoes the input: it may hold personal data.
 */
export function dutchZodError(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Verplicht veld';
      if (issue.expected === 'number' || issue.expected === 'int') return typeof issue.input === 'number' && !Number.isNaN(issue.input) ? 'Moet een eindig getal zijn' : 'Moet een getal zijn';
      return `Moet ${typeNames[issue.expected] ?? 'een geldige waarde'} zijn`;
    case 'too_big':
    case 'too_small':
      return sizeMessage(issue);
    case 'invalid_format':
      if (issue.format === 'starts_with') return `Moet beginnen met "${String(issue.prefix)}"`;
      if (issue.format === 'ends_with') return `Moet eindigen op "${String(issue.suffix)}"`;
      if (issue.format === 'includes') return `Moet "${String(issue.includes)}" bevatten`;
      return formatNames[issue.format] ?? 'Ongeldige opmaak';
    case 'not_multiple_of':
      return `Moet een veelvoud van ${issue.divisor.toString()} zijn`;
    case 'invalid_value':
      return issue.values.length === 1 ? `Moet ${JSON.stringify(issue.values[0]) ?? 'een vaste waarde'} zijn` : `Kies één van: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `Onbekend veld: ${issue.keys[0]!}` : `Onbekende velden: ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'Ongeldige sleutel';
    case 'invalid_element':
      return 'Ongeldige waarde in de lijst';
    case 'invalid_union':
      return 'Ongeldige waarde: past bij geen van de toegestane vormen';
    case 'custom':
    default:
      return 'Ongeldige waarde';
  }
}
