/**
 * The register of processing activities (verwerkingsactiviteiten, AVG art. 30) that Koers logs
 * against. Each audit record names one of these ids; the legal basis travels with it.
 */
export const processingActivities = {
  'inwonerregistratie': {
    name: 'Registratie en raadpleging inwoners sociaal domein',
    legalBasis: 'AVG art. 6 lid 1 sub e en art. 9 lid 2 sub g/h; Wmo 2015 hoofdstuk 5; Jeugdwet hoofdstuk 7; Participatiewet art. 64',
  },
  'toezicht-verwerkingen': {
    name: 'Toezicht op verwerkingen (inzage logboek door auditor)',
    legalBasis: 'AVG art. 5 lid 2 en art. 39 (verantwoordingsplicht, taken functionaris gegevensbescherming)',
  },
} as const;

export type ProcessingActivityId = keyof typeof processingActivities;
