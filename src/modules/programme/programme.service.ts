import { groupBy } from '../../platform/collections.js';
import { currentMonthInAmsterdam, startOfDayInAmsterdam } from '../../platform/time.js';
import type { Tx } from '../../db/tenancy.js';
import type { ActivityField } from './programme.tables.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import type { ActivityStatus, ProgrammeActivityData, ProgrammeData, Track } from './programme.types.js';
import { parseProgrammeFile } from './programme.import.js';
import type { ImportIssue } from './programme.sheet.js';
import {
  countLetters,
  listActivityLetterLinks,
  replaceActivityLetters,
  supersedeCurrentProgramme,
  findActivityRow,
  findCurrentProgramme,
  insertChanges,
  listActivityChanges,
  listActivityRows,
  listBudgetChapters,
  listChanges,
  listLetters,
  listLines,
  listThemes,
  lockActivityRow,
  updateActivityRow,
} from './programme.repository.js';
import { activityStateAt, budgetSummary, compareQuarters, isMonth, statusBulletText, type ActivityState, type BudgetSummary } from './programme.report.js';

export interface ActivityView extends ActivityState {
  id: string;
  line: number;
  lineTitle: string;
  theme: string;
  text: string;
  note: string | null;
  owner: string | null;
  /** The report's "stand van zaken" bullet for this month. */
  bullet: string;
  /** Council information letters linked to this activity. */
  letterIds: string[];
}

export interface ProgrammeOverview {
  id: string;
  name: string;
  reportMonth: string;
  month: string;
  lines: {
    id: string;
    number: number;
    title: string;
    track: string;
    objective: string;
    explanation: string;
    result: string;
    themes: { id: string; title: string; result: string; activities: ActivityView[] }[];
  }[];
  councilLetters: { id: string; date: string; dateEnd: string | null; number: string | null; title: string }[];
  budget: BudgetSummary;
}

export interface LineSummary {
  line: number;
  title: string;
  themes: number;
  activities: number;
  AF: number;
  LOOPT: number;
  NIEUW: number;
  slipped: number;
  overdue: number;
}

const noProgramme = () => new AppError('NOT_FOUND', 'Er is voor deze gemeente nog geen programma geladen.');

const currentMonth = currentMonthInAmsterdam;

/** The whole programme as it stood at the end of `month` (default: now). */
export async function getProgrammeOverview(tx: Tx, input: { month?: string } = {}): Promise<ProgrammeOverview> {
  const programme = await findCurrentProgramme(tx);
  if (!programme) throw noProgramme();
  const month = input.month ?? currentMonth();
  if (!isMonth(month)) throw new AppError('VALIDATION_FAILED', 'Ongeldige maand.', [{ field: 'month', message: 'Gebruik de vorm JJJJ-MM.' }]);
  const [lines, themes, activities, changes, letters, chapters, links] = await Promise.all([
    listLines(tx, programme.id),
    listThemes(tx, programme.id),
    listActivityRows(tx, programme.id),
    listChanges(tx, programme.id),
    listLetters(tx, programme.id),
    listBudgetChapters(tx, programme.id),
    listActivityLetterLinks(tx),
  ]);
  const changesByActivity = groupBy(changes, (c) => c.activity_id);
  const lettersByActivity = groupBy(links, (l) => l.activity_id);
  const views = activities.map((a): ActivityView & { themeId: string } => {
    const state = activityStateAt(
      { status: a.status, plannedQuarter: a.planned_quarter, doneQuarter: a.done_quarter, text: a.text, note: a.note },
      (changesByActivity.get(a.id) ?? []).map((c) => ({ changedAt: new Date(c.changed_at), field: c.field, oldValue: c.old_value, newValue: c.new_value })),
      month,
    );
    return {
      ...state,
      id: a.id,
      themeId: a.theme_id,
      line: a.line_number,
      lineTitle: a.line_title,
      theme: a.theme_title,
      text: state.text,
      note: state.note,
      owner: a.owner,
      bullet: statusBulletText(state, state.text, state.note),
      letterIds: (lettersByActivity.get(a.id) ?? []).map((l) => l.letter_id),
    };
  });
  const viewsByTheme = groupBy(views, (v) => v.themeId);
  const themesByLine = groupBy(themes, (t) => t.line_id);
  return {
    id: programme.id,
    name: programme.name,
    reportMonth: programme.report_month,
    month,
    lines: lines.map((l) => ({
      id: l.id,
      number: l.number,
      title: l.title,
      track: l.track,
      objective: l.objective,
      explanation: l.explanation,
      result: l.result,
      themes: (themesByLine.get(l.id) ?? []).map((t) => ({
        id: t.id,
        title: t.title,
        result: t.result,
        activities: (viewsByTheme.get(t.id) ?? []).map(({ themeId: _themeId, ...view }) => view),
      })),
    })),
    councilLetters: letters.map((l) => ({ id: l.id, date: l.date, dateEnd: l.date_end, number: l.number, title: l.title })),
    budget: budgetSummary({
      requestedTotalCents: Number(programme.requested_total_cents),
      contingencyPercent: Number(programme.contingency_percent),
      chapters: chapters.map((c) => ({ chapter: c.chapter, amountCents: c.amount_cents === null ? null : Number(c.amount_cents) })),
    }),
  };
}

export function summariseLines(overview: ProgrammeOverview): LineSummary[] {
  return overview.lines.map((line) => {
    const activities = line.themes.flatMap((t) => t.activities);
    const count = (status: ActivityStatus) => activities.filter((a) => a.status === status).length;
    return {
      line: line.number,
      title: line.title,
      themes: line.themes.length,
      activities: activities.length,
      AF: count('AF'),
      LOOPT: count('LOOPT'),
      NIEUW: count('NIEUW'),
      slipped: activities.filter((a) => a.slipped).length,
      overdue: activities.filter((a) => a.overdue).length,
    };
  });
}

export function flattenActivities(overview: ProgrammeOverview): ActivityView[] {
  return overview.lines.flatMap((l) => l.themes.flatMap((t) => t.activities));
}

export interface ActivityPatch {
  status?: ActivityStatus;
  plannedQuarter?: string | null;
  doneQuarter?: string | null;
  text?: string;
  owner?: string | null;
  note?: string | null;
  reason?: string | null;
}

const PATCH_FIELDS: [keyof ActivityPatch, ActivityField][] = [
  ['status', 'status'],
  ['plannedQuarter', 'planned_quarter'],
  ['doneQuarter', 'done_quarter'],
  ['text', 'text'],
  ['owner', 'owner'],
  ['note', 'note'],
];

/** Changes an activity and records every changed field with who, when and why. */
export async function updateActivity(
  tx: Tx,
  input: { tenantId: string; actor: string; id: string; patch: ActivityPatch; now?: Date },
): Promise<void> {
  const row = await lockActivityRow(tx, input.id);
  if (!row) throw notFound('Activiteit');
  const before: Record<ActivityField, string | null> = {
    status: row.status,
    planned_quarter: row.planned_quarter,
    done_quarter: row.done_quarter,
    text: row.text,
    owner: row.owner,
    note: row.note,
  };
  const after = { ...before };
  for (const [key, field] of PATCH_FIELDS) {
    const value = input.patch[key];
    if (value !== undefined) after[field] = value;
  }
  if (after.status !== 'AF' && after.done_quarter !== null) {
    throw validationFailed([
      { field: 'doneQuarter', message: 'Alleen een afgeronde activiteit (AF) heeft een gereed-kwartaal.' },
    ]);
  }
  if (after.status !== 'AF' && after.planned_quarter === null && before.planned_quarter !== null) {
    throw validationFailed([
      { field: 'plannedQuarter', message: 'Een lopende activiteit houdt een gepland kwartaal; kies een nieuw kwartaal.' },
    ]);
  }
  const changedAt = input.now ?? new Date();
  const changed = PATCH_FIELDS.map(([, field]) => field).filter((f) => after[f] !== before[f]);
  if (changed.length === 0) return;
  await insertChanges(
    tx,
    changed.map((field) => ({
      tenant_id: input.tenantId,
      activity_id: row.id,
      changed_at: changedAt,
      changed_by: input.actor,
      field,
      old_value: before[field],
      new_value: after[field],
      reason: input.patch.reason ?? null,
    })),
  );
  await updateActivityRow(tx, row.id, {
    status: after.status as ActivityStatus,
    planned_quarter: after.planned_quarter,
    done_quarter: after.done_quarter,
    text: after.text ?? row.text,
    owner: after.owner,
    note: after.note,
  });
}

/** Links an activity to council information letters (replacing earlier links). */
export async function linkActivityLetters(tx: Tx, input: { tenantId: string; id: string; letterIds: string[] }): Promise<void> {
  if (!(await findActivityRow(tx, input.id))) throw notFound('Activiteit');
  const unique = [...new Set(input.letterIds)];
  if ((await countLetters(tx, unique)) !== unique.length) {
    throw validationFailed([
      { field: 'letterIds', message: 'Een of meer raadsinformatiebrieven bestaan niet in dit programma.' },
    ]);
  }
  await replaceActivityLetters(tx, input.tenantId, input.id, unique);
}

export async function activityHistory(tx: Tx, id: string) {
  if (!(await findActivityRow(tx, id))) throw notFound('Activiteit');
  return (await listActivityChanges(tx, id)).map((c) => ({
    id: c.id,
    changedAt: new Date(c.changed_at).toISOString(),
    changedBy: c.changed_by,
    changedByName: c.changed_by_name ?? c.changed_by,
    field: c.field,
    oldValue: c.old_value,
    newValue: c.new_value,
    reason: c.reason,
  }));
}

/**
 * Loads a programme (the demo transcription or an import) in the caller's transaction: all or
 * nothing. A re-planning shown in the source becomes a change dated in the source's report month.
 */
export async function loadProgramme(tx: Tx, input: { tenantId: string; data: ProgrammeData; replace: boolean; actor: string | null }): Promise<{ id: string; activities: number }> {
  const { tenantId, data } = input;
  if (await findCurrentProgramme(tx)) {
    if (!input.replace) throw new AppError('CONFLICT', 'Deze gemeente heeft al een programma. Gebruik --replace om het te vervangen.');
    await supersedeCurrentProgramme(tx, new Date());
  }
  const programme = await tx
    .insertInto('programmes')
    .values({
      tenant_id: tenantId,
      name: data.name,
      report_month: data.reportMonth,
      requested_total_cents: data.budget.requestedTotalCents,
      contingency_percent: data.budget.contingencyPercent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sourceMoment = startOfDayInAmsterdam(`${data.reportMonth}-01`);
  let activities = 0;
  for (const line of data.lines) {
    const { id: lineId } = await tx
      .insertInto('programme_lines')
      .values({ tenant_id: tenantId, programme_id: programme.id, number: line.number, title: line.title, track: line.track, objective: line.objective, explanation: line.explanation, result: line.result })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [themeIndex, theme] of line.themes.entries()) {
      const { id: themeId } = await tx
        .insertInto('programme_themes')
        .values({ tenant_id: tenantId, line_id: lineId, position: themeIndex + 1, title: theme.title, result: theme.result })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (theme.activities.length === 0) continue;
      const inserted = await tx
        .insertInto('programme_activities')
        .values(
          theme.activities.map((a, i) => ({
            tenant_id: tenantId,
            theme_id: themeId,
            position: i + 1,
            text: a.text,
            status: a.status,
            planned_quarter: a.plannedQuarter,
            done_quarter: a.doneQuarter,
            note: a.note ?? null,
          })),
        )
        .returning(['id', 'position'])
        .execute();
      activities += inserted.length;
      await insertChanges(
        tx,
        inserted.flatMap(({ id, position }) => {
          const a = theme.activities[position - 1]!;
          return a.replannedFrom
            ? [{ tenant_id: tenantId, activity_id: id, changed_at: sourceMoment, changed_by: input.actor, field: 'planned_quarter' as const, old_value: a.replannedFrom, new_value: a.plannedQuarter, reason: 'Herplanning volgens de bron' }]
            : [];
        }),
      );
    }
  }
  if (data.councilLetters.length > 0) {
    await tx
      .insertInto('council_letters')
      .values(data.councilLetters.map((l) => ({ tenant_id: tenantId, programme_id: programme.id, date: l.date, date_end: l.dateEnd ?? null, number: l.number, title: l.title })))
      .execute();
  }
  if (data.budget.chapters.length > 0) {
    await tx
      .insertInto('programme_budget_chapters')
      .values(data.budget.chapters.map((c, i) => ({ tenant_id: tenantId, programme_id: programme.id, position: i + 1, chapter: c.chapter, amount_cents: c.amountCents })))
      .execute();
  }
  return { id: programme.id, activities };
}

export { compareQuarters };

/** The programme as it stands now, in the import/export shape (for `koers programme export`). */
export function overviewToProgrammeData(overview: ProgrammeOverview): ProgrammeData {
  return {
    name: overview.name,
    reportMonth: overview.reportMonth,
    lines: overview.lines.map((l) => ({
      number: l.number,
      title: l.title,
      track: l.track as Track,
      objective: l.objective,
      explanation: l.explanation,
      result: l.result,
      themes: l.themes.map((t) => ({
        title: t.title,
        result: t.result,
        activities: t.activities.map((a): ProgrammeActivityData => ({
          text: a.text,
          status: a.status,
          plannedQuarter: a.plannedQuarter,
          doneQuarter: a.doneQuarter,
          ...(a.replannedFrom ? { replannedFrom: a.replannedFrom } : {}),
          ...(a.note ? { note: a.note } : {}),
        })),
      })),
    })),
    councilLetters: overview.councilLetters.map((l) => ({ date: l.date, ...(l.dateEnd ? { dateEnd: l.dateEnd } : {}), number: l.number, title: l.title })),
    budget: {
      requestedTotalCents: overview.budget.requestedTotalCents,
      contingencyPercent: overview.budget.contingencyPercent,
      chapters: overview.budget.chapters,
    },
  };
}

export type ImportOutcome =
  | { ok: true; lines: number; themes: number; activities: number; letters: number }
  | { ok: false; issues: ImportIssue[] };

/**
 * Imports a programme from an xlsx or CSV file: every row is validated first and any issue stops
 * the import before anything is written; the load itself runs in the caller's one transaction.
 */
export async function importProgrammeFile(
  tx: Tx,
  input: { tenantId: string; content: Buffer; fileName: string; replace: boolean; actor: string | null },
): Promise<ImportOutcome> {
  const parsed = await parseProgrammeFile(input.content, input.fileName);
  if (!parsed.ok) return parsed;
  const { activities } = await loadProgramme(tx, { tenantId: input.tenantId, data: parsed.data, replace: input.replace, actor: input.actor });
  return {
    ok: true,
    lines: parsed.data.lines.length,
    themes: parsed.data.lines.reduce((n, l) => n + l.themes.length, 0),
    activities,
    letters: parsed.data.councilLetters.length,
  };
}
