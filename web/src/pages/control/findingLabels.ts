// Labels shared by the pages of control findings (issue #13 §3).
export const assessmentLabel = { fout: 'Fout', onzekerheid: 'Onzekerheid', 'geen-bevinding': 'Geen bevinding' } as const;
export const processLabel = { wmo: 'Wmo', jeugd: 'Jeugd', participatiewet: 'Participatiewet', 'beschermd-wonen': 'Beschermd wonen', 'wsw-mtb': 'Wsw/mtb' } as const;
export const sourceLabel = { uitzondering: 'Uitzondering controlerun', steekproef: 'Steekproef', waarneming: 'Waarneming' } as const;
export const findingCode = (n: number) => `B-${n}`;
