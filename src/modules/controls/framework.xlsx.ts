// A control framework as an Excel workbook, both ways, as the programme import and the norm table do:
// the controller downloads a framework, adapts it (steps, risks, controls) and uploads it; the upload
// becomes a new version when the whole framework is valid. Every error names its sheet, row and column
// in Dutch, and on any error nothing is stored.

import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { Tx } from '../../db/tenancy.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { automatedControlIds } from './automated-control-ids.js';
import { controlFrequencies, controlKinds, impactTypes, ownerRoles, processLabels, roleOf, type ContentError, type ContentList, type ControlProcess, type FrameworkContent, type FrameworkControl } from './framework.model.js';
import { storeFrameworkVersion } from './framework.service.js';

export const SHEETS: Record<ContentList, string> = { steps: 'Stappen', risks: 'Risico\'s', controls: 'Maatregelen' };
/** Per sheet its columns: the header a user sees and the field of the model it fills. */
const COLUMNS: Record<ContentList, { header: string; field: string }[]> = {
  steps: [
    { header: 'Code', field: 'code' },
    { header: 'Naam', field: 'name' },
    { header: 'Volgt op (codes, gescheiden door komma)', field: 'follows' },
  ],
  risks: [
    { header: 'Code', field: 'code' },
    { header: 'Processtap (code)', field: 'stepCode' },
    { header: 'Omschrijving', field: 'description' },
  ],
  controls: [
    { header: 'Code', field: 'code' },
    { header: 'Risico (code)', field: 'riskCode' },
    { header: 'Omschrijving', field: 'description' },
    { header: 'Soort', field: 'kind' },
    { header: 'Frequentie', field: 'frequency' },
    { header: 'Eigenaar (rol)', field: 'owner' },
    { header: 'Getoetste norm', field: 'norm' },
    { header: 'Financiële impact', field: 'impactType' },
    { header: 'Geautomatiseerde controle', field: 'automatedControlId' },
  ],
};
const lists: ContentList[] = ['steps', 'risks', 'controls'];

export function frameworkFileName(process: ControlProcess, version: number): string {
  return `controlkader-${process}-v${version}.xlsx`;
}

export async function frameworkWorkbook(process: ControlProcess, version: number, content: FrameworkContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  const values: Record<ContentList, (string | null)[][]> = {
    steps: content.steps.map((s) => [s.code, s.name, s.follows.join(', ')]),
    risks: content.risks.map((r) => [r.code, r.stepCode, r.description]),
    controls: content.controls.map((c) => [c.code, c.riskCode, c.description, c.kind, c.frequency, c.owner, c.norm, c.impactType, c.automatedControlId]),
  };
  for (const list of lists) {
    const sheet = workbook.addWorksheet(SHEETS[list]);
    sheet.addRow(COLUMNS[list].map((c) => c.header));
    for (const row of values[list]) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column, i) => (column.width = i === 0 ? 16 : 40));
  }
  const help = workbook.addWorksheet('Toelichting');
  for (const line of [
    `Controlkader ${processLabels[process]}, versie ${version}, uit Koers. Laden maakt er een nieuwe versie van; bij een fout wordt niets geladen.`,
    `${SHEETS.steps}: de processtappen in volgorde; "Volgt op" noemt de code(s) van de stap(pen) ervoor. Een kring van stappen wordt geweigerd.`,
    `${SHEETS.risks}: de risico's per processtap. ${SHEETS.controls}: per risico een of meer beheersmaatregelen.`,
    `Soort: ${controlKinds.join(', ')}. Frequentie: ${controlFrequencies.join(', ')}. Financiële impact: ${impactTypes.join(', ')}.`,
    `Eigenaar: een rol van Koers: ${ownerRoles.join(', ')}.`,
    `Geautomatiseerde controle (leeg bij een handmatige maatregel): ${automatedControlIds.join(', ')}.`,
  ])
    help.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function plain(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('result' in value) return plain((value.result ?? null) as CellValue);
  if ('text' in value) return String(value.text).trim();
  return '';
}

interface SheetRow {
  row: number;
  cells: string[];
}
function rowsOf(sheet: Worksheet, width: number): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value));
    if (cells.some((c) => c !== '')) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

const columnLetter = (column: number) => String.fromCharCode(64 + column);

/** A validator error at its cell: "Werkblad Maatregelen, rij 4, kolom F (Eigenaar (rol)): …". */
function located(error: ContentError, rows: Record<ContentList, SheetRow[]>): FieldError {
  const sheet = SHEETS[error.list];
  const row = rows[error.list][error.index];
  if (!row) return { field: sheet, message: `Werkblad ${sheet}: ${error.message}` };
  const column = Math.max(0, COLUMNS[error.list].findIndex((c) => c.field === error.field)) + 1;
  return {
    field: `${sheet}!${columnLetter(column)}${row.row}`,
    message: `Werkblad ${sheet}, rij ${row.row}, kolom ${columnLetter(column)} (${COLUMNS[error.list][column - 1]!.header}): ${error.message}`,
  };
}

/** The framework a workbook holds, with the rows its items came from; values are judged by checkFramework. */
export async function readFrameworkWorkbook(content: Buffer): Promise<{ content: FrameworkContent; rows: Record<ContentList, SheetRow[]> }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch {
    throw validationFailed([{ field: 'bestand', message: 'Het bestand kon niet als Excel-werkmap (.xlsx) worden gelezen; sla het opnieuw op als .xlsx.' }]);
  }
  const sheetOf = (name: string) => workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  const missing = lists.filter((l) => !sheetOf(SHEETS[l]));
  if (missing.length > 0) throw validationFailed(missing.map((l) => ({ field: SHEETS[l], message: `Het werkblad '${SHEETS[l]}' ontbreekt in de werkmap.` })));
  const rows = Object.fromEntries(lists.map((l) => [l, rowsOf(sheetOf(SHEETS[l])!, COLUMNS[l].length)])) as Record<ContentList, SheetRow[]>;
  const lower = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  return {
    rows,
    content: {
      steps: rows.steps.map(({ cells: [code, name, follows] }) => ({
        code: code!,
        name: name!,
        follows: follows!
          .split(/[,;]/)
          .map((f) => f.trim())
          .filter((f) => f !== ''),
      })),
      risks: rows.risks.map(({ cells: [code, stepCode, description] }) => ({ code: code!, stepCode: stepCode!, description: description! })),
      controls: rows.controls.map(({ cells: [code, riskCode, description, kind, frequency, owner, norm, impactType, automated] }) => ({
        code: code!,
        riskCode: riskCode!,
        description: description!,
        kind: lower(kind!) as FrameworkControl['kind'],
        frequency: lower(frequency!) as FrameworkControl['frequency'],
        owner: roleOf(owner!) ?? owner!,
        norm: norm!,
        impactType: lower(impactType!) as FrameworkControl['impactType'],
        automatedControlId: automated === '' ? null : automated!,
      })),
    },
  };
}

/** Loads an uploaded workbook as a new version of the process's framework; on any error nothing is stored. */
export async function importFrameworkWorkbook(tx: Tx, ctx: Actor, options: { process: ControlProcess; content: Buffer; note: string }) {
  const read = await readFrameworkWorkbook(options.content);
  return storeFrameworkVersion(tx, ctx, { process: options.process, content: read.content, note: options.note, action: 'Geladen uit Excel' }, (errors) => errors.map((e) => located(e, read.rows)));
}
