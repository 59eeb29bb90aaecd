import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { recordProcessing } from '../../platform/audit/audit.service.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { htmlToPdf } from '../../platform/pdf.js';
import { caseSubject } from '../cases/case.service.js';
import { decisionSubject } from '../decisions/decision.service.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { findTenantName } from '../tenants/tenant.service.js';
import { caseDocumentsSchema, storedDocumentSchema } from './document.schema.js';
import { decisionLetterHtml, documentSubject, lettersSettled, listCaseDocuments, readDocument, storeDecisionLetter } from './document.service.js';
import { letterheadSchema, saveLetterheadSchema } from './letterhead.schema.js';
import { getLetterheadSettings, saveLetterhead } from './letterhead.service.js';

const tags = ['Brieven en documenten'];
const idParam = (what: string) => z.object({ id: uuidParam(what) });
const ACTIVITY = 'zaakbehandeling-sociaal-domein';

export async function letterRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  // Letters still being printed finish (or fail) before the database closes.
  app.addHook('onClose', async () => lettersSettled());

  api.get(
    '/api/cases/:id/documents',
    {
      schema: { tags, summary: 'Documenten bij een zaak (zonder inhoud), en definitieve beschikkingen waarvan de brief nog ontbreekt', params: idParam('Zaak'), response: { 200: caseDocumentsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: ACTIVITY, name: 'documenten.raadplegen', subject: caseSubject, scope: 'care' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listCaseDocuments(tx, ctx, request.params.id)),
  );

  api.get(
    '/api/documents/:id',
    {
      schema: { tags, summary: 'Document downloaden (als bijlage)', params: idParam('Document'), produces: ['application/pdf'] },
      onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: ACTIVITY, name: 'document.downloaden', subject: documentSubject, scope: 'care' }),
    },
    async (request, reply) => {
      const doc = await inTenant(db, request, (tx, ctx) => readDocument(tx, ctx, request.params.id));
      return reply.type(doc.mediaType).header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${doc.filename}"`).send(doc.bytes);
    },
  );

  api.get(
    '/api/decisions/:id/letter.pdf',
    {
      schema: { tags, summary: 'Beschikkingsbrief als PDF zoals hij nu is (CONCEPT zolang niet definitief), om te printen of te downloaden', params: idParam('Beschikking'), produces: ['application/pdf'] },
      onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: ACTIVITY, name: 'beschikkingsbrief.raadplegen', subject: decisionSubject, scope: 'care' }),
    },
    async (request, reply) => {
      // The transaction ends before Chromium prints.
      const html = await inTenant(db, request, async (tx, ctx) => {
        const out = await decisionLetterHtml(db, tx, ctx.tenantId, request.params.id);
        const residentId = await decisionSubject.residentOf(tx, request.params.id);
        await recordProcessing(tx, ctx, { name: 'beschikkingsbrief.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId! }], startTime: new Date(), attributes: { vorm: 'pdf' } });
        return out;
      });
      const pdf = await htmlToPdf(html);
      return reply.type('application/pdf').header('cache-control', 'no-store').header('content-disposition', 'inline; filename="beschikking.pdf"').send(pdf);
    },
  );

  api.post(
    '/api/decisions/:id/letter',
    {
      schema: {
        tags,
        summary: 'Brief van een definitieve beschikking (opnieuw) maken en bij de zaak opslaan, bijvoorbeeld nadat het maken mislukte of na de toewijzing aan een aanbieder; de eerdere versie blijft bewaard',
        params: idParam('Beschikking'),
        response: { 201: storedDocumentSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requireResidentAccess(db, { permission: 'decisions:write', activity: ACTIVITY, name: 'beschikkingsbrief.opslaan', subject: decisionSubject, scope: 'care' }),
    },
    async (request, reply) => {
      // The guard checked access in the request's transaction; end it before printing.
      const ctx = await asActor(db, request, async (_tx, actor) => actor);
      return reply.status(201).send(await storeDecisionLetter(db, ctx, request.params.id));
    },
  );

  api.get(
    '/api/letterhead',
    { schema: { tags, summary: 'Briefpapier van de gemeente (functioneel beheer)', response: { 200: letterheadSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('letters:configure') },
    async (request) => inTenant(db, request, async (tx, ctx) => getLetterheadSettings(tx, (await findTenantName(db, ctx.tenantId)) ?? ctx.tenantId)),
  );

  api.put(
    '/api/letterhead',
    {
      schema: {
        tags,
        summary: 'Briefpapier instellen: naam, retouradres, telefoon, website, logo (PNG/JPEG, hoogstens 200 kB) en de eigen bijdrage per maand; elke versie wordt bewaard met wie haar instelde',
        body: saveLetterheadSchema,
        response: { 200: letterheadSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('letters:configure'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await saveLetterhead(tx, ctx, request.body);
        return getLetterheadSettings(tx, (await findTenantName(db, ctx.tenantId)) ?? ctx.tenantId);
      }),
  );
}
