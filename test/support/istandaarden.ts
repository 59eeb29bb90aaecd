// Test support for the iWmo/iJw exchange: where the official XSDs are, and sample messages.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The XSDs of the standard, next to the repository (../shared/standards/istandaarden), if present. */
export const ISTANDAARDEN_DIR = path.resolve(import.meta.dirname, '../../../shared/standards/istandaarden');
export const hasIstandaarden = existsSync(path.join(ISTANDAARDEN_DIR, 'iwmo-3.2/WMO301.xsd'));
export const NO_ISTANDAARDEN_REASON = `de XSD's van iWmo/iJw 3.2 staan niet in ${ISTANDAARDEN_DIR}`;

export interface Wmo301Sample {
  bsn?: string;
  afzender?: string;
  identificatie?: string;
  ingangsdatum?: string;
  einddatum?: string;
  categorie?: string;
  extraClientElement?: string;
}

/** A hand-written iWmo 301 (toewijzing) as a provider would receive it; valid against WMO301.xsd. */
export function wmo301Sample(o: Wmo301Sample = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema" xmlns:b="http://www.istandaarden.nl/iwmo/3_2/basisschema/schema">
  <Header>
    <BerichtCode>414</BerichtCode>
    <BerichtVersie>3</BerichtVersie>
    <BerichtSubversie>2</BerichtSubversie>
    <Afzender>${o.afzender ?? '0935'}</Afzender>
    <Ontvanger>12345678</Ontvanger>
    <BerichtIdentificatie><b:Identificatie>${o.identificatie ?? 'KOERS-1'}</b:Identificatie><b:Dagtekening>2026-12-01</b:Dagtekening></BerichtIdentificatie>
    <XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></XsdVersie>
  </Header>
  <Client>
    <Bsn>${o.bsn ?? '999990019'}</Bsn>
    <Geboortedatum><b:Datum>1948-03-14</b:Datum></Geboortedatum>
    <Geslacht>2</Geslacht>
    <Naam><b:Geslachtsnaam><b:Achternaam>Jansen</b:Achternaam></b:Geslachtsnaam><b:Voorletters>M</b:Voorletters><b:NaamGebruik>1</b:NaamGebruik></Naam>${o.extraClientElement ?? ''}
    <Contactgegevens><Contact><Soort>01</Soort><Adres><b:Huis><b:Huisnummer>12</b:Huisnummer></b:Huis><b:Postcode>6211AB</b:Postcode><b:Straatnaam>Markt</b:Straatnaam><b:Plaatsnaam>Maastricht</b:Plaatsnaam></Adres></Contact></Contactgegevens>
    <ToegewezenProducten>
      <ToegewezenProduct>
        <ToewijzingNummer>1001</ToewijzingNummer>
        <Product><b:Categorie>${o.categorie ?? '02'}</b:Categorie><b:Code>02A01</b:Code></Product>
        <Toewijzingsdatum>2026-12-01</Toewijzingsdatum>
        <Toewijzingstijd>10:15:00</Toewijzingstijd>
        <Ingangsdatum>${o.ingangsdatum ?? '2027-01-01'}</Ingangsdatum>
        <Einddatum>${o.einddatum ?? '2027-12-31'}</Einddatum>
        <Omvang><b:Volume>3</b:Volume><b:Eenheid>04</b:Eenheid><b:Frequentie>2</b:Frequentie></Omvang>
      </ToegewezenProduct>
    </ToegewezenProducten>
  </Client>
</Bericht>
`;
}

export interface CareProductSample {
  number: number | string;
  begin: string;
  status?: '1' | '2' | '3';
  /** For a stop (307). */
  end?: string;
  reason?: string;
}

export interface CareMessageSample {
  standard?: 'iwmo' | 'ijw';
  kind: 'start' | 'stop';
  agbCode: string;
  municipality?: string;
  identification: string;
  date?: string;
  bsn: string;
  products: CareProductSample[];
}

/** A provider's start (305) or stop (307) of care, as the provider's software would send it. */
export function careMessageSample(m: CareMessageSample): string {
  const standard = m.standard ?? 'iwmo';
  const number = m.kind === 'start' ? 305 : 307;
  const ns = `http://www.istandaarden.nl/${standard}/3_2/${standard === 'iwmo' ? 'wmo' : 'jw'}${number}/schema`;
  const base = `http://www.istandaarden.nl/${standard}/3_2/basisschema/schema`;
  const codes = { iwmo: { 305: 418, 307: 420 }, ijw: { 305: 438, 307: 440 } }[standard][number];
  const key = m.kind === 'start' ? 'Start' : 'Stop';
  const product = (p: CareProductSample) => `
      <${key}Product>
        <ToewijzingNummer>${p.number}</ToewijzingNummer>
        <Begindatum>${p.begin}</Begindatum>${m.kind === 'stop' ? `
        <RedenBeeindiging>${p.reason ?? (standard === 'iwmo' ? '19' : '31')}</RedenBeeindiging>
        <Einddatum>${p.end ?? p.begin}</Einddatum>` : ''}
        <StatusAanlevering>${p.status ?? '1'}</StatusAanlevering>
      </${key}Product>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="${ns}" xmlns:b="${base}">
  <Header>
    <BerichtCode>${codes}</BerichtCode>
    <BerichtVersie>3</BerichtVersie>
    <BerichtSubversie>2</BerichtSubversie>
    <Afzender>${m.agbCode}</Afzender>
    <Ontvanger>${m.municipality ?? '0935'}</Ontvanger>
    <BerichtIdentificatie><b:Identificatie>${m.identification}</b:Identificatie><b:Dagtekening>${m.date ?? '2026-12-01'}</b:Dagtekening></BerichtIdentificatie>
    <XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></XsdVersie>
  </Header>
  <Client>
    <Bsn>${m.bsn}</Bsn>
    <Geboortedatum><b:Datum>1948-03-14</b:Datum></Geboortedatum>
    <Geslacht>2</Geslacht>
    <Naam><b:Geslachtsnaam><b:Achternaam>Jansen</b:Achternaam></b:Geslachtsnaam><b:Voorletters>M</b:Voorletters></Naam>
    <${key}Producten>${m.products.map(product).join('')}
    </${key}Producten>
  </Client>
</Bericht>
`;
}
