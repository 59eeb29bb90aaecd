import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001): migrations never import application code.
//
// Writing the processing log is the largest single cost of a read under load (issue #17): a name
// search writes 25 records, a consultant's "my cases" one per open case, and at province size those
// records took about half of PostgreSQL's time in the lookup bench (docs/scaling.md).
//
// The index audit_log_trace (tenant_id, trace_id) bought nothing for that price. No query reads the log
// by trace: the resident's inzage and the privacy officer's search go by data subject and time
// (audit_log_subject), the chain by seq (audit_log_chain). A trace id is random, so every record landed
// on a random page of this index, which then had to be read, changed and written back.
//
// The foreign key to tenants stays, although its check per record costs about as much. The chain
// trigger settles that the municipality exists on its normal path (it locks or creates the
// municipality's chain head, which references tenants), but not on the path that trusts the
// transaction's `koers.audit_tail` setting (0037), which a session of the application role can set
// itself: without the key, such a session could write records for a municipality that does not exist,
// outside every chain that `koers audit verify` checks.
//
// Measured on the limburg data set, 5,000 records (200 processings of 25 residents) in one
// transaction: 229–257 ms with the index, 194–197 ms without (docs/scaling.md).

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index audit_log_trace`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
