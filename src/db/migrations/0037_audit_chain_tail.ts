import { sql, type Kysely } from 'kysely';

// Frozen once released. The audit chain's row trigger (0010, 0027) locked the municipality's head and
// looked up the last record for EVERY inserted record, under two function-level settings that Postgres
// sets and restores on every call: a payment run's 3,000 records spent about twice as long in the
// trigger as in the insert itself.
//
// Now the trigger keeps the chain's tail (tenant, transaction, seq, hash) in a transaction-local
// setting, `koers.audit_tail`. The first record of a municipality in a transaction takes the slow path
// (lock the head, look up the last record: `audit_chain_tail`, with its index forced as in 0027); every
// further record of that municipality in the same transaction chains onto the tail it finds there,
// without a lock (it already holds the head's lock until commit) or a lookup. The setting is
// transaction-local, so it ends with the transaction and is undone with a rolled-back savepoint, like
// the records it describes.
//
// What the setting does NOT weaken: the hash is still computed by the database for every record, and
// `koers audit verify` recomputes every hash and link. A session that forges the setting can only make
// its own records collide with the unique (tenant_id, seq) index (its insert fails) or write a link
// that verification reports as broken: it cannot make a changed or missing record verify.

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;
  // The slow path: the head, locked (created at genesis when missing), or a record past it.
  await sql.raw(`
    create function audit_chain_tail(tenant text, out tail_seq bigint, out tail_hash bytea) language plpgsql security definer
    set search_path = ${schema}, pg_temp set enable_seqscan = off as $$
    declare
      last_seq bigint;
      last_hash bytea;
    begin
      select seq, hash into tail_seq, tail_hash from audit_chain_heads where tenant_id = tenant for update;
      if not found then
        insert into audit_chain_heads (tenant_id, seq, hash) values (tenant, 0, decode(repeat('00', 32), 'hex'))
          on conflict (tenant_id) do nothing;
        select seq, hash into tail_seq, tail_hash from audit_chain_heads where tenant_id = tenant for update;
      end if;
      select seq, hash into last_seq, last_hash from audit_log
        where tenant_id = tenant and seq > tail_seq order by seq desc limit 1;
      if found then
        tail_seq := last_seq;
        tail_hash := last_hash;
      end if;
    end
    $$
  `).execute(db);
  await sql.raw(`revoke all on function audit_chain_tail(text) from public`).execute(db);
  await sql.raw(`
    create or replace function audit_log_chain() returns trigger language plpgsql security definer
    set search_path = ${schema}, pg_temp as $$
    declare
      key text := new.tenant_id || '|' || txid_current() || '|';
      tail text := current_setting('koers.audit_tail', true);
      head_seq bigint;
      head_hash bytea;
    begin
      if starts_with(tail, key) then
        head_seq := split_part(tail, '|', 3)::bigint;
        head_hash := decode(split_part(tail, '|', 4), 'hex');
      else
        select t.tail_seq, t.tail_hash into head_seq, head_hash from audit_chain_tail(new.tenant_id) t;
      end if;
      new.seq := head_seq + 1;
      new.prev_hash := head_hash;
      new.hash := sha256(head_hash || audit_log_content(new));
      perform set_config('koers.audit_tail', key || new.seq || '|' || encode(new.hash, 'hex'), true);
      return new;
    end
    $$
  `).execute(db);
  // 0027 forced the index for the row trigger's lookups; that lookup now lives in audit_chain_tail.
  await sql`alter function audit_log_chain() reset enable_seqscan`.execute(db);
}
