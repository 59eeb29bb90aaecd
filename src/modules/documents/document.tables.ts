import type { Generated } from 'kysely';

// The Kysely column types of this module's tables; `DB` in src/db/schema.ts extends `DocumentTables`.

export const documentKinds = ['aanvraag', 'bewijsstuk', 'medisch', 'correspondentie', 'overig'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/** `zaak`: destroyed with its case; `inwoner`: on the resident file, destroyed with the resident. */
export type RetentionClass = 'zaak' | 'inwoner';

/** An uploaded document; its bytes are in the document store under `storage_key`. Never changed. */
export interface DocumentTable {
  tenant_id: string;
  id: Generated<string>;
  resident_id: string;
  case_id: string | null;
  kind: DocumentKind;
  retention_class: RetentionClass;
  file_name: string;
  media_type: DocumentMediaType;
  size: string | number | bigint;
  sha256: string;
  storage_key: string;
  /** The employee who uploaded it; null when the resident did, in the portal (migration 0048). */
  uploaded_by: string | null;
  /** Uploaded by the resident of the row through the portal /mijn (migration 0048); exactly one of the two. */
  uploaded_by_resident: Generated<boolean>;
  uploaded_at: Generated<Date>;
}

export interface DocumentTables {
  documents: DocumentTable;
}
