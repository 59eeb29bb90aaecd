import type { Insertable } from 'kysely';
import type { ActivityField, ProgrammeActivityChangeTable, ProgrammeActivityTable } from './programme.tables.js';
import type { Tx } from '../../db/tenancy.js';

export async function findCurrentProgramme(tx: Tx) {
  return tx.selectFrom('programmes').selectAll().where('superseded_at', 'is', null).executeTakeFirst();
}

export async function listLines(tx: Tx, programmeId: string) {
  return tx.selectFrom('programme_lines').selectAll().where('programme_id', '=', programmeId).orderBy('number').execute();
}

export async function listThemes(tx: Tx, programmeId: string) {
  return tx
    .selectFrom('programme_themes as t')
    .innerJoin('programme_lines as l', (j) => j.onRef('l.id', '=', 't.line_id').onRef('l.tenant_id', '=', 't.tenant_id'))
    .selectAll('t')
    .where('l.programme_id', '=', programmeId)
    .orderBy('t.position')
    .execute();
}

export async function listActivityRows(tx: Tx, programmeId: string) {
  return tx
    .selectFrom('programme_activities as a')
    .innerJoin('programme_themes as t', (j) => j.onRef('t.id', '=', 'a.theme_id').onRef('t.tenant_id', '=', 'a.tenant_id'))
    .innerJoin('programme_lines as l', (j) => j.onRef('l.id', '=', 't.line_id').onRef('l.tenant_id', '=', 't.tenant_id'))
    .selectAll('a')
    .select(['l.number as line_number', 'l.title as line_title', 't.title as theme_title'])
    .where('l.programme_id', '=', programmeId)
    .orderBy('l.number')
    .orderBy('t.position')
    .orderBy('a.position')
    .execute();
}

export async function listChanges(tx: Tx, programmeId: string) {
  return tx
    .selectFrom('programme_activity_changes as c')
    .innerJoin('programme_activities as a', (j) => j.onRef('a.id', '=', 'c.activity_id').onRef('a.tenant_id', '=', 'c.tenant_id'))
    .innerJoin('programme_themes as t', (j) => j.onRef('t.id', '=', 'a.theme_id').onRef('t.tenant_id', '=', 'a.tenant_id'))
    .innerJoin('programme_lines as l', (j) => j.onRef('l.id', '=', 't.line_id').onRef('l.tenant_id', '=', 't.tenant_id'))
    .selectAll('c')
    .where('l.programme_id', '=', programmeId)
    .orderBy('c.changed_at')
    .orderBy('c.id')
    .execute();
}

export async function listActivityChanges(tx: Tx, activityId: string) {
  return (
    tx
      .selectFrom('programme_activity_changes as c')
      // changed_by holds the username; people reading the history see the employee's name.
      .leftJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.username', '=', 'c.changed_by'))
      .selectAll('c')
      .select('u.display_name as changed_by_name')
      .where('c.activity_id', '=', activityId)
      .orderBy('c.changed_at', 'desc')
      .orderBy('c.id')
      .execute()
  );
}

export async function findActivityRow(tx: Tx, id: string) {
  return tx.selectFrom('programme_activities').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the activity until the transaction ends, so concurrent edits record true old values. */
export async function lockActivityRow(tx: Tx, id: string) {
  return tx.selectFrom('programme_activities').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateActivityRow(tx: Tx, id: string, values: Partial<Insertable<ProgrammeActivityTable>>) {
  await tx.updateTable('programme_activities').set({ ...values, updated_at: new Date() }).where('id', '=', id).execute();
}

export async function insertChanges(tx: Tx, rows: Insertable<ProgrammeActivityChangeTable>[]) {
  if (rows.length > 0) await tx.insertInto('programme_activity_changes').values(rows).execute();
}

export async function listLetters(tx: Tx, programmeId: string) {
  return tx.selectFrom('council_letters').selectAll().where('programme_id', '=', programmeId).orderBy('date').orderBy('title').execute();
}

export async function listBudgetChapters(tx: Tx, programmeId: string) {
  return tx.selectFrom('programme_budget_chapters').selectAll().where('programme_id', '=', programmeId).orderBy('position').execute();
}

export async function listActivityLetterLinks(tx: Tx) {
  return tx.selectFrom('programme_activity_letters').select(['activity_id', 'letter_id']).execute();
}

export async function replaceActivityLetters(tx: Tx, tenantId: string, activityId: string, letterIds: string[]) {
  await tx.deleteFrom('programme_activity_letters').where('activity_id', '=', activityId).execute();
  if (letterIds.length > 0) {
    await tx
      .insertInto('programme_activity_letters')
      .values(letterIds.map((letterId) => ({ tenant_id: tenantId, activity_id: activityId, letter_id: letterId })))
      .execute();
  }
}

export async function countLetters(tx: Tx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { n } = await tx.selectFrom('council_letters').select((eb) => eb.fn.countAll<string>().as('n')).where('id', 'in', ids).executeTakeFirstOrThrow();
  return Number(n);
}

/** Replacing keeps the old programme and its whole history; it only stops being the current one. */
export async function supersedeCurrentProgramme(tx: Tx, at: Date) {
  await tx.updateTable('programmes').set({ superseded_at: at }).where('superseded_at', 'is', null).execute();
}

export type { ActivityField };
