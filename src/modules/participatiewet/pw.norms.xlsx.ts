// The norm table as an Excel workbook, both ways: the administrator downloads the current table, adds the
// rows of a new half year (and, on 1 January, the asset limits of the new year) and uploads it. Rows of
// periods and years already in the table must be unchanged; the new ones become a new version through
// addNormVersion, so the same validator judges them. Every error names its sheet, row and column, and on
// any error nothing is stored.

import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import type { Tx } from '../../db/tenancy.js';
import { AppError, validationFailed, type FieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import type { AssetLimits, NormPeriod, NormTable } from './pw.norms.data.js';
import { addNormVersion, currentNormTable } from './pw.norms.service.js';

export const SHEETS = { periods: 'Perioden', norms: 'Normen', assets: 'Vermogensgrenzen' } as const;
const PERIOD_COLUMNS = ['Periode', 'Geldig vanaf', 'Geldig tot en met', 'Bron'];
const NORM_COLUMNS = ['Periode', 'Leefvorm', 'Per maand incl. vakantietoeslag (euro)', 'Per maand excl. vakantietoeslag (euro)'];
const ASSET_FIELDS = ['alleenstaandeCents', 'alleenstaandeOuderCents', 'gehuwdenCents', 'eigenWoningCents'] as const;
const ASSET_COLUMNS = ['Jaar', 'Alleenstaande (euro)', 'Alleenstaande ouder (euro)', 'Gehuwden (euro)', 'Eigen woning (euro)', 'Bron'];

const euros = (cents: number) => cents / 100;

export async function normTableWorkbook(table: NormTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  const periods = workbook.addWorksheet(SHEETS.periods);
  periods.addRow(PERIOD_COLUMNS);
  for (const p of table.periods) periods.addRow([p.id, p.validFrom, p.validUntil, p.source]);
  const norms = workbook.addWorksheet(SHEETS.norms);
  norms.addRow(NORM_COLUMNS);
  for (const p of table.periods) for (const [key, amount] of Object.entries(p.norms)) norms.addRow([p.id, key, euros(amount.inclVtCents), euros(amount.exclVtCents)]);
  const assets = workbook.addWorksheet(SHEETS.assets);
  assets.addRow(ASSET_COLUMNS);
  for (const a of table.assetLimits) assets.addRow([a.year, ...ASSET_FIELDS.map((f) => euros(a[f])), a.source]);
  for (const sheet of [periods, norms, assets]) {
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column) => (column.width = 24));
  }
  const help = workbook.addWorksheet('Toelichting');
  for (const line of [
    'Bijstandsnormen (Participatiewet) van Koers. Voeg een half jaar toe door onderaan de werkbladen Perioden en Normen rijen toe te voegen',
    '(en op 1 januari een rij in Vermogensgrenzen). Bestaande rijen kunnen niet worden gewijzigd. Bedragen in euro per maand, datums als jjjj-mm-dd.',
    'De overige bedragen van een nieuwe periode (aandeel vakantietoeslag, kostendelers, AOW-leeftijd, vrijlatingen) worden overgenomen uit de laatste periode.',
  ]) help.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface Location {
  sheet: string;
  row: number;
  column: number;
}
const columnLetter = (column: number) => String.fromCharCode(64 + column);
const at = (l: Location, message: string, header: string[]): FieldError => ({
  field: `${l.sheet}!${columnLetter(l.column)}${l.row}`,
  message: `Werkblad ${l.sheet}, rij ${l.row}, kolom ${columnLetter(l.column)} (${header[l.column - 1] ?? ''}): ${message}`,
});
const headers: Record<string, string[]> = { [SHEETS.periods]: PERIOD_COLUMNS, [SHEETS.norms]: NORM_COLUMNS, [SHEETS.assets]: ASSET_COLUMNS };
const errorAt = (l: Location, message: string) => at(l, message, headers[l.sheet] ?? []);

function plain(value: CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'string') return typeof value === 'string' ? value.trim() : value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('result' in value) return plain((value.result ?? null) as CellValue);
  if ('text' in value) return String(value.text).trim();
  return null;
}

interface SheetRow {
  row: number;
  cells: (string | number | null)[];
}
function rowsOf(sheet: Worksheet | undefined, width: number): SheetRow[] {
  const rows: SheetRow[] = [];
  sheet?.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = Array.from({ length: width }, (_, i) => plain(row.getCell(i + 1).value));
    if (cells.some((c) => c !== null && c !== '')) rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** An amount in euros (a number, or text such as 1.369,06) → cents; null when it is none. */
function cents(value: string | number | null): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 ? Math.round(value * 100) : null;
  if (typeof value !== 'string') return null;
  const s = value.replace(/[€\s\u00a0]/g, '');
  const dutch = /^\d{1,3}(\.\d{3})*(,\d{1,2})?$/.test(s) || /^\d+(,\d{1,2})?$/.test(s);
  const text = dutch ? s.replace(/\./g, '').replace(',', '.') : /^\d+\.\d{1,2}$/.test(s) ? s : null;
  return text === null ? null : Math.round(Number(text) * 100);
}

const text = (value: string | number | null) => (value === null ? '' : String(value));

/**
 * Reads an uploaded workbook and adds its new half years as a new version. Every error is reported with
 * sheet, row and column; on any error nothing is stored.
 */
export async function importNormWorkbook(tx: Tx, ctx: Actor, options: { content: Buffer; note: string }) {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(options.content).buffer);
  } catch {
    throw validationFailed([{ field: 'bestand', message: 'Het bestand kon niet als Excel-werkmap (.xlsx) worden gelezen; sla het opnieuw op als .xlsx.' }]);
  }
  const sheet = (name: string) => workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  const errors: FieldError[] = [];
  for (const name of Object.values(SHEETS)) if (!sheet(name)) errors.push({ field: name, message: `Het werkblad '${name}' ontbreekt in de werkmap.` });
  if (errors.length > 0) throw validationFailed(errors);

  const current = await currentNormTable(tx, ctx.tenantId);
  const last = current.periods.at(-1)!;
  const known = new Map(current.periods.map((p) => [p.id, p]));
  const where = new Map<string, Location>();
  const newPeriods: NormPeriod[] = [];

  for (const r of rowsOf(sheet(SHEETS.periods), PERIOD_COLUMNS.length)) {
    const [id, validFrom, validUntil, source] = r.cells.map(text) as [string, string, string, string];
    const loc = (column: number): Location => ({ sheet: SHEETS.periods, row: r.row, column });
    const old = known.get(id);
    if (old) {
      if (old.validFrom !== validFrom || old.validUntil !== validUntil || old.source !== source) {
        errors.push(errorAt(loc(old.validFrom !== validFrom ? 2 : old.validUntil !== validUntil ? 3 : 4), `Periode ${id} is al vastgesteld en kan niet worden gewijzigd; voeg een nieuwe periode toe.`));
      }
      continue;
    }
    const i = newPeriods.length;
    newPeriods.push({ ...last, id, validFrom, validUntil, source, norms: {} as NormPeriod['norms'] });
    where.set(`periods[${i}]`, loc(1)).set(`periods[${i}].id`, loc(1)).set(`periods[${i}].validFrom`, loc(2)).set(`periods[${i}].validUntil`, loc(3)).set(`periods[${i}].source`, loc(4));
  }

  const newById = new Map(newPeriods.map((p, i) => [p.id, { period: p, index: i }]));
  for (const r of rowsOf(sheet(SHEETS.norms), NORM_COLUMNS.length)) {
    const id = text(r.cells[0] ?? null);
    const key = text(r.cells[1] ?? null);
    const loc = (column: number): Location => ({ sheet: SHEETS.norms, row: r.row, column });
    const incl = cents(r.cells[2] ?? null);
    const excl = cents(r.cells[3] ?? null);
    if (incl === null) errors.push(errorAt(loc(3), `vul een bedrag in euro in, bijvoorbeeld 1369,06 (nu '${text(r.cells[2] ?? null)}').`));
    if (excl === null) errors.push(errorAt(loc(4), `vul een bedrag in euro in, bijvoorbeeld 1300,61 (nu '${text(r.cells[3] ?? null)}').`));
    const old = known.get(id);
    if (old) {
      const stored = (old.norms as Partial<Record<string, { inclVtCents: number; exclVtCents: number }>>)[key];
      if (!stored || (incl !== null && incl !== stored.inclVtCents) || (excl !== null && excl !== stored.exclVtCents)) {
        errors.push(errorAt(loc(stored && incl === stored.inclVtCents ? 4 : 3), `de norm van ${id} (${key}) is al vastgesteld en kan niet worden gewijzigd; voeg een nieuwe periode toe.`));
      }
      continue;
    }
    const added = newById.get(id);
    if (!added) {
      errors.push(errorAt(loc(1), `periode '${id}' staat niet in het werkblad ${SHEETS.periods}.`));
      continue;
    }
    const norms = added.period.norms as Record<string, NormPeriod['norms'][keyof NormPeriod['norms']]>;
    if (norms[key]) errors.push(errorAt(loc(2), `leefvorm '${key}' staat twee keer in periode ${id}.`));
    norms[key] = { inclVtCents: incl ?? 0, exclVtCents: excl ?? 0, status: 'V' };
    const base = `periods[${added.index}].norms.${key}`;
    where.set(base, loc(2)).set(`${base}.inclVtCents`, loc(3)).set(`${base}.exclVtCents`, loc(4));
  }

  const knownYears = new Map(current.assetLimits.map((a) => [a.year, a]));
  const newAssets: AssetLimits[] = [];
  for (const r of rowsOf(sheet(SHEETS.assets), ASSET_COLUMNS.length)) {
    const loc = (column: number): Location => ({ sheet: SHEETS.assets, row: r.row, column });
    const year = typeof r.cells[0] === 'number' ? r.cells[0] : Number(text(r.cells[0] ?? null));
    if (!Number.isInteger(year)) {
      errors.push(errorAt(loc(1), `'${text(r.cells[0] ?? null)}' is geen jaartal.`));
      continue;
    }
    const amounts = ASSET_FIELDS.map((_, i) => cents(r.cells[i + 1] ?? null));
    amounts.forEach((a, i) => {
      if (a === null) errors.push(errorAt(loc(i + 2), `vul een bedrag in euro in (nu '${text(r.cells[i + 1] ?? null)}').`));
    });
    const old = knownYears.get(year);
    if (old) {
      const changed = ASSET_FIELDS.findIndex((f, i) => amounts[i] !== null && amounts[i] !== old[f]);
      if (changed >= 0) errors.push(errorAt(loc(changed + 2), `de vermogensgrenzen van ${year} zijn al vastgesteld en kunnen niet worden gewijzigd.`));
      continue;
    }
    const j = newAssets.length;
    const [alleenstaandeCents, alleenstaandeOuderCents, gehuwdenCents, eigenWoningCents] = amounts.map((a) => a ?? 0) as [number, number, number, number];
    newAssets.push({ year, validFrom: `${year}-01-01`, validUntil: `${year}-12-31`, alleenstaandeCents, alleenstaandeOuderCents, gehuwdenCents, eigenWoningCents, status: 'V', source: text(r.cells[5] ?? null) });
    where.set(`assetLimits[${j}]`, loc(1)).set(`assetLimits[${j}].validFrom`, loc(1));
    ASSET_FIELDS.forEach((f, i) => where.set(`assetLimits[${j}].${f}`, loc(i + 2)));
  }
  if (newPeriods.length === 0 && errors.length === 0) errors.push({ field: SHEETS.periods, message: `Werkblad ${SHEETS.periods}: er staat geen nieuwe periode in; voeg onderaan een rij toe.` });
  if (errors.length > 0) throw validationFailed(errors);

  try {
    return await addNormVersion(tx, ctx, { note: options.note, periods: newPeriods, assetLimits: newAssets });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    throw validationFailed(
      error.fields.map((f) => {
        // The nearest known cell: a field of a period's parameter (copied from the last period) points at the period's row.
        let path = f.field;
        while (path && !where.has(path)) path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
        const loc = where.get(path);
        if (loc) return errorAt(loc, f.message);
        const missingNorm = /^periods\[\d+\]\.norms\./.test(f.field);
        return { field: missingNorm ? SHEETS.norms : f.field, message: missingNorm ? `Werkblad ${SHEETS.norms}: ${f.message}` : f.message };
      }),
    );
  }
}
