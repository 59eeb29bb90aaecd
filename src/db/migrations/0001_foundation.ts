import { sql, type Kysely } from 'kysely';

// Frozen once released: migrations never import application code, so they run the same forever,
// on PGlite and on PostgreSQL.

const APP_ROLE = 'koers_app';

/**
 * Tenant isolation for one table: row-level security enabled AND forced (so even the owner is
 * filtered), one policy that pins every row to the tenant set for the current transaction.
 */
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
  // The application's queries run as this role: no login, not superuser, no BYPASSRLS.
  // The connecting role switches to it per transaction with SET LOCAL ROLE.
  await sql.raw(`
    do $$
    begin
      if not exists (select from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} nologin nosuperuser nobypassrls nocreatedb nocreaterole;
      end if;
      -- Only when not yet a member: a DBA's 'grant ${APP_ROLE} to koers' (docs/operations.md) leaves
      -- the owner without ADMIN OPTION, and granting it again would fail.
      if not (select rolsuper from pg_roles where rolname = current_user)
        and not pg_has_role(current_user, '${APP_ROLE}', 'member') then
        execute format('grant ${APP_ROLE} to %I', current_user);
      end if;
    end
    $$;
  `).execute(db);
  await sql.raw(`grant usage on schema public to ${APP_ROLE}`).execute(db);

  await sql`
    create table tenants (
      id text primary key check (id ~ '^GM[0-9]{4}$'),
      name text not null,
      region text,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  // Municipality names and codes are public facts; every tenant may see the list (login page).
  await sql.raw(`grant select on tenants to ${APP_ROLE}`).execute(db);

  await sql`
    create table areas (
      tenant_id text not null references tenants(id),
      code text not null,
      name text not null,
      primary key (tenant_id, code)
    )
  `.execute(db);
  await isolateTenant(db, 'areas', 'select, insert, update');

  await sql`
    create table users (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      username text not null check (username ~ '^[a-z0-9._-]{2,64}$'),
      display_name text not null,
      roles text[] not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, username)
    )
  `.execute(db);
  await isolateTenant(db, 'users', 'select, insert, update');

  await sql`
    create table user_credentials (
      tenant_id text not null,
      user_id uuid not null,
      password_hash text not null,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, user_id),
      foreign key (tenant_id, user_id) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'user_credentials', 'select, insert, update');

  await sql`
    create table user_identities (
      tenant_id text not null,
      issuer text not null,
      subject text not null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, issuer, subject),
      foreign key (tenant_id, user_id) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'user_identities', 'select, insert, delete');

  await sql`
    create table sessions (
      tenant_id text not null,
      token_hash text not null,
      user_id uuid not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      primary key (tenant_id, token_hash),
      foreign key (tenant_id, user_id) references users (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'sessions', 'select, insert, update, delete');

  await sql`
    create table residents (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      bsn char(9) not null check (bsn ~ '^[0-9]{9}$'),
      given_name text not null,
      surname_prefix text,
      family_name text not null,
      birth_date date not null,
      gender char(1) not null check (gender in ('M', 'V', 'X')),
      street text not null,
      house_number integer not null check (house_number between 1 and 99999),
      house_letter text check (house_letter ~ '^[A-Za-z]$'),
      house_number_addition text,
      postcode char(7) not null check (postcode ~ '^[1-9][0-9]{3} [A-Z]{2}$'),
      city text not null,
      area_code text,
      household_id uuid not null,
      search_text text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, bsn),
      foreign key (tenant_id, area_code) references areas (tenant_id, code)
    )
  `.execute(db);
  await sql`create index residents_address on residents (tenant_id, postcode, house_number)`.execute(db);
  await sql`create index residents_household on residents (tenant_id, household_id)`.execute(db);
  await sql`create index residents_family_name on residents (tenant_id, lower(family_name) text_pattern_ops)`.execute(db);
  await isolateTenant(db, 'residents', 'select, insert, update');

  await sql`
    create table audit_log (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      trace_id char(32) not null,
      span_id char(16) not null,
      parent_span_id char(16),
      name text not null,
      status_code text not null check (status_code in ('OK', 'ERROR')),
      start_time timestamptz not null,
      end_time timestamptz not null,
      processing_activity_id text not null,
      data_subject_type text not null,
      data_subject_id text not null,
      actor_id uuid,
      actor_username text,
      actor_roles text[] not null default '{}',
      resource_name text not null,
      resource_version text not null,
      attributes jsonb not null default '{}',
      primary key (tenant_id, id)
    )
  `.execute(db);
  await sql`create index audit_log_subject on audit_log (tenant_id, data_subject_type, data_subject_id, start_time)`.execute(db);
  await sql`create index audit_log_trace on audit_log (tenant_id, trace_id)`.execute(db);
  // Append-only: the application role gets no UPDATE or DELETE, and a trigger refuses them for everyone.
  await isolateTenant(db, 'audit_log', 'select, insert');
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op;
    end
    $$
  `.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function audit_log_append_only()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
