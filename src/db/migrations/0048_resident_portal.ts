import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The resident portal /mijn (issue #12 §1), see docs/resident-portal.md:
//
// - `resident_sessions`: a resident's own sessions, apart from the staff `sessions` (own cookie, shorter
//   lifetime: 15 minutes idle, 2 hours absolute — enforced in portal.session.ts). Only an HMAC of the token.
// - `portal_oidc_settings`: per municipality the OpenID Connect provider (its DigiD broker) the portal
//   signs residents in with: issuer, client id and the *name* of the environment variable that holds the
//   client secret. The secret itself never enters the database (nor a log).
// - `document_requests`: a request to the resident for more documents on a case (Awb 4:5) with the
//   recovery term (hersteltermijn) until `due_on`; the resident answers by uploading to the case.
// - `documents` gets uploads by the resident: `uploaded_by` (an employee) becomes optional and
//   `uploaded_by_resident` says the resident of the row uploaded it; exactly one of the two.
// - The database-level restriction for a resident principal: the portal's unit of work sets
//   `koers.resident_id` (besides `koers.tenant_id`) for its transaction; a RESTRICTIVE policy on every
//   table the portal reads then hides every row of another resident, even from a query that forgets its
//   filter. Without the setting (staff, jobs, CLI) the policies let everything through that the tenant
//   policy allows.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;
const RESIDENT = `nullif(current_setting('koers.resident_id', true), '')`;
/** True when no resident is pinned (staff work) or when `column` is the pinned resident. */
const ownRows = (column: string) => `(${RESIDENT} is null or ${column} = ${RESIDENT}::uuid)`;

async function isolate(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql.raw(`alter table ${table} enable row level security`).execute(db);
  await sql.raw(`alter table ${table} force row level security`).execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

async function restrictToResident(db: Kysely<unknown>, table: string, condition: string): Promise<void> {
  await sql.raw(`create policy resident_portal on ${table} as restrictive for all to ${APP_ROLE} using (${condition}) with check (${condition})`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resident_sessions (
      tenant_id text not null references tenants(id),
      token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
      resident_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      primary key (tenant_id, token_hash),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await sql`create index resident_sessions_expiry on resident_sessions (tenant_id, expires_at)`.execute(db);
  await isolate(db, 'resident_sessions', 'select, insert, update, delete');

  await sql`
    create table portal_oidc_settings (
      tenant_id text not null references tenants(id),
      issuer text not null check (issuer ~ '^https://[^\s]+$'),
      client_id text not null check (length(client_id) between 1 and 200),
      client_secret_env text not null check (client_secret_env ~ '^KOERS_[A-Z0-9_]{1,100}$'),
      scope text not null default 'openid' check (scope ~ '(^| )openid( |$)'),
      updated_at timestamptz not null default now(),
      primary key (tenant_id)
    )
  `.execute(db);
  await isolate(db, 'portal_oidc_settings', 'select');

  await sql`
    create table document_requests (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      resident_id uuid not null,
      description text not null check (length(description) between 5 and 1000),
      due_on date not null,
      requested_by uuid not null,
      requested_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, requested_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index document_requests_case on document_requests (tenant_id, case_id, requested_at)`.execute(db);
  await isolate(db, 'document_requests', 'select, insert');

  await sql`alter table documents alter column uploaded_by drop not null`.execute(db);
  await sql`alter table documents add column uploaded_by_resident boolean not null default false`.execute(db);
  await sql`alter table documents add constraint documents_one_uploader check ((uploaded_by is null) = uploaded_by_resident)`.execute(db);

  await restrictToResident(db, 'residents', ownRows('id'));
  for (const table of ['cases', 'case_documents', 'documents', 'document_requests', 'resident_sessions']) {
    await restrictToResident(db, table, ownRows('resident_id'));
  }
  // Events carry no resident: through their case (which the policy on cases already narrows).
  await restrictToResident(
    db,
    'case_events',
    `(${RESIDENT} is null or exists (select 1 from cases c where c.tenant_id = case_events.tenant_id and c.id = case_events.case_id and c.resident_id = ${RESIDENT}::uuid))`,
  );
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
