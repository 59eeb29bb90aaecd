import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission } from '../http/request-context.js';
import { errorResponses } from '../http/schemas.js';
import { listProcessingsOfResident } from './audit.service.js';

const auditRecordSchema = z.object({
  id: z.uuid(),
  traceId: z.string().describe('trace_id (W3C Trace Context, 16 bytes hex)'),
  spanId: z.string().describe('span_id / operation_id (8 bytes hex)'),
  parentSpanId: z.string().nullable(),
  name: z.string().describe('Naam van de actie'),
  status: z.enum(['OK', 'ERROR']),
  startTime: z.string(),
  endTime: z.string(),
  processingActivity: z.object({ id: z.string(), name: z.string(), legalBasis: z.string().describe('Grondslag') }),
  dataSubject: z.object({ type: z.string(), id: z.string().describe('Id van de betrokkene (nooit een BSN)') }),
  actor: z.object({ id: z.string().nullable(), username: z.string().nullable(), roles: z.array(z.string()) }),
  resource: z.object({ name: z.string(), version: z.string() }),
  attributes: z.record(z.string(), z.unknown()),
});

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
        response: { 200: z.object({ items: z.array(auditRecordSchema) }), ...errorResponses(400, 401, 403) },
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
