// Reading a CSV file (the Activiteiten sheet only) into a table: the encoding and separator Dutch
// Excel writes, and RFC 4180 quoting.
import { SHEET_NAMES, type Table } from './programme.sheet.js';
import type { IssueLog } from './programme.validation.js';

export function readCsv(content: Buffer, issues: IssueLog): Map<string, Table> {
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
