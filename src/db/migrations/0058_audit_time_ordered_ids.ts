import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from '../tenancy.js';

// Frozen once released (see 0001). Every read of a resident's data adds a processing-log record
// (about eleven per request in the lookup bench, issue #17), and its id was a random UUID
// (gen_random_uuid). A random key lands on a random page of the primary-key index, so nearly every
// record dirtied an index page of its own, and the first change of a page after a checkpoint writes
// the whole 8 kB page to the WAL (full_page_writes). Measured on the bench database (docs/scaling.md):
// 200 records right after a checkpoint wrote 422 full pages (2.7 MB of WAL) with random ids and 216
// (1.4 MB) with time-ordered ones, in three quarters of the time.
//
// uuid_time_ordered() gives a UUID version 7 (RFC 9562): the first 48 bits are the Unix time in
// milliseconds, the rest random as in gen_random_uuid(). New records are then added at the end of
// their municipality's part of the index. The ids stay unique and unguessable enough for what they
// are (a record's start time is in the record anyway); existing records keep their ids, and the audit
// chain hashes the id as text, whatever its form, so the chain still verifies.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function uuid_time_ordered() returns uuid language sql volatile parallel safe as $$
      select encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
            placing substring(int8send((extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6),
          52, 1), 53, 1),
        'hex')::uuid
    $$
  `.execute(db);
  await sql.raw(`grant execute on function uuid_time_ordered() to ${APP_ROLE}`).execute(db);
  await sql`alter table audit_log alter column id set default uuid_time_ordered()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
