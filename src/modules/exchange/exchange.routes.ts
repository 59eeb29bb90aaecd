import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { schemasFor } from './exchange.config.js';
import { buildAllocationMessages } from './exchange.outbox.js';
import { receiveMessage } from './exchange.inbox.js';
import { retourCodeTexts } from './exchange.retour.js';
import { messageIdParams, messageListQuery, messageListSchema, outboxResultSchema, receiveResultSchema } from './exchange.schema.js';
import { downloadMessage, listExchangeMessages } from './exchange.service.js';

const tags = ['Berichtenverkeer'];

export async function exchangeRoutes(app: FastifyInstance, options: { db: Kysely<DB>; istandaardenDir: string | undefined }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const schemas = () => schemasFor(options.istandaardenDir);
  // A message arrives as the XML file itself (this plugin only; the rest of the API stays JSON).
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_request, body, done) => done(null, body));

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

  api.post(
    '/api/exchange/inbox',
    {
      schema: {
        tags,
        summary: 'Een bericht van een aanbieder verwerken (305 start zorg, 307 stop zorg, 323 declaratie): technische controle, de regels van de standaard en een retourbericht',
        consumes: ['application/xml'],
        body: z.string().min(1, 'Het bericht is leeg.').max(1_000_000).describe('Het bericht (XML, UTF-8)'),
        response: { 200: receiveResultSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('exchange:send'),
    },
    async (request) => {
      const result = await asActor(db, request, (tx, ctx) => receiveMessage({ tx, audit: ctx, actorId: ctx.actorId }, schemas(), request.body, new Date()));
      return { ...result, retourCodes: result.retourCodes.map((r) => ({ ...r, text: retourCodeTexts[r.code] ?? '' })) };
    },
  );
}
