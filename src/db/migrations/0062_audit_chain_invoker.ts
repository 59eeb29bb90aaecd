import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001): migrations never import application code.
//
// The chain's row trigger (0037) is about half of what a record costs (issue #17: a read's records are
// the largest single cost of a read under load). On the limburg data set, 5,000 records in one
// statement took a median of 390 ms, and 196 ms with the trigger left out.
// Two things in it cost more than they had to, for every record:
// - it ran as SECURITY DEFINER with its own search_path, so PostgreSQL switched user and search_path
//   on the way in and back on the way out;
// - it kept the chain's tail with PERFORM set_config(…), which PL/pgSQL runs as a query of its own;
//   an assignment of the same call is evaluated as a plain expression.
// Without both: a median of 425 -> 351 ms over 21 interleaved runs each (docs/scaling.md).
//
// Only the slow path needs the owner's rights: the first record of a municipality in a transaction
// locks (or creates) its chain head, which the application role may not change. That path is
// `audit_chain_tail`, which stays SECURITY DEFINER with its own search_path and is called once per
// municipality per transaction. The row trigger now runs with the caller's rights (SECURITY INVOKER)
// and names every function with its schema, so the caller's search_path plays no part.
//
// What the application role gains: it may call `audit_chain_tail` itself. That locks a chain head
// (or creates it at genesis) and tells its last seq and hash, which is exactly what its first insert
// into the log already does; it changes no seq or hash and reads no personal data. For another
// municipality too: the role may pin any municipality itself (`koers.tenant_id` is a setting; row-level
// security guards against a query that forgets the municipality, not against the role), and under that
// pin it reads the head already and locks it with its first insert. Every record's hash
// is still computed by the database in the trigger (a table's trigger cannot be switched off without
// owning the table), and `koers audit verify` still recomputes every hash and link.

const APP_ROLE = 'koers_app';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  // CREATE OR REPLACE sets every property anew: no SECURITY DEFINER and no SET clause from here on.
  await sql.raw(`
    create or replace function audit_log_chain() returns trigger language plpgsql security invoker as $$
    declare
      key text := new.tenant_id || '|' || pg_catalog.txid_current() || '|';
      tail text := pg_catalog.current_setting('koers.audit_tail', true);
      head_seq bigint;
      head_hash bytea;
    begin
      if pg_catalog.starts_with(tail, key) then
        head_seq := pg_catalog.split_part(tail, '|', 3)::bigint;
        head_hash := pg_catalog.decode(pg_catalog.split_part(tail, '|', 4), 'hex');
      else
        select t.tail_seq, t.tail_hash into head_seq, head_hash from ${schema}.audit_chain_tail(new.tenant_id) t;
      end if;
      new.seq := head_seq + 1;
      new.prev_hash := head_hash;
      new.hash := pg_catalog.sha256(head_hash || ${schema}.audit_log_content(new));
      tail := pg_catalog.set_config('koers.audit_tail', key || new.seq || '|' || pg_catalog.encode(new.hash, 'hex'), true);
      return new;
    end
    $$
  `).execute(db);
  await sql.raw(`grant execute on function audit_chain_tail(text) to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
