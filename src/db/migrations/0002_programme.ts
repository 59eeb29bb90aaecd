import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The change programme's roadmap: programme → lines → themes →
// activities, with every change to an activity kept, budget chapters and council letters.

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

const QUARTER = `'^[0-9]{4}-Q[1-4]$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table programmes (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      name text not null,
      report_month text not null check (report_month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      requested_total_cents bigint not null default 0 check (requested_total_cents >= 0),
      contingency_percent numeric(5, 2) not null default 10 check (contingency_percent between 0 and 100),
      created_at timestamptz not null default now(),
      -- A replaced programme is kept (with its history), never deleted.
      superseded_at timestamptz,
      primary key (tenant_id, id)
    )
  `.execute(db);
  await sql`create unique index programmes_current on programmes (tenant_id) where superseded_at is null`.execute(db);
  await isolateTenant(db, 'programmes', 'select, insert, update');

  await sql`
    create table programme_lines (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      programme_id uuid not null,
      number integer not null check (number > 0),
      title text not null,
      track text not null check (track in ('inhoud', 'organisatie', 'bedrijfsvoering')),
      objective text not null,
      explanation text not null default '',
      result text not null,
      primary key (tenant_id, id),
      unique (tenant_id, programme_id, number),
      foreign key (tenant_id, programme_id) references programmes (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await isolateTenant(db, 'programme_lines', 'select, insert, update');

  await sql`
    create table programme_themes (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      line_id uuid not null,
      position integer not null,
      title text not null,
      result text not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, line_id) references programme_lines (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await isolateTenant(db, 'programme_themes', 'select, insert, update');

  await sql.raw(`
    create table programme_activities (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      theme_id uuid not null,
      position integer not null,
      text text not null,
      status text not null check (status in ('AF', 'LOOPT', 'NIEUW')),
      planned_quarter text check (planned_quarter ~ ${QUARTER}),
      done_quarter text check (done_quarter ~ ${QUARTER}),
      note text,
      owner text,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, theme_id) references programme_themes (tenant_id, id) on delete cascade
    )
  `).execute(db);
  await isolateTenant(db, 'programme_activities', 'select, insert, update');

  // Every change to an activity, so a report for an earlier month shows what was true then and a
  // re-planning stays visible (old quarter struck through, new one beside it).
  await sql`
    create table programme_activity_changes (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      activity_id uuid not null,
      changed_at timestamptz not null,
      changed_by text,
      field text not null check (field in ('status', 'planned_quarter', 'done_quarter', 'text', 'owner', 'note')),
      old_value text,
      new_value text,
      reason text,
      primary key (tenant_id, id),
      foreign key (tenant_id, activity_id) references programme_activities (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await sql`create index programme_activity_changes_activity on programme_activity_changes (tenant_id, activity_id, changed_at)`.execute(db);
  await isolateTenant(db, 'programme_activity_changes', 'select, insert');

  await sql`
    create table programme_budget_chapters (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      programme_id uuid not null,
      position integer not null,
      chapter text not null,
      amount_cents bigint check (amount_cents >= 0),
      primary key (tenant_id, id),
      foreign key (tenant_id, programme_id) references programmes (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await isolateTenant(db, 'programme_budget_chapters', 'select, insert, update');

  await sql`
    create table council_letters (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      programme_id uuid not null,
      date date not null,
      date_end date,
      number text,
      title text not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, programme_id) references programmes (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await isolateTenant(db, 'council_letters', 'select, insert, update');

  await sql`
    create table programme_activity_letters (
      tenant_id text not null,
      activity_id uuid not null,
      letter_id uuid not null,
      primary key (tenant_id, activity_id, letter_id),
      foreign key (tenant_id, activity_id) references programme_activities (tenant_id, id) on delete cascade,
      foreign key (tenant_id, letter_id) references council_letters (tenant_id, id) on delete cascade
    )
  `.execute(db);
  await isolateTenant(db, 'programme_activity_letters', 'select, insert, delete');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
