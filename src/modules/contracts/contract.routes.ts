import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { providerPerformance } from './contract.performance.js';
import { performanceQuerySchema, performanceSchema } from './contract.schema.js';
import { performanceWorkbook } from './contract.xlsx.js';

const tags = ['Aanbieders en contracten'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function contractRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const read = requirePermission('contracts:read');
  const performance = (request: { query: { year?: number; providerId?: string } }, today: string) => ({
    year: request.query.year ?? Number(today.slice(0, 4)),
    today,
    ...(request.query.providerId ? { providerId: request.query.providerId } : {}),
  });

  api.get(
    '/api/contracts/performance',
    {
      schema: {
        tags,
        summary: 'Prestaties van aanbieders per product in een jaar: tijd tot start, nooit gestart, uitnutting, kosten per cliënt en duur (alleen totalen)',
        querystring: performanceQuerySchema,
        response: { 200: performanceSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request) => inTenant(db, request, (tx) => providerPerformance(tx, performance(request, todayInAmsterdam()))),
  );

  api.get(
    '/api/contracts/performance/export.xlsx',
    {
      schema: { tags, summary: 'De prestaties van aanbieders als Excel-werkmap', querystring: performanceQuerySchema, produces: [XLSX] },
      onRequest: read,
    },
    async (request, reply) => {
      const result = await inTenant(db, request, (tx) => providerPerformance(tx, performance(request, todayInAmsterdam())));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="prestaties-aanbieders-${result.year}.xlsx"`).send(await performanceWorkbook(result));
    },
  );
}
