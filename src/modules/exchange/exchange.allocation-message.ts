// The allocation message (toewijzing, iWmo/iJw 301): what the municipality sends a provider after a
// decision, one message per client and provider with every product allocated to that provider.

import { brpContact, clientIdentity, municipalityHeader, type ClientAddress, type ClientIdentity, type MessageHeader } from './exchange.header.js';
import { messageType, type Standard } from './exchange.messages.js';
import { writeMessage, xmlDate, xmlDateAt, xmlTime, type XmlElements } from './exchange.xml.js';

/** iWmo/iJw eenheid (LDT_Eenheid) and frequentie (LDT_Frequentie) codes. */
export type UnitCode = '01' | '04' | '14' | '16' | '82' | '83' | '84';
export type FrequencyCode = '1' | '2' | '4' | '6';

export interface AllocatedProduct {
  /** ToewijzingNummer: unique within the legal domain (Wmo or Jeugd) of the municipality. */
  number: number;
  /** The provider's reference from its request (315), if the allocation answers one. */
  providerReference?: string | null;
  category: string;
  code?: string | null;
  allocatedAt: Date;
  start: string;
  end?: string | null;
  /** LDT_RedenWijziging when this message changes an earlier allocation. */
  changeReason?: string | null;
  volume?: { amount: number; unit: UnitCode; frequency: FrequencyCode } | null;
  /** Budget in euro cents (for budget allocations). */
  budgetCents?: number | null;
  comment?: string | null;
}

export interface AllocationMessage {
  standard: Standard;
  header: MessageHeader;
  client: ClientIdentity & { address: ClientAddress };
  products: AllocatedProduct[];
}

function product(p: AllocatedProduct): XmlElements {
  return {
    ToewijzingNummer: p.number,
    ReferentieAanbieder: p.providerReference ?? undefined,
    Product: { 'b:Categorie': p.category, 'b:Code': p.code ?? undefined },
    Toewijzingsdatum: xmlDateAt(p.allocatedAt),
    Toewijzingstijd: xmlTime(p.allocatedAt),
    Ingangsdatum: xmlDate(p.start),
    Einddatum: p.end ? xmlDate(p.end) : undefined,
    RedenWijziging: p.changeReason ?? undefined,
    Omvang: p.volume ? { 'b:Volume': p.volume.amount, 'b:Eenheid': p.volume.unit, 'b:Frequentie': p.volume.frequency } : undefined,
    Budget: p.budgetCents ?? undefined,
    Commentaar: p.comment ? p.comment.slice(0, 1000) : undefined,
  };
}

/** The 301 message as XML (UTF-8). The caller checks it against the XSD before it leaves Koers. */
export function writeAllocationMessage(m: AllocationMessage): string {
  if (m.products.length === 0) throw new Error('An allocation message needs at least one product');
  const type = messageType(m.standard, 301);
  return writeMessage(type, {
    Header: municipalityHeader(type, m.header),
    Client: {
      ...clientIdentity(m.client),
      Contactgegevens: { Contact: [brpContact(m.client.address)] },
      ToegewezenProducten: { ToegewezenProduct: m.products.map(product) },
    },
  });
}
