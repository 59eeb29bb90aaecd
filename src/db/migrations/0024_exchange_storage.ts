import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Storage of the exchange, for the intake's speed:
// - The XML of provider messages is kept byte for byte and is large
//   (a month's declaration of a big provider and its answer: hundreds of kilobytes each, very
//   repetitive). PostgreSQL's default TOAST compression (pglz) took about a twelfth of the declaration
//   intake's time; lz4 compresses the same XML seven times faster to nearly the same size (measured on
//   the maastricht declarations: 75 MB in 580 ms with pglz, 80 ms with lz4; 3.44 vs 3.52 MB stored).
//   Only where the server was built with lz4 (PostgreSQL's Debian packages are); elsewhere (PGlite)
//   the column keeps pglz. Existing values stay as they were stored; both read the same.
// - The realisation ledger loses its index on declaration_line_id: no query looks a ledger row up by
//   its line, and every approved line paid for it once per month it covers.

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ lz4: boolean }>`
    select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'
  `.execute(db);
  if (rows[0]?.lz4) await sql`alter table exchange_messages alter column xml set compression lz4`.execute(db);
  await sql`drop index declarations_line`.execute(db);
}
