// The template a municipality fills in: a workbook with example rows.
import type { ProgrammeData } from './programme.types.js';
import { programmeToWorkbook } from './programme.workbook.js';

export async function programmeTemplate(): Promise<Buffer> {
  return programmeToWorkbook(PROGRAMME_TEMPLATE_EXAMPLE);
}

/** The example rows in the template; importing an untouched template yields exactly this. */
export const PROGRAMME_TEMPLATE_EXAMPLE: ProgrammeData = {
  name: 'Voorbeeldprogramma Sociaal Domein',
  reportMonth: '2024-06',
  lines: [
    {
      number: 1,
      title: 'Toegang',
      track: 'inhoud',
      objective: 'inwoners vinden snel de juiste hulp',
      explanation: 'Voorbeeld: vervang deze rijen door de programmalijnen van uw eigen programma.',
      result: 'Eén herkenbare toegang tot het sociaal domein.',
      themes: [
        {
          title: 'Bereikbaarheid',
          result: 'Inwoners bereiken het sociaal domein via één telefoonnummer.',
          activities: [
            { text: 'Klantcontactcentrum beantwoordt vragen sociaal domein', status: 'AF', plannedQuarter: null, doneQuarter: '2024-Q1' },
            {
              text: 'Terugbelafspraak binnen twee werkdagen',
              status: 'LOOPT',
              plannedQuarter: '2024-Q3',
              doneQuarter: null,
              replannedFrom: '2024-Q2',
              note: 'voorbeeld van een verschoven planning',
            },
          ],
        },
      ],
    },
    {
      number: 2,
      title: 'Stuurinformatie',
      track: 'bedrijfsvoering',
      objective: 'sturen op betrouwbare cijfers',
      explanation: '',
      result: 'Management en raad krijgen elk kwartaal dezelfde kerncijfers.',
      themes: [
        {
          title: 'Dashboard',
          result: 'Een dashboard met wachttijden en uitgaven.',
          activities: [{ text: 'Dashboard wachttijden bouwen', status: 'NIEUW', plannedQuarter: '2025-Q1', doneQuarter: null }],
        },
      ],
    },
  ],
  councilLetters: [{ date: '2024-03-12', number: '2024-00123', title: 'Raadsinformatiebrief voortgang programma' }],
  budget: {
    requestedTotalCents: 250_000_00,
    contingencyPercent: 10,
    chapters: [
      { chapter: 'Toegang', amountCents: 150_000_00 },
      { chapter: 'Stuurinformatie', amountCents: null },
    ],
  },
};
