import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { pageQuerySchema, runBodySchema, runCreatedSchema, runDetailQuerySchema, runDetailSchema, runIdParamsSchema, runListSchema } from './control-run.schema.js';
import { getRun, getRuns, runControls, signOffRun } from './control-run.service.js';

const tags = ['Controls'];

/** Control runs: the automated controls over a period, their results and exceptions, and the controller's sign-off. */
export async function controlRunRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.post(
    '/api/control/runs',
    {
      schema: {
        tags,
        summary: 'De geautomatiseerde controles van een proces (of alle) over een maand, kwartaal of jaar draaien; een nieuwe run van dezelfde periode is een nieuwe versie',
        body: runBodySchema,
        response: { 201: runCreatedSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => runControls(tx, ctx, { ...request.body, today: todayInAmsterdam() }))),
  );

  api.get(
    '/api/control/runs',
    { schema: { tags, summary: 'De controleruns, nieuwste eerst, met per run de aantallen en bedragen', querystring: pageQuerySchema, response: { 200: runListSchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('controls:read') },
    async (request) => inTenant(db, request, (tx) => getRuns(tx, request.query)),
  );

  api.get(
    '/api/control/runs/:id',
    {
      schema: {
        tags,
        summary: 'Eén controlerun: per controle de populatie, uitzonderingen en bedragen, en een pagina uitzonderingen met hun feiten (inwoners op de pagina worden gelogd)',
        params: runIdParamsSchema,
        querystring: runDetailQuerySchema,
        response: { 200: runDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requirePermission('controls:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getRun(tx, ctx, request.params.id, { controlId: request.query.control, offset: request.query.offset, limit: request.query.limit })),
  );

  api.post(
    '/api/control/runs/:id/sign-off',
    {
      schema: { tags, summary: 'De controlerun aftekenen (controller, één keer)', params: runIdParamsSchema, response: { 200: runDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await signOffRun(tx, ctx, request.params.id);
        return getRun(tx, ctx, request.params.id, { offset: 0, limit: 50 });
      }),
  );
}
