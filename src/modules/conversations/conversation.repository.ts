import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { ConversationTable } from './conversation.tables.js';

export type ConversationRow = Selectable<ConversationTable> & { corrected_by_id: string | null; conducted_by_name: string | null };

/** Conversations with the id of the later conversation that corrects each, if any, and the name of who held it. */
function conversationsWithCorrection(tx: Tx) {
  return tx
    .selectFrom('conversations as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('users as u').select('u.display_name').whereRef('u.tenant_id', '=', 'c.tenant_id').whereRef('u.id', '=', 'c.conducted_by_user_id').as('conducted_by_name'))
    .select((eb) =>
      eb
        .selectFrom('conversations as k')
        .select('k.id')
        .whereRef('k.tenant_id', '=', 'c.tenant_id')
        .whereRef('k.corrects_id', '=', 'c.id')
        .as('corrected_by_id'),
    );
}

export async function findConversationById(tx: Tx, id: string): Promise<ConversationRow | undefined> {
  return conversationsWithCorrection(tx).where('c.id', '=', id).executeTakeFirst();
}

/** Every conversation with the resident, corrected ones included, newest first. */
export async function listConversationsByResident(tx: Tx, residentId: string): Promise<ConversationRow[]> {
  return conversationsWithCorrection(tx)
    .where('c.resident_id', '=', residentId)
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
}

/** The conversations linked to a case, corrected ones included, newest first. */
export async function listConversationsByCase(tx: Tx, caseId: string): Promise<ConversationRow[]> {
  return conversationsWithCorrection(tx)
    .where('c.case_id', '=', caseId)
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .execute();
}

/**
 * The conversation held before `current` that still stands: one that a correction replaced is
 * skipped, its correction takes its place by the date it was held.
 */
export async function findPreviousConversation(
  tx: Tx,
  current: Pick<ConversationRow, 'id' | 'resident_id' | 'held_on' | 'created_at'>,
): Promise<ConversationRow | undefined> {
  return conversationsWithCorrection(tx)
    .where('c.resident_id', '=', current.resident_id)
    .where('c.id', '<>', current.id)
    .where((eb) =>
      eb.or([
        eb('c.held_on', '<', current.held_on),
        eb.and([eb('c.held_on', '=', current.held_on), eb('c.created_at', '<', current.created_at)]),
      ]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('conversations as k').select('k.id').whereRef('k.tenant_id', '=', 'c.tenant_id').whereRef('k.corrects_id', '=', 'c.id'),
        ),
      ),
    )
    .orderBy('c.held_on', 'desc')
    .orderBy('c.created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The resident a conversation was held with, or undefined when it does not exist (here). */
export async function findConversationResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('conversations').select('resident_id').where('id', '=', id).executeTakeFirst())?.resident_id;
}

export async function insertConversation(tx: Tx, row: Insertable<ConversationTable>): Promise<string> {
  return (await tx.insertInto('conversations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

