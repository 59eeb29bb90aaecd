import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Resident search by street (prefix, optionally with house number)
// and by date of birth, each through a plain btree index: no extension needed on PostgreSQL or PGlite.
// A postcode without letters ('6211') uses residents_address (0001) as a range.
// Under row-level security PostgreSQL only uses leakproof conditions in an index scan: lower() and LIKE
// are not, so the lower-cased street is a stored column (street_key) searched with the leakproof
// pattern comparisons ~>=~ and ~<~ (byte order, whatever the database's collation).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table residents add column street_key text generated always as (lower(street)) stored`.execute(db);
  await sql`create index residents_street on residents (tenant_id, street_key text_pattern_ops, house_number)`.execute(db);
  await sql`create index residents_birth_date on residents (tenant_id, birth_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index residents_birth_date`.execute(db);
  await sql`drop index residents_street`.execute(db);
  await sql`alter table residents drop column street_key`.execute(db);
}
