import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Changing a follow-up action of a control finding (issue #13 §3): the
// controller may give an open action another owner or due date, with a reason. The action row holds the
// current owner and due date (its update grant dates from 0038); every change is kept here, never
// updated or deleted, so a postponed due date stays visible to the auditor and the owner.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table control_finding_action_changes (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      action_id uuid not null,
      from_owner_id uuid not null,
      to_owner_id uuid not null,
      from_due_date date not null,
      to_due_date date not null,
      reason text not null check (length(btrim(reason)) between 1 and 2000),
      changed_by uuid not null,
      changed_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, action_id) references control_finding_actions (tenant_id, id),
      foreign key (tenant_id, from_owner_id) references users (tenant_id, id),
      foreign key (tenant_id, to_owner_id) references users (tenant_id, id),
      foreign key (tenant_id, changed_by) references users (tenant_id, id),
      check (from_owner_id <> to_owner_id or from_due_date <> to_due_date)
    )
  `.execute(db);
  await sql`create index control_finding_action_changes_action on control_finding_action_changes (tenant_id, action_id, changed_at)`.execute(db);
  await sql`alter table control_finding_action_changes enable row level security`.execute(db);
  await sql`alter table control_finding_action_changes force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on control_finding_action_changes using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant select, insert on control_finding_action_changes to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
