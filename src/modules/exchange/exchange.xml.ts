// Writing and reading iWmo/iJw messages with fast-xml-parser. Elements a message XSD declares are in
// the message's namespace (the default namespace here); elements inside the shared types of the
// basisschema (CDT_…) are in the basisschema namespace, written with the prefix `b:`.

import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { baseNamespace, messageNamespace, type MessageType } from './exchange.messages.js';

/** An element's content: text, child elements in order, or repeated elements. Undefined is left out. */
export type XmlContent = string | number | XmlElements | undefined;
export interface XmlElements {
  [name: string]: XmlContent | XmlContent[];
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

// Without indentation: for messages of thousands of elements (the 325), where indenting costs time and a
// third of the size, and no person reads the text unformatted anyway.
const compactBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: false,
  suppressEmptyNode: true,
  processEntities: true,
});

const withoutUndefined = (content: XmlContent | XmlContent[]): XmlContent | XmlContent[] => {
  if (Array.isArray(content)) return content.map((c) => withoutUndefined(c) as XmlContent);
  if (content === undefined || typeof content !== 'object') return content;
  return Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
};

/** The whole message document: XML declaration, root element Bericht with both namespaces. */
export function writeMessage(type: Pick<MessageType, 'standard' | 'number'>, body: XmlElements, options: { compact?: boolean } = {}): string {
  return (options.compact ? compactBuilder : builder).build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Bericht: { '@_xmlns': messageNamespace(type), '@_xmlns:b': baseNamespace(type.standard), ...(withoutUndefined(body) as XmlElements) },
  }) as string;
}

/** Elements that may occur more than once, by their path below Bericht (without namespace prefixes). */
const repeated = new Set([
  'Bericht.Client.Relaties.Relatie',
  'Bericht.Client.Contactgegevens.Contact',
  'Bericht.Client.ToegewezenProducten.ToegewezenProduct',
  'Bericht.Client.StartProducten.StartProduct',
  'Bericht.Client.StopProducten.StopProduct',
  'Bericht.Client.Prestaties.Prestatie',
  'Bericht.Clienten.Client',
  'Bericht.Clienten.Client.Prestaties.Prestatie',
  'Bericht.Client.OngewijzigdProducten.OngewijzigdProduct',
  'Bericht.Client.TeWijzigenProducten.TeWijzigenProduct',
  'Bericht.Client.NieuweProducten.NieuwProduct',
  'Bericht.Client.AangevraagdeProducten.AangevraagdProduct',
  'Bericht.Client.Verzoek.OngewijzigdeProducten.OngewijzigdProduct',
  'Bericht.Client.Verzoek.TeWijzigenProducten.TeWijzigenProduct',
  'Bericht.Client.Verzoek.NieuweProducten.NieuwProduct',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Codes such as 02 and numbers such as 0935 are kept as text: the standard's types are strings.
  parseTagValue: false,
  trimValues: true,
  // The five XML entities are decoded; a DOCTYPE (and so any other entity) is refused before parsing.
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  isArray: (_name, jpath) => typeof jpath === 'string' && repeated.has(jpath),
});

/**
 * Reads a message into plain objects (element names without prefixes, all values text). Call it
 * after the technical check, or on a message without XSD after the caller has said so.
 */
export function readMessage(xml: string | Uint8Array): { Bericht?: Record<string, unknown> } {
  return parser.parse(typeof xml === 'string' ? xml : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('utf8')) as { Bericht?: Record<string, unknown> };
}

/** The standard's date (LDT_Datum, no time zone). */
export const xmlDate = (iso: string): string => iso.slice(0, 10);

/** The standard's time (LDT_Tijd, hh:mm:ss, no zone) in Amsterdam time. */
export const xmlTime = (at: Date): string =>
  new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(at);

/** The Amsterdam calendar date of a moment, as LDT_Datum. */
export const xmlDateAt = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
