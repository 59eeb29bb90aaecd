// Texts of the Wmo demo seed: reasons recorded on cases, decisions and allocations, and the names
// of the generated staff.

export const REFUSAL_REASONS = [
  'Het voorliggend veld biedt een passende oplossing (buurtcentrum, welzijn op recept).',
  'Dit is een algemeen gebruikelijke voorziening die u zelf kunt aanschaffen.',
  'U kunt dit met hulp van uw huisgenoten of netwerk zelf oplossen (eigen kracht).',
  'Uit het onderzoek blijkt geen beperking in de zelfredzaamheid op dit gebied.',
  'De zorg valt onder de Zorgverzekeringswet (wijkverpleging), niet onder de Wmo.',
  'U heeft een Wlz-indicatie; de Wet langdurige zorg gaat voor.',
];
export const SUSPENSION_REASONS = [
  'Wachten op medisch advies van de GGD-arts',
  'Aanvullende gegevens opgevraagd bij de inwoner',
  'Inwoner tijdelijk opgenomen in het ziekenhuis',
  'Advies ergotherapeut aangevraagd',
];
export const DIRECT_ACCESS_SUSPENSION = 'Ondersteuning via directe toegang loopt; onderzoek in overleg met de inwoner opgeschort';
export const EXTENSION_REASONS = [
  'Advies van de ergotherapeut nodig voor een passende voorziening',
  'Offertes voor de woningaanpassing nog niet compleet',
  'Medisch advies vraagt meer tijd',
];
export const CLOSED_REASONS = [
  'Opgelost in het voorliggend veld (buurtcentrum, welzijnswerk)',
  'Inwoner redt het met hulp van het eigen netwerk',
  'Doorverwezen naar de Zorgverzekeringswet (wijkverpleging)',
  'Voldoende zelfredzaam na het gesprek; geen aanvraag',
];
export const DIRECT_CLOSED_REASON = 'Zelfredzaam na ondersteuning via directe toegang; geen beschikking nodig';
export const WITHDRAWN_REASONS = ['Inwoner trekt de melding in', 'Inwoner verhuist naar een andere gemeente', 'Inwoner is opgenomen in een Wlz-instelling'];
export const ALLOCATION_CHANGES = {
  more: 'Herindicatie: zorgvraag toegenomen',
  less: 'Herindicatie: minder ondersteuning nodig',
  end: ['Beëindigd: inwoner verhuisd', 'Beëindigd: inwoner overleden', 'Beëindigd: opname in een Wlz-instelling'],
};

export const GIVEN_NAMES = [
  'Anouk', 'Bas', 'Chantal', 'Daan', 'Els', 'Frank', 'Gerda', 'Hans', 'Ilse', 'Jos', 'Kim', 'Lars', 'Maud', 'Nick', 'Olga',
  'Pieter', 'Quirine', 'Roel', 'Sandra', 'Tom', 'Ursula', 'Vincent', 'Wendy', 'Youri', 'Zoë', 'Annemie', 'Bart', 'Carla',
  'Dirk', 'Esther', 'Fleur', 'Guido', 'Hennie', 'Ivo', 'Judith', 'Koen', 'Linda', 'Marcel', 'Nadia', 'Noor', 'Pascal',
  'Rianne', 'Stijn', 'Tessa', 'Wim', 'Yasmina', 'Mohamed', 'Fatima', 'Lotte', 'Sven', 'Mieke', 'Rob', 'Jolanda', 'Huub',
];
export const SURNAMES = [
  'Vliegen', 'Houben', 'Schreurs', 'Bemelmans', 'Vossen', 'Ummels', 'Wetzels', 'Kleijnen', 'Ramaekers', 'Frijns', 'Dohmen',
  'Pluijmen', 'Coumans', 'Bouwens', 'Claessens', 'Penders', 'Knops', 'Meijers', 'Franssen', 'Habets', 'Ortmans',
  'Notermans', 'Quaedvlieg', 'Goossens', 'Crombach', 'Vaessen', 'Eurlings', 'Beckers', 'Nijsten', 'Heijnen', 'Cremers',
  'Lardinois', 'Keulen', 'Senden', 'Maessen', 'Gulpers', 'Pinckaers', 'Dautzenberg', 'Kurvers', 'Bogaers', 'Brouns',
];

/** Follow-up questions of clients at the KCC, with the chance the first line answers them. */
export const FOLLOW_UP_SUBJECTS = [
  { subject: 'Vraag over de voortgang van de melding', answered: 0.6 },
  { subject: 'Wanneer start de hulp?', answered: 0.75 },
  { subject: 'Vraag over de beschikking', answered: 0.65 },
  { subject: 'Vraag over de eigen bijdrage (CAK)', answered: 0.9 },
  { subject: 'Klacht over de aanbieder', answered: 0.35 },
  { subject: 'Wijziging in de situatie doorgeven', answered: 0.45 },
  { subject: 'Afspraak keukentafelgesprek verzetten', answered: 0.8 },
];
/** General questions at the KCC, with the product they are about ('WMO-BC-0': any community centre). */
export const GENERAL_SUBJECTS: { subject: string; code: string | null }[] = [
  { subject: 'Informatie over activiteiten in het buurtcentrum', code: 'WMO-BC-0' },
  { subject: 'Ondersteuning voor mantelzorgers', code: 'WMO-MZ-01' },
  { subject: 'Welzijn op recept', code: 'WMO-WR-01' },
  { subject: 'Vrijwilligerswerk of vrijwillige hulp', code: 'WMO-VW-01' },
  { subject: 'Boodschappenservice', code: 'WMO-BS-01' },
  { subject: 'Hulp van maatschappelijk werk', code: 'WMO-MW-01' },
  { subject: 'Spreekuur sociaal raadslieden', code: 'WMO-SR-01' },
  { subject: 'Onafhankelijke cliëntondersteuning', code: 'WMO-CO-01' },
  { subject: 'Informatie over hulp bij het huishouden', code: 'WMO-HH-01' },
  { subject: 'Informatie over de regiotaxi', code: 'WMO-VV-01' },
  { subject: 'Informatie over de eigen bijdrage Wmo', code: null },
  { subject: 'Zorgen om een buurtbewoner', code: null },
];
export const CALLBACK_NOTES = ['Inwoner teruggebeld; vraag beantwoord.', 'Teruggebeld en huisbezoek gepland.', 'Teruggebeld; voicemail ingesproken en per e-mail bevestigd.', 'Teruggebeld; afspraak voor keukentafelgesprek gemaakt.'];
