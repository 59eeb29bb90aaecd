import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { CaseNoteTable } from './case.tables.js';

export type CaseNoteRow = Selectable<CaseNoteTable>;

/** The notes of a case, newest first. */
export async function listCaseNoteRows(tx: Tx, caseId: string): Promise<CaseNoteRow[]> {
  return tx.selectFrom('case_notes').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id').execute();
}

export async function insertCaseNote(tx: Tx, row: Insertable<CaseNoteTable>): Promise<CaseNoteRow> {
  return tx.insertInto('case_notes').values(row).returningAll().executeTakeFirstOrThrow();
}
