// The arrears file of early signalling (vroegsignalering): CSV in one documented shape (docs/debt-help.md),
// read strictly. Every problem is reported with its row (the header is row 1) and column, in Dutch; the
// caller imports nothing when there is any. Pure: no database.

import { creditorKinds, type CreditorKind } from './debt.tables.js';

export const ARREARS_COLUMNS = ['bron', 'soort_schuldeiser', 'postcode', 'huisnummer', 'huisnummer_toevoeging', 'achterstand_euro', 'maanden_achterstand', 'peildatum'] as const;
export type ArrearsColumn = (typeof ARREARS_COLUMNS)[number];

/** The most rows one file may hold (the request body holds at most 1 MB, about 12,000 rows). */
export const MAX_ARREARS_ROWS = 10_000;

export interface ArrearsRow {
  row: number;
  source: string;
  creditorKind: CreditorKind;
  /** Without the space, upper case: `6211AB`. */
  postcode: string;
  houseNumber: number;
  /** House letter and addition as written, upper case, without spaces or dashes; '' when none. */
  addition: string;
  amountCents: number;
  months: number;
  referenceDate: string;
}

export interface ArrearsIssue {
  row: number;
  /** The column's name in the file; '' when the issue is about the whole row or file. */
  column: ArrearsColumn | '';
  message: string;
}

export type ArrearsParse = { ok: true; rows: ArrearsRow[] } | { ok: false; issues: ArrearsIssue[] };

/** Splits CSV text (RFC 4180 quoting, `;` or `,`) into records; reports an unclosed quote. */
export function splitCsv(text: string): { records: string[][]; unclosedAt: number | null } {
  const headerLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const separator = headerLine.split(';').length >= headerLine.split(',').length ? ';' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteStart: number | null = null;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c !== '"') field += c;
      else if (text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        quoteStart = null;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteStart = records.length + 1;
    } else if (c === separator) {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      endRecord();
    } else field += c;
  }
  if (field !== '' || record.length > 0) endRecord();
  return { records, unclosedAt: quoted ? quoteStart : null };
}

/** UTF-8 (with or without BOM), or Windows-1252 as plain "CSV" from Dutch Excel writes it. */
export function decodeCsv(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

const POSTCODE = /^([1-9][0-9]{3}) ?([A-Za-z]{2})$/;
const AMOUNT = /^([0-9]{1,9})(?:[.,]([0-9]{1,2}))?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DUTCH_DATE = /^(\d{1,2})-(\d{1,2})-(\d{4})$/;

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2999) return null;
  return date.toISOString().slice(0, 10);
}

function parseDate(value: string): string | null {
  const iso = ISO_DATE.exec(value);
  if (iso) return realDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const nl = DUTCH_DATE.exec(value);
  if (nl) return realDate(Number(nl[3]), Number(nl[2]), Number(nl[1]));
  return null;
}

/**
 * Reads an arrears file. `today` bounds the reference date (peildatum), which may not lie in the future.
 * Duplicate rows (same source, kind of creditor and address) are refused: a file has one row per
 * household and creditor.
 */
export function parseArrearsCsv(text: string, today: string): ArrearsParse {
  const issues: ArrearsIssue[] = [];
  const { records, unclosedAt } = splitCsv(text);
  if (unclosedAt !== null) return { ok: false, issues: [{ row: unclosedAt, column: '', message: 'Een veld tussen aanhalingstekens (") wordt niet afgesloten. Controleer de aanhalingstekens vanaf deze rij.' }] };
  const [header = [], ...body] = records;
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = ARREARS_COLUMNS.filter((c) => !names.includes(c));
  const extra = names.filter((n) => n !== '' && !(ARREARS_COLUMNS as readonly string[]).includes(n));
  if (missing.length > 0 || extra.length > 0) {
    const parts = [];
    if (missing.length > 0) parts.push(`deze kolommen ontbreken: ${missing.join(', ')}`);
    if (extra.length > 0) parts.push(`deze kolommen kennen we niet: ${extra.join(', ')}`);
    return { ok: false, issues: [{ row: 1, column: '', message: `De kopregel klopt niet: ${parts.join('; ')}. Verwacht: ${ARREARS_COLUMNS.join(';')}.` }] };
  }
  const index = new Map(ARREARS_COLUMNS.map((c) => [c, names.indexOf(c)]));
  const rows: ArrearsRow[] = [];
  const seen = new Map<string, number>();
  const dataRows = body.map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (dataRows.length === 0) return { ok: false, issues: [{ row: 2, column: '', message: 'Het bestand bevat geen regels met achterstanden.' }] };
  if (dataRows.length > MAX_ARREARS_ROWS) return { ok: false, issues: [{ row: MAX_ARREARS_ROWS + 2, column: '', message: `Het bestand heeft meer dan ${MAX_ARREARS_ROWS} regels. Splits het in kleinere bestanden.` }] };
  for (const { row, cells } of dataRows) {
    if (cells.length !== header.length) {
      issues.push({ row, column: '', message: `Deze rij heeft ${cells.length} kolommen in plaats van ${header.length}. Controleer de scheidingstekens (;).` });
      continue;
    }
    const cell = (c: ArrearsColumn) => (cells[index.get(c)!] ?? '').trim();
    const fail = (column: ArrearsColumn, message: string) => issues.push({ row, column, message });
    const rowIssues = issues.length;

    const source = cell('bron');
    if (source === '') fail('bron', 'Vul de bron in (de naam van de schuldeiser).');
    else if (source.length > 200) fail('bron', 'De bron is langer dan 200 tekens.');

    const kind = cell('soort_schuldeiser').toLowerCase();
    if (!(creditorKinds as readonly string[]).includes(kind)) fail('soort_schuldeiser', `Onbekende soort schuldeiser ‘${cell('soort_schuldeiser')}’. Kies uit: ${creditorKinds.join(', ')}.`);

    const postcode = POSTCODE.exec(cell('postcode'));
    if (!postcode) fail('postcode', `Ongeldige postcode ‘${cell('postcode')}’. Gebruik vier cijfers en twee letters, bijvoorbeeld 6211 AB.`);

    const houseNumberText = cell('huisnummer');
    const houseNumber = /^[0-9]{1,5}$/.test(houseNumberText) ? Number(houseNumberText) : NaN;
    if (!(houseNumber >= 1)) fail('huisnummer', `Ongeldig huisnummer ‘${houseNumberText}’. Gebruik alleen cijfers (de letter of toevoeging in huisnummer_toevoeging).`);

    const addition = cell('huisnummer_toevoeging').replace(/[\s-]/g, '').toUpperCase();
    if (!/^[A-Z0-9]{0,6}$/.test(addition)) fail('huisnummer_toevoeging', `Ongeldige toevoeging ‘${cell('huisnummer_toevoeging')}’. Gebruik letters en cijfers, hoogstens 6.`);

    const amount = AMOUNT.exec(cell('achterstand_euro'));
    const amountCents = amount ? Number(amount[1]) * 100 + Number((amount[2] ?? '0').padEnd(2, '0')) : NaN;
    if (!amount) fail('achterstand_euro', `Ongeldig bedrag ‘${cell('achterstand_euro')}’. Gebruik een bedrag in euro zonder punt voor duizendtallen, bijvoorbeeld 1250,50.`);
    else if (amountCents <= 0) fail('achterstand_euro', 'Het bedrag van de achterstand moet groter zijn dan 0.');

    const monthsText = cell('maanden_achterstand');
    const months = /^[0-9]{1,3}$/.test(monthsText) ? Number(monthsText) : NaN;
    if (!(months >= 1 && months <= 120)) fail('maanden_achterstand', `Ongeldig aantal maanden ‘${monthsText}’. Gebruik een heel getal van 1 tot en met 120.`);

    const referenceDate = parseDate(cell('peildatum'));
    if (referenceDate === null) fail('peildatum', `Ongeldige peildatum ‘${cell('peildatum')}’. Gebruik jjjj-mm-dd of dd-mm-jjjj.`);
    else if (referenceDate > today) fail('peildatum', 'De peildatum ligt in de toekomst.');

    if (issues.length > rowIssues) continue;
    const normalPostcode = `${postcode![1]}${postcode![2]!.toUpperCase()}`;
    const key = `${source.toLowerCase()}|${kind}|${normalPostcode}|${houseNumber}|${addition}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({ row, column: '', message: `Deze rij staat al in het bestand (rij ${earlier}): één rij per huishouden en schuldeiser.` });
      continue;
    }
    seen.set(key, row);
    rows.push({ row, source, creditorKind: kind as CreditorKind, postcode: normalPostcode, houseNumber, addition, amountCents, months, referenceDate: referenceDate! });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
