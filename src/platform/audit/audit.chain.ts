import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { APP_ROLE, isTenantId, type Tx } from '../../db/tenancy.js';

// Verification of the audit log's hash chain (migration 0010_audit_chain): set-based per batch of
// records in sequence order, so memory stays flat however long the chain is.

/** prev_hash of a municipality's first record. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainProblem =
  | 'content-changed'
  | 'link-broken'
  | 'record-missing'
  | 'sequence-broken'
  | 'unchained'
  | 'head-mismatch'
  | 'anchor-mismatch'
  | 'subject-index';

/** The first place where a municipality's chain does not hold. */
export interface ChainBreak {
  tenantId: string;
  seq: number | null;
  id: string | null;
  problem: ChainProblem;
  /** Dutch, for the operator. */
  message: string;
}

/** A municipality's chain head: what an operator anchors outside the database. */
export interface ChainHead {
  tenantId: string;
  seq: number;
  hash: string | null;
  updatedAt: string | null;
}

export interface ChainVerification {
  tenantId: string;
  records: number;
  head: ChainHead;
  broken: ChainBreak | null;
}

export interface VerifyOptions {
  tenantId: string;
  /** Anchored heads kept outside the database: the record at each anchored seq must have exactly that hash. */
  anchors?: ChainHead[];
  batchSize?: number;
  /** Records verified so far, of the number the head names. */
  onProgress?: (records: number, total: number) => void;
}

interface BatchRow {
  seq: string;
  id: string;
  hash: string;
  problem: 'content-changed' | 'link-broken' | 'record-missing' | 'sequence-broken' | null;
  expected_seq: string;
  records: number;
}

/**
 * Reads one municipality's log in a single repeatable-read snapshot, as the application role with
 * the tenant pinned (row-level security applies to this read like to any other).
 */
async function inChainSnapshot<T>(db: Kysely<DB>, tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  if (!isTenantId(tenantId)) throw new Error(`Invalid tenant id ${JSON.stringify(tenantId)}`);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await sql`select set_config('role', ${APP_ROLE}, true), set_config('koers.tenant_id', ${tenantId}, true)`.execute(tx);
      return work(tx);
    });
}

async function readHead(tx: Tx, tenantId: string): Promise<ChainHead> {
  const { rows } = await sql<{ seq: string; hash: string; updated_at: Date }>`
    select seq::text, encode(hash, 'hex') as hash, updated_at from audit_chain_heads where tenant_id = ${tenantId}
  `.execute(tx);
  const head = rows[0];
  return head
    ? { tenantId, seq: Number(head.seq), hash: head.hash, updatedAt: new Date(head.updated_at).toISOString() }
    : { tenantId, seq: 0, hash: null, updatedAt: null };
}

/**
 * The next batch after (afterSeq, afterHash): per record, its hash recomputed from its content and
 * its prev_hash, and its link to the record before it. Returns the first problem in the batch (if
 * any) and the batch's last record.
 */
async function checkBatch(tx: Tx, tenantId: string, after: { seq: number; hash: string }, size: number): Promise<BatchRow[]> {
  const { rows } = await sql<BatchRow>`
    with batch as (
      select a.seq, a.id, a.hash, a.prev_hash,
             coalesce(a.hash = sha256(a.prev_hash || audit_log_content(a)), false) as content_ok,
             coalesce(lag(a.seq) over w, ${after.seq}::bigint) + 1 as expected_seq,
             coalesce(lag(a.hash) over w, decode(${after.hash}, 'hex')) as expected_prev
      from audit_log a
      where a.tenant_id = ${tenantId} and a.seq > ${after.seq}::bigint
      window w as (order by a.seq)
      order by a.seq
      limit ${size}
    ), checked as (
      select seq, id, hash, expected_seq,
             case
               when seq > expected_seq then 'record-missing'
               when seq < expected_seq then 'sequence-broken'
               when prev_hash is distinct from expected_prev then 'link-broken'
               when not content_ok then 'content-changed'
             end as problem
      from batch
    )
    select seq::text, id, encode(hash, 'hex') as hash, problem, expected_seq::text, (select count(*) from checked)::int as records
    from checked
    where problem is not null or seq = (select max(seq) from checked)
    order by problem is null, seq
    limit 1
  `.execute(tx);
  return rows;
}

const PROBLEM_TEXT: Record<BatchRow['problem'] & string, (row: BatchRow) => string> = {
  'content-changed': () => 'inhoud gewijzigd (de hash klopt niet meer met de inhoud)',
  'link-broken': (row) => `schakel verbroken (prev_hash wijst niet naar record ${Number(row.seq) - 1}: dat record is vervangen)`,
  'record-missing': (row) =>
    Number(row.seq) - Number(row.expected_seq) === 1
      ? `record ${row.expected_seq} ontbreekt`
      : `records ${row.expected_seq} t/m ${Number(row.seq) - 1} ontbreken`,
  'sequence-broken': (row) => `volgnummer dubbel of terug (verwacht ${row.expected_seq})`,
};

/**
 * The first difference between the records' further data subjects (hashed with each record, 0063) and
 * audit_log_subjects, the index by which a data subject's records are found: a subject missing from
 * the index would hide a record from that resident's inzage, one too many would show them a record that
 * is not about them.
 */
async function checkSubjectIndex(tx: Tx, tenantId: string): Promise<{ id: string; seq: string | null; subject: string; missing: boolean } | undefined> {
  const { rows } = await sql<{ id: string; seq: string | null; subject: string; missing: boolean }>`
    select coalesce(x.record_id, y.record_id) as id, x.seq::text as seq, coalesce(x.data_subject_id, y.data_subject_id) as subject, y.record_id is null as missing
    from (
      select a.id as record_id, a.seq, s.id as data_subject_id
      from audit_log a cross join lateral unnest(a.further_subject_ids) as s(id)
      where a.tenant_id = ${tenantId} and a.further_subject_ids is not null
    ) x
    full join (select record_id, data_subject_id from audit_log_subjects where tenant_id = ${tenantId}) y
      on y.record_id = x.record_id and y.data_subject_id = x.data_subject_id
    where x.record_id is null or y.record_id is null
    order by x.seq nulls last
    limit 1
  `.execute(tx);
  return rows[0];
}

/** Walks one municipality's chain in sequence order and names the first record where it breaks. */
export async function verifyAuditChain(db: Kysely<DB>, options: VerifyOptions): Promise<ChainVerification> {
  const { tenantId, batchSize = 10_000 } = options;
  return inChainSnapshot(db, tenantId, async (tx) => {
    const head = await readHead(tx, tenantId);
    const fail = (records: number, broken: Omit<ChainBreak, 'tenantId'>): ChainVerification => ({ tenantId, records, head, broken: { tenantId, ...broken } });

    const { rows: unchained } = await sql<{ id: string }>`select id from audit_log where tenant_id = ${tenantId} and seq is null limit 1`.execute(tx);
    if (unchained[0]) {
      return fail(0, { seq: null, id: unchained[0].id, problem: 'unchained', message: `record ${unchained[0].id} staat buiten de keten (geen volgnummer)` });
    }

    let last = { seq: 0, hash: GENESIS_HASH };
    let records = 0;
    for (;;) {
      const [row] = await checkBatch(tx, tenantId, last, batchSize);
      if (!row) break;
      if (row.problem) {
        return fail(records, { seq: Number(row.seq), id: row.id, problem: row.problem, message: PROBLEM_TEXT[row.problem](row) });
      }
      records += row.records;
      last = { seq: Number(row.seq), hash: row.hash };
      options.onProgress?.(records, Math.max(head.seq, records));
    }

    if (head.seq !== last.seq || (head.hash ?? GENESIS_HASH) !== last.hash) {
      const message =
        head.seq > last.seq
          ? `de kop staat op record ${head.seq}, maar de keten eindigt bij ${last.seq}: de laatste records ontbreken`
          : `de kop (${head.seq}, ${head.hash ?? 'geen'}) klopt niet met het laatste record (${last.seq}, ${last.hash})`;
      return fail(records, { seq: head.seq > last.seq ? last.seq + 1 : last.seq, id: null, problem: 'head-mismatch', message });
    }

    const index = await checkSubjectIndex(tx, tenantId);
    if (index) {
      const message = index.missing
        ? `betrokkene ${index.subject} van record ${index.seq} ontbreekt in de index van betrokkenen: het record is voor die inwoner onvindbaar`
        : `de index van betrokkenen koppelt ${index.subject} aan record ${index.id}, maar dat record noemt die betrokkene niet`;
      return fail(records, { seq: index.seq === null ? null : Number(index.seq), id: index.id, problem: 'subject-index', message });
    }

    for (const anchor of options.anchors ?? []) {
      if (anchor.tenantId !== tenantId || anchor.seq === 0) continue;
      const { rows } = await sql<{ id: string; hash: string }>`
        select id, encode(hash, 'hex') as hash from audit_log where tenant_id = ${tenantId} and seq = ${anchor.seq}
      `.execute(tx);
      if (rows[0]?.hash !== anchor.hash) {
        const message = rows[0]
          ? `het verankerde record ${anchor.seq} heeft nu hash ${rows[0].hash}, verankerd was ${anchor.hash}: de keten is herschreven`
          : `het verankerde record ${anchor.seq} (hash ${anchor.hash}) bestaat niet meer: de keten is ingekort of herschreven`;
        return fail(records, { seq: anchor.seq, id: rows[0]?.id ?? null, problem: 'anchor-mismatch', message });
      }
    }
    return { tenantId, records, head, broken: null };
  });
}

/** The current chain head of each given municipality (seq 0 and no hash for one without records). */
export async function readChainHeads(db: Kysely<DB>, tenantIds: string[]): Promise<ChainHead[]> {
  const heads: ChainHead[] = [];
  for (const tenantId of tenantIds) heads.push(await inChainSnapshot(db, tenantId, (tx) => readHead(tx, tenantId)));
  return heads;
}
