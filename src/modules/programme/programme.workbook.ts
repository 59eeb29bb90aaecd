// Writing a programme as an Excel workbook (the export, and the template): one sheet per part, a
// Toelichting sheet, header notes and list validation, in the format the importer reads back.
import ExcelJS from 'exceljs';
import type { DataValidation, Style, Workbook, Worksheet } from 'exceljs';
import type {
  CouncilLetterData,
  ProgrammeActivityData,
  ProgrammeBudgetChapterData,
  ProgrammeBudgetData,
  ProgrammeData,
  ProgrammeLineData,
  ProgrammeThemeData,
} from './programme.types.js';
import {
  BUDGET_COLUMNS,
  LETTER_COLUMNS,
  PROGRAMME_COLUMNS,
  QUARTER_FORMS,
  SETTINGS_COLUMNS,
  SHEET_NAMES,
  STATUSES,
  TRACKS,
  columnLetter,
  type ActivityColumn,
  type SheetColumn,
} from './programme.sheet.js';

export async function programmeToWorkbook(data: ProgrammeData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  addInstructionSheet(workbook);
  addTableSheet(workbook, SHEET_NAMES.settings, SETTINGS_COLUMNS, settingsRows(data));
  const activities = addTableSheet(workbook, SHEET_NAMES.activities, PROGRAMME_COLUMNS, activityRows(data));
  addListValidation(activities, 'status', STATUSES);
  addListValidation(activities, 'spoor', TRACKS);
  addTableSheet(workbook, SHEET_NAMES.letters, LETTER_COLUMNS, data.councilLetters.map(letterRow));
  addTableSheet(workbook, SHEET_NAMES.budget, BUDGET_COLUMNS, data.budget.chapters.map(budgetRow));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type OutCell = string | number | Date | null;

function activityRows(data: ProgrammeData): OutCell[][] {
  // Line and theme cells are repeated on every row so that sorting or filtering in Excel keeps
  // each row self-contained; the importer accepts the repetition as long as it agrees.
  return data.lines.flatMap((line) =>
    line.themes.flatMap((theme) => theme.activities.map((activity) => activityRow(line, theme, activity))),
  );
}

function activityRow(line: ProgrammeLineData, theme: ProgrammeThemeData, activity: ProgrammeActivityData): OutCell[] {
  const values: Record<ActivityColumn, OutCell> = {
    programmalijn_nummer: line.number,
    programmalijn: line.title,
    spoor: line.track,
    doelstelling: line.objective,
    toelichting: line.explanation,
    resultaat_programmalijn: line.result,
    thema: theme.title,
    resultaat_thema: theme.result,
    activiteit: activity.text,
    status: activity.status,
    gepland_kwartaal: activity.plannedQuarter,
    gereed_kwartaal: activity.doneQuarter,
    eerder_gepland_kwartaal: activity.replannedFrom ?? null,
    opmerking: activity.note ?? null,
  };
  return PROGRAMME_COLUMNS.map((column) => values[column.name]);
}

function letterRow(letter: CouncilLetterData): OutCell[] {
  return [utcDate(letter.date), letter.dateEnd === undefined ? null : utcDate(letter.dateEnd), letter.number, letter.title];
}

function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function budgetRow(chapter: ProgrammeBudgetChapterData): OutCell[] {
  return [chapter.chapter, chapter.amountCents === null ? null : chapter.amountCents / 100];
}

function settingsRows(data: ProgrammeData): OutCell[][] {
  const budget: ProgrammeBudgetData = data.budget;
  return [
    ['naam', data.name],
    ['rapportmaand', data.reportMonth],
    ['gevraagd_budget_euro', budget.requestedTotalCents / 100],
    ['onvoorzien_procent', budget.contingencyPercent],
  ];
}

function addTableSheet(workbook: Workbook, name: string, columns: readonly SheetColumn[], rows: OutCell[][]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.name,
    key: column.name,
    width: columnWidth(column.name),
    style: columnStyle(column.name),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((column, index) => {
    header.getCell(index + 1).note = `${column.description}${column.required ? ' Verplicht.' : ''}`;
  });
  sheet.addRows(rows);
  return sheet;
}

const WIDE_COLUMNS = new Set(['doelstelling', 'toelichting', 'resultaat_programmalijn', 'resultaat_thema', 'activiteit', 'titel']);

function columnWidth(name: string): number {
  return WIDE_COLUMNS.has(name) ? 50 : Math.max(14, name.length + 4);
}

// Text format stops Excel from turning a kenmerk like 2021.04890 into a number (dropping the 0)
// or a month like 2023-05 into a date while someone types into the sheet.
function columnStyle(name: string): Partial<Style> {
  if (name === 'datum' || name === 'datum_eind') return { numFmt: 'dd-mm-yyyy' };
  if (name === 'bedrag_euro') return { numFmt: '#,##0.00' };
  return name === 'programmalijn_nummer' ? {} : { numFmt: '@' };
}

interface RangeValidations {
  add(range: string, validation: DataValidation): void;
}

// exceljs's typings only expose per-cell validation, which would materialise a thousand empty
// cells; the worksheet's range API is the same one the per-cell setter uses internally.
function addListValidation(sheet: Worksheet, column: ActivityColumn, values: readonly string[]): void {
  const letter = columnLetter(PROGRAMME_COLUMNS.findIndex((candidate) => candidate.name === column) + 1);
  const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
  validations.add(`${letter}2:${letter}1000`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorTitle: `Ongeldig ${column}`,
    error: `Kies ${values.join(', ')}.`,
  });
}

const INSTRUCTIONS: readonly string[] = [
  'Programma invullen voor Koers',
  '',
  `Tabblad ${SHEET_NAMES.activities} (verplicht): één rij per activiteit. Rij 1 bevat de kolomnamen; wijzig die niet.`,
  'Gegevens van een programmalijn (programmalijn, spoor, doelstelling, toelichting, resultaat_programmalijn) mag u ' +
    'op elke rij herhalen of alleen op de eerste rij van die lijn invullen; herhaalde waarden moeten gelijk zijn.',
  'Rijen met hetzelfde programmalijn_nummer en dezelfde thema-naam vormen samen één thema; resultaat_thema werkt net zo.',
  `Status is AF, LOOPT of NIEUW. Kwartalen schrijft u als ${QUARTER_FORMS}. Alleen een activiteit met status AF mag een gereed_kwartaal hebben.`,
  `Tabblad ${SHEET_NAMES.settings} (optioneel): velden naam, rapportmaand (jjjj-mm), gevraagd_budget_euro en onvoorzien_procent.`,
  `Tabblad ${SHEET_NAMES.letters} (optioneel): raadsinformatiebrieven met datum, eventueel datum_eind, kenmerk en titel.`,
  `Tabblad ${SHEET_NAMES.budget} (optioneel): hoofdstukken met bedrag in euro (12.500,00); laat het bedrag leeg als het onbekend is.`,
  'De voorbeeldrijen mag u overschrijven of verwijderen. Bij het inlezen krijgt u alle fouten tegelijk te zien, ' +
    'met tabblad, rij en kolom; er wordt pas iets opgeslagen als het hele bestand klopt.',
  'Een CSV-bestand mag ook (komma of puntkomma als scheidingsteken), maar bevat alleen de kolommen van het tabblad Activiteiten.',
];

function addInstructionSheet(workbook: Workbook): void {
  const sheet = workbook.addWorksheet('Toelichting');
  sheet.getColumn(1).width = 120;
  for (const line of INSTRUCTIONS) sheet.addRow([line]).alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(1).font = { bold: true, size: 14 };
}
