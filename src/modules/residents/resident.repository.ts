import { sql, type Insertable, type Selectable } from 'kysely';
import type { ResidentTable } from './resident.tables.js';
import type { Tx } from '../../db/tenancy.js';

export type ResidentRow = Selectable<ResidentTable> & { area_name: string | null };

function residentsWithArea(tx: Tx) {
  return tx
    .selectFrom('residents')
    .leftJoin('areas', (join) =>
      join.onRef('areas.code', '=', 'residents.area_code').onRef('areas.tenant_id', '=', 'residents.tenant_id'),
    )
    .selectAll('residents')
    .select('areas.name as area_name');
}

export async function findResidentById(tx: Tx, id: string): Promise<ResidentRow | undefined> {
  return residentsWithArea(tx).where('residents.id', '=', id).executeTakeFirst();
}

export async function findResidentId(tx: Tx, id: string): Promise<string | undefined> {
  return (await tx.selectFrom('residents').select('id').where('id', '=', id).executeTakeFirst())?.id;
}

export async function findResidentIdByBsn(tx: Tx, bsn: string): Promise<string | undefined> {
  return (await tx.selectFrom('residents').select('id').where('bsn', '=', bsn).executeTakeFirst())?.id;
}

export async function searchResidentsByBsn(tx: Tx, bsn: string): Promise<ResidentRow[]> {
  return residentsWithArea(tx).where('residents.bsn', '=', bsn).execute();
}

export async function searchResidentsByPostcode(
  tx: Tx,
  postcode: string,
  houseNumber: number | undefined,
  limit: number,
): Promise<ResidentRow[]> {
  let query = residentsWithArea(tx).where('residents.postcode', '=', postcode);
  if (houseNumber !== undefined) query = query.where('residents.house_number', '=', houseNumber);
  return query
    .orderBy('residents.house_number')
    .orderBy('residents.house_letter')
    .orderBy('residents.birth_date')
    .limit(limit)
    .execute();
}

/**
 * A postcode without letters ('6211'): every '6211 AA'..'6211 ZZ'. The range uses the btree index
 * residents_address; the LIKE keeps it exact under any collation.
 */
export async function searchResidentsByPostcodeDigits(tx: Tx, digits: string, limit: number): Promise<ResidentRow[]> {
  return residentsWithArea(tx)
    .where('residents.postcode', '>=', `${digits} AA`)
    .where('residents.postcode', '<=', `${digits} ZZ`)
    .where('residents.postcode', 'like', `${digits} %`)
    .orderBy('residents.postcode')
    .orderBy('residents.house_number')
    .orderBy('residents.house_letter')
    .orderBy('residents.birth_date')
    .limit(limit)
    .execute();
}

/** The smallest string after every string that begins with `prefix` (code point order = UTF-8 byte order). */
function afterPrefix(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop()!.codePointAt(0)!;
  return chars.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff));
}

/**
 * Streets that begin with `prefix` (lower case), optionally at one house number. A byte-order range on
 * street_key with leakproof operators, so index residents_street serves it also under row-level security.
 */
export async function searchResidentsByStreet(tx: Tx, prefix: string, houseNumber: number | undefined, limit: number): Promise<ResidentRow[]> {
  let query = residentsWithArea(tx).where(sql<boolean>`residents.street_key ~>=~ ${prefix}`).where(sql<boolean>`residents.street_key ~<~ ${afterPrefix(prefix)}`);
  if (houseNumber !== undefined) query = query.where('residents.house_number', '=', houseNumber);
  return query
    .orderBy('residents.street_key')
    .orderBy('residents.house_number')
    .orderBy('residents.house_letter')
    .orderBy('residents.birth_date')
    .orderBy('residents.id')
    .limit(limit)
    .execute();
}

/** Residents born on one date (jjjj-mm-dd); index residents_birth_date. */
export async function searchResidentsByBirthDate(tx: Tx, birthDate: string, limit: number): Promise<ResidentRow[]> {
  return residentsWithArea(tx)
    .where('residents.birth_date', '=', birthDate)
    .orderBy('residents.family_name')
    .orderBy('residents.given_name')
    .orderBy('residents.id')
    .limit(limit)
    .execute();
}

/** Every token must occur in the normalised name; family-name prefix matches rank first. */
export async function searchResidentsByName(tx: Tx, tokens: string[], limit: number): Promise<ResidentRow[]> {
  let query = residentsWithArea(tx);
  for (const token of tokens) query = query.where('residents.search_text', 'like', `%${escapeLike(token)}%`);
  const first = tokens[0] ?? '';
  return query
    .orderBy(sql`case when lower(residents.family_name) like ${`${escapeLike(first)}%`} then 0 else 1 end`)
    .orderBy('residents.family_name')
    .orderBy('residents.given_name')
    .orderBy('residents.id')
    .limit(limit)
    .execute();
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listHouseholdMembers(tx: Tx, householdId: string, exceptId: string) {
  return tx
    .selectFrom('residents')
    .select(['id', 'given_name', 'surname_prefix', 'family_name', 'birth_date'])
    .where('household_id', '=', householdId)
    .where('id', '<>', exceptId)
    .orderBy('birth_date')
    .execute();
}

export async function householdExists(tx: Tx, householdId: string): Promise<boolean> {
  return (await tx.selectFrom('residents').select('id').where('household_id', '=', householdId).limit(1).executeTakeFirst()) !== undefined;
}

export async function areaExists(tx: Tx, code: string): Promise<boolean> {
  return (await tx.selectFrom('areas').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertResidents(tx: Tx, rows: Insertable<ResidentTable>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await tx.insertInto('residents').values(rows).returning('id').execute()).map((r) => r.id);
}
