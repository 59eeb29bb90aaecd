import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { getProvider, listProviders } from './provider.service.js';
import { providerSchema, providerSummarySchema } from './provider.schema.js';

const tags = ['Aanbieders en contracten'];

export async function providerRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const read = requirePermission('providers:read');

  api.get(
    '/api/providers',
    {
      schema: {
        tags,
        summary: 'Aanbieders: eigen contracten en die van de regio',
        querystring: z.object({ q: z.string().trim().max(100, 'De zoekterm is te lang.').optional().describe('Naam of AGB-code') }),
        response: { 200: z.array(providerSummarySchema), ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request) => inTenant(db, request, (tx) => listProviders(tx, { ...request.query, tenantId: requirePrincipal(request).tenantId })),
  );

  api.get(
    '/api/providers/:id',
    {
      schema: {
        tags,
        summary: 'Eén aanbieder met tarieven per product per jaar en subsidies',
        params: z.object({ id: uuidParam('Aanbieder') }),
        response: { 200: providerSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => inTenant(db, request, (tx) => getProvider(tx, { id: request.params.id, tenantId: requirePrincipal(request).tenantId })),
  );
}
