import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The request counters of the routes with a rate limit (the sign-in,
// the portal's posts and uploads), kept in the database so that several server processes behind one
// load balancer count together: in process memory each process would allow the limit again.
// - Not tenant-scoped: the limit is counted before the municipality is known (a login names it in its
//   body, a portal sign-in in its query), and per client address, not per municipality. So no
//   tenant_id and no row-level security; the application role may read and change the counters and
//   nothing else sees tenant data through them.
// - `key_hash` is an HMAC-SHA256 (keyed with the session secret) of the route and the client address:
//   no address in clear, and without the secret a hash cannot be matched to a guessed address.
// - One fixed window per key: `hits` counts from `window_start` until `expires_at`; the first hit after
//   that starts a new window. Expired rows are deleted on the fly (platform/http/rate-limit.store.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rate_limit_counters (
      key_hash text primary key,
      window_start timestamptz not null,
      expires_at timestamptz not null,
      hits integer not null check (hits > 0),
      check (expires_at > window_start)
    )
  `.execute(db);
  await sql`create index rate_limit_counters_expires on rate_limit_counters (expires_at)`.execute(db);
  await sql`grant select, insert, update, delete on rate_limit_counters to koers_app`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
