import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Resident search by name and street words through a btree index that
// also serves under forced row-level security (issue #17; docs/scaling.md "Name search under row-level
// security"). LIKE and the pg_trgm operators are not leakproof, so on a table with a row-security policy
// PostgreSQL cannot use them as index conditions; the pattern comparisons ~>=~ and ~<~ are leakproof.
//
// resident_search_terms holds, per resident, the words searched by prefix:
// - kind 'n': every word of the name as residents.search_text holds it (the application's normalisation:
//   lower case, accents removed, see residentSearchText), and the parts of a word joined by '-' or an
//   apostrophe ('jansen-de' also gives 'jansen' and 'de');
// - kind 'f': the whole name (given name, prefix, family name) as one term, for ranking an exact full name;
// - kind 's': every word of the street, normalised the same way in SQL (NFD, combining marks removed,
//   lower case), with the parts of hyphenated words.
// A trigger keeps the terms current on every insert (statement level, one set-based insert: the demo seed
// inserts residents in batches) and on every change of name or street; a deleted resident takes its terms
// with it (on delete cascade, so retention's deletion of a resident still fails and keeps the resident
// when another row refers to it). Index resident_search_terms_term leads with tenant_id; the primary key
// serves the trigger's delete per resident.

const APP_ROLE = 'koers_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resident_search_terms (
      tenant_id text not null,
      resident_id uuid not null,
      kind char(1) not null check (kind in ('n', 'f', 's')),
      term text not null check (term <> ''),
      primary key (tenant_id, resident_id, kind, term),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await sql`create index resident_search_terms_term on resident_search_terms (tenant_id, term text_pattern_ops) include (kind, resident_id)`.execute(db);
  await sql`alter table resident_search_terms enable row level security`.execute(db);
  await sql`alter table resident_search_terms force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on resident_search_terms
      using (tenant_id = current_setting('koers.tenant_id', true))
      with check (tenant_id = current_setting('koers.tenant_id', true))
  `.execute(db);
  await sql.raw(`grant select, insert, delete on resident_search_terms to ${APP_ROLE}`).execute(db);

  // Lower case without accents, as normaliseForSearch does in the application.
  await sql`
    create function resident_search_normalise(p_text text) returns text language sql immutable strict parallel safe
    return btrim(regexp_replace(lower(regexp_replace(normalize(p_text, nfd), '[\\u0300-\\u036f]', '', 'g')), '\\s+', ' ', 'g'))
  `.execute(db);
  // A word and, when it has any, its parts between '-' and apostrophes.
  await sql`
    create function resident_search_words(p_text text) returns setof text language sql immutable strict parallel safe
    begin atomic
      select distinct part from regexp_split_to_table(p_text, ' ') as word,
        lateral (select word union all select regexp_split_to_table(word, '[-''’]')) as parts(part)
      where part <> '';
    end
  `.execute(db);
  await sql`
    create function resident_search_terms_of(p_search_text text, p_family_name text, p_street text)
      returns table (kind char(1), term text) language sql immutable parallel safe
    begin atomic
      select 'n', w from resident_search_words(p_search_text) as w
      union
      -- search_text is the full name followed by the family name once more (residentSearchText): the
      -- full name is every word but the family name's last ones.
      select 'f', array_to_string(words[1:cardinality(words) - family_words], ' ')
        from (select string_to_array(p_search_text, ' ') as words,
                     cardinality(regexp_split_to_array(btrim(p_family_name), '\\s+')) as family_words) as split
        where cardinality(words) > family_words
      union
      select 's', w from resident_search_words(resident_search_normalise(p_street)) as w;
    end
  `.execute(db);

  await sql`
    create function resident_search_terms_inserted() returns trigger language plpgsql as $$
    begin
      insert into resident_search_terms (tenant_id, resident_id, kind, term)
        select r.tenant_id, r.id, t.kind, t.term from new_residents r, resident_search_terms_of(r.search_text, r.family_name, r.street) t;
      return null;
    end
    $$
  `.execute(db);
  await sql`
    create trigger resident_search_terms_inserted after insert on residents
      referencing new table as new_residents for each statement execute function resident_search_terms_inserted()
  `.execute(db);
  await sql`
    create function resident_search_terms_updated() returns trigger language plpgsql as $$
    begin
      delete from resident_search_terms where tenant_id = old.tenant_id and resident_id = old.id;
      insert into resident_search_terms (tenant_id, resident_id, kind, term)
        select new.tenant_id, new.id, t.kind, t.term from resident_search_terms_of(new.search_text, new.family_name, new.street) t;
      return null;
    end
    $$
  `.execute(db);
  await sql`
    create trigger resident_search_terms_updated after update of search_text, family_name, street on residents
      for each row when (old.search_text is distinct from new.search_text or old.family_name is distinct from new.family_name
        or old.street is distinct from new.street)
      execute function resident_search_terms_updated()
  `.execute(db);

  // The residents already there, one municipality at a time (row-level security is forced for the owner too).
  await sql`
    do $$
    declare
      v_tenant record;
    begin
      for v_tenant in select id from tenants order by id loop
        perform set_config('koers.tenant_id', v_tenant.id, true);
        insert into resident_search_terms (tenant_id, resident_id, kind, term)
          select r.tenant_id, r.id, t.kind, t.term from residents r, resident_search_terms_of(r.search_text, r.family_name, r.street) t;
      end loop;
      perform set_config('koers.tenant_id', '', true);
    end
    $$
  `.execute(db);
  await sql`analyze resident_search_terms`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
