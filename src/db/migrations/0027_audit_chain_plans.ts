import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). The audit chain's triggers (0010) look up the municipality's
// head and its last record once per inserted record. Their plans are made once per session, with the
// statistics of that moment: planned while audit_log looked empty (a fresh installation, a bulk load
// before autovacuum or PGlite, which has no autovacuum, ran ANALYZE), the lookup of the last record
// became a sequential scan, and every record read the whole log (the demo's maastricht seed read
// 455 million rows). Sequential scans are switched off for the two functions only: both lookups have
// an index made for them ((tenant_id, seq) and the heads' primary key), whatever the statistics say.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter function audit_log_chain() set enable_seqscan = off`.execute(db);
  await sql`alter function audit_chain_advance() set enable_seqscan = off`.execute(db);
}
