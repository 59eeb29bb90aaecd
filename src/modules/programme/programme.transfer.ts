// Import and export of the programme in the web app: the same spreadsheet as `koers programme
// import/export`, checked in full first (the same issue list per sheet, row and column), then a
// summary of what the import would change, and only on confirmation loaded, all or nothing.
import type { Tx } from '../../db/tenancy.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { parseProgrammeFile } from './programme.import.js';
import { findCurrentProgramme } from './programme.repository.js';
import { getProgrammeOverview, loadProgramme, overviewToProgrammeData } from './programme.service.js';
import type { ImportIssue } from './programme.sheet.js';
import type { ProgrammeData } from './programme.types.js';
import { programmeToWorkbook } from './programme.workbook.js';

export interface ProgrammeCounts {
  lines: number;
  themes: number;
  activities: number;
  letters: number;
}

export interface ImportPreview {
  ok: true;
  name: string;
  reportMonth: string;
  current: ProgrammeCounts | null;
  next: ProgrammeCounts;
  added: string[];
  removed: string[];
  statusChanged: { text: string; from: string; to: string }[];
}

export type PreviewOutcome = ImportPreview | { ok: false; issues: ImportIssue[] };

/** Lists of activities in the preview are cut off here; the counts stay exact. */
const LIST_LIMIT = 50;

/** The file name the parser needs, from the upload's content type (or its first bytes). */
export function uploadFileName(contentType: string | undefined, content: Buffer): string {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'text/csv') return 'programma.csv';
  if (type === 'application/octet-stream') return content.subarray(0, 2).toString('latin1') === 'PK' ? 'programma.xlsx' : 'programma.csv';
  return 'programma.xlsx';
}

function countsOf(data: ProgrammeData): ProgrammeCounts {
  return {
    lines: data.lines.length,
    themes: data.lines.reduce((n, l) => n + l.themes.length, 0),
    activities: data.lines.reduce((n, l) => n + l.themes.reduce((m, t) => m + t.activities.length, 0), 0),
    letters: data.councilLetters.length,
  };
}

function activitiesOf(data: ProgrammeData): Map<string, { text: string; status: string }> {
  const byKey = new Map<string, { text: string; status: string }>();
  for (const line of data.lines)
    for (const theme of line.themes)
      for (const a of theme.activities) byKey.set(`${line.number}\u0000${theme.title}\u0000${a.text}`, { text: `${line.number}. ${theme.title}: ${a.text}`, status: a.status });
  return byKey;
}

async function currentData(tx: Tx): Promise<ProgrammeData | null> {
  return (await findCurrentProgramme(tx)) ? overviewToProgrammeData(await getProgrammeOverview(tx)) : null;
}

/** What an import of this file would change; nothing is written. */
export async function previewProgrammeImport(tx: Tx, input: { content: Buffer; fileName: string }): Promise<PreviewOutcome> {
  const parsed = await parseProgrammeFile(input.content, input.fileName);
  if (!parsed.ok) return parsed;
  const current = await currentData(tx);
  const before = current ? activitiesOf(current) : new Map<string, { text: string; status: string }>();
  const after = activitiesOf(parsed.data);
  const added = [...after].filter(([k]) => !before.has(k)).map(([, a]) => a.text);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, a]) => a.text);
  const statusChanged = [...after].flatMap(([k, a]) => {
    const was = before.get(k);
    return was && was.status !== a.status ? [{ text: a.text, from: was.status, to: a.status }] : [];
  });
  return {
    ok: true,
    name: parsed.data.name,
    reportMonth: parsed.data.reportMonth,
    current: current ? countsOf(current) : null,
    next: countsOf(parsed.data),
    added: added.slice(0, LIST_LIMIT),
    removed: removed.slice(0, LIST_LIMIT),
    statusChanged: statusChanged.slice(0, LIST_LIMIT),
  };
}

/** Loads the file in place of the current programme (which is kept as superseded); refused as a whole on any issue. */
export async function importProgrammeUpload(
  tx: Tx,
  input: { tenantId: string; content: Buffer; fileName: string; actor: string },
): Promise<ProgrammeCounts> {
  const parsed = await parseProgrammeFile(input.content, input.fileName);
  if (!parsed.ok) {
    const fields = parsed.issues.map((i) => ({ field: `${i.sheet || 'bestand'}, rij ${i.row}${i.column ? `, kolom '${i.column}'` : ''}`, message: i.message }));
    throw new AppError('VALIDATION_FAILED', `Niets geïmporteerd: ${parsed.issues.length} fout(en) in het bestand.`, fields);
  }
  await loadProgramme(tx, { tenantId: input.tenantId, data: parsed.data, replace: true, actor: input.actor });
  return countsOf(parsed.data);
}

/** The current programme as the import/export workbook. */
export async function exportProgrammeWorkbook(tx: Tx): Promise<{ content: Buffer; reportMonth: string }> {
  const data = await currentData(tx);
  if (!data) throw new AppError('NOT_FOUND', 'Deze gemeente heeft nog geen programma om te exporteren.');
  return { content: await programmeToWorkbook(data), reportMonth: data.reportMonth };
}

/** An upload without content is refused before it is parsed. */
export function requireUpload(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw validationFailed([{ field: 'bestand', message: 'Kies een Excel-bestand (.xlsx) of CSV-bestand om te importeren.' }]);
  return body;
}
