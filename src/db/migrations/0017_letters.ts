import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Letters ready to send:
// - letterheads: the municipality's letterhead (name, return address, phone, website, logo) and the
//   CAK abonnementstarief per month to print in decision letters. Append-only: every save is a new
//   version with who saved it and when, so the history is the audit trail; the newest one counts.
// - case_documents: documents stored with a case (for now the decision letter as PDF). Append-only:
//   a regenerated letter is a new row, the old one stays.
// - letter_render_failures: why printing a letter failed (e.g. no Chromium), so staff see it and can
//   make the letter again.
// - users.job_title: the function (functie) printed under the signature.
// - products.cak_contribution: whether the CAK levies the eigen bijdrage for the product; null (the
//   default, also for products added later) follows the rule in letters/cak.ts: Wmo
//   maatwerkvoorzieningen except beschermd wonen and opvang (iWmo categories 15–18).

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column job_title text check (job_title is null or length(job_title) between 1 and 120)`.execute(db);

  await sql`alter table products add column cak_contribution boolean`.execute(db);

  await sql`
    create table letterheads (
      tenant_id text not null references tenants(id),
      version integer not null check (version > 0),
      name text not null check (length(name) between 1 and 120),
      return_address text not null check (length(return_address) between 1 and 300),
      phone text not null check (length(phone) between 1 and 40),
      website text not null check (length(website) between 1 and 200),
      logo_media_type text check (logo_media_type in ('image/png', 'image/jpeg')),
      logo bytea check (logo is null or octet_length(logo) <= 204800),
      cak_monthly_cents integer check (cak_monthly_cents is null or cak_monthly_cents between 0 and 100000),
      set_by uuid not null,
      set_at timestamptz not null default now(),
      primary key (tenant_id, version),
      foreign key (tenant_id, set_by) references users (tenant_id, id),
      check ((logo is null) = (logo_media_type is null))
    )
  `.execute(db);
  await isolateTenant(db, 'letterheads', 'select, insert');

  await sql`
    create table case_documents (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      resident_id uuid not null,
      decision_id uuid,
      kind text not null check (kind in ('decision_letter')),
      title text not null check (length(title) between 1 and 200),
      media_type text not null check (media_type in ('application/pdf')),
      bytes bytea not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, decision_id) references decisions (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index case_documents_case on case_documents (tenant_id, case_id, created_at)`.execute(db);
  await sql`create index case_documents_decision on case_documents (tenant_id, decision_id)`.execute(db);
  await isolateTenant(db, 'case_documents', 'select, insert');

  await sql`
    create table letter_render_failures (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      decision_id uuid not null,
      error text not null,
      failed_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, decision_id) references decisions (tenant_id, id)
    )
  `.execute(db);
  await sql`create index letter_render_failures_decision on letter_render_failures (tenant_id, decision_id, failed_at desc)`.execute(db);
  await isolateTenant(db, 'letter_render_failures', 'select, insert');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table letter_render_failures`.execute(db);
  await sql`drop table case_documents`.execute(db);
  await sql`drop table letterheads`.execute(db);
  await sql`alter table products drop column cak_contribution`.execute(db);
  await sql`alter table users drop column job_title`.execute(db);
}
