import type { Me, Permission, WorkCounts } from './api/types';
import { hasPermission } from './session';

export interface NavItem {
  to: string;
  label: string;
  description: string;
  permission?: Permission;
  /** Which count of "Mijn werk" the menu shows next to the item. */
  count?: keyof WorkCounts;
}

/** The application's sections; each shows only for users whose roles grant its permission. */
export const navItems: NavItem[] = [
  { to: '/', label: 'Start', description: 'Overzicht van wat u in Koers kunt doen.' },
  { to: '/inwoners', label: 'Inwoners', description: 'Inwoners zoeken op naam, BSN of postcode en hun gegevens bekijken.', permission: 'residents:read' },
  { to: '/zaken', label: 'Mijn zaken', description: 'Uw open zaken met hun wettelijke termijnen, de eerstvolgende bovenaan.', permission: 'cases:write', count: 'cases' },
  { to: '/signalen', label: 'Signalen', description: 'Situaties die actie vragen, per medewerker en team: termijnen, toewijzingen, terugbelverzoeken en bijstand.', permission: 'signals:read', count: 'signals' },
  // Participatiewet: the open applications (issue #11 §1).
  { to: '/inkomen/aanvragen', label: 'Aanvragen bijstand', description: 'Aanvragen levensonderhoud (Participatiewet) zonder besluit: termijnen, rekenblad, voorschot en besluit.', permission: 'pw:read' },
  { to: '/inkomen/bijzondere-bijstand', label: 'Bijzondere bijstand', description: 'Aanvragen bijzondere bijstand met het voorstel van de intake (volledigheid, draagkracht): besluiten met één klik of met een reden afwijken.', permission: 'pw:read' },
  { to: '/inkomen/vorderingen', label: 'Vorderingen bijstand', description: 'Terugvorderingen van bijstand (art. 58 Participatiewet): concepten vaststellen, aflossingen en saldo.', permission: 'pw:read' },
  // Debt help and early signals (issue #12 §4).
  { to: '/schuldhulp', label: 'Schuldhulp', description: 'Aanmeldingen voor schuldhulp met de termijn van het eerste gesprek, plan van aanpak en besluit.', permission: 'debt:read' },
  { to: '/vroegsignalering', label: 'Vroegsignalering', description: 'Betalingsachterstanden importeren en huishoudens benaderen, per gebiedsteam, met de uitkomst van elk contact.', permission: 'debt:read' },
  { to: '/catalogus', label: 'Producten en diensten', description: 'De catalogus: voorliggend veld, maatwerk en vergoedingen, met aanbieders en tarieven.', permission: 'catalogue:read' },
  { to: '/aanbieders', label: 'Aanbieders', description: 'Gecontracteerde aanbieders met AGB-code, tarieven per product per jaar en subsidies.', permission: 'providers:read' },
  { to: '/contractbeheer', label: 'Contractbeheer', description: 'Prestaties van aanbieders per product: start van de zorg, uitnutting, kosten per cliënt en duur.', permission: 'contracts:read' },
  { to: '/verzoeken', label: 'Verzoeken van aanbieders', description: 'Verzoeken om toewijzing en wijziging (315/317) van aanbieders, ook na verwijzing door huisarts of jeugdarts: toekennen of afwijzen.', permission: 'exchange:read', count: 'requests' },
  { to: '/berichten', label: 'Berichtenverkeer', description: 'Toewijzingen als iWmo/iJw-bericht naar de aanbieders, met de technische controle.', permission: 'exchange:read' },
  // Participatiewet payment run (issue #11 §2, payment-run part).
  { to: '/inkomen/betaalruns', label: 'Betaalruns bijstand', description: 'De maandelijkse betaalrun van de bijstand berekenen, controleren, goedkeuren (vier ogen) en het betaalbestand voor de bank.', permission: 'pw_payments:read' },
  { to: '/begroting', label: 'Begrotingsposten', description: 'Budget, verplichtingen, realisatie en prognose per taakveld.', permission: 'finance:read' },
  { to: '/stuurinformatie', label: 'Stuurinformatie', description: 'Kpi-dashboards per domein en voor de wethouder, normen en het maandelijkse sturingsgesprek met mini-BRAP.', permission: 'insights:read' },
  // Participatiewet: the BUIG forecast (issue #11 §3).
  { to: '/inkomen/prognose', label: 'BUIG-prognose', description: 'Uitkeringen, instroom, uitstroom en lasten per maand, de prognose van het jaar tegen het BUIG-budget en scenario’s.', permission: 'insights:read' },
  { to: '/programma', label: 'Programma', description: 'Routekaart, statusbord en rapportage van het programma Duurzaam Sociaal Domein.', permission: 'programme:read' },
  { to: '/beheer', label: 'Beheer', description: 'Medewerkers, sociale teams en wijken, de vierogengrens, zaaktypen, begrotingsposten en kpi-streefwaarden; met de geschiedenis van elke wijziging.', permission: 'admin:manage' },
  // Control (issue #13): the control frameworks, for the controller and the auditor (and who accounts for the money).
  { to: '/control/kaders', label: 'Controlkaders', description: 'Control: per proces de risico’s voor de rechtmatigheid en de beheersmaatregelen, met eigenaar, frequentie en getoetste norm.', permission: 'controls:read' },
  // Control (issue #13): the automated controls run over a period, with their exceptions.
  { to: '/control/runs', label: 'Controleruns', description: 'Control: de geautomatiseerde controles over een maand, kwartaal of jaar uitvoeren, met populatie, uitzonderingen en bedragen aan fouten en onzekerheden.', permission: 'controls:read' },
  // Control (issue #13 §2): manual controls by sample (steekproef), checked per item and reviewed by a second controller.
  { to: '/control/steekproeven', label: 'Steekproeven', description: 'Control: een steekproef reproduceerbaar trekken uit een populatie, per post een checklist invullen en laten beoordelen door een tweede controller.', permission: 'controls:read' },
  // Control (issue #13 §3): findings with their assessment and follow-up; owners see their own.
  { to: '/control/bevindingen', label: 'Bevindingen', description: 'Control: bevindingen uit controleruns, steekproeven en waarnemingen beoordelen als fout, onzekerheid of geen bevinding, met bedrag, eigenaar en opvolgacties.', permission: 'controls:read' },
  { to: '/control/mijn-bevindingen', label: 'Mijn bevindingen', description: 'De bevindingen uit de interne controle en de opvolgacties waarvan u eigenaar bent; acties afronden.', permission: 'findings:own' },
  // Control (issue #13 §4): the legality statement per book year.
  { to: '/control/rechtmatigheid', label: 'Rechtmatigheid', description: 'Control: de rechtmatigheidsverantwoording per jaar: lasten, fouten en onzekerheden per wet tegen de verantwoordingsgrens, met bevindingen en maatregelen, als PDF en Excel.', permission: 'controls:read' },
  // Retention and destruction (issue #13 part 5): the archivist, and team leads for the second approval.
  { to: '/archief', label: 'Archief', description: 'Bewaartermijnen, de maandelijkse vernietigingslijst met goedkeuring door archivaris en teamleider, bewaarplichten en verzoeken tot vernietiging.', permission: 'retention:read' },
  { to: '/logboek', label: 'Logboek dataverwerkingen', description: 'Nagaan wie de gegevens van een inwoner heeft verwerkt, en waarom.', permission: 'audit:read' },
];

/** Casework (consultants, team leads) starts on "Mijn werk": what waits for their action. */
export const hasMyWork = (me: Me): boolean => hasPermission(me, 'cases:write');

const myWork: NavItem = { to: '/', label: 'Mijn werk', description: 'Terugbelverzoeken, zaken, signalen en goedkeuringen die op u wachten.', count: 'total' };

export function navigationFor(me: Me): NavItem[] {
  return navItems.filter((item) => !item.permission || hasPermission(me, item.permission)).map((item) => (item.to === '/' && hasMyWork(me) ? myWork : item));
}

export { roleLabels } from '../../src/platform/auth/roles.js';
