// The iWmo and iJw 3.2 message types Koers exchanges with providers, and how to recognise them.
// A message is recognised by the namespace of its root element (Bericht); the code in its header
// (BerichtCode) must agree with it.

export type Standard = 'iwmo' | 'ijw';

export interface MessageType {
  standard: Standard;
  /** The message number, e.g. 301 (allocation). */
  number: number;
  /** The BerichtCode in the header. */
  code: number;
  /** Who sends it: the municipality or the provider. */
  sender: 'municipality' | 'provider';
  /** Dutch name as the standard uses it. */
  name: string;
}

const names: Record<number, string> = {
  301: 'Toewijzing',
  302: 'Retourbericht toewijzing',
  305: 'Start zorg',
  306: 'Retourbericht start zorg',
  307: 'Stop zorg',
  308: 'Retourbericht stop zorg',
  315: 'Verzoek om toewijzing',
  316: 'Retourbericht verzoek om toewijzing',
  317: 'Verzoek om wijziging',
  318: 'Retourbericht verzoek om wijziging',
  319: 'Antwoord op verzoek',
  320: 'Retourbericht antwoord',
  323: 'Declaratie',
  325: 'Declaratie-antwoord',
};

/** Messages the municipality sends; the provider sends the others. */
const fromMunicipality = new Set([301, 306, 308, 316, 318, 319, 325]);

// BerichtCode per message, as fixed by a pattern in each message XSD. The Wmo replies (302, 306, 308,
// 316, 318, 320, 325) have no XSD in the local release folder: their codes are the request's code + 1,
// the pattern every pair in both standards follows (domain-facts §3.1: known, not verified locally).
const codes: Record<Standard, Record<number, number>> = {
  iwmo: { 301: 414, 302: 415, 305: 418, 306: 419, 307: 420, 308: 421, 315: 444, 316: 445, 317: 480, 318: 481, 319: 482, 320: 483, 323: 484, 325: 485 },
  ijw: { 301: 436, 302: 437, 305: 438, 306: 439, 307: 440, 308: 441, 315: 446, 316: 447, 317: 486, 318: 487, 319: 488, 320: 489, 323: 490, 325: 491 },
};

export const messageTypes: readonly MessageType[] = (['iwmo', 'ijw'] as const).flatMap((standard) =>
  Object.entries(codes[standard]).map(([number, code]) => ({
    standard,
    number: Number(number),
    code,
    sender: fromMunicipality.has(Number(number)) ? ('municipality' as const) : ('provider' as const),
    name: names[Number(number)]!,
  })),
);

/** "iWmo 301" / "iJw 323": how staff and providers name a message. */
export const messageLabel = (m: Pick<MessageType, 'standard' | 'number'>): string =>
  `${m.standard === 'iwmo' ? 'iWmo' : 'iJw'} ${m.number}`;

/** The target namespace of a message's XSD, e.g. http://www.istandaarden.nl/iwmo/3_2/wmo301/schema. */
export const messageNamespace = (m: Pick<MessageType, 'standard' | 'number'>): string =>
  `http://www.istandaarden.nl/${m.standard}/3_2/${m.standard === 'iwmo' ? 'wmo' : 'jw'}${m.number}/schema`;

/** The namespace of the shared types (basisschema) of a standard. */
export const baseNamespace = (standard: Standard): string => `http://www.istandaarden.nl/${standard}/3_2/basisschema/schema`;

/** The XSD file of a message inside the standard's folder, e.g. iwmo-3.2/WMO301.xsd. */
export const schemaFile = (m: Pick<MessageType, 'standard' | 'number'>): string =>
  m.standard === 'iwmo' ? `iwmo-3.2/WMO${m.number}.xsd` : `ijw-3.2/JW${m.number}.xsd`;

const byNamespace = new Map(messageTypes.map((m) => [messageNamespace(m), m]));

/** The message type whose XSD declares this namespace, or undefined. */
export const messageTypeByNamespace = (namespace: string): MessageType | undefined => byNamespace.get(namespace);

export const messageType = (standard: Standard, number: number): MessageType => {
  const found = messageTypes.find((m) => m.standard === standard && m.number === number);
  if (!found) throw new Error(`Unknown message ${standard} ${number}`);
  return found;
};
