import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { caseSubject } from '../cases/case.service.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { uploadedDocumentSchema, uploadedDocumentsSchema, uploadFormDescription } from './document.schema.js';
import { addDocument, attachmentDisposition, discardUpload, listCaseUploads, listResidentUploads, newStorageKey, openDocument, residentOfCaseOrFail, uploadSubject } from './document.service.js';
import type { DocumentStore } from './document.store.js';
import { receiveUpload } from './document.upload.js';

const tags = ['Brieven en documenten'];
const idParam = (what: string) => z.object({ id: uuidParam(what) });
const ACTIVITY = 'zaakbehandeling-sociaal-domein' as const;

export interface DocumentRouteOptions {
  db: Kysely<DB>;
  store: DocumentStore;
  /** The largest upload in bytes (KOERS_DOCUMENT_MAX_MB). */
  maxBytes: number;
}

// Documents may hold health data: `care` scope, so the KCC's first line does not see them. Reading
// follows the case's documents (cases:read), adding follows working the case (cases:write).
const readRule = (name: string) => ({ permission: 'cases:read' as const, activity: ACTIVITY, name, scope: 'care' as const });
const writeRule = { permission: 'cases:write' as const, activity: ACTIVITY, name: 'document.toevoegen', scope: 'care' as const };

export async function documentRoutes(app: FastifyInstance, options: DocumentRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, store, maxBytes } = options;
  // Only in this plugin: the rest of the API takes JSON. throwFileSizeLimit off: spool() counts itself.
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes + 1, files: 1 } });

  /**
   * The guard checked access in the request's transaction; that transaction ends before the upload is
   * read (a slow upload never holds the database), and a new one stores row, audit record and file.
   */
  async function upload(request: FastifyRequest, target: { residentId?: string; caseId?: string }) {
    await asActor(db, request, async () => undefined);
    const received = await receiveUpload(request, await store.tempDir(), maxBytes);
    let storageKey: string | undefined;
    try {
      return await asActor(db, request, async (tx, ctx) => {
        storageKey = newStorageKey(ctx.tenantId);
        const residentId = target.caseId ? await residentOfCaseOrFail(tx, target.caseId) : target.residentId!;
        return addDocument(tx, ctx, store, { residentId, caseId: target.caseId ?? null, upload: received, storageKey });
      });
    } catch (error) {
      await discardUpload(store, received, storageKey ?? 'none');
      throw error;
    }
  }

  api.get(
    '/api/residents/:id/uploads',
    {
      schema: { tags, summary: 'Toegevoegde documenten van een inwoner (dossier en zaken), zonder inhoud', params: idParam('Inwoner'), response: { 200: uploadedDocumentsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, readRule('documenten.raadplegen')),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listResidentUploads(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/residents/:id/uploads',
    {
      schema: { tags, summary: 'Document toevoegen aan het dossier van een inwoner (PDF, JPEG of PNG)', description: uploadFormDescription, consumes: ['multipart/form-data'], params: idParam('Inwoner'), response: { 201: uploadedDocumentSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, writeRule),
    },
    async (request, reply) => reply.status(201).send(await upload(request, { residentId: request.params.id })),
  );

  api.get(
    '/api/cases/:id/uploads',
    {
      schema: { tags, summary: 'Toegevoegde documenten bij een zaak, zonder inhoud (de brieven: /api/cases/{id}/documents)', params: idParam('Zaak'), response: { 200: uploadedDocumentsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { ...readRule('documenten.raadplegen'), subject: caseSubject }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listCaseUploads(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/cases/:id/uploads',
    {
      schema: { tags, summary: 'Document toevoegen aan een zaak (PDF, JPEG of PNG)', description: uploadFormDescription, consumes: ['multipart/form-data'], params: idParam('Zaak'), response: { 201: uploadedDocumentSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { ...writeRule, subject: caseSubject }),
    },
    async (request, reply) => reply.status(201).send(await upload(request, { caseId: request.params.id })),
  );

  api.get(
    '/api/uploads/:id',
    {
      schema: { tags, summary: 'Toegevoegd document downloaden (als bijlage)', params: idParam('Document'), produces: ['application/pdf', 'image/jpeg', 'image/png'] },
      onRequest: requireResidentAccess(db, { ...readRule('document.downloaden'), subject: uploadSubject }),
    },
    async (request, reply) => {
      // The file is opened inside the transaction (a missing file fails before the read is logged); when
      // the commit then fails, it is closed again.
      let opened: Readable | undefined;
      let result: Awaited<ReturnType<typeof openDocument>>;
      try {
        result = await inTenant(db, request, async (tx, ctx) => {
          const out = await openDocument(tx, ctx, store, request.params.id);
          opened = out.content;
          return out;
        });
      } catch (error) {
        opened?.destroy();
        throw error;
      }
      const { document, content } = result;
      return reply
        .type(document.mediaType)
        .header('content-length', String(document.size))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', attachmentDisposition(document.fileName, document.mediaType))
        .send(content);
    },
  );
}
