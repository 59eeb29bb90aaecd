import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { schemasFor } from './exchange.config.js';
import { buildAllocationMessages } from './exchange.outbox.js';
import { messageIdParams, messageListQuery, messageListSchema, outboxResultSchema } from './exchange.schema.js';
import { downloadMessage, listExchangeMessages } from './exchange.service.js';

const tags = ['Berichtenverkeer'];

export async function exchangeRoutes(app: FastifyInstance, options: { db: Kysely<DB>; istandaardenDir: string | undefined }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const schemas = () => schemasFor(options.istandaardenDir);

  api.get(
    '/api/exchange/messages',
    {
      schema: {
        tags,
        summary: 'Berichten met aanbieders (iWmo/iJw), nieuwste eerst, met de uitkomst van de technische controle',
        querystring: messageListQuery,
        response: { 200: messageListSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('exchange:read'),
    },
    async (request) => ({
      items: await inTenant(db, request, (tx, ctx) => listExchangeMessages(tx, ctx, request.query)),
      xsdConfigured: options.istandaardenDir !== undefined,
    }),
  );

  api.get(
    '/api/exchange/messages/:id/xml',
    {
      schema: {
        tags,
        summary: 'Het bericht als XML-bestand, om te versturen via het gegevensknooppunt',
        params: messageIdParams,
        produces: ['application/xml'],
        response: { 200: z.string().describe('Het bericht (XML, UTF-8)'), ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('exchange:read'),
    },
    async (request, reply) => {
      const file = await inTenant(db, request, (tx, ctx) => downloadMessage(tx, ctx, request.params.id, new Date()));
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.xml);
    },
  );

  api.post(
    '/api/exchange/outbox',
    {
      schema: {
        tags,
        summary: 'Nu de toewijzingsberichten (301) aanmaken voor alles wat sinds de vorige keer is toegewezen of gewijzigd',
        response: { 200: outboxResultSchema, ...errorResponses(401, 403) },
      },
      onRequest: requirePermission('exchange:send'),
    },
    async (request) => asActor(db, request, (tx, ctx) => buildAllocationMessages({ tx, audit: ctx, actorId: ctx.actorId }, schemas(), { now: new Date() })),
  );
}
