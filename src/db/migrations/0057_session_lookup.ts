import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../tenancy.js';

// Frozen once released (see 0001). Every API request first looks up its session. That was a
// transaction of its own: `begin` with the role and the tenant pinned, the lookup, `commit`, three
// round trips to the database before the request's own work began. Measured under load (issue #17,
// docs/scaling.md), each round trip costs the server and the database a socket write and a wake-up
// each, and the session's three were about a fifth of a request's cost.
//
// session_lookup(tenant, token hash, now) does the same in ONE statement: it pins the application
// role and the tenant for the statement's own transaction (set_config(…, true), undone when it ends,
// or at the end of the caller's transaction when called inside one), then reads the session under
// the same forced row-level security as before. SECURITY INVOKER: it can read nothing the caller
// could not read with withTenant. The touch of last_seen_at and the end of an idle session stay in
// the service (a transaction of their own, at most once a minute per session).

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  await sql.raw(`
    create function session_lookup(p_tenant text, p_token_hash text, p_now timestamptz)
      returns table (user_id uuid, must_change_password boolean, last_seen_at timestamptz, username text, display_name text, roles text[], active boolean)
      language plpgsql volatile security invoker
      set search_path = ${schema}, pg_temp as $$
    begin
      if p_tenant is null or p_tenant !~ '^GM[0-9]{4}$' then
        raise exception 'Ongeldige gemeente voor een sessie: %', coalesce(p_tenant, '(leeg)') using errcode = '22023';
      end if;
      perform set_config('role', '${APP_ROLE}', true), set_config('koers.tenant_id', p_tenant, true);
      return query
        select s.user_id, c.must_change_password, s.last_seen_at, u.username, u.display_name, u.roles, u.active
        from sessions s
        join users u on u.tenant_id = s.tenant_id and u.id = s.user_id
        left join user_credentials c on c.tenant_id = s.tenant_id and c.user_id = s.user_id
        where s.tenant_id = p_tenant and s.token_hash = p_token_hash and s.expires_at > p_now;
    end
    $$
  `).execute(db);
  await sql.raw(`revoke all on function session_lookup(text, text, timestamptz) from public`).execute(db);
  await sql.raw(`grant execute on function session_lookup(text, text, timestamptz) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
