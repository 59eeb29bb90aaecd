// Demo products-and-services catalogue (PDC) of Maastricht (GM0935).
//
// Sources: /work/shared/domain-facts.md §3 (iWmo/iJw 3.2 product categories, units, frequencies),
// §4 scheme C (BBV/Iv3 taakvelden from 2025) and the programme documents in /work/shared/seeds/
// ("taakgerichte uitvoeringsvariant" for Wmo begeleiding groep en individueel: start directly after
// registration with the contracted provider, within 13 weeks either self-reliant or a beschikking;
// "producten-diensten catalogus incl. voorliggend veld"; "Beschermd Thuis").
//
// Assumptions, so nobody mistakes this for real policy:
// - Product codes (`productCode`) are PLAUSIBLE, not official: the national product code list is not
//   available offline (the XSD leaves LDT_ProductCode a free 1–5 character string). We use
//   <category><letter><2 digits> so a code visibly belongs to its category (retour code S329).
// - The tailored Wmo and Jeugdwet products are procured by the region Zuid-Limburg and shared with
//   Eijsden-Margraten (GM1903); the community provisions and their wijken are Maastricht's own.
// - Names of community provisions are GENERIC descriptions, not brand names of real Maastricht
//   organisations; who runs them is in providers.data.ts (fictitious organisations).
// - Taakveld assignment follows the iWmo/iJw category where the Iv3 scheme is aligned with it;
//   where it is not obvious (marked "assumption" below) we chose the most specific plausible line.

export type Law = 'wmo' | 'jeugdwet' | 'participatiewet' | 'wgs';
export type ProductKind =
  | 'community' /* voorliggend veld / algemene voorziening */
  | 'tailored' /* maatwerkvoorziening */
  | 'benefit' /* uitkering/vergoeding */;
export type Unit = 'minute' | 'hour' | 'day_part' | 'day' | 'piece' | 'euro';
export type Frequency = 'per_day' | 'per_week' | 'per_month' | 'total';

export interface CatalogueProductData {
  /** Stable internal code, e.g. 'WMO-HH-01'. */
  code: string;
  /** Dutch. */
  name: string;
  law: Law;
  kind: ProductKind;
  /** iWmo/iJw LDT_ProductCategorie; null for community provisions and benefits. */
  categoryCode: string | null;
  /** iWmo/iJw product code (1–5 chars); plausible, not from the national list (see file header). */
  productCode: string | null;
  /** 'day' is the iWmo/iJw etmaal (eenheid 14); 'day_part' the dagdeel of 4 hours (eenheid 16). */
  unit: Unit;
  frequency: Frequency;
  /** A beschikking is needed. */
  requiresDecision: boolean;
  /** Taakgerichte uitvoeringsvariant: the provider may start before the decision. */
  directAccess: boolean;
  /** 13 when directAccess, else null. */
  directAccessMaxWeeks: number | null;
  /** BBV taakveld, scheme from 2025. */
  budgetLine: string;
  /** Dutch, plain language (B1). */
  description: string;
  /** Dutch: who it is for / conditions. */
  eligibility: string;
  /** Community provisions: CBS wijk codes where offered; otherwise []. */
  areaCodes: string[];
}

export interface BudgetLineData {
  code: string;
  name: string;
  /** null when the taakveld is not tied to one law. */
  law: Law | null;
}

// Maastricht's seven CBS wijken (see geography.ts); the test checks they exist there.
const CENTRUM = 'WK093500';
const ZUIDWEST = 'WK093501';
const WEST = 'WK093502';
const NOORDWEST = 'WK093503';
const OOST = 'WK093504';
const NOORDOOST = 'WK093505';
const ZUIDOOST = 'WK093506';
const ALL_WIJKEN: readonly string[] = [CENTRUM, ZUIDWEST, WEST, NOORDWEST, OOST, NOORDOOST, ZUIDOOST];

/** Per the seed documents: direct access lasts at most 13 weeks, then self-reliance or a beschikking. */
const DIRECT_ACCESS_WEEKS = 13;

type Tailored = Omit<
  CatalogueProductData,
  'law' | 'kind' | 'requiresDecision' | 'directAccess' | 'directAccessMaxWeeks' | 'areaCodes'
>;

function wmoTailored(product: Tailored, directAccess = false): CatalogueProductData {
  return {
    ...product,
    law: 'wmo',
    kind: 'tailored',
    // Even with direct access a beschikking is needed once support continues after 13 weeks.
    requiresDecision: true,
    directAccess,
    directAccessMaxWeeks: directAccess ? DIRECT_ACCESS_WEEKS : null,
    areaCodes: [],
  };
}

function youthTailored(product: Tailored): CatalogueProductData {
  return {
    ...product,
    law: 'jeugdwet',
    kind: 'tailored',
    // Simplification: a huisarts referral also leads to a toewijzing; we model both as a decision.
    requiresDecision: true,
    directAccess: false,
    directAccessMaxWeeks: null,
    areaCodes: [],
  };
}

type Community = Pick<CatalogueProductData, 'code' | 'name' | 'budgetLine' | 'description' | 'eligibility'> & {
  law?: Law;
  areaCodes: readonly string[];
  requiresDecision?: boolean;
};

function community(product: Community): CatalogueProductData {
  return {
    code: product.code,
    name: product.name,
    law: product.law ?? 'wmo',
    kind: 'community',
    categoryCode: null,
    productCode: null,
    // Community provisions are subsidised as a lump sum, so volume is counted per contact.
    unit: 'piece',
    frequency: 'total',
    requiresDecision: product.requiresDecision ?? false,
    directAccess: false,
    directAccessMaxWeeks: null,
    budgetLine: product.budgetLine,
    description: product.description,
    eligibility: product.eligibility,
    areaCodes: [...product.areaCodes],
  };
}

type Benefit = Pick<CatalogueProductData, 'code' | 'name' | 'law' | 'budgetLine' | 'description' | 'eligibility'>;

function benefit(product: Benefit): CatalogueProductData {
  return {
    ...product,
    kind: 'benefit',
    categoryCode: null,
    productCode: null,
    unit: 'euro',
    frequency: 'total',
    requiresDecision: true,
    directAccess: false,
    directAccessMaxWeeks: null,
    areaCodes: [],
  };
}

const wmoProducts: CatalogueProductData[] = [
  // Hulp bij het huishouden: two variants, as most municipalities split a basic clean home from
  // help that also takes over organising the household.
  wmoTailored({
    code: 'WMO-HH-01',
    name: 'Hulp bij het huishouden – schoon en leefbaar huis',
    categoryCode: '01',
    productCode: '01A01',
    unit: 'hour',
    frequency: 'per_week',
    budgetLine: '6.711',
    description:
      'Een hulp maakt de kamers schoon die u elke dag gebruikt, zoals de woonkamer, keuken, badkamer en slaapkamer. Zo blijft uw huis schoon en leefbaar.',
    eligibility:
      'Voor inwoners die hun huis niet zelf kunnen schoonhouden door ziekte, beperking of ouderdom, en die geen hulp kunnen krijgen van huisgenoten of hun netwerk.',
  }),
  wmoTailored({
    code: 'WMO-HH-02',
    name: 'Hulp bij het huishouden – regie en organisatie',
    categoryCode: '01',
    productCode: '01A02',
    unit: 'hour',
    frequency: 'per_week',
    budgetLine: '6.711',
    description:
      'Naast schoonmaken helpt de hulp u het huishouden te plannen: boodschappenlijst, was, maaltijden en een vast ritme in de week.',
    eligibility:
      'Voor inwoners die het overzicht over hun huishouden kwijt zijn, bijvoorbeeld door dementie, psychische problemen of een hersenletsel, of met kinderen die zorg nodig hebben.',
  }),
  // Taakgerichte uitvoeringsvariant (seed 004: "AF Q1 2022"): both begeleiding products start
  // directly with the contracted provider.
  wmoTailored(
    {
      code: 'WMO-BG-01',
      name: 'Begeleiding individueel',
      categoryCode: '02',
      productCode: '02A01',
      unit: 'hour',
      frequency: 'per_week',
      budgetLine: '6.712',
      description:
        'Een begeleider helpt u thuis met dagelijkse dingen, zoals uw post en administratie, medicijnen innemen of afspraken nakomen. U kunt meteen starten bij een aanbieder. Binnen 13 weken kijken we samen of u het zelf kunt of dat u een beschikking krijgt.',
      eligibility:
        'Voor volwassen inwoners die door een beperking, psychische problemen of een moeilijke situatie niet goed zelfstandig kunnen wonen of hun dag kunnen regelen.',
    },
    true,
  ),
  // iWmo has no separate category for group support: groepsbegeleiding (the former AWBZ function
  // "begeleiding groep") is reported as 07 Dagbesteding, and the Iv3 split follows the categories,
  // so this product sits on 6.713, not 6.712. Decision documented here on purpose.
  wmoTailored(
    {
      code: 'WMO-BG-02',
      name: 'Begeleiding groep',
      categoryCode: '07',
      productCode: '07A01',
      unit: 'day_part',
      frequency: 'per_week',
      budgetLine: '6.713',
      description:
        'U doet met een kleine groep mee aan activiteiten onder begeleiding. U krijgt structuur in uw week, ontmoet anderen en oefent vaardigheden. U kunt meteen starten bij een aanbieder; binnen 13 weken volgt een gesprek over vervolg.',
      eligibility:
        'Voor volwassen inwoners die overdag structuur en begeleiding nodig hebben en dat niet zelf of via een buurtcentrum kunnen regelen.',
    },
    true,
  ),
  wmoTailored({
    code: 'WMO-DB-01',
    name: 'Dagbesteding intensief',
    categoryCode: '07',
    productCode: '07A02',
    unit: 'day_part',
    frequency: 'per_week',
    budgetLine: '6.713',
    description:
      'Dagbesteding in een kleine groep met veel begeleiding, bijvoorbeeld voor mensen met dementie of hersenletsel. Uw mantelzorger wordt zo ook ontlast.',
    eligibility:
      'Voor inwoners die door hun beperking intensief toezicht nodig hebben en niet kunnen deelnemen aan begeleiding groep. Er is een onderzoek en beschikking nodig.',
  }),
  wmoTailored({
    code: 'WMO-DB-02',
    name: 'Arbeidsmatige dagbesteding',
    categoryCode: '07',
    productCode: '07A03',
    unit: 'day_part',
    frequency: 'per_week',
    budgetLine: '6.713',
    description:
      'U werkt mee in bijvoorbeeld een werkplaats, tuin of kringloopwinkel, zonder loon. U doet werkervaring op en heeft een vast ritme.',
    eligibility:
      'Voor volwassen inwoners die (nog) niet kunnen werken, ook niet beschut, en wel een zinvolle dag willen. Niet als u een re-integratietraject via de Participatiewet kunt volgen.',
  }),
  // Assumption: kortdurend verblijf and persoonlijke verzorging on 6.714 (overige maatwerk).
  wmoTailored({
    code: 'WMO-KV-01',
    name: 'Kortdurend verblijf (logeeropvang)',
    categoryCode: '04',
    productCode: '04A01',
    unit: 'day',
    frequency: 'per_month',
    budgetLine: '6.714',
    description:
      'U logeert af en toe een etmaal of weekend in een logeerhuis. Zo kan uw mantelzorger even uitrusten.',
    eligibility:
      'Voor inwoners die permanent toezicht nodig hebben en thuis wonen met een mantelzorger die overbelast dreigt te raken. Maximaal drie etmalen per week.',
  }),
  // Most persoonlijke verzorging falls under the Zvw (wijkverpleging); the Wmo only covers it when it
  // is linked to begeleiding and there is no medical need.
  wmoTailored({
    code: 'WMO-PV-01',
    name: 'Persoonlijke verzorging (Wmo)',
    categoryCode: '03',
    productCode: '03A01',
    unit: 'hour',
    frequency: 'per_week',
    budgetLine: '6.714',
    description:
      'Hulp bij wassen, aankleden of eten, als onderdeel van uw begeleiding. Medische zorg valt hier niet onder; die krijgt u via de wijkverpleging.',
    eligibility:
      'Voor inwoners met begeleiding vanuit de Wmo die ook hulp bij de persoonlijke verzorging nodig hebben zonder medische reden.',
  }),
  wmoTailored({
    code: 'WMO-HM-01',
    name: 'Handbewogen rolstoel',
    categoryCode: '11',
    productCode: '11A01',
    unit: 'piece',
    frequency: 'total',
    budgetLine: '6.60',
    description:
      'Een rolstoel die u zelf voortbeweegt of laat duwen, aangepast aan uw lichaam. U krijgt hem in bruikleen; onderhoud en reparatie zijn inbegrepen.',
    eligibility:
      'Voor inwoners die langdurig en dagelijks een rolstoel nodig hebben. Voor kort gebruik (tot een half jaar) leent u een rolstoel bij een uitleenpunt.',
  }),
  wmoTailored({
    code: 'WMO-HM-02',
    name: 'Elektrische rolstoel',
    categoryCode: '11',
    productCode: '11A02',
    unit: 'piece',
    frequency: 'total',
    budgetLine: '6.60',
    description:
      'Een rolstoel met motor, voor binnen en buiten. U krijgt hem in bruikleen, met onderhoud, reparatie en instructie.',
    eligibility:
      'Voor inwoners die geen handbewogen rolstoel kunnen gebruiken en zonder deze rolstoel niet zelfstandig kunnen bewegen.',
  }),
  // Decision: the scootmobiel is a vehicle, so category 12 Vervoervoorzieningen; transport as a
  // service (collectief vervoer) is 08 Vervoerdiensten — the same split CBS uses.
  wmoTailored({
    code: 'WMO-HM-03',
    name: 'Scootmobiel',
    categoryCode: '12',
    productCode: '12A01',
    unit: 'piece',
    frequency: 'total',
    budgetLine: '6.60',
    description:
      'Een scootmobiel in bruikleen om zelf boodschappen te doen en mensen in de buurt te bezoeken. Onderhoud, verzekering en reparatie zijn inbegrepen.',
    eligibility:
      'Voor inwoners die korte afstanden (tot ongeveer 5 km) niet lopend, met de fiets of met het openbaar vervoer kunnen afleggen.',
  }),
  wmoTailored({
    code: 'WMO-WV-01',
    name: 'Traplift',
    categoryCode: '13',
    productCode: '13A01',
    unit: 'piece',
    frequency: 'total',
    budgetLine: '6.60',
    description:
      'Een traplift zodat u veilig naar boven kunt, naar uw slaapkamer of badkamer. De gemeente regelt plaatsing en onderhoud.',
    eligibility:
      'Voor inwoners die de trap niet meer kunnen lopen en van wie verhuizen naar een gelijkvloerse woning niet de goedkoopste passende oplossing is.',
  }),
  // A standard package with a fixed price; larger adaptations are tendered per case and are not in
  // this catalogue.
  wmoTailored({
    code: 'WMO-WV-02',
    name: 'Kleine woningaanpassing',
    categoryCode: '13',
    productCode: '13A02',
    unit: 'piece',
    frequency: 'total',
    budgetLine: '6.60',
    description:
      'Kleine aanpassingen in huis, zoals drempelhulpen, extra trapleuning, beugels in douche en toilet of een verhoogd toilet.',
    eligibility:
      'Voor inwoners die door een beperking niet veilig in hun huis kunnen bewegen. Huurders vragen eerst hun verhuurder; eenvoudige algemeen gebruikelijke voorzieningen betaalt u zelf.',
  }),
  wmoTailored({
    code: 'WMO-VV-01',
    name: 'Collectief vervoer (regiotaxi)',
    categoryCode: '08',
    productCode: '08A01',
    unit: 'piece',
    frequency: 'total',
    budgetLine: '6.60',
    description:
      'U reist met een taxibusje van deur tot deur in de regio, samen met andere reizigers. U betaalt per rit een eigen bijdrage, ongeveer het tarief van de bus.',
    eligibility:
      'Voor inwoners die door hun beperking geen gebruik kunnen maken van het openbaar vervoer. U krijgt een pas en een aantal ritten of kilometers per jaar.',
  }),
  // Maastricht is assumed to act as centrumgemeente for beschermd wonen and opvang in the region.
  wmoTailored({
    code: 'WMO-BW-01',
    name: 'Beschermd wonen',
    categoryCode: '15',
    productCode: '15A01',
    unit: 'day',
    frequency: 'per_month',
    budgetLine: '6.811',
    description:
      'U woont in een woning van een zorgaanbieder met begeleiding en toezicht dag en nacht. Samen werkt u aan zo zelfstandig mogelijk wonen.',
    eligibility:
      'Voor volwassenen met psychische of psychosociale problemen die (nog) niet zelfstandig kunnen wonen, ook niet met begeleiding thuis.',
  }),
  // "Beschermd Thuis" is named in seed 004 (verwerving, AF Q1 2023): support from the beschermd
  // wonen budget in the client's own home, hence category 18 and taakveld 6.811.
  wmoTailored({
    code: 'WMO-BW-02',
    name: 'Beschermd thuis',
    categoryCode: '18',
    productCode: '18A01',
    unit: 'hour',
    frequency: 'per_week',
    budgetLine: '6.811',
    description:
      'U woont in uw eigen huis en krijgt intensieve begeleiding, met hulp die ook \u2019s avonds en in het weekend bereikbaar is. Zo kunt u beschermd wonen voorkomen of afbouwen.',
    eligibility:
      'Voor volwassenen die anders beschermd zouden moeten wonen, maar met intensieve begeleiding thuis kunnen blijven of terugkeren.',
  }),
  wmoTailored({
    code: 'WMO-MO-01',
    name: 'Maatschappelijke opvang',
    categoryCode: '16',
    productCode: '16A01',
    unit: 'day',
    frequency: 'per_month',
    budgetLine: '6.812',
    description:
      'Tijdelijk onderdak met begeleiding voor wie dakloos is. U werkt samen met een begeleider aan wonen, inkomen en gezondheid.',
    eligibility:
      'Voor volwassenen die dakloos zijn of dreigen te worden en zich niet zelfstandig kunnen handhaven. Aanmelding via de centrale toegang.',
  }),
];

// Assumption: taakveld 6.1 for neighbourhood and volunteer work, 6.21/6.23 for advice and
// cliëntondersteuning (toegang en eerstelijnsvoorzieningen); 6.23 when all ages are served.
const communityProvisions: CatalogueProductData[] = [
  community({
    code: 'WMO-BC-01',
    name: 'Buurtcentrum en wijkinloop Centrum',
    budgetLine: '6.1',
    areaCodes: [CENTRUM],
    description:
      'Een buurtcentrum waar u zonder afspraak binnenloopt voor koffie, activiteiten, een vraag of een praatje. Een opbouwwerker helpt bewoners om samen iets op te zetten.',
    eligibility: 'Voor alle inwoners van de wijk. Gratis, zonder aanmelding of indicatie.',
  }),
  community({
    code: 'WMO-BC-02',
    name: 'Buurtcentra en wijkinloop Maastricht-West',
    budgetLine: '6.1',
    areaCodes: [ZUIDWEST, WEST, NOORDWEST],
    description:
      'Buurtcentra in de westelijke wijken met inloop, activiteiten voor ouderen en gezinnen en hulp bij vragen. Ook een plek voor bewonersinitiatieven.',
    eligibility: 'Voor alle inwoners van de wijken. Gratis, zonder aanmelding of indicatie.',
  }),
  community({
    code: 'WMO-BC-03',
    name: 'Buurtcentra en wijkinloop Maastricht-Oost',
    budgetLine: '6.1',
    areaCodes: [OOST, NOORDOOST, ZUIDOOST],
    description:
      'Buurtcentra in de oostelijke wijken met inloop, activiteiten en een vast spreekuur van de wijkconsulent en het maatschappelijk werk.',
    eligibility: 'Voor alle inwoners van de wijken. Gratis, zonder aanmelding of indicatie.',
  }),
  community({
    code: 'WMO-MZ-01',
    name: 'Mantelzorgondersteuning',
    budgetLine: '6.1',
    areaCodes: ALL_WIJKEN,
    description:
      'Advies, lotgenotencontact en cursussen voor mensen die zorgen voor een naaste. Ook hulp bij het regelen van respijtzorg, zodat u even vrij bent.',
    eligibility: 'Voor iedereen die langdurig zorgt voor een partner, kind, ouder of ander bekende in Maastricht.',
  }),
  community({
    code: 'WMO-WR-01',
    name: 'Welzijn op recept',
    budgetLine: '6.1',
    areaCodes: ALL_WIJKEN,
    description:
      'Uw huisarts of praktijkondersteuner verwijst u naar een welzijnscoach. Samen zoekt u activiteiten die u energie geven, zoals bewegen, creatief bezig zijn of vrijwilligerswerk.',
    eligibility: 'Voor inwoners met klachten zoals somberheid, eenzaamheid of stress, na verwijzing door de huisarts.',
  }),
  community({
    code: 'WMO-VW-01',
    name: 'Vrijwilligerswerk en vrijwillige inzet',
    budgetLine: '6.1',
    areaCodes: ALL_WIJKEN,
    description:
      'Een vrijwilligerspunt koppelt mensen die iets willen doen aan organisaties en buren die hulp zoeken, zoals maatjes, taalhulp of klussen.',
    eligibility: 'Voor alle inwoners die vrijwilligerswerk willen doen of een vrijwilliger zoeken. Gratis.',
  }),
  community({
    code: 'WMO-BS-01',
    name: 'Boodschappenservice',
    budgetLine: '6.1',
    areaCodes: [ZUIDWEST, WEST, OOST, ZUIDOOST],
    description:
      'Een vrijwilliger doet wekelijks boodschappen voor u of gaat met u mee naar de winkel. U betaalt alleen de boodschappen en een kleine bijdrage.',
    eligibility: 'Voor ouderen en inwoners met een beperking die tijdelijk of blijvend zelf geen boodschappen kunnen doen.',
  }),
  community({
    code: 'WMO-MW-01',
    name: 'Algemeen maatschappelijk werk',
    budgetLine: '6.23',
    areaCodes: ALL_WIJKEN,
    description:
      'Een maatschappelijk werker helpt u bij problemen met relaties, opvoeding, rouw, geld of huisvesting. Kortdurend en gratis, zonder verwijzing.',
    eligibility: 'Voor alle inwoners van Maastricht, jong en oud.',
  }),
  community({
    code: 'WMO-SR-01',
    name: 'Sociaal raadslieden',
    budgetLine: '6.21',
    areaCodes: [CENTRUM, WEST, OOST, ZUIDOOST],
    description:
      'Een sociaal raadsman of -vrouw helpt u met brieven en formulieren, toeslagen, bezwaar maken en het aanvragen van regelingen.',
    eligibility: 'Voor inwoners die hulp nodig hebben bij regelingen, toeslagen of contact met instanties. Spreekuur in het buurtcentrum.',
  }),
  community({
    code: 'WMO-CO-01',
    name: 'Onafhankelijke cliëntondersteuning',
    budgetLine: '6.21',
    areaCodes: ALL_WIJKEN,
    description:
      'Een onafhankelijke cliëntondersteuner denkt met u mee voor en tijdens het gesprek met de gemeente, en helpt u uw vraag en wensen duidelijk te maken.',
    eligibility: 'Voor iedereen die ondersteuning vraagt via de Wmo of Jeugdwet, en voor hun naasten. Gratis (Wmo 2015, art. 2.2.4).',
  }),
  community({
    code: 'JW-OO-01',
    name: 'Opvoed- en opgroeiondersteuning',
    law: 'jeugdwet',
    budgetLine: '6.22',
    areaCodes: ALL_WIJKEN,
    description:
      'Ouders en jongeren kunnen terecht met vragen over opvoeden en opgroeien, bij een inloopspreekuur of in een oudercursus. Zonder verwijzing.',
    eligibility: 'Voor ouders, verzorgers en jongeren tot 23 jaar in Maastricht.',
  }),
];

// Jeugdhulp: ambulant begeleiding is procured locally (seed 004: "Jeugd ambulante 1e fase"), the
// rest regionally — hence 6.751 vs 6.752/6.762.
const youthProducts: CatalogueProductData[] = [
  youthTailored({
    code: 'JW-AB-01',
    name: 'Ambulante jeugdhulp – begeleiding',
    categoryCode: '45',
    productCode: '45A01',
    unit: 'hour',
    frequency: 'per_week',
    budgetLine: '6.751',
    description:
      'Een jeugdhulpverlener komt bij u thuis en helpt uw kind en het gezin met dagelijkse dingen, zoals structuur, gedrag en omgaan met elkaar.',
    eligibility: 'Voor kinderen en jongeren tot 18 jaar (soms tot 23) en hun ouders, als de hulp uit de sociale basis niet genoeg is.',
  }),
  youthTailored({
    code: 'JW-AB-02',
    name: 'Ambulante jeugdhulp – behandeling',
    categoryCode: '45',
    productCode: '45A02',
    unit: 'hour',
    frequency: 'per_week',
    budgetLine: '6.752',
    description:
      'Behandeling door een orthopedagoog of gedragswetenschapper, thuis of op locatie, bij bijvoorbeeld gedragsproblemen of een ontwikkelingsachterstand.',
    eligibility: 'Voor jeugdigen met een verwijzing van de gemeente, huisarts of jeugdarts.',
  }),
  youthTailored({
    code: 'JW-GZ-01',
    name: 'Jeugd-ggz behandeling',
    categoryCode: '54',
    productCode: '54A01',
    unit: 'hour',
    frequency: 'per_month',
    budgetLine: '6.752',
    description:
      'Onderzoek en behandeling bij psychische problemen, zoals angst, depressie, ADHD of trauma, door een psycholoog of psychiater.',
    eligibility: 'Voor jeugdigen met psychische klachten en een verwijzing van de huisarts, jeugdarts, medisch specialist of gemeente.',
  }),
  youthTailored({
    code: 'JW-DB-01',
    name: 'Dagbehandeling jeugd',
    categoryCode: '41',
    productCode: '41A01',
    unit: 'day_part',
    frequency: 'per_week',
    budgetLine: '6.752',
    description:
      'Uw kind krijgt overdag behandeling in een groep, vaak in combinatie met onderwijs. \u2019s Avonds is uw kind thuis.',
    eligibility: 'Voor kinderen met ernstige gedrags-, ontwikkelings- of psychische problemen bij wie ambulante hulp niet genoeg is.',
  }),
  // Pleegzorg: the 2015 category 35 is outdated, so 44 (verblijf excl. behandeling) is used.
  youthTailored({
    code: 'JW-PZ-01',
    name: 'Pleegzorg',
    categoryCode: '44',
    productCode: '44A01',
    unit: 'day',
    frequency: 'per_month',
    budgetLine: '6.762',
    description:
      'Uw kind woont tijdelijk of langere tijd in een pleeggezin. De pleegzorgaanbieder begeleidt het pleeggezin en de ouders.',
    eligibility: 'Voor kinderen die (tijdelijk) niet thuis kunnen wonen, vrijwillig of na een maatregel van de kinderrechter.',
  }),
  youthTailored({
    code: 'JW-GH-01',
    name: 'Gezinshuis',
    categoryCode: '44',
    productCode: '44A02',
    unit: 'day',
    frequency: 'per_month',
    budgetLine: '6.762',
    description:
      'Uw kind woont in het gezin van professionele gezinshuisouders, samen met hun eigen kinderen en enkele andere kinderen.',
    eligibility: 'Voor kinderen die niet thuis kunnen wonen en voor wie een pleeggezin te weinig ondersteuning biedt.',
  }),
  youthTailored({
    code: 'JW-VB-01',
    name: 'Jeugdhulp met verblijf en behandeling',
    categoryCode: '43',
    productCode: '43A01',
    unit: 'day',
    frequency: 'per_month',
    budgetLine: '6.762',
    description:
      'Uw kind woont tijdelijk in een behandelgroep en krijgt daar dag en nacht zorg en behandeling. Het doel is zo snel mogelijk terug naar huis of naar een gezin.',
    eligibility: 'Voor jeugdigen met ernstige problemen bij wie behandeling zonder verblijf niet voldoende of niet veilig is.',
  }),
];

// Participatiewet benefits are executed by Sociale Zaken Maastricht Heuvelland (domain-facts §1.4).
// Decision for the Wgs: the schuldhulp trajectory is a free municipal service (community) that
// still needs a beschikking (Wgs art. 4a); the saneringskrediet is a sum of money (benefit).
const incomeProducts: CatalogueProductData[] = [
  benefit({
    code: 'PW-BB-01',
    name: 'Bijzondere bijstand',
    law: 'participatiewet',
    budgetLine: '6.3',
    description:
      'Een vergoeding voor noodzakelijke kosten die u niet zelf kunt betalen, zoals een bril, tandarts, verhuizing of bewindvoering.',
    eligibility:
      'Voor inwoners met een laag inkomen en weinig vermogen, voor kosten die bijzonder en noodzakelijk zijn en niet via een andere regeling worden vergoed.',
  }),
  benefit({
    code: 'PW-IT-01',
    name: 'Individuele inkomenstoeslag',
    law: 'participatiewet',
    budgetLine: '6.3',
    description:
      'Een bedrag één keer per jaar voor wie al lang een laag inkomen heeft en weinig kans heeft dat dit verandert.',
    eligibility:
      'Voor inwoners van 21 jaar tot de AOW-leeftijd die minstens drie jaar een inkomen rond het bijstandsniveau hebben (Participatiewet, art. 36).',
  }),
  // Generic name for the usual municipal participation scheme for minima; not Maastricht's own
  // regulation, and the 120 % income limit is an assumption.
  benefit({
    code: 'PW-MD-01',
    name: 'Meedoenregeling',
    law: 'participatiewet',
    budgetLine: '6.3',
    description:
      'Een jaarlijkse bijdrage voor sport, cultuur, school of een lidmaatschap, zodat u en uw kinderen mee kunnen doen.',
    eligibility: 'Voor inwoners met een inkomen tot 120 procent van het sociaal minimum (demo-aanname).',
  }),
  community({
    code: 'WGS-SH-01',
    name: 'Schuldhulpverlening',
    law: 'wgs',
    budgetLine: '6.3',
    areaCodes: ALL_WIJKEN,
    requiresDecision: true,
    description:
      'Hulp bij geldzorgen en schulden: van vroegsignalering en een geldcoach tot een regeling met uw schuldeisers. Binnen 4 weken hoort u welke hulp u krijgt.',
    eligibility: 'Voor alle inwoners van 18 jaar en ouder met betalingsachterstanden of schulden. Gratis.',
  }),
  benefit({
    code: 'WGS-SK-01',
    name: 'Saneringskrediet',
    law: 'wgs',
    budgetLine: '6.3',
    description:
      'Een lening waarmee al uw schuldeisers in één keer een deel van hun vordering krijgen. U lost daarna maandelijks af aan de kredietbank.',
    eligibility: 'Voor inwoners in een schuldregeling bij wie alle schuldeisers akkoord zijn met een finale kwijting.',
  }),
];

export const catalogueProducts: readonly CatalogueProductData[] = [
  ...wmoProducts,
  ...communityProvisions,
  ...youthProducts,
  ...incomeProducts,
];

// Names as in domain-facts §4 scheme C (from 2025; verified there against secondary sources only).
export const budgetLines: readonly BudgetLineData[] = [
  { code: '6.1', name: 'Samenkracht en burgerparticipatie', law: null },
  { code: '6.21', name: 'Toegang en eerstelijnsvoorzieningen Wmo', law: 'wmo' },
  { code: '6.22', name: 'Toegang en eerstelijnsvoorzieningen Jeugd', law: 'jeugdwet' },
  { code: '6.23', name: 'Toegang en eerstelijnsvoorzieningen Integraal', law: null },
  // Shared by Participatiewet, minimabeleid and schuldhulpverlening (assumption for the Wgs).
  { code: '6.3', name: 'Inkomensregelingen', law: null },
  { code: '6.60', name: 'Hulpmiddelen en diensten (Wmo)', law: 'wmo' },
  { code: '6.711', name: 'Huishoudelijke hulp (Wmo)', law: 'wmo' },
  { code: '6.712', name: 'Begeleiding (Wmo)', law: 'wmo' },
  { code: '6.713', name: 'Dagbesteding (Wmo)', law: 'wmo' },
  { code: '6.714', name: 'Overige maatwerkarrangementen (Wmo)', law: 'wmo' },
  { code: '6.751', name: 'Jeugdhulp ambulant lokaal', law: 'jeugdwet' },
  { code: '6.752', name: 'Jeugdhulp ambulant regionaal', law: 'jeugdwet' },
  { code: '6.762', name: 'Jeugdhulp met verblijf regionaal', law: 'jeugdwet' },
  { code: '6.811', name: 'Beschermd wonen (Wmo)', law: 'wmo' },
  { code: '6.812', name: 'Maatschappelijke- en vrouwenopvang (Wmo)', law: 'wmo' },
];
