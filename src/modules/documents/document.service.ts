// Uploaded documents with a resident's file or a case (issue #12 §3). The bytes are in the document
// store (document.store.ts); the rows here say what they are. Every list and download is a read of the
// resident's data and is logged; an upload is logged as a write. See docs/documents.md.

import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { residentOfCase } from '../cases/case.service.js';
import { residentIdColumnOf, type ResidentSubject } from '../residents/resident.guard.js';
import { existingStorageKeys, findUploadResidentId, findUploadRow, insertUpload, listCaseUploadRows, listResidentUploadRows, type UploadRow } from './document.repository.js';
import type { DocumentStore } from './document.store.js';
import type { ReceivedUpload } from './document.upload.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
/** Shown as the uploader of a document the resident added in the portal /mijn. */
export const RESIDENT_UPLOADER = 'Inwoner (via Mijn gemeente)';

/** For the access guard: a route's `:id` that names an uploaded document. */
export const uploadSubject: ResidentSubject = { label: 'Document', residentOf: findUploadResidentId, residentOfQuery: (id) => residentIdColumnOf('documents', id) };

function uploadRowToDocument(r: UploadRow) {
  return {
    id: r.id,
    residentId: r.resident_id,
    caseId: r.case_id,
    kind: r.kind,
    retentionClass: r.retention_class,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: Number(r.size),
    sha256: r.sha256,
    uploadedBy: r.uploaded_by_resident ? RESIDENT_UPLOADER : (r.uploaded_by_name ?? ''),
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  };
}

/** A new key in the store: the municipality, the month, a random id. Never the user's file name. */
export function newStorageKey(tenantId: string, now = new Date()): string {
  return `${tenantId}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomUUID()}`;
}

/**
 * Command: stores a received upload with a resident's file (`caseId` null) or a case, and logs it.
 * The row, its audit record and the move of the file into the store happen in one transaction of the
 * caller; when anything fails (also the commit) the caller calls `discardUpload`. An employee uploads
 * as `Actor`; the resident in the portal passes `{ resident: true }` (their own file or case only).
 */
export async function addDocument(
  tx: Tx,
  ctx: Actor | (AuditContext & { resident: true }),
  store: DocumentStore,
  input: { residentId: string; caseId: string | null; upload: ReceivedUpload; storageKey: string },
) {
  const startTime = new Date();
  const { file, kind } = input.upload;
  const row = await insertUpload(tx, {
    tenant_id: ctx.tenantId,
    resident_id: input.residentId,
    case_id: input.caseId,
    kind,
    retention_class: input.caseId ? 'zaak' : 'inwoner',
    file_name: file.fileName,
    media_type: file.mediaType,
    size: file.size,
    sha256: file.sha256,
    storage_key: input.storageKey,
    uploaded_by: 'actorId' in ctx ? ctx.actorId : null,
    uploaded_by_resident: !('actorId' in ctx),
  });
  await recordProcessing(tx, ctx, { name: 'document.toevoegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: input.residentId }], startTime, attributes: { soort: kind, zaak: input.caseId !== null } });
  await store.put(input.storageKey, file.tempFile);
  const stored = await findUploadRow(tx, row.id);
  return uploadRowToDocument(stored!);
}

/** After a failed `addDocument`: nothing half-stored stays behind. */
export async function discardUpload(store: DocumentStore, upload: ReceivedUpload, storageKey: string): Promise<void> {
  await rm(upload.file.tempFile, { force: true });
  await store.delete(storageKey);
}

/** The resident of a case, for an upload to the case; 404 when there is none. */
export async function residentOfCaseOrFail(tx: Tx, caseId: string): Promise<string> {
  const residentId = await residentOfCase(tx, caseId);
  if (!residentId) throw notFound('Zaak');
  return residentId;
}

/** Read: the uploaded documents of a case (without contents); audited. */
export async function listCaseUploads(tx: Tx, ctx: AuditContext, caseId: string) {
  const startTime = new Date();
  const residentId = await residentOfCaseOrFail(tx, caseId);
  const rows = await listCaseUploadRows(tx, caseId);
  await recordProcessing(tx, ctx, { name: 'documenten.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { documenten: rows.length, zaak: true } });
  return rows.map(uploadRowToDocument);
}

/** Read: every uploaded document of a resident (on the file and with their cases); audited. */
export async function listResidentUploads(tx: Tx, ctx: AuditContext, residentId: string) {
  const startTime = new Date();
  const rows = await listResidentUploadRows(tx, residentId);
  await recordProcessing(tx, ctx, { name: 'documenten.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime, attributes: { documenten: rows.length } });
  return rows.map(uploadRowToDocument);
}

/**
 * Read: one uploaded document for download, with a stream of its bytes; audited. The stream is opened
 * here, so a file missing from the store fails before the audit record is kept and before any byte goes out.
 */
export async function openDocument(tx: Tx, ctx: AuditContext, store: DocumentStore, id: string): Promise<{ document: ReturnType<typeof uploadRowToDocument>; content: Readable }> {
  const startTime = new Date();
  const row = await findUploadRow(tx, id);
  if (!row) throw notFound('Document');
  let content: Readable;
  try {
    content = await store.get(row.storage_key);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('NOT_FOUND', 'Het bestand van dit document is niet gevonden. Meld dit bij functioneel beheer.');
    throw error;
  }
  await recordProcessing(tx, ctx, { name: 'document.downloaden', activity: ACTIVITY, subjects: [{ type: 'resident', id: row.resident_id }], startTime, attributes: { soort: row.kind } });
  return { document: uploadRowToDocument(row), content };
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/**
 * `Content-Disposition: attachment` with a safe name: an ASCII fallback without quotes, slashes or
 * control characters, the original (UTF-8) as `filename*`, and always the extension of the stored type.
 */
export function attachmentDisposition(fileName: string, mediaType: string): string {
  const extension = EXTENSIONS[mediaType] ?? '';
  const stem = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const ascii = stem.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100) || 'document';
  const utf8 = encodeURIComponent(`${stem.slice(0, 200)}${extension}`).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}${extension}"; filename*=UTF-8''${utf8}`;
}

/** Files in the store younger than this are left alone by the sweep: their upload may not have committed yet. */
const SWEEP_GRACE_MS = 10 * 60 * 1000;

/**
 * Removes the files of a municipality that no row refers to any more: after destruction (retention),
 * and whatever a crash or a partial restore left behind. `keptOf` says which of a batch of keys still
 * have a row (it must see committed rows only). Files younger than 10 minutes stay: their upload may
 * not have committed yet. Returns what it removed and how many files it looked at.
 */
export async function sweepStore(
  store: DocumentStore,
  tenantId: string,
  keptOf: (keys: readonly string[]) => Promise<Set<string>>,
  now = new Date(),
): Promise<{ removed: string[]; seen: number }> {
  const removed: string[] = [];
  let seen = 0;
  let batch: string[] = [];
  const flush = async () => {
    const kept = await keptOf(batch);
    for (const key of batch) {
      if (kept.has(key)) continue;
      await store.delete(key);
      removed.push(key);
    }
    batch = [];
  };
  for await (const entry of store.list(tenantId)) {
    seen += 1;
    if (now.getTime() - entry.modifiedAt.getTime() < SWEEP_GRACE_MS) continue;
    batch.push(entry.key);
    if (batch.length === 500) await flush();
  }
  if (batch.length > 0) await flush();
  return { removed, seen };
}

/** The sweep after a destruction run has committed: each batch of keys is checked in its own short tenant transaction. */
export async function sweepDocumentFiles(db: Kysely<DB>, store: DocumentStore, tenantId: string, now = new Date()): Promise<{ removed: string[] }> {
  const { removed } = await sweepStore(store, tenantId, (keys) => withTenant(db, tenantId, (tx) => existingStorageKeys(tx, keys)), now);
  return { removed };
}

/** The documents among `ids` that the resident uploaded themselves in the portal (not audited: the caller's command is). */
export async function ownResidentUploads(tx: Tx, residentId: string, ids: readonly string[]): Promise<{ id: string; fileName: string }[]> {
  const found: { id: string; fileName: string }[] = [];
  for (const id of new Set(ids)) {
    const row = await findUploadRow(tx, id);
    if (row && row.resident_id === residentId && row.uploaded_by_resident) found.push({ id: row.id, fileName: row.file_name });
  }
  return found;
}
