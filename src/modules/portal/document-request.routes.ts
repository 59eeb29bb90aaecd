import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { asActor, inTenant } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { caseSubject } from '../cases/case.service.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { documentRequestBodySchema, documentRequestSchema, documentRequestsSchema } from './portal.schema.js';
import { makeMissingRequestLetters, queueRequestLetters } from './document-request.letter.js';
import { listDocumentRequests, requestDocuments } from './portal.service.js';

const tags = ['Brieven en documenten'];
const params = z.object({ id: uuidParam('Zaak') });
const ACTIVITY = 'zaakbehandeling-sociaal-domein' as const;

/** Staff: ask the resident for more documents on a case (with a hersteltermijn); the resident answers in Mijn gemeente. */
export async function documentRequestRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/cases/:id/document-requests',
    {
      schema: { tags, summary: 'Verzoeken om documenten bij een zaak (met hersteltermijn)', params, response: { 200: documentRequestsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: ACTIVITY, name: 'verzoeken-aanvulling.raadplegen', scope: 'care', subject: caseSubject }),
    },
    async (request) => inTenant(db, request, async (tx, ctx) => ({ items: await listDocumentRequests(tx, ctx, request.params.id) })),
  );

  api.post(
    '/api/cases/:id/document-requests',
    {
      schema: {
        tags,
        summary: 'Inwoner om documenten vragen (hersteltermijn); de inwoner stuurt ze via Mijn gemeente',
        description:
          'Koers maakt na het opslaan de brief "Verzoek om aanvullende gegevens" (PDF) en zet die bij de documenten van de zaak en in Mijn aanvragen. Schort de termijn niet zelf op: doe dat met /api/cases/{id}/suspensions.',
        params,
        body: documentRequestBodySchema,
        response: { 201: documentRequestSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { permission: 'cases:write', activity: ACTIVITY, name: 'verzoek-aanvulling.versturen', scope: 'care', subject: caseSubject }),
    },
    async (request, reply) => {
      let actor: AuditContext | undefined;
      const created = await asActor(db, request, async (tx, ctx) => {
        actor = ctx;
        const { id } = await requestDocuments(tx, ctx, { caseId: request.params.id, ...request.body });
        return (await listDocumentRequests(tx, ctx, request.params.id)).find((r) => r.id === id)!;
      });
      // After the commit: the letter "Verzoek om aanvullende gegevens" is printed and stored with the case.
      queueRequestLetters(db, actor!, request.params.id, request.log);
      return reply.status(201).send(created);
    },
  );

  api.post(
    '/api/cases/:id/document-requests/letters',
    {
      schema: {
        tags,
        summary: 'De brieven "Verzoek om aanvullende gegevens" die nog ontbreken (nu) maken en bij de zaak opslaan, bijvoorbeeld nadat het maken mislukte',
        params,
        response: { 201: z.object({ ids: z.array(z.uuid()).describe('De gemaakte brieven (leeg: er ontbrak geen brief)') }), ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { permission: 'cases:write', activity: ACTIVITY, name: 'verzoekbrief.opslaan', scope: 'care', subject: caseSubject }),
    },
    async (request, reply) => {
      // The guard checked access in the request's transaction; end it before printing.
      const ctx = await asActor(db, request, async (_tx, actor) => actor);
      return reply.status(201).send(await makeMissingRequestLetters(db, ctx, request.params.id));
    },
  );
}
