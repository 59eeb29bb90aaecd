// Reading an Excel workbook (.xlsx) into the programme sheets' tables.
import ExcelJS from 'exceljs';
import type { CellValue, Row, Worksheet } from 'exceljs';
import { SHEET_NAMES, type Cell, type Table } from './programme.sheet.js';
import type { IssueLog } from './programme.validation.js';

export async function readXlsx(content: Buffer, issues: IssueLog): Promise<Map<string, Table>> {
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
