import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission, requireResidentPermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { getResident, registerResident, searchResidents } from './resident.service.js';
import { createResidentSchema, residentSchema, searchQuerySchema, searchResultSchema } from './resident.schema.js';

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
      onRequest: requireResidentPermission(db, 'residents:read', 'inwonerregistratie', 'inwoner.raadplegen'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getResident(tx, ctx, request.params.id)),
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
      const resident = await inTenant(db, request, (tx, ctx) => registerResident(tx, ctx, request.body));
      return reply.status(201).send(resident);
    },
  );
}
