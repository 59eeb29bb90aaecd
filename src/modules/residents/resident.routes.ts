import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission } from '../../platform/http/request-context.js';
import { requireResidentAccess } from './resident.guard.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { getResident, registerResident, searchResidents } from './resident.service.js';
import { accessGrantSchema, breakGlassSchema, createResidentSchema, residentSchema, searchQuerySchema, searchResultSchema } from './resident.schema.js';
import { listAccessGrants, requestBreakGlassAccess } from './resident.access.js';

const tags = ['Inwoners'];

export async function residentRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/residents',
    {
      schema: {
        tags,
        summary: 'Inwoners zoeken op naam of postcode (+ huisnummer)',
        description: 'Een BSN hoort niet in een URL: zoek daarop met POST /api/residents/search. Elke gevonden inwoner wordt gelogd.',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('residents:read'),
      config: { sessionUnitOfWork: true },
    },
    async (request) => inTenant(db, request, (tx, ctx) => searchResidents(tx, ctx, { ...request.query, allowBsn: false })),
  );

  api.post(
    '/api/residents/search',
    {
      schema: {
        tags,
        summary: 'Inwoners zoeken op naam, postcode (+ huisnummer) of exact BSN',
        description: 'Zoekterm in de body, zodat een BSN nooit in een URL of toegangslog staat.',
        body: searchQuerySchema,
        response: { 200: searchResultSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('residents:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => searchResidents(tx, ctx, { ...request.body, allowBsn: true })),
  );

  api.get(
    '/api/residents/:id',
    {
      schema: {
        tags,
        summary: 'Eén inwoner met adres, gebied en huishouden',
        params: z.object({ id: uuidParam('Inwoner') }),
        response: { 200: residentSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { permission: 'residents:read', activity: 'inwonerregistratie', name: 'inwoner.raadplegen', scope: 'basic' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getResident(tx, ctx, request.params.id, request.residentRelation)),
  );

  api.post(
    '/api/residents',
    {
      schema: {
        tags,
        summary: 'Inwoner registreren',
        body: createResidentSchema,
        response: { 201: residentSchema, ...errorResponses(400, 401, 403, 409) },
      },
      onRequest: requirePermission('residents:write'),
    },
    async (request, reply) => {
      // The answer shows the new record and its household: that reading is logged as a read.
      const resident = await inTenant(db, request, async (tx, ctx) => getResident(tx, ctx, (await registerResident(tx, ctx, request.body)).id));
      return reply.status(201).send(resident);
    },
  );

  api.post(
    '/api/residents/:id/access-grants',
    {
      schema: {
        tags,
        summary: 'Doorbraak: toegang tot een dossier zonder relatie, met een reden (8 uur geldig, gelogd)',
        description: 'Voor wie geen contactpersoon, behandelaar of lid van het gebiedsteam is. De reden komt in het logboek en bij de privacyfunctionaris.',
        params: z.object({ id: uuidParam('Inwoner') }),
        body: breakGlassSchema,
        response: { 201: accessGrantSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requirePermission('residents:read'),
    },
    async (request, reply) => {
      const grant = await inTenant(db, request, (tx, ctx) => requestBreakGlassAccess(tx, ctx, { residentId: request.params.id, reason: request.body.reason }));
      return reply.status(201).send(grant);
    },
  );

  api.get(
    '/api/access-grants',
    {
      schema: {
        tags,
        summary: 'Alle doorbraken (nieuwste eerst), voor de privacyfunctionaris',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100).describe('Hoeveel doorbraken (1–500)') }),
        response: { 200: z.array(accessGrantSchema), ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('audit:read'),
    },
    async (request) => inTenant(db, request, (tx) => listAccessGrants(tx, request.query)),
  );
}
