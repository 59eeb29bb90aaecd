import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001): migrations never import application code.
//
// Writing the processing log is the largest single cost of a read under load (issue #17): a name
// search writes 25 records, a consultant's "my cases" one per open case, and at province size those
// records took about half of PostgreSQL's time in the lookup bench (docs/scaling.md). Two parts of
// each record's insert bought nothing:
//
// 1. The foreign key from audit_log.tenant_id to tenants. Its check runs for every record: a
//    `select … for key share` on the municipality's row in tenants. Whether the municipality exists
//    is already settled before any record is written: the chain trigger (0010, 0037) locks the
//    municipality's chain head for update before its first record in a transaction, and creates the
//    head when there is none; audit_chain_heads.tenant_id references tenants, so a record for a
//    municipality that does not exist is refused there, in the same statement. Heads cannot be
//    deleted (audit_chain_heads_no_delete) or changed by the application role, so a municipality
//    with records keeps its head, and the head's key keeps the municipality from being deleted.
// 2. The index audit_log_trace (tenant_id, trace_id). No query reads the log by trace: the resident's
//    inzage and the privacy officer's search go by data subject and time (audit_log_subject), the
//    chain by seq (audit_log_chain). A trace id is random, so every record landed on a random page of
//    this index, which then had to be read, changed and written back.
//
// Measured on the limburg data set, 5,000 records (200 processings of 25 residents) in one
// transaction: 229–257 ms before, 177–179 ms after (docs/scaling.md).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_tenant_id_fkey`.execute(db);
  await sql`drop index audit_log_trace`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
