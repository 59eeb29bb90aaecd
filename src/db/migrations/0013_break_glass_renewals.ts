import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Renewing break-glass access: a grant made while the same
// employee still held an unexpired one for the same resident points to it (`renewal_of`) and counts
// the renewals in the chain, so the privacy officer sees repeated use. Renewals notify the team lead
// in `notifications`: the smallest real notification mechanism (inserted, listed per recipient,
// never changed), usable for other notices later.

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
  await sql`alter table access_grants add column renewal_of uuid`.execute(db);
  await sql`alter table access_grants add column renewal_count integer not null default 0 check (renewal_count >= 0)`.execute(db);
  await sql`alter table access_grants add constraint access_grants_renewal_of foreign key (tenant_id, renewal_of) references access_grants (tenant_id, id)`.execute(db);
  await sql`alter table access_grants add constraint access_grants_renewal_counted check ((renewal_of is null) = (renewal_count = 0))`.execute(db);

  await sql`
    create table notifications (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      recipient_user_id uuid not null,
      kind text not null check (kind in ('doorbraak.verlengd')),
      resident_id uuid,
      access_grant_id uuid,
      message text not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, recipient_user_id) references users (tenant_id, id),
      foreign key (tenant_id, resident_id) references residents (tenant_id, id),
      foreign key (tenant_id, access_grant_id) references access_grants (tenant_id, id)
    )
  `.execute(db);
  await sql`create index notifications_recipient on notifications (tenant_id, recipient_user_id, created_at desc)`.execute(db);
  await isolateTenant(db, 'notifications', 'select, insert');
}
