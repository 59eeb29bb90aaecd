import { sql, type Insertable, type RawBuilder, type Selectable } from 'kysely';
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

/** `findResidentId` as a scalar subquery (null when there is no such resident in this tenant). */
export function residentIdSubquery(id: string): RawBuilder<string | null> {
  return sql<string | null>`select id from residents where id = ${id}`;
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

/**
 * The residents of whom every token begins a search term (resident_search_terms, migration 0054) of the
 * given kinds, with what ranks them: the whole name typed exactly, how many tokens are a whole term, how
 * many matched the name. One byte-order range per token on index resident_search_terms_term, with the
 * leakproof operators ~>=~ and ~<~, so the index serves it under row-level security too.
 */
function termMatches(tokens: string[], kinds: readonly ('n' | 'f' | 's')[]) {
  const arms = tokens.map(
    (token, i) => sql`
      select ${sql.lit(i)} as token_no, tenant_id, resident_id, kind, term, term = ${token} as exact, family_name, given_name
      from resident_search_terms
      where term ~>=~ ${token} and term ~<~ ${afterPrefix(token)} and kind in (${sql.join(kinds.map((kind) => sql.lit(kind)))})`,
  );
  // How many tokens meet `condition` in a resident's matches: per token a plain bool_or, summed. The same
  // as count(distinct token_no) filter (where …), without the sort per resident that a distinct count
  // needs (a prefix such as 'jan' matches thousands of residents: half the search's time, issue #17).
  const tokensWhere = (condition: RawBuilder<boolean> | null) =>
    sql.join(
      tokens.map((_, i) => sql`(bool_or(token_no = ${sql.lit(i)}${condition ? sql` and ${condition}` : sql``}))::int`),
      sql` + `,
    );
  return sql<RankedMatch>`(
    select tenant_id, resident_id,
      bool_or(kind = 'f' and term = ${tokens.join(' ')}) as full_name,
      ${tokensWhere(sql<boolean>`exact and kind <> 'f'`)} as exact_terms,
      ${tokensWhere(sql<boolean>`kind <> 's'`)} as name_tokens,
      min(family_name) as family_name, min(given_name) as given_name
    from (${sql.join(arms, sql` union all `)}) as m
    group by tenant_id, resident_id
    having ${tokensWhere(null)} = ${sql.lit(tokens.length)}
  )`;
}

interface RankedMatch {
  tenant_id: string;
  resident_id: string;
  full_name: boolean;
  exact_terms: number;
  name_tokens: number;
  family_name: string;
  given_name: string;
}

/**
 * Residents found by name: every token (normalised, see normaliseForSearch) begins a word of the name, or a
 * word of the street when at least one other token matched the name ('jansen markt'). Ranked: the full name
 * typed exactly, then the most tokens that are a whole word, then the most tokens matched in the name, then
 * by name. A token inside a word ('sen' for 'Jansen') finds nothing: only prefixes can use the index.
 */
export async function searchResidentsByName(tx: Tx, tokens: string[], limit: number): Promise<ResidentRow[]> {
  if (tokens.length === 0) return [];
  return nameSearchQuery(tx, tokens, limit).execute();
}

/** The query of searchResidentsByName (at least one token), also for checking its plan. */
export function nameSearchQuery(tx: Tx, tokens: string[], limit: number) {
  // Ranked and limited on the terms alone (they carry the names, 0056); only the residents shown are read.
  const ranked = sql<RankedMatch>`(
    select * from ${termMatches(tokens, ['n', 'f', 's'])} as m
    where m.name_tokens > 0
    order by m.full_name desc, m.exact_terms desc, m.name_tokens desc, m.family_name, m.given_name, m.resident_id
    limit ${limit}
  )`;
  return residentsWithArea(tx)
    .innerJoin(ranked.as('ranked'), (join) => join.onRef('ranked.tenant_id', '=', 'residents.tenant_id').onRef('ranked.resident_id', '=', 'residents.id'))
    .orderBy('ranked.full_name', 'desc')
    .orderBy('ranked.exact_terms', 'desc')
    .orderBy('ranked.name_tokens', 'desc')
    .orderBy('ranked.family_name')
    .orderBy('ranked.given_name')
    .orderBy('residents.id')
    .limit(limit);
}

/** Residents of whom every token begins a word of the street ('grote st', 'staat' for 'Grote Staat'), by address. */
export async function searchResidentsByStreetWords(tx: Tx, tokens: string[], limit: number): Promise<ResidentRow[]> {
  if (tokens.length === 0) return [];
  return streetWordsSearchQuery(tx, tokens, limit).execute();
}

/** The query of searchResidentsByStreetWords (at least one token), also for checking its plan. */
export function streetWordsSearchQuery(tx: Tx, tokens: string[], limit: number) {
  return residentsWithArea(tx)
    .innerJoin(termMatches(tokens, ['s']).as('ranked'), (join) =>
      join.onRef('ranked.tenant_id', '=', 'residents.tenant_id').onRef('ranked.resident_id', '=', 'residents.id'),
    )
    .orderBy('residents.street_key')
    .orderBy('residents.house_number')
    .orderBy('residents.house_letter')
    .orderBy('residents.birth_date')
    .orderBy('residents.id')
    .limit(limit);
}

/** Another member of a resident's household, as the resident file shows them. */
export interface HouseholdMemberRow {
  id: string;
  given_name: string;
  surname_prefix: string | null;
  family_name: string;
  birth_date: string;
}

/**
 * A resident with the other members of their household, oldest first, as one JSON array
 * (`household_members`): the resident file in one statement. Fetched apart, the members were a second
 * round trip for every resident file (issue #17). A date goes into JSON as `YYYY-MM-DD`, as the date
 * columns are read everywhere else.
 */
export async function findResidentWithHousehold(tx: Tx, id: string): Promise<(ResidentRow & { household_members: HouseholdMemberRow[] }) | undefined> {
  return residentsWithArea(tx)
    .select(
      sql<HouseholdMemberRow[]>`coalesce((
        select json_agg(json_build_object('id', m.id, 'given_name', m.given_name, 'surname_prefix', m.surname_prefix,
          'family_name', m.family_name, 'birth_date', m.birth_date) order by m.birth_date, m.id)
        from residents m
        where m.tenant_id = residents.tenant_id and m.household_id = residents.household_id and m.id <> residents.id), '[]'::json)`.as('household_members'),
    )
    .where('residents.id', '=', id)
    .executeTakeFirst();
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
