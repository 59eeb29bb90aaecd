import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The name search (0054) ranks its matches by the resident's family
// and given name, so it looked up every matching resident before it could keep the first 25: a prefix
// such as 'jans' matches about 1,800 residents of Maastricht, and that search cost 15–20 ms of database
// time, four times a whole resident file (issue #17, docs/scaling.md). Each term now carries its
// resident's family and given name, and index resident_search_terms_term includes them: the ranking and
// the limit are done on the index alone (an index-only scan once the table is vacuumed), and only the
// residents shown are read.
//
// The names are copies kept by the triggers, like the terms themselves: on insert (statement level) and
// on every change of name or street; the update trigger now also fires on a change of given_name alone.
// The terms are rebuilt from the residents (truncate and insert, one municipality at a time under the
// forced row-level security), which leaves no dead rows behind as an update of every row would.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table resident_search_terms add column family_name text, add column given_name text`.execute(db);

  await sql`
    create or replace function resident_search_terms_inserted() returns trigger language plpgsql as $$
    begin
      insert into resident_search_terms (tenant_id, resident_id, kind, term, family_name, given_name)
        select r.tenant_id, r.id, t.kind, t.term, r.family_name, r.given_name
        from new_residents r, resident_search_terms_of(r.search_text, r.family_name, r.street) t;
      return null;
    end
    $$
  `.execute(db);
  await sql`
    create or replace function resident_search_terms_updated() returns trigger language plpgsql as $$
    begin
      delete from resident_search_terms where tenant_id = old.tenant_id and resident_id = old.id;
      insert into resident_search_terms (tenant_id, resident_id, kind, term, family_name, given_name)
        select new.tenant_id, new.id, t.kind, t.term, new.family_name, new.given_name
        from resident_search_terms_of(new.search_text, new.family_name, new.street) t;
      return null;
    end
    $$
  `.execute(db);
  await sql`drop trigger resident_search_terms_updated on residents`.execute(db);
  await sql`
    create trigger resident_search_terms_updated after update of search_text, family_name, given_name, street on residents
      for each row when (old.search_text is distinct from new.search_text or old.family_name is distinct from new.family_name
        or old.given_name is distinct from new.given_name or old.street is distinct from new.street)
      execute function resident_search_terms_updated()
  `.execute(db);

  await sql`drop index resident_search_terms_term`.execute(db);
  await sql`truncate resident_search_terms`.execute(db);
  await sql`
    do $$
    declare
      v_tenant record;
    begin
      for v_tenant in select id from tenants order by id loop
        perform set_config('koers.tenant_id', v_tenant.id, true);
        insert into resident_search_terms (tenant_id, resident_id, kind, term, family_name, given_name)
          select r.tenant_id, r.id, t.kind, t.term, r.family_name, r.given_name
          from residents r, resident_search_terms_of(r.search_text, r.family_name, r.street) t;
      end loop;
      perform set_config('koers.tenant_id', '', true);
    end
    $$
  `.execute(db);
  await sql`alter table resident_search_terms alter column family_name set not null, alter column given_name set not null`.execute(db);
  await sql`
    create index resident_search_terms_term on resident_search_terms (tenant_id, term text_pattern_ops)
      include (kind, resident_id, family_name, given_name)
  `.execute(db);
  await sql`analyze resident_search_terms`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
