// Reading a sheet's cells with validation: the issue log that collects every problem with sheet,
// row and column, the binding of a table's header to its column definitions, a row reader that
// reports each invalid cell, and the parsers of cell values (null = not valid).
import type { ActivityStatus, Track } from './programme.types.js';
import {
  QUARTER_FORMS,
  SHEET_ORDER,
  STATUSES,
  TRACKS,
  columnLetter,
  type Cell,
  type ImportIssue,
  type Table,
} from './programme.sheet.js';

// One wording per kind of invalid value, so the same mistake reads the same on every sheet.
export const PROBLEM = {
  lineNumber: (shown: string) => `'${shown}' is geen geldig programmalijnnummer; vul een geheel getal van 1 of hoger in.`,
  track: (shown: string) => `'${shown}' is geen geldig spoor; kies inhoud, organisatie of bedrijfsvoering.`,
  status: (shown: string) => `'${shown}' is geen geldige status; kies AF, LOOPT of NIEUW.`,
  quarter: (shown: string) => `'${shown}' is geen geldig kwartaal; gebruik bijvoorbeeld ${QUARTER_FORMS}.`,
  date: (shown: string) => `'${shown}' is geen geldige datum; gebruik jjjj-mm-dd (2021-03-16) of dd-mm-jjjj (16-03-2021).`,
  month: (shown: string) => `'${shown}' is geen geldige rapportmaand; gebruik jjjj-mm, bijvoorbeeld 2023-05.`,
  amount: (shown: string) => `'${shown}' is geen geldig bedrag; gebruik bijvoorbeeld 12500, 12.500,00 of 12500,50.`,
  percent: (shown: string) => `'${shown}' is geen geldig percentage; vul een getal in, bijvoorbeeld 10 of 7,5.`,
} as const;

export type Report = (row: number, column: string, message: string) => void;

export class IssueLog {
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

export interface SheetRow<C extends string> {
  row: number;
  cell(column: C): Cell;
}

export interface BoundSheet<C extends string> {
  sheet: string;
  report: Report;
  has(column: C): boolean;
  rows: SheetRow<C>[];
}

export function bindSheet<C extends string>(
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

export function normaliseHeader(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Reads and validates the cells of one row; every failure is reported with row and column. */
export class RowReader<C extends string> {
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

export function readerRows<C extends string>(bound: BoundSheet<C>): RowReader<C>[] {
  return bound.rows.map((source) => new RowReader(bound, source));
}

export function cellText(cell: Cell): string | null {
  if (cell === null) return null;
  if (cell instanceof Date) return isoDate(cell);
  const text = String(cell).trim();
  return text === '' ? null : text;
}

export function parseLineNumber(cell: Cell): number | null {
  const text = cellText(cell) ?? '';
  const value = typeof cell === 'number' ? cell : /^\d+$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(value) && value >= 1 ? value : null;
}

export function parseStatus(cell: Cell): ActivityStatus | null {
  const text = (cellText(cell) ?? '').toUpperCase();
  return STATUSES.find((status) => status === text) ?? null;
}

export function parseTrack(cell: Cell): Track | null {
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

export function parseQuarter(cell: Cell): string | null {
  return typeof cell === 'string' ? normaliseQuarter(cell) : null;
}

// Excel stores dates as UTC midnight serials and exceljs returns them as such, so the UTC fields
// are the calendar date the user typed, whatever the server's time zone.
function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function parseDate(cell: Cell): string | null {
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

export function parseMonth(cell: Cell): string | null {
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

export function parsePercent(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? cell : null;
  const text = typeof cell === 'string' ? cell.replace(/[%\s]/g, '') : '';
  return /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : null;
}
