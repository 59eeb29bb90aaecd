// Hand transcription of the Maastricht programme "Duurzaam Sociaal Domein" (DSD).
// Main source: "Duurzaam Sociaal Domein — Stand van zaken mei 2023" (seed 004_bcf13a9256de1256).
// Budget: college proposal "Uitvoeringsplan Duurzaam Sociaal Domein 2021-2022" (seed 000_73c4a46393368a8c).
//
// Transcription rules, so that a later comparison with the seed stays mechanical:
// - Dutch text is copied as written, typos and unbalanced brackets included ("vervolplanning)",
//   "hoofdoelen"); only HTML is removed and entities decoded ("&amp;" → "&", "1<sup>e</sup>" → "1e").
// - The PDF ligature "ĳ" is written as "ij" (its Unicode compatibility form, NFKC), so plain-text
//   search works; the seed's "programmaliĳn" thereby reads "programmaliijn", the same misspelling the
//   seed itself has elsewhere, and is kept rather than silently corrected.
// - Quarters written with typos ("Q42023", "Q4_2023", "Q4_2_023") all read as '2023-Q4'.
import type {
  CouncilLetterData,
  ProgrammeActivityData,
  ProgrammeBudgetData,
  ProgrammeData,
  ProgrammeLineData,
} from '../modules/programme/programme.types.js';

type ActivityExtras = Pick<ProgrammeActivityData, 'replannedFrom' | 'note'>;

function done(text: string, doneQuarter: string | null, extras: ActivityExtras = {}): ProgrammeActivityData {
  return { text, status: 'AF', plannedQuarter: null, doneQuarter, ...extras };
}

function running(text: string, plannedQuarter: string | null, extras: ActivityExtras = {}): ProgrammeActivityData {
  return { text, status: 'LOOPT', plannedQuarter, doneQuarter: null, ...extras };
}

function added(text: string, plannedQuarter: string | null, extras: ActivityExtras = {}): ProgrammeActivityData {
  return { text, status: 'NIEUW', plannedQuarter, doneQuarter: null, ...extras };
}

const lineStrategie: ProgrammeLineData = {
  number: 1,
  title: 'Strategie',
  track: 'inhoud',
  objective:
    'samenhangende strategieën op het gebied van verwerving en toegang die bijdragen aan de hoofdoelen van een Duurzaam Sociaal Domein',
  explanation:
    'Sinds de opstart van het project eind 2021 zijn in korte tijd forse stappen gezet op het gebied van het ontwikkelen van visie, strategieën en uitvoeringskaders voor de gemeentelijke toegang. De programmaliijn Strategie is vooral gericht op het samenbrengen van onze langetermijn visie op bestaanszekerheid, kansengelijkheid en (positieve) gezondheid met het handelen van onze medewerkers in de gemeentelijk toegang (interne oriëntatie) en het handelen van onze strategische partners (externe oriëntatie) bij de uitvoering van zorg en ondersteuning die wij subsidiëren of inkoop.',
  result:
    'Onze inwoners worden door ons benaderd vanuit een grondhouding gericht op perspectief en kansen. Gesprekken vinden plaats vanuit de methodiek Positieve Gezondheid, waarbij we samen met elkaar verder kijken dan de vraag die is gesteld. Inwoners kunnen ons makkelijk bereiken en worden snel doorgeleid naar de juiste medewerker. In de eigen woonomgeving vinden onze inwoners informatie, advies, hulp en ondersteuning die verleend wordt door professionals in de sociale basis. Wanneer inwoners in staat zelf steun te organiseren, dan stimuleren we dit. Met de regiogemeenten en partners Wmo, jeugdhulp en MO hebben we duidelijke subsidie en inkoopafspraken gemaakt. Zo creëren we ruimte voor ondersteuning van onze meest kwetsbare inwoners via collectieve voorzieningen in onze stad.',
  themes: [
    {
      title: 'Sociale Visie',
      result: 'Vertaling Sociale Visie in praktisch toepasbare leidraad voor (beleids-) ontwikkeling.',
      activities: [done('Leidraad voor beleidsontwikkeling', '2022-Q4')],
    },
    {
      title: 'Uitvoeringsstrategie',
      result:
        'Vastgestelde toegangs-/uitvoeringsstrategie, die ingaat op o.a.: taakafbakening, methodisch handelen, bereikbaarheid, gebiedsgerichte werkwijze etc,',
      activities: [
        done('Uitvoeringsstrategie Toegangen (schematische weergave in bijlage)', '2021-Q4'),
        done('Methodisch Kader Sociaal Domein', '2023-Q1'),
        done('Opzet trainingen Positieve Gezondheid voor medewerkers sociaal domein', '2023-Q2'),
        done('Opdrachtformulering consultants in kader eenduidig handelen', '2023-Q2'),
        running('Implementatie bereikbaarheid Sociaal domein via Klanten Contact Centrum (KCC)', '2023-Q3'),
        running('Implementatie contactpersoonschap', '2023-Q3'),
        running('Ontwikkeling gebiedsgerichte sociale teams Wmo en jeugd', '2023-Q3'),
      ],
    },
    {
      title: 'Preventie & Vroegsignalering',
      result: 'Vastgesteld uitvoeringskader voor preventie & vroegsignalering.',
      activities: [
        running('uitvoeringskader preventie & vroegsignalering', '2023-Q3'),
        running('Strategisch communicatieplan Bestaanszekerheid', '2023-Q4'),
      ],
    },
    {
      title: 'Verwerving',
      result:
        'Onderling samenhangende verwervingsstrategieën (inkoop, subsidies, etc.) op diverse beleidsterreinen Sociaal Domein.',
      // The last three items sit in a continuation row after a page break with empty theme cells;
      // they continue the Verwerving list (the next row starts the theme Regiogemeenten).
      activities: [
        done(
          'Introductie taakgerichte uitvoeringsvariant in de nieuwe verwerving Wmo begeleiding groep en individueel',
          '2022-Q1',
        ),
        done('Beschermd Thuis', '2023-Q1'),
        running('Jeugd ambulante 1e fase', '2023-Q3'),
        running('Scholing Participatiewet en Wet Inburgering, Preventie & Vroegsignalering', '2023-Q3'),
        running(
          'implementatie verwervingsstrategieën, contractmanagement/ contract regie teams en doorontwikkeling strategisch partnerschap en borging domein bedrijfsvoering',
          '2023-Q4',
        ),
        running('herijking (gemeente breed) verwerving welzijnswerk en regeling Vrijwillige Inzet)', '2023-Q4'),
        running('gunning ontwikkelaanbesteding Jeugd, op basis waarvan vervolplanning)', '2023-Q3'),
      ],
    },
    {
      title: 'Regiogemeenten',
      result: 'Heldere verhouding met de regiogemeenten.',
      activities: [
        done(
          'overzicht samenwerkingsverbanden en overlegstructuren Participatie, Maatschappelijke Ondersteuning en Jeugdwet',
          '2021-Q4',
        ),
        running(
          'herijking en vereenvoudiging samenwerkingsverbanden en overlegstructuren) in samenwerking met Externe Oriëntatie naar aanleiding van het rapport Bestuurlijk Regionaal Ecosysteem Zuid-Limburg.',
          '2023-Q4',
        ),
        added(
          'rol- en taakverdeling lokaal en regio, o.a. Inkoop Sociaal Domein en borging in domein bedrijfsvoering',
          '2023-Q3',
        ),
      ],
    },
  ],
};

const lineStructuurBemensing: ProgrammeLineData = {
  number: 2,
  title: 'Structuur & Bemensing',
  track: 'organisatie',
  objective: 'een organisatie-inrichting die het primaire proces optimaal en duurzaam ondersteunt',
  explanation:
    'Bijpassend bij de inhoudelijke opgave is een nieuwe structuur voor het domein sociaal ontwikkeld, passend bij de integraliteit van beleid(-ontwikkeling) en de uitvoering van wettelijke taken. De programmalijn structuur en bemensing heeft geleid tot een nieuwe inrichting van onze gemeentelijke organisatie die vanaf 01.07.2023 staat. Daarmee begint een nieuwe fase waarin we in nieuwe interne samenwerkingsverbanden met beleid en bedrijfsvoering onze medewerkers in de uitvoering ondersteunen bij hun dienstverlening aan onze inwoners.',
  result:
    'Onze dienstverlening richt zich op het bieden van perspectief aan die inwoners die zich -soms tijdelijk, soms permanent- in een kwetsbare positie bevinden. We bieden onze inwoners bestaanszekerheid en gelijke kansen door bijvoorbeeld het verstrekken van uitkeringen, het bieden van schuldhulpverlening, of het inzetten van jeugdhulp, taalmaatjes, hulp bij het huishouden, een vervoersvoorziening op maat. De regelingen en diensten waarop onze inwoners een beroep kunnen doen zijn divers en we hebben ons zodanig georganiseerd dat beleidsmakers en consultants in de uitvoering samen werken in multidisciplinaire afdelingen. Op deze manier sluiten het op gestelde beleid, de ondersteunende bedrijfsvoering en de dienstverlening aan onze inwoner beter bij elkaar aan.',
  themes: [
    {
      title: 'Organisatie-inrichting',
      result: 'Eenvoudig ingerichte organisatie Sociaal Domein',
      activities: [
        done('hoofdstructuur', '2022-Q2'),
        done('fijn structuur', '2022-Q4'),
        done('herplaatsing medewerkers', '2023-Q2'),
      ],
    },
    {
      title: 'Aansluiting Inkoop- & Subsidiebureau',
      result: 'Adequate aansluiting Sociaal Domein en centraal Inkoopbureau en Subsidiebureau',
      activities: [running('borging in domein bedrijfsvoering', '2023-Q3')],
    },
    {
      title: 'Accountmanagement',
      result:
        'Heldere positionering en adequate inrichting accountmanagement en regio-coördinatie Inkoop Sociaal Domein, ook irt centraal Inkoopbureau en Subsidiebureau',
      activities: [running('borging in domein bedrijfsvoering', '2023-Q3')],
    },
    {
      title: 'Programmaorganisatie DSD',
      result: 'Inrichten programma-organisatie DSD',
      activities: [
        done('inrichting programma-organisatie', '2021-Q3'),
        running('ontbinding programma-organisatie', '2023-Q4'),
      ],
    },
  ],
};

const lineLerenOntwikkelen: ProgrammeLineData = {
  number: 3,
  title: 'Leren & Ontwikkelen',
  track: 'organisatie',
  objective:
    'adequate cultuuromslag in het totale Sociaal Domein, naar een bedrijfscultuur die zich kenmerkt door klantgerichtheid, kostenbewustzijn en resultaatgerichtheid',
  explanation:
    'Een nieuwe structuur vergt ook ontwikkeling van daarbij behorende nieuwe rollen, taken en verantwoordelijkheden van management en medewerkers. Daarnaast vergt een nieuwe visie op onze gemeentelijke dienstverlening ook een andere organisatiecultuur. De programmaliijn leren en ontwikkelen zet in op het verbeteren van de sturing in het sociaal domein, vergroten van het lerend vermogen (ontwikkeling en professionalisering) en het mee laten veranderen van de organisatiecultuur met de ander eisen die worden gesteld aan onze medewerkers.',
  result:
    'Onze inwoners hebben contact met medewerkers en managers die vanuit eenzelfde opgave en gedeelde visie werken. Hierdoor weten onze inwoners wat zij van de gemeente kunnen verwachten: meedenken vanuit perspectief en kansen voor zelfsturing. Onze medewerkers worden ondersteund door stevig management en een passend ontwikkelprogramma.',
  themes: [
    {
      title: 'Sturing',
      result: 'Adequate en eenduidige sturing door directie en management',
      activities: [done('management development traject', '2023-Q2')],
    },
    {
      title: 'Cultuur',
      result: 'Nieuwe cultuur die bijdraagt aan sturing',
      // "continue" is the activity itself (ongoing safeguarding), so no quarter applies.
      activities: [running('continue borging lijnsturing', null)],
    },
    {
      title: 'Ontwikkeling en professionalisering',
      result: 'Medewerkers Sociaal Domein zijn optimaal gefaciliteerd, zowel qua vakkennis als houding & gedrag',
      activities: [running('continue borging lijnsturing', null)],
    },
  ],
};

const lineProcessen: ProgrammeLineData = {
  number: 4,
  title: 'Processen',
  track: 'bedrijfsvoering',
  objective: 'in control komen door het vaststellen en implementeren van heldere producten en processen',
  explanation:
    'Naast het reorganiseren van het domein sociaal en het opstellen van inhoudelijke kaders zijn ook de werkprocessen herbeoordeeld op effectiviteit, kwaliteit en gebruikersvriendelijkheid en waar nodig heringericht. Iets dat nodig is om sturing binnen het domein beter ter hand te kunnen nemen. De programmalijn processen zet vooral in op het verbeteren van de inrichting van de werkprocessen binnen bedrijfsvoering, uitvoering en beleid. Daarnaast is de sturing op de processen aangepakt en is de aansluiting op de P&C cyclus verbeterd.',
  result:
    'Verbeteringen in onze werkprocessen maken dat onze medewerkers beter dan voorheen in staat zijn om informatie die zij nodig hebben uit onze systemen te kunnen halen, zodat onze medewerkers snel de juiste informatie beschikbaar hebben in hun contacten met onze inwoners. Daarnaast is stuurinformatie beter ontsloten waardoor beleidsmedewerkers beter zicht gaan krijgen op de impact van bestaand beleid en beleid kunnen ontwikkelen dat nog beter aansluit op de maatschappelijke vraagstukken in onze stad. Tot slot geven heldere processen ten aanzien van de P&Ccyclus meer grip op de begroting en jaarrekeningcyclus.',
  themes: [
    {
      title: 'Producten-diensten catalogus',
      result:
        'Integrale producten-diensten catalogus (overzicht van beschikbare voorzieningen incl. voorliggend veld) voor het Sociaal Domein',
      activities: [running('borging in domein bedrijfsvoering', '2023-Q3')],
    },
    {
      title: "Toepassing kpi's",
      result:
        "Samenhangende toepassing van kpi's in de totale keten van registratie, analyse, (bij)sturing en verantwoording",
      activities: [
        done("basistraining kpi's uitgerold", '2022-Q4'),
        done("kpi's ingebed in dashboards", '2023-Q2'),
        running("kpi's keten breed verbonden in gemeentebegroting.", '2023-Q4'),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
      ],
    },
    {
      title: 'Samenhang beleid, bedrijfsvoering en uitvoering (bbu)',
      result:
        "Samenwerken aan het zelfde doel, op niveau van kpi's, processen en sturingsgesprekken, met duidelijke rollen, taken en verantwoordelijkheden",
      activities: [
        done('herinrichting sturingsgesprekken jeugd, Wmo, PW, onderwijs', '2022-Q4'),
        running(
          'uitrol van een integrale op verbetering van de kwaliteit van de sturingsinformatie gerichte werkprocessen beleid, bedrijfsvoering domein sociaal en uitvoering-ontwikkeling domein bedrijfsvoering',
          '2023-Q4',
        ),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
      ],
    },
    {
      title: 'Control',
      result: 'Adequate inrichting control hoofdprocessen Sociaal Domein',
      activities: [
        done('controlframework Jeugd', null),
        done('controlframework Pw', null),
        running('controlframework Wmo', '2023-Q3'),
        running('controlframework BW', '2023-Q4'),
        running('controlframework Wsw-MTB', '2024-Q1'),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
      ],
    },
  ],
};

const lineSystemen: ProgrammeLineData = {
  number: 5,
  title: 'Systemen',
  track: 'bedrijfsvoering',
  objective:
    'realiseren van op elkaar aansluitende systemen, zowel ter ondersteuning van primair proces als bedrijfsvoering',
  explanation:
    'Het domein sociaal kende een veelheid aan systemen die door medewerkers werken gebruikt. Het programma Duurzaam Sociaal Domein heeft zich ook gericht op het beoordelen van de effectiviteit, kwaliteit en gebruikersvriendelijkheid van het applicatielandschap binnen het domein sociaal. De programmaliijn systemen zet vooral in op het verbeteren van de inrichting van de applicaties en systemen die door onze medewerkers worden gebruikt binnen bedrijfsvoering, uitvoering en beleid en de aanhaking bij het gemeente brede applicatielandschap.',
  result:
    'Er is een nieuw applicatielandschap ingericht dat beter aansluit bij de behoefte van onze medewerkers. Er zijn verbeteringen doorgevoerd met betrekking tot de gebruikersvriendelijkheid, zodat medewerkers sneller toegang hebben tot de informatie die zij nodig hebben in hun contact met onze inwoners.',
  themes: [
    {
      title: 'Applicatielandschap',
      result: 'Adequate inrichting applicatielandschap Sociaal Domein, van beheer naar ontwikkeling',
      activities: [
        done('analyse applicatielandschap', '2022-Q2'),
        done('signaallijsten Pw gedigitaliseerd en geautomatiseerd', '2022-Q3'),
        running(
          'analyse mogelijkheden van robotisering voor het sneller automatisch verwerken van formulierinstromen',
          '2023-Q3',
        ),
        running('signaallijsten Jeugd en Wmo vormgegeven, gedigitaliseerd en geautomatiseerd', '2023-Q3'),
        running('start E-dienstverlening Bijzondere Bijstand', '2023-Q4'),
        running('vereenvoudiging/ vermindering basisapplicaties Sociaal Domein en aansluiting centraal', '2023-Q4'),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
      ],
    },
    {
      title: 'Operationeel zaaksysteem',
      result:
        'Adequate inrichting operationeel zaaksysteem Sociaal Domein en mogelijke doorontwikkeling naar cliëntvolgsysteem',
      // The seed strikes through the old quarter: Djuma moved from Q3 to Q4 2023, the archive
      // clean-up was brought forward from Q4 to Q3 2023.
      activities: [
        done('onderzoek en opdracht zaaksysteem', '2022-Q4'),
        running('implementatie zaaksysteem Djuma', '2023-Q4', { replannedFrom: '2023-Q3' }),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
        running('opschonen archief en I-Navigator', '2023-Q3', { replannedFrom: '2023-Q4' }),
      ],
    },
  ],
};

// The seed heads this line's status column "status eind 2022" where the others say "Stand van
// zaken"; the items themselves carry 2023 quarters, so they are read as the May 2023 status too.
const lineStuurinformatie: ProgrammeLineData = {
  number: 6,
  title: 'Stuurinformatie',
  track: 'bedrijfsvoering',
  objective:
    'in control komen door de continue beschikbaarheid van de juiste informatie om te kunnen sturen op het te bereiken resultaat',
  explanation:
    'Tot slot is in het programma ingezet op het door ontwikkelen van data-gedreven werken aan de hand van kwalitatief goede informatie en is ingezet op het ontsluiten van deze informatie voor medewerkers binnen het domein sociaal. De programmalijn stuurinformatie is gericht op het verbeteren van de interne informatievoorziening aan medewerkers, management en bestuur over onze dienstverlening, budgetten en maatschappelijke impact.',
  result:
    'doordat we informatie die beschikbaar is in onze systemen beter ontsluiten is het voor de medewerkers beleid mogelijk geworden om inzicht te hebben in de ontwikkelingen in onze stad en op welke manier gebruik wordt gemaakt van ondersteuning en hulp. Deze informatie maakt het mogelijk gericht beleid te ontwikkelen en om de uitgaven in het oog te houden. Dit ondersteunt de keuzes die college en raad maken over welke dienstverlening wij aan onze inwoners kunnen leveren.',
  themes: [
    {
      title: 'Data gedreven werken',
      result:
        'Data gedreven werken als werkwijze van management en medewerkers; werken met dashboards in sturingsgesprekken, van data naar info en weten wat daarmee te doen / hoe bij te sturen',
      activities: [
        // The bullet has no name of its own: after the quarter only the "-> samen met …" partners
        // follow, so that phrase is the text and the continuation remark is the note.
        running('samen met Kwartiermakers Control, I&A en Financiën samen met plezier voor Maastricht', '2023-Q4', {
          note: 'daarna continu proces',
        }),
        running("'learning by doing' op basis van dashboards en sturingsgesprekken", null, {
          note: 'continu proces',
        }),
      ],
    },
    {
      title: 'Dashboards',
      result: 'Doorontwikkeling dashboards Sociaal Domein',
      activities: [
        done('dashboards Jeugd en Wmo opgeleverd', '2022-Q3'),
        running('dashboard Participatiewet opgeleverd', '2023-Q2'),
        running('vervolgstap dashboards naar niveau portefeuillehouders Sociaal Domein', '2023-Q2'),
        running('dashboards volledig gedigitaliseerd en geautomatiseerd', '2023-Q4', {
          note: 'samen met Kwartiermakers Control, Financiën en I&A samen met plezier voor Maastricht',
        }),
      ],
    },
    {
      title: 'Verantwoordingsstructuur',
      result:
        'Adequate en helder ingerichte integrale verantwoordingsstructuur (beleid-uitvoering-bedrijfsvoering)',
      activities: [
        done('sturingsgesprekken Jeugd en Wmo ingericht', '2022-Q3'),
        running(
          'sturingsgesprek Pw ingericht en vervolgstap sturingsgesprekken naar niveau portefeuillehouders Sociaal Domein)',
          '2023-Q3',
        ),
        running(
          'inbedding dashboards en sturingsgesprekken in p&c-cyclus (maandelijkse mini-brap), ook in relatie tot controlframeworks)',
          '2023-Q4',
        ),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
      ],
    },
    {
      title: 'Prestatie-indicatoren verwerving',
      result:
        "Uitwerking prestatie-indicatoren voor verwerving Sociaal Domein, icm samenhangende verwervingsstrategieën en kpi's Sociaal Domein",
      activities: [running('borging in domein bedrijfsvoering', '2023-Q4')],
    },
    {
      title: 'Financieel proces',
      result: 'Adequaat en goed gefaciliteerd financieel proces',
      // The seed's last bullet holds two LOOPT items (a missing list break); they are split here.
      activities: [
        running('technische herinrichting p&c-cyclus sociaal en koppeling centraal', '2023-Q3'),
        running('financiële beheersmodellen Participatiewet gedigitaliseerd en geautomatiseerd', '2023-Q2'),
        running('samen werken met heringerichte cyclus', '2023-Q3'),
        running('implementatie werkend budgethouderschap', '2023-Q2'),
        running('optimalisatie begroting en verplichtingenadministratie', '2024-Q1'),
        running('borging in domein bedrijfsvoering', '2023-Q4'),
      ],
    },
  ],
};

// Appendix "Lijst van raadsinformatie(-brieven) en besluiten", in the seed's order (which is by date).
const councilLetters: CouncilLetterData[] = [
  { date: '2020-06-23', number: '2020-16927', title: 'RIB inzake Noodplan sociaal domein' },
  { date: '2020-06-30', number: '2020-17975', title: 'Maandelijks RIB Sociaal Domein – 1' },
  { date: '2020-08-27', number: '2020.23574', title: 'Maandelijks RIB Sociaal Domein – 2' },
  { date: '2020-10-12', number: '2020.28166', title: 'Maandelijks RIB Sociaal Domein nr. 3' },
  { date: '2020-11-17', number: '2020.31532', title: 'Maandelijks RIB Sociaal Domein nr 4' },
  { date: '2020-12-15', number: '2020-34550', title: 'Maandelijks RIB Sociaal Domein nr 5' },
  { date: '2020-12-18', number: '2020.35007', title: 'RIB Bespreking verbeterproces Sociaal Domein' },
  { date: '2021-01-14', number: '2021-01477', title: 'RIB Uitnodiging Toelichting verbeterproces Sociaal Domein' },
  { date: '2021-01-20', number: '2021-02127', title: 'Maandelijks RIB Sociaal Domein nr 6' },
  { date: '2021-01-22', number: '2021-02544', title: 'RIB Vervolgstappen verbetering sociaal domein' },
  {
    date: '2021-02-11',
    number: '2021.04893',
    title: 'RIB Quickscans Kwaliteit Toegang en Versterking Inkoop Sociaal Domein',
  },
  { date: '2021-02-12', number: '2021.04976', title: 'RIB Visitatiecommissie financiële beheersbaarheid sociaal domein' },
  {
    date: '2021-02-18',
    number: '2021-05386',
    title: 'RIB Beantwoording technische vragen Verbeterplan sociaal domein',
  },
  {
    date: '2021-02-23',
    number: '2021.05893',
    title: 'RIB Beantwoording nagekomen technische vragen Verbeterplan sociaal domein.',
  },
  { date: '2021-03-02', number: '2021.06642', title: 'Maandelijks RIB Sociaal Domein nr 7' },
  // Written "9-16-03-21"; the 2021 plan dates the council's amendment on this plan 16 March 2021.
  { date: '2021-03-09', dateEnd: '2021-03-16', number: '5-2021', title: 'Verbeterplan Sociaal Domein' },
  { date: '2021-04-16', number: '2021-11695', title: 'Maandelijks RIB Sociaal Domein nr 8' },
  {
    date: '2021-05-18',
    number: '2021.14617',
    title: 'RIB Duurzaam Sociaal Domein nav raadsklankbordgroep Sociaal Domein',
  },
  { date: '2021-06-09', number: '2021-17019', title: 'Maandelijks RIB Sociaal Domein nr 9' },
  {
    date: '2021-07-20',
    number: '65-2021',
    title: 'Raadsnota Budget Uitvoeringsplan Duurzaam Sociaal Domein 2021-2022',
  },
  { date: '2021-07-22', number: '2021.21332', title: 'Maandelijks RIB Sociaal Domein nr 10' },
  { date: '2021-09-22', number: '2021-26735', title: 'Maandelijks RIB Sociaal Domein nr 11' },
  { date: '2021-10-22', number: '2021.30160', title: 'Maandelijks RIB Sociaal Domein oktober 2021' },
  { date: '2021-11-02', number: '2021-31239', title: 'RIB samenhang VNG - Sociale Visie – DSD' },
  { date: '2021-11-30', number: '2021.33908', title: 'Maandelijks RIB Sociaal Domein november 2021' },
  {
    date: '2021-12-07',
    number: null,
    title: 'Duurzaam sociaal domein (routekaart, RIB samenhang VNG - Sociale visie - DSD)',
  },
  { date: '2021-12-22', number: '2021.36269', title: 'Maandelijks RIB Sociaal Domein december 2021' },
  { date: '2022-01-26', number: '2022.02329', title: 'Maandelijks RIB Sociaal Domein januari 2022' },
  { date: '2022-02-22', number: '2022.04664', title: 'Maandelijks RIB Sociaal Domein februari 2022' },
  { date: '2022-04-13', number: null, title: 'Introductie in het sociaal Domein' },
  { date: '2022-04-13', number: '2022.09141', title: 'Maandelijks RIB Sociaal Domein april 2022' },
  { date: '2022-06-29', number: '2022.13107', title: 'Maandelijks raadsinformatiebrief Sociaal Domein' },
  { date: '2022-07-20', number: '2022.13847', title: 'Maandelijks raadsinformatiebrief Sociaal Domein' },
  { date: '2022-09-28', number: '2022-15785', title: 'Maandelijks RIB Sociaal Domein september 2022' },
  { date: '2022-10-04', number: null, title: 'Informatiesessie inrichting monitor/sturingsinformatie' },
  { date: '2022-10-19', number: '2022.16561', title: 'Maandelijks RIB Sociaal Domein oktober 2022' },
  { date: '2022-11-01', number: null, title: 'Informatiesessie DSD: stuurinformatie Sociaal Domein' },
  { date: '2022-11-23', number: '2022.17788', title: 'Maandelijks RIB Sociaal Domein november 2022' },
  { date: '2022-12-13', number: '2022.18335', title: 'Maandelijks raadsinformatiebrief Sociaal Domein' },
  { date: '2023-01-27', number: '2023.00540', title: 'Raadsinformatiebrief met nieuws uit het Sociaal Domein' },
  { date: '2023-03-02', number: '2023.01111', title: 'Raadsinformatiebrief met nieuws uit het Sociaal Domein' },
  { date: '2023-03-28', number: '2023.01591', title: 'Raadsinformatiebrief met nieuws uit het Sociaal Domein' },
];

// The college proposal (June 2021) asks EUR 430,000, including a post 'onvoorzien' of 10% of the
// total costs of the plan's chapters 3 t/m 8, and names chapters 4–8 by title; chapter 3's title and
// every chapter amount are not in it. Back-solving (430,000 / 1.1 = 390,909.09…) gives no whole-cent
// chapter total, so at least one published figure is rounded and the split cannot be derived.
const budget: ProgrammeBudgetData = {
  requestedTotalCents: 430_000_00,
  contingencyPercent: 10,
  chapters: [
    { chapter: 'Hoofdstuk 3', amountCents: null },
    { chapter: 'Hoofdstuk 4. Organisatie', amountCents: null },
    { chapter: 'Hoofdstuk 5. Bemensing en cultuur', amountCents: null },
    { chapter: 'Hoofdstuk 6. Processen', amountCents: null },
    { chapter: 'Hoofdstuk 7. Systemen', amountCents: null },
    { chapter: 'Hoofdstuk 8. Sturingsinformatie', amountCents: null },
  ],
};

export const maastrichtProgramme: ProgrammeData = {
  name: 'Duurzaam Sociaal Domein',
  reportMonth: '2023-05',
  lines: [
    lineStrategie,
    lineStructuurBemensing,
    lineLerenOntwikkelen,
    lineProcessen,
    lineSystemen,
    lineStuurinformatie,
  ],
  councilLetters,
  budget,
};
