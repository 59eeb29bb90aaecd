import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Notes per case (zaaknotities): short working notes of the
// consultants on a case, append-only like the case events (a note is never changed or removed; a
// correction is a new note). The resident is stored beside the case so a note is found by resident
// without a join, and a foreign key on (tenant, case, resident) keeps the two consistent.

const APP_ROLE = 'koers_app';

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on ${sql.table(table)}
      using (tenant_id = current_setting('koers.tenant_id', true))
      with check (tenant_id = current_setting('koers.tenant_id', true))
  `.execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases add constraint cases_resident_unique unique (tenant_id, id, resident_id)`.execute(db);
  await sql`
    create table case_notes (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      resident_id uuid not null,
      body text not null check (length(btrim(body)) between 1 and 4000),
      author_user_id uuid not null,
      author_name text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, case_id, resident_id) references cases (tenant_id, id, resident_id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, author_user_id) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index case_notes_case on case_notes (tenant_id, case_id, created_at desc)`.execute(db);
  await isolateTenant(db, 'case_notes', 'select, insert');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table case_notes`.execute(db);
  await sql`alter table cases drop constraint cases_resident_unique`.execute(db);
}
