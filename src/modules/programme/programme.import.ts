// Importing a municipality's own programme from a spreadsheet (.xlsx or .csv): a parser that
// validates every row before anything is stored. The format is in programme.sheet.ts, the export
// and template in programme.workbook.ts and programme.template.ts. The parser never stops at the
// first problem: a policy officer fixing a 200-row sheet wants the whole list in one go, and an
// import that is all-or-nothing cannot leave a half-loaded programme behind.
import path from 'node:path';
import type {
  CouncilLetterData,
  ProgrammeActivityData,
  ProgrammeBudgetChapterData,
  ProgrammeData,
  ProgrammeLineData,
  ProgrammeThemeData,
} from './programme.types.js';
import { readCsv } from './programme.csv.js';
import {
  BUDGET_COLUMNS,
  LETTER_COLUMNS,
  PROGRAMME_COLUMNS,
  SETTINGS_COLUMNS,
  SHEET_NAMES,
  type ActivityColumn,
  type ImportResult,
  type Table,
} from './programme.sheet.js';
import {
  IssueLog,
  PROBLEM,
  bindSheet,
  normaliseHeader,
  parseDate,
  parseEuroCents,
  parseLineNumber,
  parseMonth,
  parsePercent,
  parseQuarter,
  parseStatus,
  parseTrack,
  readerRows,
  type BoundSheet,
  type RowReader,
} from './programme.validation.js';
import { readXlsx } from './programme.xlsx.js';

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
