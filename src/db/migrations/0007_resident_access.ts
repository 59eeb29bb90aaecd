import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Break-glass access (doorbraak) to a resident's file: an employee
// without a relation with the resident (contact person, case, area team, KCC) states a reason and
// gets access for a limited time. Grants are never changed or deleted: they are the evidence.

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
  await sql`
    create table access_grants (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      resident_id uuid not null,
      user_id uuid not null,
      reason text not null check (length(btrim(reason)) >= 10),
      granted_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, user_id) references users (tenant_id, id),
      check (expires_at > granted_at)
    )
  `.execute(db);
  await sql`create index access_grants_user_resident on access_grants (tenant_id, user_id, resident_id, expires_at)`.execute(db);
  await isolateTenant(db, 'access_grants', 'select, insert');

  // The relation check looks an employee's teams up (cases and contact persons by resident are indexed already).
  await sql`create index team_members_user on team_members (tenant_id, user_id)`.execute(db);
}
