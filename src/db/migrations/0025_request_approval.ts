import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Four eyes on a provider's request (315/317), as on a decision:
// a grant whose expected cost over a year is above the municipality's threshold (or a change that
// raises it by more than the change step) is first proposed (status 'pending_approval', with who
// proposed it, when, and the expected cost) and takes effect only when a team lead other than the
// proposer approves it. Until then nothing is allocated and nothing is sent to the provider.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table provider_requests
      add column proposed_by uuid,
      add column proposed_at timestamptz,
      add column expected_annual_cents bigint check (expected_annual_cents >= 0)
  `.execute(db);
  await sql`alter table provider_requests add constraint provider_requests_proposed_by_fkey foreign key (tenant_id, proposed_by) references users (tenant_id, id)`.execute(db);
  // The checks of 0022 that name the statuses: replaced, found by their definition (their names were generated).
  const { rows } = await sql<{ conname: string }>`
    select conname from pg_constraint
    where conrelid = 'provider_requests'::regclass and contype = 'c'
      and (pg_get_constraintdef(oid) like '%''granted''%' or pg_get_constraintdef(oid) like '%decided_at IS NULL%')
  `.execute(db);
  for (const r of rows) await sql`alter table provider_requests drop constraint ${sql.id(r.conname)}`.execute(db);
  await sql`
    alter table provider_requests
      add constraint provider_requests_status_check check (status in ('open', 'pending_approval', 'granted', 'refused')),
      add constraint provider_requests_decided check ((status in ('open', 'pending_approval')) = (decided_at is null)),
      add constraint provider_requests_proposed check (status <> 'pending_approval' or (proposed_by is not null and proposed_at is not null and expected_annual_cents is not null))
  `.execute(db);
}
