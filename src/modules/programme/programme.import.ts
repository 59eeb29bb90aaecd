// Spreadsheet exchange for a municipality's own programme: the file format, a template, an export
// and a parser that validates every row before anything is stored. The parser never stops at the
// first problem: a policy officer fixing a 200-row sheet wants the whole list in one go, and an
// import that is all-or-nothing cannot leave a half-loaded programme behind.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { CellValue, DataValidation, Row, Style, Workbook, Worksheet } from 'exceljs';
import type {
  ActivityStatus,
  CouncilLetterData,
  ProgrammeActivityData,
  ProgrammeBudgetChapterData,
  ProgrammeBudgetData,
  ProgrammeData,
  ProgrammeLineData,
  ProgrammeThemeData,
  Track,
} from './programme.data.js';

export interface ImportIssue {
  sheet: string;
  /** 1-based row as Excel shows it (header = row 1); 0 for a problem with the file as a whole. */
  row: number;
  /** The header name, e.g. 'status'; '' when the problem is not about one column. */
  column: string;
  /** Dutch, addressed to the person who fills in the sheet. */
  message: string;
}

export type ImportResult = { ok: true; data: ProgrammeData } | { ok: false; issues: ImportIssue[] };

export interface SheetColumn {
  readonly name: string;
  /** Whether the header must be present (and, per `scope`, a value). */
  readonly required: boolean;
  /** 'line'/'theme': one value per programme line/theme suffices, repeated rows must agree. */
  readonly scope: 'row' | 'line' | 'theme';
  /** Dutch help text, shown as a header comment and on the Toelichting sheet. */
  readonly description: string;
}

export const SHEET_NAMES = {
  activities: 'Activiteiten',
  letters: 'Raadsinformatiebrieven',
  settings: 'Programma',
  budget: 'Begroting',
} as const;

const QUARTER_FORMS = '2023-Q3, Q3 2023, 2023 Q3 of Q3-2023';

export const PROGRAMME_COLUMNS = [
  { name: 'programmalijn_nummer', required: true, scope: 'row', description: 'Nummer van de programmalijn (1, 2, 3 …).' },
  { name: 'programmalijn', required: true, scope: 'line', description: 'Titel van de programmalijn.' },
  { name: 'spoor', required: true, scope: 'line', description: 'Ontwikkelspoor: inhoud, organisatie of bedrijfsvoering.' },
  { name: 'doelstelling', required: true, scope: 'line', description: 'Doelstelling van de programmalijn.' },
  { name: 'toelichting', required: false, scope: 'line', description: 'Toelichting op de programmalijn (mag leeg).' },
  { name: 'resultaat_programmalijn', required: true, scope: 'line', description: 'Beoogd resultaat van de programmalijn.' },
  { name: 'thema', required: true, scope: 'row', description: 'Thema binnen de programmalijn.' },
  { name: 'resultaat_thema', required: true, scope: 'theme', description: 'Beoogd resultaat van het thema.' },
  { name: 'activiteit', required: true, scope: 'row', description: 'De activiteit zelf; één activiteit per rij.' },
  { name: 'status', required: true, scope: 'row', description: 'AF, LOOPT of NIEUW.' },
  { name: 'gepland_kwartaal', required: false, scope: 'row', description: `Gepland kwartaal, bijv. ${QUARTER_FORMS}.` },
  { name: 'gereed_kwartaal', required: false, scope: 'row', description: 'Kwartaal waarin de activiteit af was; alleen bij status AF.' },
  { name: 'eerder_gepland_kwartaal', required: false, scope: 'row', description: 'Oorspronkelijk kwartaal als de planning is verschoven.' },
  { name: 'opmerking', required: false, scope: 'row', description: 'Opmerking bij de activiteit (mag leeg).' },
] as const satisfies readonly SheetColumn[];

const LETTER_COLUMNS = [
  { name: 'datum', required: true, scope: 'row', description: 'Datum, als jjjj-mm-dd, dd-mm-jjjj of Excel-datum.' },
  { name: 'datum_eind', required: false, scope: 'row', description: 'Einddatum bij een periode (mag leeg).' },
  { name: 'kenmerk', required: false, scope: 'row', description: 'Kenmerk of registratienummer (mag leeg).' },
  { name: 'titel', required: true, scope: 'row', description: 'Titel van de brief.' },
] as const satisfies readonly SheetColumn[];

const SETTINGS_COLUMNS = [
  { name: 'veld', required: true, scope: 'row', description: 'naam, rapportmaand, gevraagd_budget_euro of onvoorzien_procent.' },
  { name: 'waarde', required: true, scope: 'row', description: 'De waarde van het veld.' },
] as const satisfies readonly SheetColumn[];

const BUDGET_COLUMNS = [
  { name: 'hoofdstuk', required: true, scope: 'row', description: 'Naam van het begrotingshoofdstuk.' },
  { name: 'bedrag_euro', required: false, scope: 'row', description: 'Bedrag in euro, bijv. 12.500,00 (leeg = onbekend).' },
] as const satisfies readonly SheetColumn[];

// One wording per kind of invalid value, so the same mistake reads the same on every sheet.
const PROBLEM = {
  lineNumber: (shown: string) => `'${shown}' is geen geldig programmalijnnummer; vul een geheel getal van 1 of hoger in.`,
  track: (shown: string) => `'${shown}' is geen geldig spoor; kies inhoud, organisatie of bedrijfsvoering.`,
  status: (shown: string) => `'${shown}' is geen geldige status; kies AF, LOOPT of NIEUW.`,
  quarter: (shown: string) => `'${shown}' is geen geldig kwartaal; gebruik bijvoorbeeld ${QUARTER_FORMS}.`,
  date: (shown: string) => `'${shown}' is geen geldige datum; gebruik jjjj-mm-dd (2021-03-16) of dd-mm-jjjj (16-03-2021).`,
  month: (shown: string) => `'${shown}' is geen geldige rapportmaand; gebruik jjjj-mm, bijvoorbeeld 2023-05.`,
  amount: (shown: string) => `'${shown}' is geen geldig bedrag; gebruik bijvoorbeeld 12500, 12.500,00 of 12500,50.`,
  percent: (shown: string) => `'${shown}' is geen geldig percentage; vul een getal in, bijvoorbeeld 10 of 7,5.`,
} as const;

type ActivityColumn = (typeof PROGRAMME_COLUMNS)[number]['name'];
type Cell = string | number | boolean | Date | null;

interface Table {
  sheet: string;
  header: Cell[];
  rows: { row: number; cells: Cell[] }[];
}

const STATUSES: readonly ActivityStatus[] = ['AF', 'LOOPT', 'NIEUW'];
const TRACKS: readonly Track[] = ['inhoud', 'organisatie', 'bedrijfsvoering'];
const SHEET_ORDER: readonly string[] = ['', ...Object.values(SHEET_NAMES)];

// ---------------------------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------------------------

export async function parseProgrammeFile(
  content: Buffer,
  fileName: string,
  options: { name?: string } = {},
): Promise<ImportResult> {
  const extension = path.extname(fileName).toLowerCase();
  const issues = new IssueLog();
  let tables: Map<string, Table>;
  if (extension === '.xlsx') {
    tables = await readXlsx(content, issues);
  } else if (extension === '.csv') {
    tables = readCsv(content, issues);
  } else {
    const shown = extension === '' ? `'${fileName}' heeft geen bestandsextensie` : `Bestandstype '${extension}' wordt niet ondersteund`;
    issues.at('', 0, '', `${shown}; lever een Excel-werkmap (.xlsx) of een CSV-bestand (.csv) aan.`);
    return { ok: false, issues: issues.sorted() };
  }
  const data = buildProgramme(tables, issues, options.name);
  return issues.isEmpty() ? { ok: true, data } : { ok: false, issues: issues.sorted() };
}

export async function programmeTemplate(): Promise<Buffer> {
  return programmeToWorkbook(PROGRAMME_TEMPLATE_EXAMPLE);
}

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

// ---------------------------------------------------------------------------------------------
// Issue collection
// ---------------------------------------------------------------------------------------------

type Report = (row: number, column: string, message: string) => void;

class IssueLog {
  private readonly issues: ImportIssue[] = [];

  at(sheet: string, row: number, column: string, message: string): void {
    this.issues.push({ sheet, row, column, message });
  }

  forSheet(sheet: string): Report {
    return (row, column, message) => this.at(sheet, row, column, message);
  }

  isEmpty(): boolean {
    return this.issues.length === 0;
  }

  // Grouped per sheet and row so the list reads like the spreadsheet; the sort is stable, so
  // issues on one row keep the order in which the columns were checked.
  sorted(): ImportIssue[] {
    const sheetIndex = (sheet: string): number => SHEET_ORDER.indexOf(sheet);
    return [...this.issues].sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading files into tables
// ---------------------------------------------------------------------------------------------

async function readXlsx(content: Buffer, issues: IssueLog): Promise<Map<string, Table>> {
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy into a fresh ArrayBuffer: exceljs's typings want one, and JSZip accepts it as is.
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch {
    issues.at('', 0, '', 'Het bestand kon niet als Excel-werkmap (.xlsx) worden gelezen; sla het opnieuw op als .xlsx.');
    return new Map();
  }
  const tables = new Map<string, Table>();
  for (const name of Object.values(SHEET_NAMES)) {
    const sheet = workbook.worksheets.find((candidate) => candidate.name.trim().toLowerCase() === name.toLowerCase());
    if (sheet) tables.set(name, worksheetTable(sheet, name));
  }
  if (!tables.has(SHEET_NAMES.activities)) {
    issues.at(SHEET_NAMES.activities, 0, '', `Het tabblad '${SHEET_NAMES.activities}' ontbreekt in de werkmap.`);
  }
  return tables;
}

function worksheetTable(sheet: Worksheet, name: string): Table {
  const rows: Table['rows'] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber > 1) rows.push({ row: rowNumber, cells: rowCells(row) });
  });
  return { sheet: name, header: rowCells(sheet.getRow(1)), rows };
}

function rowCells(row: Row): Cell[] {
  const cells: Cell[] = [];
  for (let column = 1; column <= row.cellCount; column++) cells.push(plainCell(row.getCell(column).value));
  return cells;
}

// Formulas count by their cached result and rich text by its characters: the person filling in
// the sheet sees those, not the cell's internal structure.
function plainCell(value: CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  return plainCell(value.result ?? null);
}

function readCsv(content: Buffer, issues: IssueLog): Map<string, Table> {
  const text = decodeText(content);
  const records = parseCsv(text, detectSeparator(text));
  // After an unclosed quote the rest of the file is one field, so any further issue would be noise.
  if (records.unterminatedRow !== null) {
    const message = 'Een veld tussen aanhalingstekens (") wordt niet afgesloten; controleer de aanhalingstekens vanaf deze rij.';
    issues.at(SHEET_NAMES.activities, records.unterminatedRow, '', message);
    return new Map();
  }
  const [header = [], ...rest] = records.rows;
  const rows = rest.map((cells, index) => ({ row: index + 2, cells }));
  return new Map([[SHEET_NAMES.activities, { sheet: SHEET_NAMES.activities, header, rows }]]);
}

// Excel's "CSV UTF-8" writes a BOM; plain "CSV" from Dutch Excel is Windows-1252, where UTF-8
// decoding would turn every ë in "oriëntatie" into garbage.
function decodeText(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return new TextDecoder('windows-1252').decode(content);
  }
}

// Dutch Excel uses ';' because ',' is the decimal separator; the header line has no quoted
// commas, so counting there is reliable.
function detectSeparator(text: string): string {
  const headerLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const count = (separator: string): number => headerLine.split(separator).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

interface CsvRecords {
  rows: string[][];
  /** Record number (1-based) where an unclosed quoted field starts; null when all are closed. */
  unterminatedRow: number | null;
}

/** RFC 4180, plus lone CR or LF as line ends; one record is one spreadsheet row. */
function parseCsv(text: string, separator: string): CsvRecords {
  const rows: string[][] = [];
  let record: string[] = [];
  let field = '';
  let openQuoteRow: number | null = null;
  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    rows.push(record);
    record = [];
  };
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    const next = text.charAt(index + 1);
    if (openQuoteRow !== null) {
      if (char !== '"') {
        field += char;
      } else if (next === '"') {
        field += '"';
        index++;
      } else {
        openQuoteRow = null;
      }
    } else if (char === '"' && field === '') {
      openQuoteRow = rows.length + 1;
    } else if (char === separator) {
      endField();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && next === '\n') index++;
      endRecord();
    } else {
      field += char;
    }
  }
  if (field !== '' || record.length > 0 || openQuoteRow !== null) endRecord();
  return { rows, unterminatedRow: openQuoteRow };
}

// ---------------------------------------------------------------------------------------------
// Binding a table to its column definitions
// ---------------------------------------------------------------------------------------------

interface SheetRow<C extends string> {
  row: number;
  cell(column: C): Cell;
}

interface BoundSheet<C extends string> {
  sheet: string;
  report: Report;
  has(column: C): boolean;
  rows: SheetRow<C>[];
}

function bindSheet<C extends string>(
  table: Table,
  columns: readonly { name: C; required: boolean }[],
  issues: IssueLog,
): BoundSheet<C> {
  const report = issues.forSheet(table.sheet);
  const positions = headerPositions(table, columns, report);
  for (const column of columns) {
    if (column.required && !positions.has(column.name)) {
      report(1, column.name, `Verplichte kolom '${column.name}' ontbreekt in de kopregel (rij 1).`);
    }
  }
  const rows = table.rows
    .filter((source) => source.cells.some((cell) => cellText(cell) !== null))
    .map((source) => ({
      row: source.row,
      cell: (column: C): Cell => {
        const position = positions.get(column);
        return position === undefined ? null : (source.cells[position] ?? null);
      },
    }));
  return { sheet: table.sheet, report, has: (column) => positions.has(column), rows };
}

function headerPositions<C extends string>(
  table: Table,
  columns: readonly { name: C }[],
  report: Report,
): Map<C, number> {
  const known = new Map<string, C>(columns.map((column) => [column.name, column.name]));
  const positions = new Map<C, number>();
  table.header.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === null) {
      reportHeaderlessData(table, index, report);
      return;
    }
    const name = known.get(normaliseHeader(text));
    if (name === undefined) {
      const allowed = columns.map((column) => column.name).join(', ');
      report(1, text, `Onbekende kolom '${text}'; gebruik alleen de kolommen ${allowed}.`);
    } else if (positions.has(name)) {
      report(1, name, `De kolom '${name}' staat meer dan één keer in de kopregel.`);
    } else {
      positions.set(name, index);
    }
  });
  return positions;
}

// Data under an empty header would otherwise be dropped without a word.
function reportHeaderlessData(table: Table, index: number, report: Report): void {
  if (!table.rows.some((source) => cellText(source.cells[index] ?? null) !== null)) return;
  const letter = columnLetter(index + 1);
  report(1, letter, `Kolom ${letter} bevat gegevens maar heeft geen kopnaam in rij 1.`);
}

function normaliseHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function columnLetter(position: number): string {
  let letters = '';
  for (let rest = position; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** Reads and validates the cells of one row; every failure is reported with row and column. */
class RowReader<C extends string> {
  constructor(
    private readonly bound: BoundSheet<C>,
    private readonly source: SheetRow<C>,
  ) {}

  get row(): number {
    return this.source.row;
  }

  fail(column: string, message: string): void {
    this.bound.report(this.source.row, column, message);
  }

  filled(column: C): boolean {
    return cellText(this.source.cell(column)) !== null;
  }

  text(column: C, required: boolean): string | null {
    const text = cellText(this.source.cell(column));
    // Without the header the missing column is already reported once; repeating it per row is noise.
    if (text === null && required && this.bound.has(column)) this.fail(column, `Vul '${column}' in; deze cel is verplicht.`);
    return text;
  }

  parse<T>(column: C, required: boolean, parser: (cell: Cell) => T | null, problem: (shown: string) => string): T | null {
    const cell = this.source.cell(column);
    const shown = this.text(column, required);
    if (shown === null) return null;
    const value = parser(cell);
    if (value === null) this.fail(column, problem(shown));
    return value;
  }
}

function readerRows<C extends string>(bound: BoundSheet<C>): RowReader<C>[] {
  return bound.rows.map((source) => new RowReader(bound, source));
}

// ---------------------------------------------------------------------------------------------
// Cell value parsers (null = not valid)
// ---------------------------------------------------------------------------------------------

function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return isoDate(cell);
  const text = String(cell).trim();
  return text === '' ? null : text;
}

function parseLineNumber(cell: Cell): number | null {
  const text = cellText(cell) ?? '';
  const value = typeof cell === 'number' ? cell : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(value) && value >= 1 ? value : null;
}

function parseStatus(cell: Cell): ActivityStatus | null {
  const text = (cellText(cell) ?? '').toUpperCase();
  return STATUSES.find((status) => status === text) ?? null;
}

function parseTrack(cell: Cell): Track | null {
  const text = (cellText(cell) ?? '').toLowerCase();
  return TRACKS.find((track) => track === text) ?? null;
}

export function normaliseQuarter(text: string): string | null {
  const trimmed = text.trim();
  const yearFirst = /^(\d{4})\s*[-\s]\s*q([1-4])$/i.exec(trimmed);
  const quarterFirst = /^q([1-4])\s*[-\s]\s*(\d{4})$/i.exec(trimmed);
  if (yearFirst) return `${yearFirst[1]}-Q${yearFirst[2]}`;
  if (quarterFirst) return `${quarterFirst[2]}-Q${quarterFirst[1]}`;
  return null;
}

function parseQuarter(cell: Cell): string | null {
  return typeof cell === 'string' ? normaliseQuarter(cell) : null;
}

// Excel stores dates as UTC midnight serials and exceljs returns them as such, so the UTC fields
// are the calendar date the user typed, whatever the server's time zone.
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function parseDate(cell: Cell): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  const text = typeof cell === 'string' ? cell.trim() : '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (iso) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (dutch) return calendarDate(Number(dutch[3]), Number(dutch[2]), Number(dutch[1]));
  return null;
}

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? isoDate(date) : null;
}

function parseMonth(cell: Cell): string | null {
  if (cell instanceof Date) return isoDate(cell).slice(0, 7);
  const match = /^(\d{4})-(\d{1,2})$/.exec(typeof cell === 'string' ? cell.trim() : '');
  const month = Number(match?.[2]);
  return match && month >= 1 && month <= 12 ? `${match[1]}-${String(month).padStart(2, '0')}` : null;
}

// Amounts are parsed from their digits, never through a float, so '0,29' is 29 cents exactly.
// '12.500' is Dutch for twelve thousand five hundred; a dot is only a decimal point when one or
// two digits follow it ('12500.50', as English-language systems export).
export function parseEuroCents(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? Math.round(cell * 100) : null;
  if (typeof cell !== 'string') return null;
  const compact = cell.replace(/[€\s]/g, '').replace(/,-$/, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(compact) ?? /^(\d+)\.(\d{1,2})$/.exec(compact);
  if (!match) return null;
  const euros = Number((match[1] ?? '').replaceAll('.', ''));
  return euros * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

function parsePercent(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? cell : null;
  const text = typeof cell === 'string' ? cell.replace(/[%\s]/g, '') : '';
  return /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : null;
}

// ---------------------------------------------------------------------------------------------
// Assembling the programme
// ---------------------------------------------------------------------------------------------

// A missing Activiteiten sheet has been reported by the reader; the other sheets are still
// checked so that their problems show up in the same run.
function buildProgramme(tables: Map<string, Table>, issues: IssueLog, fallbackName: string | undefined): ProgrammeData {
  const activityTable = tables.get(SHEET_NAMES.activities);
  const lines = activityTable ? readActivities(bindSheet(activityTable, PROGRAMME_COLUMNS, issues)) : [];
  const letters = tables.get(SHEET_NAMES.letters);
  const settingsTable = tables.get(SHEET_NAMES.settings);
  const budgetTable = tables.get(SHEET_NAMES.budget);
  const settings = settingsTable ? readSettings(bindSheet(settingsTable, SETTINGS_COLUMNS, issues)) : {};
  return {
    name: settings.name ?? fallbackName ?? 'Programma',
    reportMonth: settings.reportMonth ?? currentMonth(),
    lines,
    councilLetters: letters ? readLetters(bindSheet(letters, LETTER_COLUMNS, issues)) : [],
    budget: {
      requestedTotalCents: settings.requestedTotalCents ?? 0,
      contingencyPercent: settings.contingencyPercent ?? 10,
      chapters: budgetTable ? readBudget(bindSheet(budgetTable, BUDGET_COLUMNS, issues)) : [],
    },
  };
}

function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

// --- Activities -------------------------------------------------------------------------------

type LineColumn = 'programmalijn' | 'spoor' | 'doelstelling' | 'toelichting' | 'resultaat_programmalijn';
const LINE_COLUMNS: readonly LineColumn[] = ['programmalijn', 'spoor', 'doelstelling', 'toelichting', 'resultaat_programmalijn'];

interface Agreed {
  value: string;
  row: number;
}

interface LineDraft {
  number: number;
  firstRow: number;
  /** Columns with any non-empty cell, valid or not, so an invalid value is not also "missing". */
  filled: Set<LineColumn>;
  values: Map<LineColumn, Agreed>;
  themes: Map<string, ThemeDraft>;
}

interface ThemeDraft {
  title: string;
  lineNumber: number;
  firstRow: number;
  resultFilled: boolean;
  result: Agreed | null;
  activities: ProgrammeActivityData[];
}

function readActivities(bound: BoundSheet<ActivityColumn>): ProgrammeLineData[] {
  const drafts = new Map<number, LineDraft>();
  const rows = readerRows(bound);
  if (rows.length === 0) bound.report(0, '', `Het tabblad '${bound.sheet}' bevat geen activiteiten.`);
  for (const reader of rows) readActivityRow(reader, drafts);
  return [...drafts.values()].map((draft) => finishLine(draft, bound));
}

function readActivityRow(reader: RowReader<ActivityColumn>, drafts: Map<number, LineDraft>): void {
  const number = reader.parse('programmalijn_nummer', true, parseLineNumber, PROBLEM.lineNumber);
  const line = number === null ? null : lineDraft(drafts, number, reader.row);
  if (line) mergeLineCells(reader, line);
  // An activity whose line is unreadable is still checked, so its own problems surface now too.
  const themeTitle = reader.text('thema', true);
  const theme = line && themeTitle !== null ? themeDraft(line, themeTitle, reader.row) : null;
  if (theme) mergeThemeResult(reader, theme);
  const activity = readActivity(reader);
  if (theme && activity) theme.activities.push(activity);
}

function lineDraft(drafts: Map<number, LineDraft>, number: number, row: number): LineDraft {
  const existing = drafts.get(number);
  if (existing) return existing;
  const draft: LineDraft = { number, firstRow: row, filled: new Set(), values: new Map(), themes: new Map() };
  drafts.set(number, draft);
  return draft;
}

function themeDraft(line: LineDraft, title: string, row: number): ThemeDraft {
  const existing = line.themes.get(title);
  if (existing) return existing;
  const draft: ThemeDraft = { title, lineNumber: line.number, firstRow: row, resultFilled: false, result: null, activities: [] };
  line.themes.set(title, draft);
  return draft;
}

function mergeLineCells(reader: RowReader<ActivityColumn>, line: LineDraft): void {
  for (const column of LINE_COLUMNS) {
    if (!reader.filled(column)) continue;
    line.filled.add(column);
    const value = column === 'spoor' ? reader.parse(column, false, parseTrack, PROBLEM.track) : reader.text(column, false);
    if (value === null) continue;
    const earlier = line.values.get(column);
    if (!earlier) line.values.set(column, { value, row: reader.row });
    else if (earlier.value !== value) reader.fail(column, conflictMessage(`Programmalijn ${line.number}`, column, earlier, value));
  }
}

function mergeThemeResult(reader: RowReader<ActivityColumn>, theme: ThemeDraft): void {
  const value = reader.text('resultaat_thema', false);
  if (value === null) return;
  theme.resultFilled = true;
  if (!theme.result) theme.result = { value, row: reader.row };
  else if (theme.result.value !== value) {
    const subject = `Thema '${shorten(theme.title)}' van programmalijn ${theme.lineNumber}`;
    reader.fail('resultaat_thema', conflictMessage(subject, 'resultaat_thema', theme.result, value));
  }
}

function conflictMessage(subject: string, column: string, earlier: Agreed, value: string): string {
  const clash = `${subject} heeft in rij ${earlier.row} als ${column} '${shorten(earlier.value)}', hier staat '${shorten(value)}'.`;
  return `${clash} Vul overal dezelfde waarde in of laat de cel leeg.`;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function readActivity(reader: RowReader<ActivityColumn>): ProgrammeActivityData | null {
  const text = reader.text('activiteit', true);
  const status = reader.parse('status', true, parseStatus, PROBLEM.status);
  const quarter = (column: ActivityColumn): string | null => reader.parse(column, false, parseQuarter, PROBLEM.quarter);
  const plannedQuarter = quarter('gepland_kwartaal');
  const doneQuarter = quarter('gereed_kwartaal');
  const replannedFrom = quarter('eerder_gepland_kwartaal');
  const note = reader.text('opmerking', false);
  if (status !== null && status !== 'AF' && reader.filled('gereed_kwartaal')) {
    const message = `Een activiteit met status ${status} heeft nog geen gereed_kwartaal; laat deze cel leeg of zet de status op AF.`;
    reader.fail('gereed_kwartaal', message);
  }
  if (text === null || status === null) return null;
  // Absent optional keys are left out, not set to undefined, so stored data compares cleanly.
  const extras = { ...(replannedFrom === null ? {} : { replannedFrom }), ...(note === null ? {} : { note }) };
  return { text, status, plannedQuarter, doneQuarter, ...extras };
}

const REQUIRED_LINE_FIELDS: readonly (readonly [LineColumn, string])[] = [
  ['programmalijn', 'titel (programmalijn)'],
  ['spoor', 'spoor'],
  ['doelstelling', 'doelstelling'],
  ['resultaat_programmalijn', 'resultaat (resultaat_programmalijn)'],
];

function finishLine(draft: LineDraft, bound: BoundSheet<ActivityColumn>): ProgrammeLineData {
  const value = (column: LineColumn): string => draft.values.get(column)?.value ?? '';
  for (const [column, label] of REQUIRED_LINE_FIELDS) {
    if (bound.has(column) && !draft.filled.has(column)) {
      const message = `Programmalijn ${draft.number} heeft geen ${label}; vul die in op ten minste één rij van deze programmalijn.`;
      bound.report(draft.firstRow, column, message);
    }
  }
  return {
    number: draft.number,
    title: value('programmalijn'),
    track: parseTrack(value('spoor')) ?? 'inhoud',
    objective: value('doelstelling'),
    explanation: value('toelichting'),
    result: value('resultaat_programmalijn'),
    themes: [...draft.themes.values()].map((theme) => finishTheme(theme, bound)),
  };
}

function finishTheme(draft: ThemeDraft, bound: BoundSheet<ActivityColumn>): ProgrammeThemeData {
  if (bound.has('resultaat_thema') && !draft.resultFilled) {
    const subject = `Thema '${shorten(draft.title)}' van programmalijn ${draft.lineNumber}`;
    const message = `${subject} heeft geen resultaat_thema; vul dat in op ten minste één rij van dit thema.`;
    bound.report(draft.firstRow, 'resultaat_thema', message);
  }
  return { title: draft.title, result: draft.result?.value ?? '', activities: draft.activities };
}

// --- Council letters, settings, budget --------------------------------------------------------

function readLetters(bound: BoundSheet<(typeof LETTER_COLUMNS)[number]['name']>): CouncilLetterData[] {
  const letters: CouncilLetterData[] = [];
  for (const reader of readerRows(bound)) {
    const date = reader.parse('datum', true, parseDate, PROBLEM.date);
    const dateEnd = reader.parse('datum_eind', false, parseDate, PROBLEM.date);
    const number = reader.text('kenmerk', false);
    const title = reader.text('titel', true);
    if (date !== null && dateEnd !== null && dateEnd < date) {
      reader.fail('datum_eind', `De einddatum ${dateEnd} ligt vóór de datum ${date}.`);
    }
    if (date !== null && title !== null) letters.push({ date, ...(dateEnd === null ? {} : { dateEnd }), number, title });
  }
  return letters;
}

interface Settings {
  name?: string;
  reportMonth?: string;
  requestedTotalCents?: number;
  contingencyPercent?: number;
}

type SettingsReader = RowReader<(typeof SETTINGS_COLUMNS)[number]['name']>;

// A Map rather than an object literal, so a veld like 'constructor' cannot hit Object.prototype.
const SETTING_PARSERS = new Map<string, (reader: SettingsReader) => Partial<Settings>>([
  ['naam', (reader) => optional('name', reader.text('waarde', false))],
  ['rapportmaand', (reader) => optional('reportMonth', reader.parse('waarde', false, parseMonth, PROBLEM.month))],
  [
    'gevraagd_budget_euro',
    (reader) => optional('requestedTotalCents', reader.parse('waarde', false, parseEuroCents, PROBLEM.amount)),
  ],
  [
    'onvoorzien_procent',
    (reader) => optional('contingencyPercent', reader.parse('waarde', false, parsePercent, PROBLEM.percent)),
  ],
]);

function optional<K extends keyof Settings>(key: K, value: Settings[K] | null): Partial<Settings> {
  return value === null ? {} : { [key]: value };
}

function readSettings(bound: BoundSheet<(typeof SETTINGS_COLUMNS)[number]['name']>): Settings {
  const settings: Settings = {};
  const seen = new Map<string, number>();
  for (const reader of readerRows(bound)) {
    const written = reader.text('veld', true);
    if (written === null) continue;
    const field = normaliseHeader(written);
    const parser = SETTING_PARSERS.get(field);
    const earlierRow = seen.get(field);
    if (!parser) reader.fail('veld', `Onbekend veld '${field}'; gebruik ${[...SETTING_PARSERS.keys()].join(', ')}.`);
    else if (earlierRow !== undefined) reader.fail('veld', `Het veld '${field}' staat al in rij ${earlierRow}.`);
    else Object.assign(settings, parser(reader));
    seen.set(field, earlierRow ?? reader.row);
  }
  return settings;
}

function readBudget(bound: BoundSheet<(typeof BUDGET_COLUMNS)[number]['name']>): ProgrammeBudgetChapterData[] {
  const chapters: ProgrammeBudgetChapterData[] = [];
  for (const reader of readerRows(bound)) {
    const chapter = reader.text('hoofdstuk', true);
    const amountCents = reader.parse('bedrag_euro', false, parseEuroCents, PROBLEM.amount);
    if (chapter !== null) chapters.push({ chapter, amountCents });
  }
  return chapters;
}

// ---------------------------------------------------------------------------------------------
// Writing workbooks
// ---------------------------------------------------------------------------------------------

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
