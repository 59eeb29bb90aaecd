// The five control frameworks Koers ships (issue #13 §1), filled for what Koers holds: the steps of each
// process as Koers runs it, the risks for legality (rechtmatigheid) per step and the controls that cover
// them. Where Koers' own data can judge, a control names the automated control that performs it
// (automated-control-ids.ts); the rest are manual controls (a sample, a reconciliation, a review).
// A municipality adapts them by import/export or in the web app; what is shipped is version 1.
//
// Norms cite the article a control tests; where a norm is the municipality's own policy it says so
// ("beleidsregel", "verordening"), as each municipality sets its own.

import type { ControlProcess, FrameworkContent, FrameworkControl } from './framework.model.js';

type Control = Omit<FrameworkControl, 'riskCode' | 'automatedControlId'> & { automatedControlId?: FrameworkControl['automatedControlId'] };
interface Risk {
  code: string;
  description: string;
  controls: Control[];
}
interface Step {
  code: string;
  name: string;
  follows?: string[];
  risks: Risk[];
}

/** Nested as one reads a framework (step → risks → controls), flattened into the three lists. */
function framework(steps: Step[]): FrameworkContent {
  return {
    steps: steps.map((s, i) => ({ code: s.code, name: s.name, follows: s.follows ?? (i === 0 ? [] : [steps[i - 1]!.code]) })),
    risks: steps.flatMap((s) => s.risks.map((r) => ({ code: r.code, stepCode: s.code, description: r.description }))),
    controls: steps.flatMap((s) => s.risks.flatMap((r) => r.controls.map((c) => ({ ...c, riskCode: r.code, automatedControlId: c.automatedControlId ?? null })))),
  };
}

const wmo = framework([
  {
    code: 'WMO-1',
    name: 'Melding en onderzoek',
    risks: [
      {
        code: 'WMO-1.R1',
        description: 'Onderzoek niet binnen zes weken na de melding afgerond',
        controls: [
          { code: 'WMO-1.R1.C1', description: 'Signaal in Koers bij een zaak die de onderzoekstermijn nadert of overschrijdt', kind: 'preventief', frequency: 'continu', owner: 'team_lead', norm: 'Wmo 2015 art. 2.3.2 lid 1: onderzoek binnen zes weken na de melding', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'WMO-2',
    name: 'Aanvraag en beschikking',
    risks: [
      {
        code: 'WMO-2.R1',
        description: 'Wettelijke termijn overschreden: beschikking niet binnen twee weken na de aanvraag',
        controls: [
          { code: 'WMO-2.R1.C1', description: 'Besluiten buiten de wettelijke termijn opsporen (zaken met opschorting en verlenging meegerekend)', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Wmo 2015 art. 2.3.5 lid 1; Awb art. 4:13 en 4:14', impactType: 'onzekerheid', automatedControlId: 'beslistermijn-overschreden' },
        ],
      },
      {
        code: 'WMO-2.R2',
        description: 'Beschikking zonder vier ogen boven de drempel',
        controls: [
          { code: 'WMO-2.R2.C1', description: 'Koers laat een besluit boven de vierogengrens pas ingaan na goedkeuring door een tweede medewerker', kind: 'preventief', frequency: 'continu', owner: 'team_lead', norm: 'Mandaatregeling en beleidsregel vier ogen (drempel in Beheer)', impactType: 'fout' },
          { code: 'WMO-2.R2.C2', description: 'Vastgestelde besluiten boven de drempel zonder goedkeuring van een ander dan de opsteller opsporen', kind: 'detectief', frequency: 'per kwartaal', owner: 'controller', norm: 'Mandaatregeling en beleidsregel vier ogen (drempel in Beheer)', impactType: 'fout', automatedControlId: 'beschikking-zonder-vier-ogen' },
        ],
      },
      {
        code: 'WMO-2.R3',
        description: 'Maatwerkvoorziening toegekend die niet past bij de verordening (product, omvang of duur)',
        controls: [
          { code: 'WMO-2.R3.C1', description: 'Steekproef op dossiers: onderzoeksverslag, afweging voorliggend veld en omvang volgens de verordening', kind: 'detectief', frequency: 'per kwartaal', owner: 'controller', norm: 'Wmo 2015 art. 2.3.5 lid 3; Verordening maatschappelijke ondersteuning', impactType: 'fout' },
        ],
      },
    ],
  },
  {
    code: 'WMO-3',
    name: 'Toewijzing aan de aanbieder',
    risks: [
      {
        code: 'WMO-3.R1',
        description: 'Zorg geleverd zonder geldige beschikking',
        controls: [
          { code: 'WMO-3.R1.C1', description: 'Toewijzingen zonder toegekend besluit, of buiten de looptijd ervan, opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Wmo 2015 art. 2.3.5 lid 3: een maatwerkvoorziening na een beschikking', impactType: 'fout', automatedControlId: 'toewijzing-zonder-beschikking' },
        ],
      },
      {
        code: 'WMO-3.R2',
        description: 'Toewijzing aan een aanbieder zonder contract voor dat jaar',
        controls: [
          { code: 'WMO-3.R2.C1', description: 'Toewijzingen aan aanbieders zonder geldig contract of tarief in het jaar opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'contractmanager', norm: 'Aanbestedingswet 2012 en de inkoopovereenkomst Wmo', impactType: 'onzekerheid', automatedControlId: 'toewijzing-zonder-contract' },
        ],
      },
    ],
  },
  {
    code: 'WMO-4',
    name: 'Verplichtingen en budget',
    risks: [
      {
        code: 'WMO-4.R1',
        description: 'Verplichting niet herrekend na een wijziging van de toewijzing, begroting onjuist',
        controls: [
          { code: 'WMO-4.R1.C1', description: 'Verplichtingen die niet overeenkomen met de huidige toewijzingen opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'finance', norm: 'BBV art. 4 en de financiële verordening (art. 212 Gemeentewet): volledige verplichtingenadministratie', impactType: 'onzekerheid', automatedControlId: 'verplichting-niet-herrekend' },
        ],
      },
    ],
  },
  {
    code: 'WMO-5',
    name: 'Declaratie en betaling',
    risks: [
      {
        code: 'WMO-5.R1',
        description: 'Declaratie buiten de toewijzing (product, periode of omvang)',
        controls: [
          { code: 'WMO-5.R1.C1', description: 'Goedgekeurde declaratieregels buiten een toewijzing opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Inkoopovereenkomst Wmo en het iWmo-berichtenprotocol: declareren binnen de toewijzing', impactType: 'fout', automatedControlId: 'declaratie-buiten-toewijzing' },
        ],
      },
      {
        code: 'WMO-5.R2',
        description: 'Declaratie boven het gecontracteerde tarief',
        controls: [
          { code: 'WMO-5.R2.C1', description: 'Declaratieregels met een prijs boven het tarief van het contract in dat jaar opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Inkoopovereenkomst Wmo: tarieflijst per jaar', impactType: 'fout', automatedControlId: 'declaratie-boven-tarief' },
        ],
      },
      {
        code: 'WMO-5.R3',
        description: 'Geleverde zorg niet werkelijk geleverd (prestatielevering)',
        controls: [
          { code: 'WMO-5.R3.C1', description: 'Materiële controle bij aanbieders: steekproef op cliëntdossiers en urenregistratie', kind: 'detectief', frequency: 'jaarlijks', owner: 'contractmanager', norm: 'Protocol materiële controle sociaal domein; inkoopovereenkomst Wmo', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'WMO-6',
    name: 'Herbeoordeling en beëindiging',
    risks: [
      {
        code: 'WMO-6.R1',
        description: 'Betaling na einde recht: voorziening loopt door na verhuizing, overlijden of einde beschikking',
        controls: [
          { code: 'WMO-6.R1.C1', description: 'Lopende toewijzingen vergelijken met de BRP-mutaties (verhuizing, overlijden) en de einddatum van het besluit', kind: 'detectief', frequency: 'maandelijks', owner: 'team_lead', norm: 'Wmo 2015 art. 2.3.10: herziening of intrekking van de beschikking', impactType: 'fout' },
        ],
      },
    ],
  },
]);

const jeugd = framework([
  {
    code: 'JW-1',
    name: 'Toegang en onderzoek',
    risks: [
      {
        code: 'JW-1.R1',
        description: 'Wettelijke termijn overschreden: besluit niet binnen acht weken na de aanvraag',
        controls: [
          { code: 'JW-1.R1.C1', description: 'Besluiten buiten de termijn opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Awb art. 4:13 (redelijke termijn, uiterlijk acht weken); Verordening jeugdhulp', impactType: 'onzekerheid', automatedControlId: 'beslistermijn-overschreden' },
        ],
      },
    ],
  },
  {
    code: 'JW-2',
    name: 'Beschikking en verwijzing',
    risks: [
      {
        code: 'JW-2.R1',
        description: 'Jeugdhulp toegekend zonder onderbouwing van de noodzaak (geen plan of verslag)',
        controls: [
          { code: 'JW-2.R1.C1', description: 'Steekproef op dossiers: hulpvraag, afweging eigen kracht en plan aanwezig', kind: 'detectief', frequency: 'per kwartaal', owner: 'team_lead', norm: 'Jeugdwet art. 2.3 en 2.9; Verordening jeugdhulp', impactType: 'fout' },
        ],
      },
      {
        code: 'JW-2.R2',
        description: 'Verwijzing door huisarts, jeugdarts of gecertificeerde instelling niet vastgelegd of niet geldig',
        controls: [
          { code: 'JW-2.R2.C1', description: 'Steekproef op toewijzingen via de wettelijke verwijsroute: verwijzer en datum vastgelegd en geldig', kind: 'detectief', frequency: 'per kwartaal', owner: 'controller', norm: 'Jeugdwet art. 2.6 lid 1 onder c; iJw-berichtenprotocol (315-verzoek)', impactType: 'onzekerheid' },
        ],
      },
      {
        code: 'JW-2.R3',
        description: 'Beschikking zonder vier ogen boven de drempel',
        controls: [
          { code: 'JW-2.R3.C1', description: 'Vastgestelde besluiten boven de drempel zonder goedkeuring van een tweede medewerker opsporen', kind: 'detectief', frequency: 'per kwartaal', owner: 'controller', norm: 'Mandaatregeling en beleidsregel vier ogen', impactType: 'fout', automatedControlId: 'beschikking-zonder-vier-ogen' },
        ],
      },
    ],
  },
  {
    code: 'JW-3',
    name: 'Toewijzing aan de aanbieder',
    risks: [
      {
        code: 'JW-3.R1',
        description: 'Zorg geleverd zonder geldige beschikking of verwijzing',
        controls: [
          { code: 'JW-3.R1.C1', description: 'Toewijzingen zonder toegekend besluit opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Jeugdwet art. 2.3 en 2.6', impactType: 'fout', automatedControlId: 'toewijzing-zonder-beschikking' },
        ],
      },
    ],
  },
  {
    code: 'JW-4',
    name: 'Declaratie en betaling',
    risks: [
      {
        code: 'JW-4.R1',
        description: 'Declaratie boven het gecontracteerde tarief of buiten de toewijzing',
        controls: [
          { code: 'JW-4.R1.C1', description: 'Handmatige aansluiting van de declaraties per aanbieder op toewijzingen en tarieflijst, met steekproef', kind: 'detectief', frequency: 'per kwartaal', owner: 'finance', norm: 'Inkoopovereenkomst jeugdhulp: tarieflijst per jaar; iJw-berichtenprotocol', impactType: 'fout' },
          { code: 'JW-4.R1.C2', description: 'Goedgekeurde declaratieregels buiten een toewijzing (periode of volume) opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Jeugdwet art. 2.3; inkoopovereenkomst jeugdhulp en het iJw-berichtenprotocol: declareren binnen de toewijzing', impactType: 'fout', automatedControlId: 'declaratie-buiten-toewijzing' },
          { code: 'JW-4.R1.C3', description: 'Declaratieregels met een prijs boven het tarief van het contract in dat jaar opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Inkoopovereenkomst jeugdhulp: tarieflijst per jaar', impactType: 'fout', automatedControlId: 'declaratie-boven-tarief' },
        ],
      },
      {
        code: 'JW-4.R2',
        description: 'Geleverde jeugdhulp niet werkelijk geleverd',
        controls: [
          { code: 'JW-4.R2.C1', description: 'Productieverantwoording met controleverklaring van grote aanbieders; materiële controle bij de overige', kind: 'detectief', frequency: 'jaarlijks', owner: 'contractmanager', norm: 'Landelijk accountantsprotocol jeugdhulp; inkoopovereenkomst', impactType: 'onzekerheid' },
        ],
      },
      {
        code: 'JW-4.R3',
        description: 'Pgb-besteding niet volgens het budgetplan',
        controls: [
          { code: 'JW-4.R3.C1', description: 'Aansluiting van de verantwoording van de SVB op de toegekende pgb’s, met steekproef op zorgovereenkomsten', kind: 'detectief', frequency: 'jaarlijks', owner: 'finance', norm: 'Jeugdwet art. 8.1.1 en 8.1.4; Verordening jeugdhulp (pgb)', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'JW-5',
    name: 'Beëindiging',
    risks: [
      {
        code: 'JW-5.R1',
        description: 'Betaling na einde recht: hulp loopt door na 18 jaar, verhuizing of einde beschikking',
        controls: [
          { code: 'JW-5.R1.C1', description: 'Lopende toewijzingen vergelijken met leeftijd, woonplaatsbeginsel en einddatum van het besluit', kind: 'detectief', frequency: 'maandelijks', owner: 'team_lead', norm: 'Jeugdwet art. 1.1 (jeugdige) en art. 2.3; woonplaatsbeginsel art. 1.1', impactType: 'fout' },
        ],
      },
    ],
  },
]);

const participatiewet = framework([
  {
    code: 'PW-1',
    name: 'Aanvraag en onderzoek',
    risks: [
      {
        code: 'PW-1.R1',
        description: 'Wettelijke termijn overschreden: besluit niet binnen acht weken, voorschot niet binnen vier weken',
        controls: [
          { code: 'PW-1.R1.C1', description: 'Signaal in Koers bij een aanvraag die de beslistermijn of de voorschottermijn nadert', kind: 'preventief', frequency: 'continu', owner: 'team_lead', norm: 'Awb art. 4:13; Participatiewet art. 52 (voorschot binnen vier weken)', impactType: 'onzekerheid' },
        ],
      },
      {
        code: 'PW-1.R2',
        description: 'Recht vastgesteld zonder volledig onderzoek naar leefvorm, woonsituatie en middelen',
        controls: [
          { code: 'PW-1.R2.C1', description: 'Steekproef op toekenningen: bewijsstukken, vermogenstoets en leefvorm', kind: 'detectief', frequency: 'per kwartaal', owner: 'controller', norm: 'Participatiewet art. 11, 31, 34 en 53a', impactType: 'fout' },
        ],
      },
    ],
  },
  {
    code: 'PW-2',
    name: 'Besluit en toekenning',
    risks: [
      {
        code: 'PW-2.R1',
        description: 'Uitkering betaald zonder toekenningsbesluit',
        controls: [
          { code: 'PW-2.R1.C1', description: 'Betalingen zonder onderliggend toekenningsbesluit opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Participatiewet art. 11 en 44; Awb art. 4:1', impactType: 'fout', automatedControlId: 'pw-betaling-zonder-besluit' },
        ],
      },
      {
        code: 'PW-2.R2',
        description: 'Bijstand boven de geldende norm',
        controls: [
          { code: 'PW-2.R2.C1', description: 'Koers berekent de bijstand met de normtabel van de periode', kind: 'preventief', frequency: 'continu', owner: 'consultant', norm: 'Participatiewet art. 20 tot en met 22a en 27 (normen en kostendelers)', impactType: 'fout' },
          { code: 'PW-2.R2.C2', description: 'Betalingen boven de norm van de leefvorm (na verrekening van inkomen) opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Participatiewet art. 20 tot en met 22a en 31', impactType: 'fout', automatedControlId: 'pw-betaling-boven-norm' },
        ],
      },
    ],
  },
  {
    code: 'PW-3',
    name: 'Maandelijkse betaalrun',
    risks: [
      {
        code: 'PW-3.R1',
        description: 'Betaalrun zonder vier ogen vrijgegeven',
        controls: [
          { code: 'PW-3.R1.C1', description: 'Koers laat een betaalrun alleen goedkeuren door een ander dan wie haar berekende', kind: 'preventief', frequency: 'continu', owner: 'finance', norm: 'Financiële verordening (art. 212 Gemeentewet): functiescheiding bij betalingen', impactType: 'fout' },
          { code: 'PW-3.R1.C2', description: 'Betaalruns goedgekeurd door wie ze berekende, of zonder goedkeuring, opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Financiële verordening: functiescheiding bij betalingen', impactType: 'fout', automatedControlId: 'pw-betaalrun-zonder-vier-ogen' },
        ],
      },
      {
        code: 'PW-3.R2',
        description: 'Betaling na einde recht',
        controls: [
          { code: 'PW-3.R2.C1', description: 'Betalingen over een periode na de einddatum van de uitkering opsporen', kind: 'detectief', frequency: 'maandelijks', owner: 'controller', norm: 'Participatiewet art. 11 en 54 lid 3 (beëindiging en herziening)', impactType: 'fout', automatedControlId: 'pw-betaald-na-einde' },
        ],
      },
    ],
  },
  {
    code: 'PW-4',
    name: 'Inlichtingen en heronderzoek',
    risks: [
      {
        code: 'PW-4.R1',
        description: 'Inkomsten of wijzigingen niet gemeld en niet verrekend (schending inlichtingenplicht)',
        controls: [
          { code: 'PW-4.R1.C1', description: 'Signalen van het Inlichtingenbureau en de maandelijkse inkomstenopgaven verwerken en afhandeling bewaken', kind: 'detectief', frequency: 'maandelijks', owner: 'team_lead', norm: 'Participatiewet art. 17 en 53a lid 6', impactType: 'onzekerheid' },
          { code: 'PW-4.R1.C2', description: 'Heronderzoek volgens het risicogestuurde plan, afgerond binnen de gestelde termijn', kind: 'detectief', frequency: 'jaarlijks', owner: 'team_lead', norm: 'Participatiewet art. 53a lid 6; beleidsregel heronderzoek', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'PW-5',
    name: 'Terugvordering en verhaal',
    risks: [
      {
        code: 'PW-5.R1',
        description: 'Vordering vastgesteld of kwijtgescholden zonder vier ogen',
        controls: [
          { code: 'PW-5.R1.C1', description: 'Vorderingen vastgesteld door wie ze opstelde opsporen', kind: 'detectief', frequency: 'per kwartaal', owner: 'controller', norm: 'Participatiewet art. 58; mandaatregeling', impactType: 'fout', automatedControlId: 'pw-vordering-zonder-vier-ogen' },
        ],
      },
      {
        code: 'PW-5.R2',
        description: 'Vordering niet of onvolledig ingesteld na een herziening',
        controls: [
          { code: 'PW-5.R2.C1', description: 'Aansluiting van herzieningen met terugvordering op de debiteurenadministratie', kind: 'detectief', frequency: 'per kwartaal', owner: 'finance', norm: 'Participatiewet art. 58 en 60; beleidsregels terugvordering', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'PW-6',
    name: 'Verantwoording aan het Rijk',
    risks: [
      {
        code: 'PW-6.R1',
        description: 'Lasten en baten in de SiSa-verantwoording (BUIG) wijken af van de administratie',
        controls: [
          { code: 'PW-6.R1.C1', description: 'Aansluiting van de SiSa-indicatoren op de betaalruns en vorderingen in Koers', kind: 'detectief', frequency: 'jaarlijks', owner: 'finance', norm: 'Participatiewet art. 69; Regeling specifieke uitkeringen (SiSa)', impactType: 'fout' },
        ],
      },
    ],
  },
]);

const beschermdWonen = framework([
  {
    code: 'BW-1',
    name: 'Toegang en indicatie',
    risks: [
      {
        code: 'BW-1.R1',
        description: 'Beschermd wonen toegekend zonder advies of onderzoek naar de noodzaak',
        controls: [
          { code: 'BW-1.R1.C1', description: 'Steekproef op toekenningen: onderzoeksverslag en advies van de toegang beschermd wonen aanwezig', kind: 'detectief', frequency: 'per kwartaal', owner: 'team_lead', norm: 'Wmo 2015 art. 1.1.1 (beschermd wonen) en 2.3.2; Verordening maatschappelijke ondersteuning', impactType: 'fout' },
        ],
      },
      {
        code: 'BW-1.R2',
        description: 'Cliënt uit een andere regio ten laste van de centrumgemeente (woonplaatsbeginsel)',
        controls: [
          { code: 'BW-1.R2.C1', description: 'Controle van de herkomst van nieuwe cliënten tegen de landelijke afspraken over landelijke toegang', kind: 'detectief', frequency: 'per kwartaal', owner: 'policy', norm: 'Wmo 2015 art. 2.3.5; VNG-afspraken landelijke toegankelijkheid beschermd wonen', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'BW-2',
    name: 'Beschikking',
    risks: [
      {
        code: 'BW-2.R1',
        description: 'Beschikking zonder vier ogen boven de drempel',
        controls: [
          { code: 'BW-2.R1.C1', description: 'Koers laat een besluit boven de vierogengrens pas ingaan na goedkeuring', kind: 'preventief', frequency: 'continu', owner: 'team_lead', norm: 'Mandaatregeling en beleidsregel vier ogen', impactType: 'fout' },
        ],
      },
      {
        code: 'BW-2.R2',
        description: 'Wettelijke termijn overschreden',
        controls: [
          { code: 'BW-2.R2.C1', description: 'Overzicht van aanvragen beschermd wonen buiten de termijn, besproken met de teamleider', kind: 'detectief', frequency: 'maandelijks', owner: 'team_lead', norm: 'Wmo 2015 art. 2.3.2 en 2.3.5', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'BW-3',
    name: 'Plaatsing en levering',
    risks: [
      {
        code: 'BW-3.R1',
        description: 'Zorg geleverd zonder geldige beschikking',
        controls: [
          { code: 'BW-3.R1.C1', description: 'Aansluiting van de bewonerslijst per instelling op de lopende beschikkingen', kind: 'detectief', frequency: 'per kwartaal', owner: 'contractmanager', norm: 'Wmo 2015 art. 2.3.5 lid 3', impactType: 'fout' },
        ],
      },
      {
        code: 'BW-3.R2',
        description: 'Geleverde zorg niet werkelijk geleverd',
        controls: [
          { code: 'BW-3.R2.C1', description: 'Materiële controle bij instellingen: aanwezigheid en begeleidingsplan per bewoner, steekproefsgewijs', kind: 'detectief', frequency: 'jaarlijks', owner: 'contractmanager', norm: 'Protocol materiële controle sociaal domein; inkoopovereenkomst beschermd wonen', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'BW-4',
    name: 'Declaratie, eigen bijdrage en betaling',
    risks: [
      {
        code: 'BW-4.R1',
        description: 'Declaratie boven het gecontracteerde tarief',
        controls: [
          { code: 'BW-4.R1.C1', description: 'Handmatige controle van de declaraties per instelling op tarief en bezetting', kind: 'detectief', frequency: 'maandelijks', owner: 'finance', norm: 'Inkoopovereenkomst beschermd wonen: tarief per zorgzwaarte', impactType: 'fout' },
        ],
      },
      {
        code: 'BW-4.R2',
        description: 'Eigen bijdrage niet of onjuist opgelegd via het CAK',
        controls: [
          { code: 'BW-4.R2.C1', description: 'Aansluiting van de aan het CAK gemelde zorg op de lopende beschikkingen', kind: 'detectief', frequency: 'per kwartaal', owner: 'finance', norm: 'Wmo 2015 art. 2.1.4; Uitvoeringsbesluit Wmo 2015', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'BW-5',
    name: 'Uitstroom en beëindiging',
    risks: [
      {
        code: 'BW-5.R1',
        description: 'Betaling na einde recht: zorg gedeclareerd na vertrek of overlijden van de bewoner',
        controls: [
          { code: 'BW-5.R1.C1', description: 'Uitstroommeldingen van instellingen vergelijken met BRP-mutaties en declaraties', kind: 'detectief', frequency: 'maandelijks', owner: 'contractmanager', norm: 'Wmo 2015 art. 2.3.10; inkoopovereenkomst beschermd wonen', impactType: 'fout' },
        ],
      },
    ],
  },
]);

const wswMtb = framework([
  {
    code: 'WSW-1',
    name: 'Indicatie en wachtlijst',
    risks: [
      {
        code: 'WSW-1.R1',
        description: 'Werknemer in dienst zonder geldige Wsw-indicatie van het UWV',
        controls: [
          { code: 'WSW-1.R1.C1', description: 'Aansluiting van het personeelsbestand van MTB op de indicaties van het UWV, met vervaldata van herindicaties', kind: 'detectief', frequency: 'jaarlijks', owner: 'controller', norm: 'Wet sociale werkvoorziening art. 2 en 11', impactType: 'fout' },
        ],
      },
    ],
  },
  {
    code: 'WSW-2',
    name: 'Dienstverband en plaatsing',
    risks: [
      {
        code: 'WSW-2.R1',
        description: 'Aantal arbeidsjaren (standaardeenheden) in de verantwoording onjuist',
        controls: [
          { code: 'WSW-2.R1.C1', description: 'Aansluiting van de Wsw-statistiek (arbeidsjaren per indicatie) op de salarisadministratie van MTB', kind: 'detectief', frequency: 'per kwartaal', owner: 'finance', norm: 'Wet sociale werkvoorziening art. 7 en 8; Besluit rijksbijdrage sociale werkvoorziening', impactType: 'fout' },
        ],
      },
      {
        code: 'WSW-2.R2',
        description: 'Nieuwe plaatsing beschut werk zonder advies van het UWV',
        controls: [
          { code: 'WSW-2.R2.C1', description: 'Controle van elke nieuwe plaatsing beschut werk op een positief advies van het UWV', kind: 'preventief', frequency: 'continu', owner: 'team_lead', norm: 'Participatiewet art. 10b', impactType: 'fout' },
        ],
      },
    ],
  },
  {
    code: 'WSW-3',
    name: 'Bijdrage aan MTB',
    risks: [
      {
        code: 'WSW-3.R1',
        description: 'Bijdrage aan MTB niet volgens de bijdrageovereenkomst of de begroting van de gemeenschappelijke regeling',
        controls: [
          { code: 'WSW-3.R1.C1', description: 'Voorschotten aan MTB toetsen aan de vastgestelde begroting en de bijdrageovereenkomst', kind: 'preventief', frequency: 'per kwartaal', owner: 'finance', norm: 'Wet gemeenschappelijke regelingen art. 34 en 35; bijdrageovereenkomst MTB', impactType: 'fout' },
          { code: 'WSW-3.R1.C2', description: 'Definitieve afrekening met MTB aansluiten op de jaarrekening met controleverklaring', kind: 'detectief', frequency: 'jaarlijks', owner: 'controller', norm: 'Wet gemeenschappelijke regelingen art. 34b; BBV art. 4', impactType: 'onzekerheid' },
        ],
      },
    ],
  },
  {
    code: 'WSW-4',
    name: 'Verantwoording aan het Rijk',
    risks: [
      {
        code: 'WSW-4.R1',
        description: 'SiSa-indicatoren Wsw wijken af van de administratie van MTB',
        controls: [
          { code: 'WSW-4.R1.C1', description: 'Aansluiting van de SiSa-verantwoording op de Wsw-statistiek en de jaarrekening van MTB', kind: 'detectief', frequency: 'jaarlijks', owner: 'controller', norm: 'Regeling specifieke uitkeringen (SiSa); Wet sociale werkvoorziening art. 7', impactType: 'fout' },
        ],
      },
    ],
  },
]);

/** The frameworks Koers ships, loaded as version 1 for a municipality that has none. */
export const SHIPPED_FRAMEWORKS: Record<ControlProcess, FrameworkContent> = {
  wmo,
  jeugd,
  participatiewet,
  'beschermd-wonen': beschermdWonen,
  'wsw-mtb': wswMtb,
};
