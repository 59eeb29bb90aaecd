import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Transport of provider messages (iWmo/iJw 3.2):
// - provider_api_tokens: machine accounts, one or more per provider. Only the SHA-256 of the random
//   token is kept; the token itself is shown once, when the administrator creates it. A revoked token
//   stays (with revoked_at) so the log keeps naming it.
// - exchange_refusals: every incoming message Koers refused before keeping it (too large, not XML,
//   not a message this version processes, for another municipality, from an unknown provider or a
//   provider other than the caller), written in a transaction of its own after the refused one
//   rolled back: what came in, through which channel, when and why. Rows are only added.
// - admin_changes may now record changes to the machine accounts (section 'api_tokens').

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table provider_api_tokens (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      -- No foreign key: a region-wide provider is a row of the region's lead municipality (as on allocations).
      provider_id uuid not null,
      label text not null check (length(label) between 1 and 120),
      token_sha256 bytea not null check (length(token_sha256) = 32),
      created_by uuid not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, created_by) references users (tenant_id, id)
    )
  `.execute(db);
  // The lookup by hash runs before the tenant is known (owner connection): unique over all tenants.
  await sql`create unique index provider_api_tokens_hash on provider_api_tokens (token_sha256)`.execute(db);
  await isolateTenant(db, 'provider_api_tokens', 'select, insert, update');

  await sql`
    create table exchange_refusals (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      received_at timestamptz not null default now(),
      channel text not null check (channel in ('api', 'folder', 'cli', 'upload')),
      -- The Afzender in the header as given (may be anything, or nothing when the XML is unreadable).
      sender text,
      -- The provider the caller is (a machine account), if any.
      provider_id uuid,
      file_name text,
      reason text not null,
      size_bytes bigint not null check (size_bytes >= 0),
      -- Null when the body was not read in full (larger than the limit).
      body_sha256 bytea check (body_sha256 is null or length(body_sha256) = 32),
      -- The whole XML when small, else its beginning (excerpt_complete false).
      excerpt text,
      excerpt_complete boolean not null default false,
      created_by uuid,
      primary key (tenant_id, id)
    )
  `.execute(db);
  await sql`create index exchange_refusals_recent on exchange_refusals (tenant_id, received_at desc)`.execute(db);
  await isolateTenant(db, 'exchange_refusals', 'select, insert');

  await sql`alter table admin_changes drop constraint admin_changes_section_check`.execute(db);
  await sql`
    alter table admin_changes add constraint admin_changes_section_check
      check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets', 'api_tokens'))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table admin_changes drop constraint admin_changes_section_check`.execute(db);
  await sql`
    alter table admin_changes add constraint admin_changes_section_check
      check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets'))
  `.execute(db);
  await sql`drop table exchange_refusals`.execute(db);
  await sql`drop table provider_api_tokens`.execute(db);
}
