// The declaration answer (325) on a 323: the header with the outcome of the header checks, and per
// client and Prestatie the declared line repeated with its retour codes (8001: approved). The iWmo
// release folder has no WMO325.xsd: the Wmo answer follows JW325 in the Wmo namespace (its BerichtCode
// 485 by the request + 1 pattern, domain-facts §3.1) and is recorded as not checked.

import { messageType, type Standard } from './exchange.messages.js';
import { writeMessage, xmlDate, type XmlElements } from './exchange.xml.js';
import { NO_REMARK } from './exchange.retour.js';

export const APPROVED = '8001';

/** A Prestatie as read from the 323 (element names without prefixes, values as text). */
export type ReadPrestatie = Record<string, unknown>;

export interface DeclarationAnswerInput {
  standard: Standard;
  municipalityCode: string;
  agbCode: string;
  identification: string;
  date: string;
  /** The 323's BerichtIdentificatie and XsdVersie, repeated. */
  declarationIdentification: { id: string; date: string };
  declarationXsd: { base: string; message: string };
  headerCodes: string[];
  declaration: {
    number: string;
    submittedCents: number;
    approvedCents: number;
    /** Clients in message order, each with its Prestaties and their codes (empty: approved). */
    clients: { bsn: string; lines: { prestatie: ReadPrestatie; codes: string[] }[] }[];
  } | null;
}

const codes = (list: string[]) => ({ RetourCode: (list.length ? list : [NO_REMARK]).slice(0, 10) });
const total = (cents: number) => ({ 'b:TotaalBedrag': Math.abs(cents), 'b:DebetCredit': cents < 0 ? 'C' : 'D' });
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function prestatie(p: ReadPrestatie, lineCodes: string[]): XmlElements {
  const reference = obj(p.ProductReferentie);
  const period = obj(p.ProductPeriode);
  const amount = obj(p.IngediendBedrag);
  return {
    ProductReferentie: { 'b:ReferentieNummer': String(reference.ReferentieNummer), 'b:VorigReferentieNummer': reference.VorigReferentieNummer === undefined ? undefined : String(reference.VorigReferentieNummer) },
    ToewijzingNummer: String(p.ToewijzingNummer),
    ProductCategorie: String(p.ProductCategorie),
    ProductCode: String(p.ProductCode),
    ProductPeriode: { 'b:Begindatum': String(period.Begindatum), 'b:Einddatum': String(period.Einddatum) },
    GeleverdVolume: String(p.GeleverdVolume),
    Eenheid: String(p.Eenheid),
    ProductTarief: p.ProductTarief === undefined ? undefined : String(p.ProductTarief),
    IngediendBedrag: { 'b:Bedrag': String(amount.Bedrag), 'b:DebetCredit': String(amount.DebetCredit) },
    RetourCodes: codes(lineCodes.length ? lineCodes : [APPROVED]),
  };
}

export function writeDeclarationAnswer(a: DeclarationAnswerInput): string {
  const type = messageType(a.standard, 325);
  const body: XmlElements = {
    Header: {
      BerichtCode: type.code,
      BerichtVersie: 3,
      BerichtSubversie: 2,
      Afzender: a.municipalityCode,
      Ontvanger: a.agbCode,
      BerichtIdentificatie: { 'b:Identificatie': a.identification, 'b:Dagtekening': xmlDate(a.date) },
      XsdVersie: { 'b:BasisschemaXsdVersie': '1.0.0', 'b:BerichtXsdVersie': '1.0.0' },
      DeclaratieIdentificatie: { 'b:Identificatie': a.declarationIdentification.id, 'b:Dagtekening': a.declarationIdentification.date },
      XsdVersieDeclaratie: { 'b:BasisschemaXsdVersie': a.declarationXsd.base, 'b:BerichtXsdVersie': a.declarationXsd.message },
      RetourCodes: codes(a.headerCodes),
    },
  };
  // A rejected header ends the assessment: the answer carries the header only.
  if (a.declaration && a.headerCodes.length === 0) {
    body.DeclaratieAntwoord = {
      DeclaratieNummer: a.declaration.number,
      TotaalIngediendBedrag: total(a.declaration.submittedCents),
      TotaalToegekendBedrag: total(a.declaration.approvedCents),
      Clienten: { Client: a.declaration.clients.map((c) => ({ Bsn: c.bsn, Prestaties: { Prestatie: c.lines.map((l) => prestatie(l.prestatie, l.codes)) }, RetourCodes: codes([]) })) },
      RetourCodes: codes([]),
    };
  }
  // Compact: an answer repeats every declared line, thousands of them.
  return writeMessage(type, body, { compact: true });
}
