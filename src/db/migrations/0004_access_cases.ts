import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The first line (KCC contacts and callbacks), area teams, the
// fixed contact person, and cases (zaken) with their events. Deadlines are not stored: they are
// computed from the case type's terms and the events, so they can never be typed in.

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
    create table teams (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      name text not null,
      kind text not null check (kind in ('area_team', 'kcc', 'specialist')),
      primary key (tenant_id, id),
      unique (tenant_id, name)
    )
  `.execute(db);
  await isolateTenant(db, 'teams', 'select, insert, update');

  await sql`
    create table team_areas (
      tenant_id text not null,
      team_id uuid not null,
      area_code text not null,
      primary key (tenant_id, area_code),
      foreign key (tenant_id, team_id) references teams (tenant_id, id),
      foreign key (tenant_id, area_code) references areas (tenant_id, code)
    )
  `.execute(db);
  await isolateTenant(db, 'team_areas', 'select, insert, delete');

  await sql`
    create table team_members (
      tenant_id text not null,
      team_id uuid not null,
      user_id uuid not null,
      primary key (tenant_id, team_id, user_id),
      foreign key (tenant_id, team_id) references teams (tenant_id, id),
      foreign key (tenant_id, user_id) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'team_members', 'select, insert, delete');

  // Every assignment and change of contact person is a row; the current one has no end.
  await sql`
    create table contact_person_assignments (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      consultant_id uuid not null,
      assigned_by uuid not null,
      assigned_at timestamptz not null default now(),
      reason text not null,
      ended_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, consultant_id) references users (tenant_id, id),
      foreign key (tenant_id, assigned_by) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create unique index contact_person_current on contact_person_assignments (tenant_id, resident_id) where ended_at is null`.execute(db);
  await sql`create index contact_person_consultant on contact_person_assignments (tenant_id, consultant_id) where ended_at is null`.execute(db);
  await isolateTenant(db, 'contact_person_assignments', 'select, insert, update');

  await sql`
    create table kcc_contacts (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid,
      channel text not null check (channel in ('telefoon', 'balie', 'e-mail', 'web')),
      subject text not null,
      note text not null default '',
      product_id uuid,
      outcome text not null check (outcome in ('answered', 'routed')),
      routed_to_team_id uuid,
      routed_to_user_id uuid,
      registered_by uuid not null,
      registered_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, product_id) references products (tenant_id, id),
      foreign key (tenant_id, routed_to_team_id) references teams (tenant_id, id),
      foreign key (tenant_id, routed_to_user_id) references users (tenant_id, id),
      check (outcome = 'answered' or routed_to_team_id is not null or routed_to_user_id is not null)
    )
  `.execute(db);
  await sql`create index kcc_contacts_resident on kcc_contacts (tenant_id, resident_id, registered_at)`.execute(db);
  await isolateTenant(db, 'kcc_contacts', 'select, insert');

  await sql`
    create table callback_tasks (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      contact_id uuid not null,
      resident_id uuid,
      team_id uuid,
      user_id uuid,
      due_at timestamptz not null,
      done_at timestamptz,
      done_by uuid,
      done_note text,
      primary key (tenant_id, id),
      foreign key (tenant_id, contact_id) references kcc_contacts (tenant_id, id),
      foreign key (tenant_id, team_id) references teams (tenant_id, id),
      foreign key (tenant_id, user_id) references users (tenant_id, id)
    )
  `.execute(db);
  await sql`create index callback_tasks_open on callback_tasks (tenant_id, due_at) where done_at is null`.execute(db);
  await isolateTenant(db, 'callback_tasks', 'select, insert, update');

  // Terms as data (ISO 8601 durations): Wmo 2015 art. 2.3.2 (research, 6 weeks) and 2.3.5 (decision, 2 weeks).
  await sql`
    create table case_types (
      tenant_id text not null references tenants(id),
      code text not null,
      name text not null,
      law text not null check (law in ('wmo', 'jeugdwet', 'participatiewet', 'wgs')),
      research_term text check (research_term ~ '^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$'),
      decision_term text not null check (decision_term ~ '^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$'),
      legal_basis text not null,
      primary key (tenant_id, code)
    )
  `.execute(db);
  await isolateTenant(db, 'case_types', 'select, insert, update');

  await sql`
    create table cases (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      reference text not null,
      resident_id uuid not null,
      case_type_code text not null,
      status text not null check (status in ('melding', 'onderzoek', 'aanvraag', 'besluit', 'afgesloten', 'ingetrokken')),
      notified_on date not null,
      applied_on date,
      decided_on date,
      closed_on date,
      consultant_id uuid,
      direct_access_product_id uuid,
      direct_access_provider_id uuid,
      direct_access_start date,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, reference),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, case_type_code) references case_types (tenant_id, code),
      foreign key (tenant_id, consultant_id) references users (tenant_id, id),
      foreign key (tenant_id, direct_access_product_id) references products (tenant_id, id),
      check (applied_on is null or applied_on >= notified_on),
      check ((direct_access_product_id is null) = (direct_access_start is null))
    )
  `.execute(db);
  await sql`create index cases_resident on cases (tenant_id, resident_id)`.execute(db);
  await sql`create index cases_consultant_open on cases (tenant_id, consultant_id) where status not in ('afgesloten', 'ingetrokken')`.execute(db);
  await isolateTenant(db, 'cases', 'select, insert, update');

  // Status changes, suspensions (opschorten), extensions (verdagen) and assignments: append-only.
  await sql`
    create table case_events (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      case_id uuid not null,
      kind text not null check (kind in ('status', 'suspension_start', 'suspension_end', 'extension', 'assignment')),
      on_date date not null,
      term text,
      from_status text,
      to_status text,
      reason text,
      recorded_by uuid not null,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, case_id) references cases (tenant_id, id)
    )
  `.execute(db);
  await sql`create index case_events_case on case_events (tenant_id, case_id, on_date)`.execute(db);
  await isolateTenant(db, 'case_events', 'select, insert');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
