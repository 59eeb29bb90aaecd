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

const withoutUndefined = (content: XmlContent | XmlContent[]): XmlContent | XmlContent[] => {
  if (Array.isArray(content)) return content.map((c) => withoutUndefined(c) as XmlContent);
  if (content === undefined || typeof content !== 'object') return content;
  return Object.fromEntries(Object.entries(content).filter(([, v]) => v !== undefined).map(([k, v]) => [k, withoutUndefined(v)]));
};

/** The whole message document: XML declaration, root element Bericht with both namespaces. */
export function writeMessage(type: Pick<MessageType, 'standard' | 'number'>, body: XmlElements, options: { compact?: boolean } = {}): string {
  if (options.compact) return writeCompact(type, body);
  return builder.build({
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

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const decodeText = (s: string): string =>
  s.includes('&') ? s.replace(ENTITY, (_m, dec?: string, hex?: string, named?: string) => (named ? NAMED_ENTITIES[named]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)))) : s;

interface OpenElement {
  name: string;
  children: Record<string, unknown> | null;
  text: string;
}

/**
 * Reads a large message (a 323 of thousands of lines) into the plain objects readMessage gives
 * (element names without prefixes, attributes ignored, values as trimmed text with the five XML
 * entities and character references decoded, an element that occurs more than once as an array),
 * about ten times faster than the general parser. Only for text libxml2 has already parsed (the
 * technical check): it relies on the XML being well-formed and without a DOCTYPE.
 */
export function readCheckedMessage(xml: string): Record<string, unknown> {
  const root: OpenElement = { name: '', children: null, text: '' };
  const stack: OpenElement[] = [];
  let current = root;
  const add = (parent: OpenElement, name: string, value: unknown) => {
    const children = (parent.children ??= {});
    const existing = children[name];
    if (existing === undefined) children[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else children[name] = [existing, value];
  };
  const close = (element: OpenElement) => {
    const text = element.text.trim();
    if (element.children && text) element.children['#text'] = text;
    add(stack.length ? stack[stack.length - 1]! : root, element.name, element.children ?? text);
  };
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (lt > i && stack.length) current.text += decodeText(xml.slice(i, lt));
    const next = xml.charCodeAt(lt + 1);
    if (next === 33 /* ! */) {
      if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        current.text += xml.slice(lt + 9, end);
        i = end + 3;
      } else if (xml.startsWith('<!--', lt)) {
        i = xml.indexOf('-->', lt + 4) + 3;
      } else {
        throw new Error('Een DOCTYPE-declaratie wordt niet gelezen.');
      }
      continue;
    }
    if (next === 63 /* ? */) {
      i = xml.indexOf('?>', lt + 2) + 2;
      continue;
    }
    if (next === 47 /* / */) {
      const element = stack.pop()!;
      close(element);
      current = stack.length ? stack[stack.length - 1]! : root;
      i = xml.indexOf('>', lt + 2) + 1;
      continue;
    }
    // A start tag: its end is the first '>' outside an attribute value.
    let j = lt + 1;
    let quote = 0;
    let nameEnd = -1;
    for (; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) {
        quote = c;
      } else if (c === 62 /* > */) {
        break;
      } else if (nameEnd === -1 && (c === 32 || c === 9 || c === 10 || c === 13 || c === 47)) {
        nameEnd = j;
      }
    }
    const qualified = xml.slice(lt + 1, nameEnd === -1 ? j : nameEnd);
    const name = qualified.slice(qualified.indexOf(':') + 1);
    if (xml.charCodeAt(j - 1) === 47 /* / */) {
      add(current, name, '');
    } else {
      current = { name, children: null, text: '' };
      stack.push(current);
    }
    i = j + 1;
  }
  return root.children ?? {};
}

const escapeText = (s: string): string =>
  /[&<>"']/.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;') : s;

function writeElements(elements: XmlElements, out: string[]): void {
  for (const name in elements) {
    const content = elements[name];
    for (const item of Array.isArray(content) ? content : [content]) {
      if (item === undefined) continue;
      if (typeof item === 'object') {
        const start = out.length;
        out.push(`<${name}>`);
        writeElements(item, out);
        if (out.length === start + 1) out[start] = `<${name}/>`;
        else out.push(`</${name}>`);
      } else {
        const text = escapeText(String(item));
        out.push(text === '' ? `<${name}/>` : `<${name}>${text}</${name}>`);
      }
    }
  }
}

/**
 * The whole message document without indentation, for messages of thousands of elements (the 325
 * repeats every declared line): the same elements as writeMessage, written directly as text.
 */
function writeCompact(type: Pick<MessageType, 'standard' | 'number'>, body: XmlElements): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<Bericht xmlns="${messageNamespace(type)}" xmlns:b="${baseNamespace(type.standard)}">`];
  writeElements(body, out);
  out.push('</Bericht>');
  return out.join('');
}
