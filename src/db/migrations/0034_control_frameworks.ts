import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Control frameworks (controlkaders) as data (issue #13 §1): per process
// (Wmo, Jeugd, Participatiewet, Beschermd Wonen, Wsw/MTB) the process steps, the risks per step and the
// controls per risk. A framework is kept in versions: an import or an edit stores a whole new version,
// and a version is never changed or removed (koers_app may only select and insert), so a control run can
// always name the version it tested against.
//
// - control_framework_versions: one row per version of a process's framework, with who stored it and why.
// - control_framework_steps: the ordered steps of a version; `follows` names the step codes it follows
//   (the service refuses a loop; an array has no foreign key, the service checks every code).
// - control_framework_risks: the risks of a step.
// - control_framework_controls: the controls of a risk: kind, frequency, owner (a role), the norm it tests,
//   the financial impact type, and optionally the automated control (automated-control-ids.ts) that
//   performs it. Roles and automated ids are checked by the service: both lists grow in code.

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
    create table control_framework_versions (
      tenant_id text not null references tenants(id),
      process text not null check (process in ('wmo', 'jeugd', 'participatiewet', 'beschermd-wonen', 'wsw-mtb')),
      version integer not null check (version >= 1),
      note text not null check (length(btrim(note)) between 1 and 500),
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (tenant_id, process, version),
      foreign key (tenant_id, created_by) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'control_framework_versions', 'select, insert');

  await sql`
    create table control_framework_steps (
      tenant_id text not null,
      process text not null,
      version integer not null,
      code text not null check (code ~ '^[A-Za-z0-9._-]{1,40}$'),
      position integer not null check (position >= 1),
      name text not null check (length(btrim(name)) between 1 and 200),
      follows text[] not null default '{}',
      primary key (tenant_id, process, version, code),
      unique (tenant_id, process, version, position),
      foreign key (tenant_id, process, version) references control_framework_versions (tenant_id, process, version)
    )
  `.execute(db);
  await isolateTenant(db, 'control_framework_steps', 'select, insert');

  await sql`
    create table control_framework_risks (
      tenant_id text not null,
      process text not null,
      version integer not null,
      code text not null check (code ~ '^[A-Za-z0-9._-]{1,40}$'),
      step_code text not null,
      position integer not null check (position >= 1),
      description text not null check (length(btrim(description)) between 1 and 500),
      primary key (tenant_id, process, version, code),
      foreign key (tenant_id, process, version, step_code) references control_framework_steps (tenant_id, process, version, code)
    )
  `.execute(db);
  await isolateTenant(db, 'control_framework_risks', 'select, insert');

  await sql`
    create table control_framework_controls (
      tenant_id text not null,
      process text not null,
      version integer not null,
      code text not null check (code ~ '^[A-Za-z0-9._-]{1,40}$'),
      risk_code text not null,
      position integer not null check (position >= 1),
      description text not null check (length(btrim(description)) between 1 and 500),
      kind text not null check (kind in ('preventief', 'detectief')),
      frequency text not null check (frequency in ('continu', 'maandelijks', 'per kwartaal', 'jaarlijks')),
      owner_role text not null,
      norm text not null check (length(btrim(norm)) between 1 and 500),
      impact_type text not null check (impact_type in ('fout', 'onzekerheid')),
      automated_control_id text,
      primary key (tenant_id, process, version, code),
      foreign key (tenant_id, process, version, risk_code) references control_framework_risks (tenant_id, process, version, code)
    )
  `.execute(db);
  await isolateTenant(db, 'control_framework_controls', 'select, insert');

  await sql`alter table admin_changes drop constraint admin_changes_section_check`.execute(db);
  await sql`
    alter table admin_changes add constraint admin_changes_section_check
      check (section in ('users', 'teams', 'settings', 'case_types', 'budget_lines', 'kpi_targets', 'api_tokens', 'pw_norms', 'control_frameworks'))
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
