// Retour messages (306 on a 305, 308 on a 307): the incoming message repeated with the outcome of
// the checks as LDT_RetourCode per level (header, client, product). 0200 means "no remark".
// The header repeats the incoming one (Afzender stays the provider) with the retour's own
// identification added; the Wmo retours have no XSD in the local release and follow the Jeugd pattern.

import type { Standard } from './exchange.messages.js';
import { messageType } from './exchange.messages.js';
import { writeMessage, xmlDate, type XmlContent, type XmlElements } from './exchange.xml.js';

export const NO_REMARK = '0200';

/** Retour codes this version of Koers gives, with the standard's meaning (LDT_RetourCode). */
export const retourCodeTexts: Record<string, string> = {
  '0200': 'Geen opmerking over deze berichtklasse.',
  '0611': 'Het tarief wijkt af van het contracttarief.',
  '8001': 'Declaratie is volledig toegewezen.',
  '8017': 'Er is geen debetprestatie bekend bij deze creditprestatie.',
  '8021': 'De prestatie met deze ProductReferentie is al eerder gedeclareerd.',
  '8187': 'De prestatie hoort niet bij deze cliënt.',
  '9307': 'De begindatum van de prestatie ligt buiten de periode van de toewijzing.',
  '9308': 'De einddatum van de prestatie ligt buiten de periode van de toewijzing.',
  '9319': 'De ProductPeriode ligt niet binnen één DeclaratiePeriode.',
  '9321': 'Het gedeclareerde volume is groter dan het toegewezen volume.',
  '9322': 'De som van de gedeclareerde volumes is groter dan het toegewezen volume.',
  '9333': 'Het DeclaratieNummer is niet uniek voor deze aanbieder.',
  '9339': 'De ProductCategorie wijkt af van de toegewezen categorie.',
  '9340': 'De ProductCode wijkt af van de toegewezen productcode.',
  '9341': 'De Eenheid past niet bij de toegewezen eenheid.',
  '9346': 'Het ingediende bedrag is niet gelijk aan volume maal tarief.',
  '9367': 'De waarde wijkt af van de eerdere prestatie met dezelfde ProductReferentie.',
  '9384': 'Er is gedeclareerd op een toewijzing die verwijderd is (RedenWijziging 13).',
  '9390': 'Er is al een creditprestatie met dezelfde ProductReferentie.',
  '8848': 'Dagtekening moet gelijk zijn aan of voor de systeemdatum liggen.',
  '0001': 'Bericht is afgekeurd om technische redenen.',
  '9019': 'Het regiebericht kan niet gekoppeld worden aan een toewijzing.',
  '9056': 'Identificatie moet per berichtsoort uniek zijn voor de verzendende partij.',
  '9069': 'Er is geen actueel startbericht met dezelfde sleutel.',
  '9071': 'Het eerdere startbericht kan niet verwijderd worden omdat de zorg al beëindigd is.',
  '9074': 'Er is al een eerder bericht ontvangen met dezelfde sleutel.',
  '9347': 'ReferentieAanbieder is niet uniek voor de aanbieder binnen het wettelijk domein.',
  '9349': 'Het verzoek om wijziging bevat niet alle actuele toegewezen producten van de cliënt.',
  '9350': 'OngewijzigdProduct hoort niet bij een actuele toewijzing (ToewijzingNummer).',
  '9351': 'TeWijzigenProduct hoort niet bij een actuele toewijzing (ToewijzingNummer).',
  '9355': 'ReferentieAanbieder in het antwoordbericht komt niet voor in een eerder verzoek om toewijzing of wijziging.',
  '9359': 'Er is al een toewijzing gestuurd met deze ReferentieAanbieder.',
  '9360': 'Er is al een antwoordbericht met deze ReferentieAanbieder.',
  '9365': 'Er is al een antwoordbericht met dezelfde ReferentieAanbieder waarin het verzoek is afgewezen.',
  '9374': 'Er is al een verzoek onderhanden.',
  '9379': 'ReferentieAanbieder verwijst niet naar een verzoek om toewijzing of wijziging en is onterecht gevuld.',
  '9413': 'RedenBeeindiging is 20 terwijl er al een ander StopProduct met dezelfde sleutel en RedenBeeindiging 20 is.',
  '9415': 'Er is al een StopProduct met dezelfde sleutel en een RedenBeeindiging anders dan 20.',
  S329: 'ProductCode hoort niet bij de ProductCategorie.',
};

/** Element names whose children are in the basisschema namespace (CDT types). */
const baseTyped = new Set(['BerichtIdentificatie', 'XsdVersie', 'XsdVersieRetour', 'Geboortedatum', 'Naam', 'Product', 'Omvang', 'Verwijzer']);

/** Prefixes every descendant element name with `b:` (the parser removed the prefixes). */
function inBase(content: unknown): XmlContent {
  if (content === null || content === undefined) return undefined;
  if (typeof content !== 'object') return String(content);
  return Object.fromEntries(Object.entries(content as Record<string, unknown>).map(([k, v]) => [`b:${k}`, Array.isArray(v) ? v.map(inBase) : inBase(v)])) as XmlElements;
}

/** Re-emits a parsed element: its CDT-typed children get the basisschema prefix again. */
export function echo(element: Record<string, unknown>, skip: readonly string[] = []): XmlElements {
  return Object.fromEntries(
    Object.entries(element)
      .filter(([k]) => !skip.includes(k))
      .map(([k, v]) => [k, baseTyped.has(k) ? inBase(v) : (v as XmlContent)]),
  ) as XmlElements;
}

export const codes = (list: string[]) => ({ RetourCode: (list.length ? list : [NO_REMARK]).slice(0, 10) });

export interface RetourInput {
  standard: Standard;
  /** 306 or 308. */
  number: 306 | 308;
  header: Record<string, unknown>;
  client: Record<string, unknown> | undefined;
  /** 'StartProducten'/'StartProduct' or 'StopProducten'/'StopProduct'. */
  productsKey: 'StartProducten' | 'StopProducten';
  productKey: 'StartProduct' | 'StopProduct';
  products: Record<string, unknown>[];
  productCodes: string[][];
  headerCodes: string[];
  clientCodes: string[];
  identification: string;
  date: string;
}

export function writeRetour(r: RetourInput): string {
  const type = messageType(r.standard, r.number);
  const header: XmlElements = {
    ...echo(r.header),
    BerichtCode: type.code,
    IdentificatieRetour: r.identification,
    DagtekeningRetour: xmlDate(r.date),
    XsdVersieRetour: { 'b:BasisschemaXsdVersie': '1.0.0', 'b:BerichtXsdVersie': '1.0.0' },
    ...(r.headerCodes.length ? { RetourCodes: codes(r.headerCodes) } : { RetourCodes: codes([]) }),
  };
  // A rejected header ends the assessment: the retour carries the header only.
  const rejected = r.headerCodes.some((c) => c !== NO_REMARK);
  const body: XmlElements = { Header: header };
  if (!rejected && r.client) {
    body.Client = {
      ...echo(r.client, [r.productsKey]),
      [r.productsKey]: { [r.productKey]: r.products.map((p, i) => ({ ...echo(p), RetourCodes: codes(r.productCodes[i] ?? []) })) },
      RetourCodes: codes(r.clientCodes),
    };
  }
  return writeMessage(type, body);
}
