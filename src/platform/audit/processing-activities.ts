/**
 * The register of processing activities (verwerkingsactiviteiten, AVG art. 30) that Koers logs
 * against. Each audit record names one of these ids; the legal basis travels with it.
 */
export const processingActivities = {
  'inwonerregistratie': {
    name: 'Registratie en raadpleging inwoners sociaal domein',
    legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub g/h; Wmo 2015 hoofdstuk 5; Jeugdwet hoofdstuk 7; Participatiewet art. 64',
  },
  'klantcontact-kcc': {
    name: 'Vastleggen en afhandelen van klantcontacten (KCC, eerste lijn)',
    legalBasis: 'AVG art. 6 lid 1 sub e; Wmo 2015 art. 2.3.2 lid 1; Gemeentewet art. 160',
  },
  'zaakbehandeling-sociaal-domein': {
    name: 'Behandeling van meldingen en aanvragen (Wmo, Jeugdwet, Participatiewet) met vaste contactpersoon',
    legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub h; Wmo 2015 art. 2.3.2–2.3.5 en 5.1.1; Jeugdwet art. 7.4.0; Awb hoofdstuk 4',
  },
  'gesprek-ondersteuningsbehoefte': {
    name: 'Gesprek en onderzoek naar de ondersteuningsbehoefte (Positieve Gezondheid)',
    legalBasis: 'Wmo 2015 art. 2.3.2 lid 4; AVG art. 9 lid 2 sub h; Wmo 2015 art. 5.1.1',
  },
  'signalering-sociaal-domein': {
    name: 'Signaallijsten: automatisch gevonden situaties die actie vragen (termijnen, toewijzingen, bijstand) en hun afhandeling',
    legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub h; Wmo 2015 art. 2.3.5 en 5.1.1; Jeugdwet art. 7.4.0; Participatiewet art. 53a en 64',
  },
  'berichtenverkeer-aanbieders': {
    name: 'Berichtenverkeer met zorgaanbieders volgens de iStandaarden iWmo en iJw (toewijzing, start en stop zorg, declaratie)',
    legalBasis: 'AVG art. 6 lid 1 sub c en e en art. 9 lid 2 sub h; Wmo 2015 hoofdstuk 5; Jeugdwet hoofdstuk 7',
  },
  // Debt help and early signals (issue #12 §4).
  'schuldhulpverlening': {
    name: 'Schuldhulpverlening en vroegsignalering: aanmelding, eerste gesprek, plan van aanpak, besluit; signalen van betalingsachterstanden en het contact met het huishouden',
    legalBasis: 'AVG art. 6 lid 1 sub c en e; Wet gemeentelijke schuldhulpverlening (Wgs) art. 2 tot en met 5 en het Besluit gemeentelijke schuldhulpverlening (vroegsignalering; artikelnummers niet geverifieerd)',
  },
  'toezicht-verwerkingen': {
    name: 'Toezicht op verwerkingen (inzage logboek door auditor)',
    legalBasis: 'AVG art. 5 lid 2 en art. 39 (verantwoordingsplicht, taken functionaris gegevensbescherming)',
  },
  'financiele-sturing-sociaal-domein': {
    name: 'Financiële sturing: realisatie en prognose per begrotingspost, aanbieder en toewijzing (inwoner alleen herkenbaar bij een relatie)',
    legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub h; Gemeentewet art. 212 en 213; Besluit begroting en verantwoording (BBV); Wmo 2015 art. 5.1.1',
  },
  // Participatiewet payment run (issue #11 §2, payment-run part).
  'uitkering-participatiewet': {
    name: 'Uitbetalen van bijstand (Participatiewet): betaalrun, verrekening van terugvorderingen, betaalbestand',
    legalBasis: 'AVG art. 6 lid 1 sub c en e; Participatiewet art. 45, 58 en 60; Gemeentewet art. 160',
  },
  // Control runs (issue #13): the automated controls on Koers' own data and their exceptions.
  'controle-rechtmatigheid': {
    name: 'Interne controle en rechtmatigheid: geautomatiseerde controles op de eigen gegevens en hun uitzonderingen',
    legalBasis: 'AVG art. 6 lid 1 sub c en e; Gemeentewet art. 212 en 213 (controle, rechtmatigheidsverantwoording); BBV art. 28',
  },
  'inzageverzoek-avg': {
    name: 'Afhandelen van een inzageverzoek van een inwoner (overzicht van verwerkingen)',
    legalBasis: 'AVG art. 12 en art. 15 (recht van inzage van de betrokkene)',
  },
  // Retention and destruction (issue #13 part 5).
  'archivering-vernietiging': {
    name: 'Archivering: bewaartermijnen, vernietigingslijst, bewaarplicht en vernietiging van dossiers (ook op verzoek)',
    legalBasis: 'Archiefwet 1995 art. 3 en 5; Archiefbesluit 1995 art. 5–8; Selectielijst gemeenten en intergemeentelijke organen 2020; AVG art. 5 lid 1 sub e en art. 17; Wmo 2015 art. 5.3.1; Jeugdwet art. 7.3.8 en 7.3.9',
  },
  // The resident portal /mijn (issue #12 §1): the resident signs in and reads their own file.
  'mijn-gemeente-portaal': {
    name: 'Inwonersportaal Mijn gemeente: inloggen met DigiD en eigen aanvragen, brieven en verzoeken om documenten inzien',
    legalBasis: 'AVG art. 6 lid 1 sub e; Awb afdeling 2.3 (elektronisch verkeer met bestuursorganen); Wet digitale overheid (inloggen met DigiD)',
  },
} as const;

export type ProcessingActivityId = keyof typeof processingActivities;
