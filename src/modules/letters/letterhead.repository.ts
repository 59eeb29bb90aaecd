import type { Insertable } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { LetterheadTable } from './letter.tables.js';

/** The newest version of the municipality's letterhead, with who saved it. */
export async function findCurrentLetterhead(tx: Tx) {
  return tx
    .selectFrom('letterheads as l')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'l.set_by').onRef('u.tenant_id', '=', 'l.tenant_id'))
    .selectAll('l')
    .select('u.display_name as set_by_name')
    .orderBy('l.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A new version (append-only); the version number follows the newest one. */
export async function insertLetterhead(tx: Tx, row: Omit<Insertable<LetterheadTable>, 'version'>): Promise<number> {
  const last = await tx.selectFrom('letterheads').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  await tx.insertInto('letterheads').values({ ...row, version }).execute();
  return version;
}
