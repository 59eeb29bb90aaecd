// The parts every message shares: the header, and the client's identity, name and address.

import type { MessageType, Standard } from './exchange.messages.js';
import { xmlDate, type XmlElements } from './exchange.xml.js';

export interface MessageHeader {
  /** The municipality's CBS code, four digits (GM0935 → 0935). */
  municipalityCode: string;
  /** The provider's AGB code, eight digits. */
  agbCode: string;
  /** Unique per message type and sender (LDT_IdentificatieBericht, at most 12 characters). */
  id: string;
  /** Dagtekening. */
  date: string;
}

export const municipalityCode = (tenantId: string): string => tenantId.replace(/^GM/, '');

/** Header of a message the municipality sends (Afzender = gemeente, Ontvanger = AGB code). */
export function municipalityHeader(type: MessageType, h: MessageHeader): XmlElements {
  return {
    BerichtCode: type.code,
    BerichtVersie: 3,
    BerichtSubversie: 2,
    Afzender: h.municipalityCode,
    Ontvanger: h.agbCode,
    BerichtIdentificatie: { 'b:Identificatie': h.id, 'b:Dagtekening': xmlDate(h.date) },
    XsdVersie: { 'b:BasisschemaXsdVersie': '1.0.0', 'b:BerichtXsdVersie': '1.0.0' },
  };
}

export interface ClientIdentity {
  bsn: string;
  birthDate: string;
  gender: 'M' | 'V' | 'X';
  lastName: string;
  /** Tussenvoegsel, e.g. "van der". */
  prefix?: string | null;
  initials?: string | null;
}

export interface ClientAddress {
  street?: string | null;
  houseNumber?: number | null;
  houseLetter?: string | null;
  houseNumberAddition?: string | null;
  postcode?: string | null;
  city?: string | null;
}

/** LDT_Geslacht: 0 onbekend, 1 man, 2 vrouw. Koers' X (neither/unknown) is 0. */
export const genderCode = (gender: ClientIdentity['gender']): string => ({ M: '1', V: '2', X: '0' })[gender];

/** Voorletters: letters only, at most six (LDT_Voorletters). */
const initialsOf = (initials: string | null | undefined) => {
  const letters = (initials ?? '').replace(/[^\p{L}]/gu, '').slice(0, 6);
  return letters || undefined;
};

export function clientIdentity(c: ClientIdentity): XmlElements {
  return {
    Bsn: c.bsn,
    Geboortedatum: { 'b:Datum': xmlDate(c.birthDate) },
    Geslacht: genderCode(c.gender),
    Naam: {
      'b:Geslachtsnaam': { 'b:Achternaam': c.lastName.slice(0, 200), 'b:Voorvoegsel': c.prefix ? c.prefix.slice(0, 10) : undefined },
      'b:Voorletters': initialsOf(c.initials),
      'b:NaamGebruik': '1',
    },
  };
}

/** A BRP address (soort 01) as CDT_Adres; Straatnaam is at most 24 characters in the standard. */
export function brpContact(a: ClientAddress): XmlElements {
  return {
    Soort: '01',
    Adres: {
      'b:Huis': a.houseNumber
        ? { 'b:Huisnummer': a.houseNumber, 'b:Huisletter': a.houseLetter || undefined, 'b:HuisnummerToevoeging': a.houseNumberAddition || undefined }
        : undefined,
      'b:Postcode': a.postcode ? a.postcode.replace(/\s+/g, '').toUpperCase() : undefined,
      'b:Straatnaam': a.street ? a.street.slice(0, 24) : undefined,
      'b:Plaatsnaam': a.city ? a.city.slice(0, 80) : undefined,
    },
  };
}

export const isStandard = (value: string): value is Standard => value === 'iwmo' || value === 'ijw';
