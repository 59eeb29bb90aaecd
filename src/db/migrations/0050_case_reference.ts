import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). A case's reference (`WMO-2026-00042`) was the number of cases with the
// prefix plus one, counted by the application. Two flaws: two transactions at the same moment counted the
// same number and the second failed on the unique reference (409 "Dit gegeven bestaat al"); and in the
// resident portal's unit of work (0048: the database shows that resident's rows only) the count saw only
// the resident's own cases, so an application sent through the e-service collided with every other case.
// `next_case_reference` counts in the database, as the owner (the tenant policy still applies; the
// portal's restriction is lifted for the count only), under a transaction-scoped advisory lock
// per municipality and prefix: the next caller waits until the first commits or rolls back, then counts again.

const APP_ROLE = 'koers_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  await sql.raw(`
    create function next_case_reference(p_prefix text) returns text language plpgsql security definer
    set search_path = ${schema}, pg_temp as $$
    declare
      v_tenant text := current_setting('koers.tenant_id', true);
      v_resident text := current_setting('koers.resident_id', true);
      v_count bigint;
    begin
      if v_tenant is null or v_tenant = '' then
        raise exception 'Geen gemeente gekozen: een zaaknummer hoort bij een gemeente.' using errcode = '42501';
      end if;
      if p_prefix !~ '^[A-Z0-9-]{2,40}$' then
        raise exception 'Ongeldig voorvoegsel voor een zaaknummer: %', p_prefix using errcode = '22023';
      end if;
      perform pg_advisory_xact_lock(hashtext('koers.case_reference'), hashtext(v_tenant || ':' || p_prefix));
      -- The portal's restriction (0048) is for koers_app and its members, which the owner may be: lifted
      -- for this count only (it returns a number, no row), and put back as it was.
      perform set_config('koers.resident_id', '', true);
      select count(*) into v_count from cases where tenant_id = v_tenant and reference like p_prefix || '-%';
      perform set_config('koers.resident_id', coalesce(v_resident, ''), true);
      return p_prefix || '-' || lpad((v_count + 1)::text, 5, '0');
    end
    $$
  `).execute(db);
  await sql.raw(`revoke all on function next_case_reference(text) from public`).execute(db);
  await sql.raw(`grant execute on function next_case_reference(text) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
