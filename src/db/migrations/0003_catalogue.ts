import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The products-and-services catalogue (PDC), budget lines (BBV
// taakvelden) and providers with their procurement tariffs and subsidies. Providers and tariffs
// contracted by the region are visible to every municipality of that region; each municipality
// writes only its own rows.

const APP_ROLE = 'koers_app';
const TENANT = `current_setting('koers.tenant_id', true)`;

async function isolateTenant(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await sql`alter table ${sql.table(table)} enable row level security`.execute(db);
  await sql`alter table ${sql.table(table)} force row level security`.execute(db);
  await sql.raw(`create policy tenant_isolation on ${table} using (tenant_id = ${TENANT}) with check (tenant_id = ${TENANT})`).execute(db);
  await sql.raw(`grant ${privileges} on ${table} to ${APP_ROLE}`).execute(db);
}

/** Own rows, plus rows another municipality of the same region marked region-wide (read only). */
async function isolateTenantSharedInRegion(db: Kysely<unknown>, table: string, privileges: string): Promise<void> {
  await isolateTenant(db, table, privileges);
  await sql.raw(`
    create policy region_shared_read on ${table} for select using (
      region_wide and region = (select t.region from tenants t where t.id = ${TENANT})
    )
  `).execute(db);
  // A municipality can share only within its own region: it cannot push rows into another one.
  await sql.raw(`
    create policy region_is_own on ${table} as restrictive for all using (true) with check (
      not region_wide or region = (select t.region from tenants t where t.id = tenant_id)
    )
  `).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table budget_lines (
      tenant_id text not null references tenants(id),
      code text not null,
      name text not null,
      law text check (law in ('wmo', 'jeugdwet', 'participatiewet', 'wgs')),
      primary key (tenant_id, code)
    )
  `.execute(db);
  await isolateTenant(db, 'budget_lines', 'select, insert, update');

  await sql`
    create table budget_line_years (
      tenant_id text not null,
      code text not null,
      year integer not null check (year between 2000 and 2100),
      budget_cents bigint not null check (budget_cents >= 0),
      primary key (tenant_id, code, year),
      foreign key (tenant_id, code) references budget_lines (tenant_id, code)
    )
  `.execute(db);
  await isolateTenant(db, 'budget_line_years', 'select, insert, update');

  await sql`
    create table products (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      code text not null,
      name text not null,
      law text not null check (law in ('wmo', 'jeugdwet', 'participatiewet', 'wgs')),
      kind text not null check (kind in ('community', 'tailored', 'benefit')),
      category_code text check (category_code ~ '^[0-9]{2}$'),
      product_code text check (length(product_code) between 1 and 5),
      unit text not null check (unit in ('minute', 'hour', 'day_part', 'day', 'piece', 'euro')),
      frequency text not null check (frequency in ('per_day', 'per_week', 'per_month', 'total')),
      requires_decision boolean not null,
      direct_access boolean not null default false,
      direct_access_max_weeks integer check (direct_access_max_weeks between 1 and 52),
      budget_line_code text not null,
      description text not null,
      eligibility text not null,
      active boolean not null default true,
      search_text text not null,
      primary key (tenant_id, id),
      unique (tenant_id, code),
      foreign key (tenant_id, budget_line_code) references budget_lines (tenant_id, code),
      check (not direct_access or direct_access_max_weeks is not null)
    )
  `.execute(db);
  await isolateTenant(db, 'products', 'select, insert, update');

  await sql`
    create table product_areas (
      tenant_id text not null,
      product_id uuid not null,
      area_code text not null,
      primary key (tenant_id, product_id, area_code),
      foreign key (tenant_id, product_id) references products (tenant_id, id),
      foreign key (tenant_id, area_code) references areas (tenant_id, code)
    )
  `.execute(db);
  await isolateTenant(db, 'product_areas', 'select, insert, delete');

  await sql`
    create table providers (
      tenant_id text not null references tenants(id),
      id uuid not null default gen_random_uuid(),
      agb_code char(8) not null check (agb_code ~ '^[0-9]{8}$'),
      name text not null,
      kind text not null check (kind in ('care', 'welfare', 'youth', 'housing_aids', 'transport')),
      strategic_partner boolean not null default false,
      region_wide boolean not null default false,
      region text,
      primary key (tenant_id, id),
      unique (tenant_id, agb_code),
      check (not region_wide or region is not null)
    )
  `.execute(db);
  await isolateTenantSharedInRegion(db, 'providers', 'select, insert, update');

  // A tariff per product code per unit per year: the procurement contract in its smallest form.
  await sql`
    create table provider_tariffs (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      provider_id uuid not null,
      product_code text not null,
      year integer not null check (year between 2000 and 2100),
      unit text not null check (unit in ('minute', 'hour', 'day_part', 'day', 'piece', 'euro')),
      cents_per_unit bigint not null check (cents_per_unit >= 0),
      region_wide boolean not null default false,
      region text,
      primary key (tenant_id, id),
      unique (tenant_id, provider_id, product_code, year),
      foreign key (tenant_id, provider_id) references providers (tenant_id, id)
    )
  `.execute(db);
  await isolateTenantSharedInRegion(db, 'provider_tariffs', 'select, insert, update');

  await sql`
    create table subsidies (
      tenant_id text not null,
      id uuid not null default gen_random_uuid(),
      provider_id uuid not null,
      year integer not null check (year between 2000 and 2100),
      amount_cents bigint not null check (amount_cents >= 0),
      purpose text not null,
      primary key (tenant_id, id),
      foreign key (tenant_id, provider_id) references providers (tenant_id, id)
    )
  `.execute(db);
  await isolateTenant(db, 'subsidies', 'select, insert, update');
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
