import { sql, type Kysely } from 'kysely';

// Failed logins, kept in the database so every server process sees the same counts. One row per
// account (address_hash '') and one per account + client address; both the username and the address
// are stored only as an HMAC (keyed with the session secret), never in clear.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      tenant_id text not null,
      username_hash text not null,
      address_hash text not null,
      failures integer not null default 0 check (failures >= 0),
      last_failure_at timestamptz,
      blocked_until timestamptz,
      last_success_at timestamptz,
      primary key (tenant_id, username_hash, address_hash)
    )
  `.execute(db);
  // Not joined to tenants: an attempt for an unknown municipality is throttled like any other.
  await sql`alter table login_throttle enable row level security`.execute(db);
  await sql`alter table login_throttle force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on login_throttle
      using (tenant_id = current_setting('koers.tenant_id', true))
      with check (tenant_id = current_setting('koers.tenant_id', true))
  `.execute(db);
  await sql`grant select, insert, update, delete on login_throttle to koers_app`.execute(db);
}
