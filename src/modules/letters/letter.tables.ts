import type { Generated } from 'kysely';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `LetterTables`.

/** One saved version of the municipality's letterhead; the newest version counts. Never changed. */
export interface LetterheadTable {
  tenant_id: string;
  version: number;
  name: string;
  return_address: string;
  phone: string;
  website: string;
  logo_media_type: 'image/png' | 'image/jpeg' | null;
  logo: Buffer | null;
  cak_monthly_cents: number | null;
  set_by: string;
  set_at: Generated<Date>;
}

/** A document stored with a case (a decision letter, or the letter of a request for documents, as PDF). Never changed. */
export interface CaseDocumentTable {
  tenant_id: string;
  id: Generated<string>;
  case_id: string;
  resident_id: string;
  decision_id: string | null;
  kind: 'decision_letter' | 'request_letter';
  /** The request for documents (migration 0053) a `request_letter` belongs to; one letter per request. */
  document_request_id: string | null;
  title: string;
  media_type: 'application/pdf';
  bytes: Buffer;
  sha256: string;
  created_by: string;
  created_at: Generated<Date>;
}

/** Why printing a decision letter failed (e.g. Chromium missing). Never changed. */
export interface LetterRenderFailureTable {
  tenant_id: string;
  id: Generated<string>;
  decision_id: string;
  error: string;
  failed_at: Generated<Date>;
}

/** Letterheads, case documents and failed letter renders. */
export interface LetterTables {
  letterheads: LetterheadTable;
  case_documents: CaseDocumentTable;
  letter_render_failures: LetterRenderFailureTable;
}
