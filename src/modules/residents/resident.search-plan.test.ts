import { CompiledQuery, sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../db/database.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { nameSearchQuery, searchResidentsByBirthDate, searchResidentsByName, searchResidentsByStreetWords, streetWordsSearchQuery } from './resident.repository.js';
import { residentSearchText } from './resident.names.js';

// The resident search's plans under forced row-level security, as the application role: every token is a
// range on index resident_search_terms_term (leakproof ~>=~ / ~<~), never a scan of residents or of the
// terms. Checked on PGlite and on PostgreSQL after enough rows for the planner to prefer the indexes.

const TENANT = 'GM0935';
const BULK = 20_000;

let database: Database;

/** The plan of a query as the application role in TENANT, as text. */
async function plan(query: (tx: Tx) => Compilable<unknown>): Promise<string> {
  const text = await withTenant(database.db, TENANT, async (tx) => {
    const compiled = query(tx).compile();
    const result = await tx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  if (process.env.KOERS_SHOW_PLANS) console.log(text);
  return text;
}

function expectIndexedOnly(text: string): void {
  expect(text).not.toMatch(/Seq Scan on residents\b/);
  expect(text).not.toMatch(/Seq Scan on resident_search_terms\b/);
  expect(text).toMatch(/resident_search_terms_term/);
}

type Person = { given: string; prefix: string | null; family: string; street: string; birthDate: string };

async function register(people: Person[], first = 0): Promise<string[]> {
  return withTenant(database.db, TENANT, async (tx) => {
    const area = await tx.selectFrom('areas').select('code').orderBy('code').executeTakeFirstOrThrow();
    const ids: string[] = [];
    for (const [i, p] of people.entries()) {
      const row = await tx
        .insertInto('residents')
        .values({
          tenant_id: TENANT, bsn: `7${String(100_000 + first + i).padStart(8, '0')}`, given_name: p.given, surname_prefix: p.prefix, family_name: p.family,
          birth_date: p.birthDate, gender: 'X', street: p.street, house_number: i + 1, house_letter: null, house_number_addition: null,
          postcode: '6211 AA', city: 'Maastricht', area_code: area.code, household_id: sql<string>`gen_random_uuid()`,
          search_text: residentSearchText({ givenName: p.given, surnamePrefix: p.prefix, familyName: p.family }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    return ids;
  });
}

let ids: Record<'full' | 'familyExact' | 'givenExact' | 'street' | 'prefixes' | 'hyphen' | 'moved', string>;

beforeAll(async () => {
  database = await createTestDatabase();
  // Many residents with names of their own ('Plan' + three letters), in one statement as the application.
  await withTenant(database.db, TENANT, async (tx) => {
    const area = (await tx.selectFrom('areas').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
    await sql`
      insert into residents (tenant_id, bsn, given_name, surname_prefix, family_name, birth_date, gender, street, house_number, postcode, city, area_code, household_id, search_text)
      select ${TENANT}, (800000000 + n)::text, g, null, f, date '1940-01-01' + (n % 20000), 'X', 'Planweg ' || (n % 300), 1 + n % 200, '6212 AA', 'Maastricht', ${area}, gen_random_uuid(), lower(g || ' ' || f || ' ' || f)
      from generate_series(1, ${sql.lit(BULK)}) as n,
        lateral (select 'Plan' || chr(97 + n % 26) || chr(97 + (n / 26) % 26) || chr(97 + (n / 676) % 26) as f,
                        (array['Anna', 'Bram', 'Cor', 'Daan', 'Eva', 'Fenna', 'Gijs'])[1 + n % 7] as g) as names
    `.execute(tx);
  });
  const [full, familyExact, givenExact, street, prefixes, hyphen, moved] = await register([
    { given: 'Quirijn', prefix: null, family: 'Vlakzoek', street: 'Lindenlaan', birthDate: '1950-02-03' },
    { given: 'Quirijntje', prefix: null, family: 'Vlakzoek', street: 'Lindenlaan', birthDate: '1951-02-03' },
    { given: 'Quirijn', prefix: 'van', family: 'Vlakzoekers', street: 'Lindenlaan', birthDate: '1952-02-03' },
    { given: 'Quirijn', prefix: null, family: 'Anders', street: 'Vlakzoekstraat', birthDate: '1953-02-03' },
    { given: 'Quirijntje', prefix: null, family: 'Vlakzoekerman', street: 'Lindenlaan', birthDate: '1954-02-03' },
    { given: 'Ödön', prefix: null, family: 'Müller-Vlakzoek', street: 'Lindenlaan', birthDate: '1955-02-03' },
    { given: 'Quirijn', prefix: null, family: 'Verhuizer', street: 'Oude Weg', birthDate: '1956-02-03' },
  ]);
  ids = { full: full!, familyExact: familyExact!, givenExact: givenExact!, street: street!, prefixes: prefixes!, hyphen: hyphen!, moved: moved! };
  // Fresh statistics, as after a bulk load (the owner analyses; the application role may not).
  await sql`analyze residents`.execute(database.db);
  await sql`analyze resident_search_terms`.execute(database.db);
}, 240_000);
afterAll(async () => database.close());

describe('resident search plans under row-level security', () => {
  it('searches names by prefix through the terms index, never scanning residents or the terms', async () => {
    const residents = await withTenant(database.db, TENANT, async (tx) => (await sql<{ n: number }>`select count(*)::int as n from residents`.execute(tx)).rows[0]!.n);
    expect(residents).toBeGreaterThan(BULK);
    for (const tokens of [['quirijn', 'vlakzoek'], ['an'], ['planab'], ['vlak']]) expectIndexedOnly(await plan((tx) => nameSearchQuery(tx, tokens, 25)));
    expectIndexedOnly(await plan((tx) => streetWordsSearchQuery(tx, ['planweg'], 25)));
    const byBirth = await plan((tx) => tx.selectFrom('residents').selectAll().where('birth_date', '=', '1950-02-03'));
    expect(byBirth).not.toMatch(/Seq Scan on residents\b/);
    expect(byBirth).toMatch(/residents_birth_date/);
  });

  it('ranks the exact full name first, then whole words, then words of the name before the street, then prefixes', async () => {
    const found = await withTenant(database.db, TENANT, (tx) => searchResidentsByName(tx, ['quirijn', 'vlakzoek'], 25));
    expect(found.map((r) => r.id)).toEqual([ids.full, ids.familyExact, ids.givenExact, ids.street, ids.prefixes]);
    // Every token must match: 'Verhuizer' has no word beginning with 'vlakzoek'.
    expect(found.map((r) => r.id)).not.toContain(ids.moved);
  });

  it('finds a part of a hyphenated name and ignores case and accents, but not the inside of a word', async () => {
    const names = async (tokens: string[]) => (await withTenant(database.db, TENANT, (tx) => searchResidentsByName(tx, tokens, 50))).map((r) => r.id);
    expect(await names(['odon', 'vlakzoek'])).toEqual([ids.hyphen]);
    expect(await names(['muller-vlak'])).toEqual([ids.hyphen]);
    expect(await names(['lakzoek'])).toEqual([]);
    // A street word alone is not a name: that is the street search's.
    expect(await names(['vlakzoekstraat'])).toEqual([]);
    const streets = await withTenant(database.db, TENANT, (tx) => searchResidentsByStreetWords(tx, ['vlakzoekstr'], 50));
    expect(streets.map((r) => r.id)).toEqual([ids.street]);
  });

  it('keeps the terms current when a resident moves or changes name, for the application role', async () => {
    await withTenant(database.db, TENANT, (tx) =>
      tx.updateTable('residents').set({ street: 'Vlakzoekplein', family_name: 'Nieuwnaam', search_text: residentSearchText({ givenName: 'Quirijn', surnamePrefix: null, familyName: 'Nieuwnaam' }) }).where('id', '=', ids.moved).execute(),
    );
    const byStreet = await withTenant(database.db, TENANT, (tx) => searchResidentsByStreetWords(tx, ['vlakzoekplein'], 50));
    expect(byStreet.map((r) => r.id)).toEqual([ids.moved]);
    const byOldName = await withTenant(database.db, TENANT, (tx) => searchResidentsByName(tx, ['verhuizer'], 50));
    expect(byOldName).toEqual([]);
    const byNewName = await withTenant(database.db, TENANT, (tx) => searchResidentsByName(tx, ['quirijn', 'nieuwnaam'], 50));
    expect(byNewName.map((r) => r.id)).toEqual([ids.moved]);
    // The other municipality sees none of these terms.
    const foreign = await withTenant(database.db, 'GM1903', async (tx) => (await sql<{ n: number }>`select count(*)::int as n from resident_search_terms where term like 'vlakzoek%'`.execute(tx)).rows[0]!.n);
    expect(foreign).toBe(0);
  });

  it('orders equal matches by family and given name as the resident has them now, also after a change of given name alone', async () => {
    const [bert, anton] = await register([
      { given: 'Bert', prefix: null, family: 'Zorgvlak', street: 'Lindenlaan', birthDate: '1960-02-03' },
      { given: 'Anton', prefix: null, family: 'Zorgvlak', street: 'Lindenlaan', birthDate: '1961-02-03' },
    ], 100);
    const order = async () => (await withTenant(database.db, TENANT, (tx) => searchResidentsByName(tx, ['zorgvl'], 25))).map((r) => r.given_name);
    expect(await order()).toEqual(['Anton', 'Bert']);
    // The given name changes and search_text with it; only the first 25 by name are read, so the copy on the terms must follow.
    await withTenant(database.db, TENANT, (tx) =>
      tx.updateTable('residents').set({ given_name: 'Willem', search_text: residentSearchText({ givenName: 'Willem', surnamePrefix: null, familyName: 'Zorgvlak' }) }).where('id', '=', anton!).execute(),
    );
    expect(await order()).toEqual(['Bert', 'Willem']);
    // A change of given name alone (a script, a correction in SQL) moves the copy too.
    await withTenant(database.db, TENANT, (tx) => tx.updateTable('residents').set({ given_name: 'Zeno' }).where('id', '=', bert!).execute());
    expect(await order()).toEqual(['Willem', 'Zeno']);
    // Limited before the residents are read: the first of many equal matches still come first.
    const first = await withTenant(database.db, TENANT, (tx) => searchResidentsByName(tx, ['plan'], 3));
    const all = await withTenant(database.db, TENANT, async (tx) =>
      (await sql<{ id: string }>`select r.id from residents r where r.family_name like 'Plan%' order by r.family_name, r.given_name, r.id limit 3`.execute(tx)).rows.map((r) => r.id),
    );
    expect(first.map((r) => r.id)).toEqual(all);
  });

  it('searches a date of birth through index residents_birth_date', async () => {
    const found = await withTenant(database.db, TENANT, (tx) => searchResidentsByBirthDate(tx, '1950-02-03', 50));
    expect(found.map((r) => r.id)).toContain(ids.full);
    for (const r of found) expect(r.birth_date).toBe('1950-02-03');
  });
});
