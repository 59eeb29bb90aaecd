import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { FastifyError } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { asActor, auditContextOf, inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorBodySchema, errorResponses } from '../../platform/http/schemas.js';
import { schemasFor } from './exchange.config.js';
import { buildAllocationMessages } from './exchange.outbox.js';
import { listRefusals, MESSAGE_LIMIT_BYTES, receiveIncoming, recordRefusal, tooLargeMessage } from './exchange.intake.js';
import { retourCodeTexts } from './exchange.retour.js';
import { answerRequest, getRequest, grantRequest, listRequests } from './exchange.request-decision.js';
import {
  grantResultSchema,
  messageIdParams,
  messageListQuery,
  messageListSchema,
  outboxResultSchema,
  receiveResultSchema,
  refusalBody,
  refusalListQuery,
  refusalListSchema,
  refusalResultSchema,
  requestIdParams,
  requestListQuery,
  requestListSchema,
  requestSchema,
} from './exchange.schema.js';
import { downloadMessage, listExchangeMessages } from './exchange.service.js';

const tags = ['Berichtenverkeer'];

export async function exchangeRoutes(app: FastifyInstance, options: { db: Kysely<DB>; istandaardenDir: string | undefined }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const schemas = () => schemasFor(options.istandaardenDir);
  // A message arrives as the XML file itself (this plugin only; the rest of the API stays JSON).
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: MESSAGE_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  // An upload over the limit never reaches the handler: answered 413 in words, and recorded.
  app.setErrorHandler(async (error: FastifyError, request) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && request.principal) {
      const declared = Number(request.headers['content-length']);
      const size = Number.isFinite(declared) ? declared : MESSAGE_LIMIT_BYTES + 1;
      await recordRefusal(db, request.principal.tenantId, { intake: { channel: 'upload', actorId: request.principal.userId }, reason: tooLargeMessage(size), size, body: null, sender: null, at: new Date() });
      throw new AppError('PAYLOAD_TOO_LARGE', tooLargeMessage(Number.isFinite(declared) ? declared : null));
    }
    throw error;
  });

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
        summary: 'Een bericht van een aanbieder verwerken (305/307 start en stop zorg, 315/317 verzoeken, 302/320 retouren, 323 declaratie): technische controle, de regels van de standaard en een retourbericht',
        consumes: ['application/xml'],
        body: z.string().min(1, 'Het bericht is leeg.').describe('Het bericht (XML, UTF-8), tot 20 MB'),
        response: { 200: receiveResultSchema, 413: errorBodySchema, ...errorResponses(400, 401, 403) },
      },
      bodyLimit: MESSAGE_LIMIT_BYTES,
      onRequest: requirePermission('exchange:send'),
    },
    async (request) => {
      // In a transaction of its own (not the request's): a refusal rolls it back and is then recorded.
      const principal = requirePrincipal(request);
      const result = await receiveIncoming(db, auditContextOf(request, principal), schemas(), request.body, { channel: 'upload', actorId: principal.userId }, new Date());
      return { ...result, retourCodes: result.retourCodes.map((r) => ({ ...r, text: retourCodeTexts[r.code] ?? '' })) };
    },
  );

  api.get(
    '/api/exchange/requests',
    {
      schema: { tags, summary: 'Verzoeken van aanbieders (315/317): open eerst, oudste eerst', querystring: requestListQuery, response: { 200: requestListSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('exchange:read'),
    },
    async (request) => ({ items: await inTenant(db, request, (tx, ctx) => listRequests(tx, ctx, request.query)) }),
  );

  api.get(
    '/api/exchange/requests/:id',
    {
      schema: { tags, summary: 'Eén verzoek van een aanbieder, met wat Koers bij ontvangst vond', params: requestIdParams, response: { 200: requestSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('exchange:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getRequest(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/exchange/requests/:id/grant',
    {
      schema: {
        tags,
        summary:
          'Een verzoek toekennen: de toewijzing (met verplichting op de begrotingspost) en het toewijzingsbericht (301) met de ReferentieAanbieder. Boven de vier-ogengrens eerst een voorstel; een andere teamleider kent dan toe.',
        params: requestIdParams,
        response: { 200: grantResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('exchange:send'),
    },
    async (request) =>
      asActor(db, request, (tx, ctx) =>
        grantRequest({ tx, audit: ctx, actorId: ctx.actorId, actor: { ...ctx, mayApprove: requirePrincipal(request).permissions.includes('decisions:approve') } }, schemas(), { requestId: request.params.id, now: new Date() }),
      ),
  );

  api.post(
    '/api/exchange/requests/:id/refuse',
    {
      schema: {
        tags,
        summary: 'Een verzoek afwijzen met een reden (LDT_RedenAfwijzingVerzoek): het antwoordbericht (319) staat klaar voor de aanbieder',
        params: requestIdParams,
        body: refusalBody,
        response: { 200: refusalResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('exchange:send'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => ({
        answerMessageId: await answerRequest({ tx, audit: ctx, actorId: ctx.actorId }, schemas(), { requestId: request.params.id, refusalReason: request.body.reason, note: request.body.note || null, decidedBy: ctx.actorId, now: new Date() }),
      })),
  );

  api.get(
    '/api/exchange/refusals',
    {
      schema: {
        tags,
        summary: 'Geweigerde berichten: wat binnenkwam maar niet werd aangenomen (te groot, geen XML, andere gemeente, onbekende aanbieder, …), nieuwste eerst',
        querystring: refusalListQuery,
        response: { 200: refusalListSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('exchange:read'),
    },
    async (request) => ({ items: await inTenant(db, request, (tx) => listRefusals(tx, request.query)) }),
  );
}
