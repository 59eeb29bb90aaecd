// The technical check of an iWmo/iJw message: validation against the standard's own XSDs with
// libxml2 (compiled to WebAssembly, no native build). Koers does not ship the XSDs; it loads them
// from the folder named by KOERS_ISTANDAARDEN_DIR (with iwmo-3.2/ and ijw-3.2/ inside).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ParseOption, XmlDocument, XmlParseError, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { messageTypeByNamespace, messageTypes, schemaFile, type MessageType } from './exchange.messages.js';

/** One problem found in a message, in Dutch, with where it is. */
export interface MessageProblem {
  line: number | null;
  /** XPath of the element, as libxml2 reports it (e.g. /*\/*[2]/*[1]). */
  path: string | null;
  message: string;
}

export type CheckResult =
  | { valid: true; messageType: MessageType }
  | { valid: false; messageType: MessageType | null; problems: MessageProblem[] };

/** Thrown when the schemas folder is missing or incomplete: a configuration problem, not a message problem. */
export class SchemaFolderError extends Error {
  override name = 'SchemaFolderError';
}

let fsProvidersRegistered = false;

/** Reasons why a folder cannot serve as the iStandaarden schema folder; empty when it can. */
export function schemaFolderProblems(dir: string): string[] {
  if (!existsSync(dir)) return [`map ${dir} bestaat niet`];
  const missing = [...new Set([...messageTypes.filter((m) => m.standard === 'ijw' || hasLocalWmoSchema(m.number)).map(schemaFile), 'iwmo-3.2/basisschema.xsd', 'ijw-3.2/basisschema.xsd'])]
    .filter((file) => !existsSync(path.join(dir, file)));
  return missing.length ? [`in ${dir} ontbreken: ${missing.join(', ')}`] : [];
}

/** The iWmo release folder holds XSDs for the municipality's requests, not for its replies. */
const wmoWithXsd = new Set([301, 305, 307, 315, 317, 319, 323]);
export const hasLocalWmoSchema = (number: number): boolean => wmoWithXsd.has(number);

/** Compiled validators per message type, loaded on first use. */
export class SchemaSet {
  private readonly validators = new Map<string, XsdValidator>();

  private constructor(readonly dir: string) {}

  /** Opens a schema folder; throws SchemaFolderError with a Dutch explanation if it is not usable. */
  static open(dir: string): SchemaSet {
    const problems = schemaFolderProblems(dir);
    if (problems.length) throw new SchemaFolderError(`De iStandaarden-schema's zijn niet bruikbaar: ${problems.join('; ')}.`);
    if (!fsProvidersRegistered) {
      xmlRegisterFsInputProviders();
      fsProvidersRegistered = true;
    }
    return new SchemaSet(path.resolve(dir));
  }

  /** Whether this folder has an XSD for the message (the local iWmo release lacks the replies). */
  hasSchema(m: MessageType): boolean {
    return existsSync(path.join(this.dir, schemaFile(m)));
  }

  private validator(m: MessageType): XsdValidator {
    const file = path.join(this.dir, schemaFile(m));
    let validator = this.validators.get(file);
    if (!validator) {
      const schemaDoc = XmlDocument.fromBuffer(readFileSync(file), { url: file });
      try {
        validator = XsdValidator.fromDoc(schemaDoc);
      } finally {
        schemaDoc.dispose();
      }
      this.validators.set(file, validator);
    }
    return validator;
  }

  /** Checks one message against the XSD of its type (recognised from the root element's namespace). */
  check(xml: Uint8Array | string): CheckResult {
    return withParsedMessage(xml, (doc, messageType) => {
      if (!this.hasSchema(messageType)) {
        return { valid: false, messageType, problems: [{ line: null, path: null, message: `Voor ${schemaFile(messageType)} is geen XSD in ${this.dir}.` }] };
      }
      try {
        this.validator(messageType).validate(doc);
        return { valid: true, messageType };
      } catch (error) {
        if (!(error instanceof XmlValidateError)) throw error;
        return { valid: false, messageType, problems: error.details.map((d) => ({ line: d.line ?? null, path: d.xpath ?? null, message: dutchSchemaMessage(d.message) })) };
      }
    });
  }

  /** Frees the compiled schemas (WebAssembly memory). */
  close(): void {
    for (const validator of this.validators.values()) validator.dispose();
    this.validators.clear();
  }
}

/**
 * Parses a message safely and recognises its type from the root element's namespace; `work` gets the
 * parsed document. Without a DOCTYPE (refused: rules out entity tricks such as XXE), with nothing
 * loaded from outside.
 */
function withParsedMessage(xml: Uint8Array | string, work: (doc: XmlDocument, messageType: MessageType) => CheckResult): CheckResult {
  if ((typeof xml === 'string' ? xml : Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength).toString('latin1')).includes('<!DOCTYPE')) {
    return { valid: false, messageType: null, problems: [{ line: null, path: null, message: 'Een bericht met een DOCTYPE-declaratie wordt niet verwerkt (iStandaarden-berichten hebben er geen).' }] };
  }
  const options = { url: 'bericht.xml', option: ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE };
  let doc: XmlDocument;
  try {
    doc = typeof xml === 'string' ? XmlDocument.fromString(xml, options) : XmlDocument.fromBuffer(xml, options);
  } catch (error) {
    if (error instanceof XmlParseError) {
      return { valid: false, messageType: null, problems: error.details.map((d) => ({ line: d.line ?? null, path: null, message: `Geen geldige XML: ${d.message.trim()}` })) };
    }
    throw error;
  }
  try {
    const root = doc.root;
    const messageType = messageTypeByNamespace(root.namespaceUri);
    if (!messageType) {
      return {
        valid: false,
        messageType: null,
        problems: [{ line: root.line, path: '/*', message: `Onbekend bericht: element ${root.name} in namespace "${root.namespaceUri || '(geen)'}" is geen iWmo- of iJw-3.2-bericht.` }],
      };
    }
    return work(doc, messageType);
  } finally {
    doc.dispose();
  }
}

/**
 * Without XSDs: whether the text is well-formed XML of a known message type (valid: true means only
 * that; the caller records the message as not checked against the XSD).
 */
export function identifyMessage(xml: Uint8Array | string): CheckResult {
  return withParsedMessage(xml, (_doc, messageType) => ({ valid: true, messageType }));
}

const localName = (qualified: string) => qualified.replace(/^\{[^}]*\}/, '');
const localNames = (list: string) =>
  list
    .split(',')
    .map((s) => localName(s.trim()))
    .join(', ');

/** libxml2's English schema errors in plain Dutch; anything not recognised keeps its original text. */
export function dutchSchemaMessage(raw: string): string {
  const message = raw.trim();
  const element = /^Element '([^']+)'(?:, attribute '[^']+')?: (.*)$/s.exec(message);
  if (!element) return message;
  const name = localName(element[1]!);
  const rest = element[2]!;
  let m: RegExpExecArray | null;
  if ((m = /^This element is not expected\. Expected is (?:one of )?\( (.*) \)\.?$/s.exec(rest))) {
    return `Element ${name} staat hier niet goed; verwacht: ${localNames(m[1]!)}.`;
  }
  if (/^This element is not expected\.?$/.test(rest)) return `Element ${name} hoort hier niet.`;
  if ((m = /^Missing child element\(s\)\. Expected is (?:one of )?\( (.*) \)\.?$/s.exec(rest))) {
    return `In ${name} ontbreekt: ${localNames(m[1]!)}.`;
  }
  if ((m = /^\[facet '(\w+)'\] The value '([^']*)' (?:is not accepted by the pattern '([^']*)'|is not an element of the set \{(.*)\}|has a length of '(\d+)'; this exceeds the allowed maximum length of '(\d+)'|is (?:greater|less) than the (?:maximum|minimum) value allowed \('([^']*)'\)|has a length of '(\d+)'; this underruns the allowed minimum length of '(\d+)')\.?$/s.exec(rest))) {
    const [, facet, value] = m;
    const explain: Record<string, string> = {
      pattern: `past niet in het voorgeschreven patroon${m[3] ? ` (${m[3]})` : ''}`,
      enumeration: 'is geen toegestane code',
      maxLength: `is te lang (${m[5]} tekens, hoogstens ${m[6]})`,
      minLength: `is te kort (${m[8]} tekens, minstens ${m[9]})`,
      maxInclusive: `is groter dan toegestaan (hoogstens ${m[7]})`,
      minInclusive: `is kleiner dan toegestaan (minstens ${m[7]})`,
    };
    return `${name}: de waarde '${value}' ${explain[facet!] ?? `voldoet niet aan de regel ${facet}`}.`;
  }
  if ((m = /^'([^']*)' is not a valid value of the (?:atomic|local atomic|list) type '([^']+)'\.?$/s.exec(rest))) {
    return `${name}: de waarde '${m[1]}' is geen geldige ${localName(m[2]!)}.`;
  }
  if (/^Missing child element/.test(rest)) return `In ${name} ontbreekt een verplicht element.`;
  return `${name}: ${rest}`;
}
