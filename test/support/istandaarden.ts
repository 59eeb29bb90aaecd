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

export interface RequestedProductSample {
  reference: string;
  category?: string;
  code?: string | null;
  start?: string;
  end?: string | null;
  volume?: { amount: number; unit: string; frequency: string } | null;
  referrer?: { type: string; name?: string; code?: string | null };
}

export interface AllocationRequestSample {
  standard?: 'iwmo' | 'ijw';
  agbCode: string;
  municipality?: string;
  identification: string;
  date?: string;
  bsn: string;
  products: RequestedProductSample[];
}

const ns = (standard: 'iwmo' | 'ijw', number: number) => `http://www.istandaarden.nl/${standard}/3_2/${standard === 'iwmo' ? 'wmo' : 'jw'}${number}/schema`;
const baseNs = (standard: 'iwmo' | 'ijw') => `http://www.istandaarden.nl/${standard}/3_2/basisschema/schema`;

function providerHeader(standard: 'iwmo' | 'ijw', code: number, m: { agbCode: string; municipality?: string; identification: string; date?: string }): string {
  return `<Header>
    <BerichtCode>${code}</BerichtCode>
    <BerichtVersie>3</BerichtVersie>
    <BerichtSubversie>2</BerichtSubversie>
    <Afzender>${m.agbCode}</Afzender>
    <Ontvanger>${m.municipality ?? '0935'}</Ontvanger>
    <BerichtIdentificatie><b:Identificatie>${m.identification}</b:Identificatie><b:Dagtekening>${m.date ?? '2026-12-01'}</b:Dagtekening></BerichtIdentificatie>
    <XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></XsdVersie>
  </Header>`;
}

/** A provider's request for an allocation (315): Jeugd by default, e.g. on a huisarts' referral. */
export function allocationRequestSample(m: AllocationRequestSample): string {
  const standard = m.standard ?? 'ijw';
  const product = (p: RequestedProductSample) => {
    const referrer = p.referrer ?? { type: '02', name: 'Huisartsenpraktijk De Vries', code: '01234567' };
    const volume = p.volume === undefined ? { amount: 2, unit: '04', frequency: '2' } : p.volume;
    return `
      <AangevraagdProduct>
        <ReferentieAanbieder>${p.reference}</ReferentieAanbieder>
        <Product><b:Categorie>${p.category ?? (standard === 'ijw' ? '45' : '01')}</b:Categorie>${p.code === null ? '' : `<b:Code>${p.code ?? (standard === 'ijw' ? '45A01' : '01A01')}</b:Code>`}</Product>
        <ToewijzingIngangsdatum>${p.start ?? '2027-01-01'}</ToewijzingIngangsdatum>${p.end === null ? '' : `
        <ToewijzingEinddatum>${p.end ?? '2027-06-30'}</ToewijzingEinddatum>`}${volume ? `
        <Omvang><b:Volume>${volume.amount}</b:Volume><b:Eenheid>${volume.unit}</b:Eenheid><b:Frequentie>${volume.frequency}</b:Frequentie></Omvang>` : ''}
        <Verwijzer><b:Type>${referrer.type}</b:Type>${referrer.name ? `<b:Naam>${referrer.name}</b:Naam>` : ''}${referrer.code ? `<b:ZorgverlenerCode>${referrer.code}</b:ZorgverlenerCode>` : ''}</Verwijzer>
      </AangevraagdProduct>`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="${ns(standard, 315)}" xmlns:b="${baseNs(standard)}">
  ${providerHeader(standard, standard === 'ijw' ? 446 : 444, m)}
  <Client>
    <Bsn>${m.bsn}</Bsn>
    <Geboortedatum><b:Datum>2015-05-01</b:Datum></Geboortedatum>
    <Geslacht>1</Geslacht>
    <Naam><b:Geslachtsnaam><b:Achternaam>Jansen</b:Achternaam></b:Geslachtsnaam><b:Voorletters>T</b:Voorletters></Naam>
    <AangevraagdeProducten>${m.products.map(product).join('')}
    </AangevraagdeProducten>
  </Client>
</Bericht>
`;
}

export interface ChangeRequestSample {
  standard?: 'iwmo' | 'ijw';
  agbCode: string;
  identification: string;
  date?: string;
  bsn: string;
  reference: string;
  unchanged?: number[];
  changed?: { number: number; from: string; end?: string; volume?: { amount: number; unit: string; frequency: string } }[];
}

/** A provider's request for a change (317). */
export function changeRequestSample(m: ChangeRequestSample): string {
  const standard = m.standard ?? 'ijw';
  const unchanged = m.unchanged ?? [];
  const changed = m.changed ?? [];
  return `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="${ns(standard, 317)}" xmlns:b="${baseNs(standard)}">
  ${providerHeader(standard, standard === 'ijw' ? 486 : 480, m)}
  <Client>
    <Bsn>${m.bsn}</Bsn>
    <Verzoek>
      <ReferentieAanbieder>${m.reference}</ReferentieAanbieder>
      <RedenVerzoek>2</RedenVerzoek>${unchanged.length ? `
      <OngewijzigdeProducten>${unchanged.map((n) => `<OngewijzigdProduct><ToewijzingNummer>${n}</ToewijzingNummer></OngewijzigdProduct>`).join('')}</OngewijzigdeProducten>` : ''}${changed.length ? `
      <TeWijzigenProducten>${changed
        .map(
          (c) =>
            `<TeWijzigenProduct><ToewijzingNummer>${c.number}</ToewijzingNummer><GewensteIngangsdatum>${c.from}</GewensteIngangsdatum>${c.end ? `<Einddatum>${c.end}</Einddatum>` : ''}${c.volume ? `<Omvang><b:Volume>${c.volume.amount}</b:Volume><b:Eenheid>${c.volume.unit}</b:Eenheid><b:Frequentie>${c.volume.frequency}</b:Frequentie></Omvang>` : ''}</TeWijzigenProduct>`,
        )
        .join('')}</TeWijzigenProducten>` : ''}
    </Verzoek>
  </Client>
</Bericht>
`;
}

/**
 * The provider's retour on one of our messages (302 on a 301, 320 on a 319), as the provider's
 * software builds it: our message repeated with its own identification and retour codes per level.
 */
export function providerRetourSample(ours: string, o: { identification: string; productCode?: string; date?: string }): string {
  const number = /\/(?:wmo|jw)(301|319)\/schema/.exec(ours)![1] === '301' ? 301 : 319;
  const code = Number(/<BerichtCode>(\d+)<\/BerichtCode>/.exec(ours)![1]);
  const codes = (c: string) => `<RetourCodes><RetourCode>${c}</RetourCode></RetourCodes>`;
  let xml = ours
    .replace(/(\/(?:wmo|jw))(301|319)(\/schema)/, (_m, a: string, n: string, b: string) => `${a}${Number(n) + 1}${b}`)
    .replace(`<BerichtCode>${code}</BerichtCode>`, `<BerichtCode>${code + 1}</BerichtCode>`)
    .replace(
      '</Header>',
      `  <IdentificatieRetour>${o.identification}</IdentificatieRetour>
    <DagtekeningRetour>${o.date ?? '2026-12-02'}</DagtekeningRetour>
    <XsdVersieRetour><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie><b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></XsdVersieRetour>
    ${codes('0200')}
  </Header>`,
    );
  if (number === 301) {
    xml = xml.replace(/<\/Contact>/g, `${codes('0200')}</Contact>`).replace(/<\/ToegewezenProduct>/g, `${codes(o.productCode ?? '0200')}</ToegewezenProduct>`).replace('</Client>', `${codes('0200')}</Client>`);
  } else {
    xml = xml.replace('</Antwoord>', `${codes(o.productCode ?? '0200')}</Antwoord>`);
  }
  return xml;
}
