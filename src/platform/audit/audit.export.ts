// The auditor's search result as CSV (semicolons, UTF-8 with BOM, as Dutch Excel reads it) and as
// an Excel workbook (exceljs, as the other Koers exports). Dutch headers and date-times, employees
// by name.
import ExcelJS from 'exceljs';
import type { AuditSearchRecord } from './audit.search.js';

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** '2026-12-02T09:05:07Z' → '02-12-2026 10:05:07' (Amsterdam time). */
export function dutchDateTime(iso: string): string {
  const parts = Object.fromEntries(dateTime.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** 'toewijzing.wijziging-goedkeuren' → 'Toewijzing: wijziging goedkeuren'. */
export function actionLabel(name: string): string {
  const [object = name, ...verb] = name.split('.');
  const subject = object.charAt(0).toUpperCase() + object.slice(1);
  return verb.length > 0 ? `${subject}: ${verb.join(' ').replaceAll('-', ' ')}` : subject;
}

export const employeeName = (r: { actor: AuditSearchRecord['actor'] }): string => r.actor.displayName ?? r.actor.username ?? 'Koers (automatisch)';

const HEADERS = ['Tijdstip', 'Medewerker', 'Rollen', 'Inwoner', 'Handeling', 'Verwerkingsactiviteit', 'Grondslag', 'Resultaat', 'Trace-id', 'Record-id'];

function rowOf(r: AuditSearchRecord): string[] {
  return [
    dutchDateTime(r.startTime),
    employeeName(r),
    r.actor.roles.join(', '),
    r.residentName ?? (r.dataSubject.type === 'resident' ? 'onbekende inwoner' : ''),
    actionLabel(r.name),
    r.processingActivity.name,
    r.processingActivity.legalBasis,
    r.status === 'OK' ? 'Gelukt' : 'Geweigerd of mislukt',
    r.traceId,
    r.id,
  ];
}

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet does not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function auditRecordsToCsv(records: readonly AuditSearchRecord[]): string {
  const lines = [HEADERS, ...records.map(rowOf)].map((row) => row.map(cell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function auditRecordsToXlsx(records: readonly AuditSearchRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Koers';
  const sheet = workbook.addWorksheet('Verwerkingen');
  sheet.addRow(HEADERS);
  for (const r of records) sheet.addRow(rowOf(r));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  [20, 26, 18, 26, 30, 40, 40, 16, 34, 38].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
