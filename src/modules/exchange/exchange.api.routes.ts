// The provider API: a care provider's software sends its messages (POST /api/berichten) and fetches
// what the municipality sent it (GET /api/berichten, GET /api/berichten/{id}), with the bearer token of
// a machine account. A staff session does not work here, and the token works nowhere else.

import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import { errorBodySchema, errorResponses } from '../../platform/http/schemas.js';
import { parentSpanIdFor } from '../../platform/http/trace.js';
import { schemasFor } from './exchange.config.js';
import { MESSAGE_LIMIT_BYTES, receiveIncoming, recordRefusal, tooLargeMessage } from './exchange.intake.js';
import { retourCodeTexts } from './exchange.retour.js';
import { messageIdParams, receiveResultSchema } from './exchange.schema.js';
import { machineActorName, resolveProviderToken, type MachinePrincipal } from './exchange.tokens.js';
import { fetchMessageForProvider, listPendingMessages } from './exchange.transport.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The machine account of a provider API request (set by its guard). */
    machine?: MachinePrincipal;
  }
}

const tags = ['Berichtenverkeer'];
const security = [{ machineaccount: [] }];

export const pendingListSchema = z.object({
  items: z.array(
    z.object({
      id: z.uuid().describe('Haal het bericht op met GET /api/berichten/{id}'),
      label: z.string().describe('Bijvoorbeeld "iJw 301 Toewijzing"'),
      standard: z.enum(['iwmo', 'ijw']),
      messageNumber: z.number().int(),
      identification: z.string().describe('BerichtIdentificatie'),
      fileName: z.string().describe('Bestandsnaam, bijvoorbeeld JW301_K000000123.xml'),
      createdAt: z.string(),
    }),
  ),
});

export const apiReceiveResultSchema = receiveResultSchema.extend({
  retourId: z.uuid().nullable().describe('Id van het retourbericht (306/308): haal het op met GET /api/berichten/{id}'),
});

/** The audit context of a machine account: the Logboek names it "aanbieder … (machineaccount)". */
export function machineAuditContext(request: FastifyRequest, machine: MachinePrincipal): AuditContext {
  return {
    traceId: request.id,
    parentSpanId: parentSpanIdFor(request.headers),
    actor: { userId: machine.tokenId, username: machineActorName(machine), roles: ['machineaccount'] },
    tenantId: machine.tenantId,
  };
}

export async function providerApiRoutes(app: FastifyInstance, options: { db: Kysely<DB>; istandaardenDir: string | undefined }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  // The message as bytes: its size and SHA-256 are recorded when it is refused.
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'buffer', bodyLimit: MESSAGE_LIMIT_BYTES }, (_request, body, done) => done(null, body));
  app.decorateRequest('machine', undefined);

  const guard = async (request: FastifyRequest) => {
    request.machine = await resolveProviderToken(db, request.headers.authorization, new Date());
  };
  const machineOf = (request: FastifyRequest): MachinePrincipal => {
    if (!request.machine) throw new AppError('UNAUTHENTICATED', 'Geen geldig token.');
    return request.machine;
  };

  // A body over the limit never reaches the handler: answered 413 in words, and recorded.
  app.setErrorHandler(async (error: FastifyError, request) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' && request.machine) {
      const declared = Number(request.headers['content-length']);
      const size = Number.isFinite(declared) ? declared : MESSAGE_LIMIT_BYTES + 1;
      await recordRefusal(db, request.machine.tenantId, { intake: { channel: 'api', actorId: null, machine: request.machine }, reason: tooLargeMessage(size), size, body: null, sender: null, at: new Date() });
      throw new AppError('PAYLOAD_TOO_LARGE', tooLargeMessage(Number.isFinite(declared) ? declared : null));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw new AppError('BAD_REQUEST', 'Stuur het bericht als XML (Content-Type: application/xml).');
    throw error;
  });

  api.post(
    '/api/berichten',
    {
      bodyLimit: MESSAGE_LIMIT_BYTES,
      schema: {
        tags,
        security,
        summary: 'Aanbieder: een bericht aanleveren (iWmo/iJw 3.2, bijvoorbeeld 305 start zorg of 307 stop zorg), als XML tot 20 MB',
        description:
          'De afzender (AGB-code in de kop) moet de aanbieder van het token zijn, anders 403. Het antwoord geeft de uitkomst met de retourcodes en het id van het retourbericht. Een geweigerd bericht (400/403/413) wordt vastgelegd bij de gemeente.',
        consumes: ['application/xml'],
        body: z.any().describe('Het bericht (XML, UTF-8)'),
        response: { 200: apiReceiveResultSchema, 413: errorBodySchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: guard,
    },
    async (request) => {
      const machine = machineOf(request);
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const result = await receiveIncoming(db, machineAuditContext(request, machine), schemasFor(options.istandaardenDir), body, { channel: 'api', actorId: null, machine }, new Date());
      return { ...result, retourId: result.retour?.id ?? null, retourCodes: result.retourCodes.map((r) => ({ ...r, text: retourCodeTexts[r.code] ?? '' })) };
    },
  );

  api.get(
    '/api/berichten',
    {
      schema: {
        tags,
        security,
        summary: 'Aanbieder: de berichten van de gemeente die voor u klaarstaan en nog niet zijn opgehaald (oudste eerst)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Hoeveel berichten (1–1000)') }),
        response: { 200: pendingListSchema, ...errorResponses(400, 401) },
      },
      onRequest: guard,
    },
    async (request) => {
      const machine = machineOf(request);
      const items = await withTenant(db, machine.tenantId, (tx) => listPendingMessages(tx, { providerId: machine.providerId, limit: request.query.limit }));
      return { items: items.map(({ provider: _provider, ...m }) => m) };
    },
  );

  api.get(
    '/api/berichten/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Aanbieder: één bericht van de gemeente als XML; daarmee is het opgehaald',
        params: messageIdParams,
        produces: ['application/xml'],
        response: { 200: z.string().describe('Het bericht (XML, UTF-8)'), ...errorResponses(400, 401, 404) },
      },
      onRequest: guard,
    },
    async (request, reply) => {
      const machine = machineOf(request);
      const file = await withTenant(db, machine.tenantId, (tx) => fetchMessageForProvider(tx, machineAuditContext(request, machine), { id: request.params.id, providerId: machine.providerId, now: new Date() }));
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.xml);
    },
  );
}
