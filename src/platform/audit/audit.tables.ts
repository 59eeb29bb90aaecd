import type { ColumnType, Generated } from 'kysely';
import type { Json, Timestamp } from '../../db/column-types.js';

// The Kysely column types of the audit log's tables; `DB` in src/db/schema.ts extends `AuditTables`.

/** One record per processing of personal data, after the Logius standard "Logboek Dataverwerkingen". */
export interface AuditLogTable {
  tenant_id: string;
  id: Generated<string>;
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  name: string;
  status_code: 'OK' | 'ERROR';
  start_time: Timestamp;
  end_time: Timestamp;
  processing_activity_id: string;
  data_subject_type: string;
  /** The record's first data subject; the others of the same type, in order, in further_subject_ids. */
  data_subject_id: string;
  /**
   * The processing's further data subjects of the same type, or null when it had one (migration 0063).
   * Read the log through audit.repository.ts, which presents one logregel per data subject and never
   * shows a data subject another's id.
   */
  further_subject_ids: ColumnType<string[] | null, string[] | null | undefined, never>;
  actor_id: string | null;
  actor_username: string | null;
  actor_roles: string[];
  resource_name: string;
  resource_version: string;
  attributes: Json;
  /** Hash chain per municipality, set by the database's `audit_log_chain` trigger (never by the application). */
  seq: ColumnType<string, never, never>;
  prev_hash: ColumnType<Uint8Array, never, never>;
  hash: ColumnType<Uint8Array, never, never>;
}

/** The last (seq, hash) of each municipality's audit chain; moved forward only by the chain trigger. */
export interface AuditChainHeadsTable {
  tenant_id: string;
  seq: ColumnType<string, never, never>;
  hash: ColumnType<Uint8Array, never, never>;
  updated_at: ColumnType<Date, never, never>;
}

/**
 * The index of records' further data subjects (migration 0063), kept by the database from
 * audit_log.further_subject_ids: the application reads it and never writes it.
 */
export interface AuditLogSubjectsTable {
  tenant_id: ColumnType<string, never, never>;
  data_subject_id: ColumnType<string, never, never>;
  record_id: ColumnType<string, never, never>;
}

/** The Logboek Dataverwerkingen and the head of each municipality's hash chain. */
export interface AuditTables {
  audit_log: AuditLogTable;
  audit_log_subjects: AuditLogSubjectsTable;
  audit_chain_heads: AuditChainHeadsTable;
}
