import { sql, type Kysely } from 'kysely';

// Frozen once released: migrations never import application code.
//
// The audit log becomes tamper-evident: a hash chain per municipality, computed by the database in a
// BEFORE INSERT trigger, so every writer (the application, a script, raw SQL) is chained. The owner
// of the tables can still switch triggers off and change rows — that is not preventable inside the
// database — but `koers audit verify` then finds the break, and an anchored head (kept outside the
// database) finds even a rewritten chain.
//
//   content  = UTF-8 of a jsonb array of every column that matters (jsonb's text form is canonical;
//              times as UTC text with microseconds, independent of the session's TimeZone/DateStyle)
//   hash     = sha256(prev_hash || content); the first record of a municipality has prev_hash 32 zero bytes
//   seq      = 1, 2, 3, … per municipality, without gaps
// `audit_chain_heads` holds each municipality's last (seq, hash); the trigger locks that row, so
// concurrent inserts in one municipality are chained one after another, and moves it after each
// INSERT statement.

const APP_ROLE = 'koers_app';
const GENESIS = `decode(repeat('00', 32), 'hex')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]!.schema;

  await sql`alter table audit_log add column seq bigint, add column prev_hash bytea, add column hash bytea`.execute(db);

  // Version tag first, so a later serialisation can be told apart from this one. No SET clause, so
  // the planner can inline it; it calls only pg_catalog functions, which resolve first anyway.
  await sql.raw(`
    create function audit_log_content(a audit_log) returns bytea language sql stable as $$
      select convert_to(jsonb_build_array(
        'koers-audit-v1', a.tenant_id, a.seq, a.id, a.trace_id, a.span_id, a.parent_span_id, a.name, a.status_code,
        to_char(a.start_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        to_char(a.end_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        a.processing_activity_id, a.data_subject_type, a.data_subject_id,
        a.actor_id, a.actor_username, a.actor_roles, a.resource_name, a.resource_version, a.attributes
      )::text, 'UTF8')
    $$
  `).execute(db);

  await sql`
    create table audit_chain_heads (
      tenant_id text primary key references tenants(id),
      seq bigint not null,
      hash bytea not null,
      updated_at timestamptz not null default now()
    )
  `.execute(db);

  // Records already there (an existing installation): chained per municipality in (start_time, id)
  // order. Row-level security and the append-only trigger are lifted for this transaction only.
  await sql`alter table audit_log no force row level security`.execute(db);
  await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
  await sql`
    update audit_log a set seq = o.seq
    from (select tenant_id, id, row_number() over (partition by tenant_id order by start_time, id) as seq from audit_log) o
    where a.tenant_id = o.tenant_id and a.id = o.id
  `.execute(db);
  await sql`create temporary table audit_chain_backfill (tenant_id text, seq bigint, prev_hash bytea, hash bytea) on commit drop`.execute(db);
  await sql.raw(`
    do $$
    declare
      r record;
      tenant text := null;
      h bytea;
      next_hash bytea;
    begin
      for r in select a.tenant_id, a.seq, audit_log_content(a) as content from audit_log a order by a.tenant_id, a.seq loop
        if tenant is distinct from r.tenant_id then
          tenant := r.tenant_id;
          h := ${GENESIS};
        end if;
        next_hash := sha256(h || r.content);
        insert into audit_chain_backfill values (r.tenant_id, r.seq, h, next_hash);
        h := next_hash;
      end loop;
    end
    $$
  `).execute(db);
  await sql`
    update audit_log a set prev_hash = b.prev_hash, hash = b.hash
    from audit_chain_backfill b where a.tenant_id = b.tenant_id and a.seq = b.seq
  `.execute(db);
  await sql`
    insert into audit_chain_heads (tenant_id, seq, hash)
    select distinct on (tenant_id) tenant_id, seq, hash from audit_log order by tenant_id, seq desc
  `.execute(db);
  await sql`alter table audit_log enable trigger audit_log_append_only`.execute(db);
  await sql`alter table audit_log force row level security`.execute(db);

  await sql`alter table audit_log alter column seq set not null, alter column prev_hash set not null, alter column hash set not null`.execute(db);
  await sql`create unique index audit_log_chain on audit_log (tenant_id, seq)`.execute(db);

  // The application role may read the heads of its own municipality (verification), never write them.
  await sql`alter table audit_chain_heads enable row level security`.execute(db);
  await sql`alter table audit_chain_heads force row level security`.execute(db);
  await sql`
    create policy tenant_isolation on audit_chain_heads
      using (tenant_id = current_setting('koers.tenant_id', true))
      with check (tenant_id = current_setting('koers.tenant_id', true))
  `.execute(db);
  await sql.raw(`grant select on audit_chain_heads to ${APP_ROLE}`).execute(db);

  // SECURITY DEFINER: runs with the owner's rights, so the application role can extend the chain
  // without any right to change the heads itself. search_path pinned against look-alike objects.
  // Per row, the head row is locked (not updated: updating one row thousands of times in one
  // transaction makes every later lookup walk all its versions, quadratic for a bulk insert); the
  // records this statement already chained lie beyond the head. After the statement the head moves.
  await sql.raw(`
    create function audit_log_chain() returns trigger language plpgsql security definer
    set search_path = ${schema}, pg_temp as $$
    declare
      head_seq bigint;
      head_hash bytea;
      last_seq bigint;
      last_hash bytea;
    begin
      select seq, hash into head_seq, head_hash from audit_chain_heads where tenant_id = new.tenant_id for update;
      if not found then
        insert into audit_chain_heads (tenant_id, seq, hash) values (new.tenant_id, 0, ${GENESIS})
          on conflict (tenant_id) do nothing;
        select seq, hash into head_seq, head_hash from audit_chain_heads where tenant_id = new.tenant_id for update;
      end if;
      select seq, hash into last_seq, last_hash from audit_log
        where tenant_id = new.tenant_id and seq > head_seq order by seq desc limit 1;
      if found then
        head_seq := last_seq;
        head_hash := last_hash;
      end if;
      new.seq := head_seq + 1;
      new.prev_hash := head_hash;
      new.hash := sha256(head_hash || audit_log_content(new));
      return new;
    end
    $$
  `).execute(db);
  await sql.raw(`
    create function audit_chain_advance() returns trigger language plpgsql security definer
    set search_path = ${schema}, pg_temp as $$
    begin
      update audit_chain_heads h
        set (seq, hash, updated_at) = (
          select a.seq, a.hash, now() from audit_log a where a.tenant_id = h.tenant_id and a.seq > h.seq order by a.seq desc limit 1
        )
        where exists (select from audit_log a where a.tenant_id = h.tenant_id and a.seq > h.seq);
      return null;
    end
    $$
  `).execute(db);
  await sql.raw(`revoke all on function audit_log_chain(), audit_chain_advance() from public`).execute(db);
  await sql`create trigger audit_log_chain before insert on audit_log for each row execute function audit_log_chain()`.execute(db);
  await sql`create trigger audit_log_chain_advance after insert on audit_log for each statement execute function audit_chain_advance()`.execute(db);

  // A row trigger does not fire on TRUNCATE: a statement trigger refuses it.
  await sql`
    create function audit_log_refuse_truncate() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: TRUNCATE is not allowed', tg_table_name;
    end
    $$
  `.execute(db);
  for (const table of ['audit_log', 'audit_chain_heads']) {
    await sql`
      create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
        for each statement execute function audit_log_refuse_truncate()
    `.execute(db);
  }
  // Heads are only ever moved forward by the chain trigger; nobody deletes one.
  await sql`
    create trigger audit_chain_heads_no_delete before delete on audit_chain_heads
      for each row execute function audit_log_append_only()
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
