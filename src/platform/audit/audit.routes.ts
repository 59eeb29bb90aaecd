import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission } from '../http/request-context.js';
import { errorResponses } from '../http/schemas.js';
import { auditRecordListSchema } from './audit.schema.js';
import { listProcessingsOfResident } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      schema: {
        tags: ['Logboek dataverwerkingen'],
        summary: 'Verwerkingen van de gegevens van één inwoner (alleen auditor)',
        querystring: z.object({
          resident: z.uuid('Geef een geldig inwoner-id op.').describe('Id van de inwoner'),
          limit: z.coerce.number().int().min(1).max(1000).default(200).describe('Maximaal aantal regels (standaard 200)'),
        }),
        response: { 200: auditRecordListSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('audit:read'),
    },
    async (request) => ({
      items: await inTenant(options.db, request, (tx, ctx) =>
        listProcessingsOfResident(tx, ctx, { residentId: request.query.resident, limit: request.query.limit }),
      ),
    }),
  );
}
