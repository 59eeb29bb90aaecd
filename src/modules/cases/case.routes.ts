import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { caseSchema, caseSummarySchema, extensionSchema, openCaseSchema, resumeSchema, statusChangeSchema, suspensionSchema } from './case.schema.js';
import { caseForRelation, caseSubject, caseTypes, changeStatus, extendCase, getCase, listResidentCases, myCases, openCase, resumeCase, suspendCase } from './case.service.js';

const tags = ['Zaken'];
const caseParams = z.object({ id: uuidParam('Zaak') });

export async function caseRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const writeCase = requireResidentAccess(db, { permission: 'cases:write', activity: 'zaakbehandeling-sociaal-domein', name: 'zaak.wijzigen', subject: caseSubject, scope: 'care' });

  api.get(
    '/api/case-types',
    {
      schema: {
        tags,
        summary: 'Zaaktypen met hun wettelijke termijnen (ISO 8601-duur)',
        response: { 200: z.array(z.object({ code: z.string(), name: z.string(), law: z.string(), researchTerm: z.string().nullable(), decisionTerm: z.string(), legalBasis: z.string() })), ...errorResponses(401, 403) },
      },
      onRequest: requirePermission('cases:read'),
    },
    async (request) => inTenant(db, request, (tx) => caseTypes(tx)),
  );

  api.post(
    '/api/residents/:residentId/cases',
    {
      schema: { tags, summary: 'Zaak starten na een melding (eventueel met directe toegang)', params: z.object({ residentId: uuidParam('Inwoner') }), body: openCaseSchema, response: { 201: caseSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'cases:write', activity: 'zaakbehandeling-sociaal-domein', name: 'zaak.starten', scope: 'care' }),
    },
    async (request, reply) =>
      reply.status(201).send(
        await asActor(db, request, async (tx, ctx) => {
          const { id } = await openCase(tx, ctx, { residentId: request.params.residentId, ...request.body });
          return getCase(tx, ctx, id);
        }),
      ),
  );

  api.get(
    '/api/residents/:residentId/cases',
    {
      schema: { tags, summary: 'Zaken van een inwoner met termijnen', params: z.object({ residentId: uuidParam('Inwoner') }), response: { 200: z.array(caseSchema), ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: 'zaakbehandeling-sociaal-domein', name: 'zaken.raadplegen', scope: 'basic' }),
    },
    async (request) => (await inTenant(db, request, (tx, ctx) => listResidentCases(tx, ctx, request.params.residentId))).map((c) => caseForRelation(c, request.residentRelation)),
  );

  api.get(
    '/api/cases/mine',
    { schema: { tags, summary: 'Mijn open zaken, de eerstvolgende wettelijke termijn eerst (zonder gebeurtenissen: die staan bij de zaak)', response: { 200: z.array(caseSummarySchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('cases:read'), config: { sessionUnitOfWork: true } },
    async (request) => asActor(db, request, (tx, ctx) => myCases(tx, ctx)),
  );

  api.get(
    '/api/cases/:id',
    { schema: { tags, summary: 'Eén zaak met gebeurtenissen en berekende termijnen', params: caseParams, response: { 200: caseSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: 'zaakbehandeling-sociaal-domein', name: 'zaak.raadplegen', subject: caseSubject, scope: 'basic' }) },
    async (request) => caseForRelation(await inTenant(db, request, (tx, ctx) => getCase(tx, ctx, request.params.id)), request.residentRelation),
  );

  api.post(
    '/api/cases/:id/status',
    { schema: { tags, summary: 'Status wijzigen (melding → onderzoek → aanvraag → besluit → afgesloten, of ingetrokken)', params: caseParams, body: statusChangeSchema, response: { 200: caseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: writeCase },
    async (request) => asActor(db, request, async (tx, ctx) => getCase(tx, ctx, (await changeStatus(tx, ctx, { id: request.params.id, ...request.body })).id)),
  );

  api.post(
    '/api/cases/:id/suspensions',
    { schema: { tags, summary: 'Termijn opschorten (met reden)', params: caseParams, body: suspensionSchema, response: { 200: caseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: writeCase },
    async (request) => asActor(db, request, async (tx, ctx) => getCase(tx, ctx, (await suspendCase(tx, ctx, { id: request.params.id, ...request.body })).id)),
  );

  api.post(
    '/api/cases/:id/suspensions/end',
    { schema: { tags, summary: 'Opschorting beëindigen', params: caseParams, body: resumeSchema, response: { 200: caseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: writeCase },
    async (request) => asActor(db, request, async (tx, ctx) => getCase(tx, ctx, (await resumeCase(tx, ctx, { id: request.params.id, ...request.body })).id)),
  );

  api.post(
    '/api/cases/:id/extensions',
    { schema: { tags, summary: 'Termijn verdagen (met reden)', params: caseParams, body: extensionSchema, response: { 200: caseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: writeCase },
    async (request) => asActor(db, request, async (tx, ctx) => getCase(tx, ctx, (await extendCase(tx, ctx, { id: request.params.id, ...request.body })).id)),
  );
}
