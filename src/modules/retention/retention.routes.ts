import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, auditContextOf, inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import {
  approveBodySchema, destroyOutcomeSchema, destructionSchema, holdBodySchema, holdSchema, listBodySchema, requestBodySchema, requestSchema,
  retentionIdSchema, retentionListSchema, retentionListSummarySchema, retentionRuleSchema,
} from './retention.schema.js';
import { approveList, createList, destroyList, getList, liftHold, listDestructions, listHolds, listLists, listRequests, listRules, placeHold, registerRequest } from './retention.service.js';

const tags = ['Archief'];
const read = requirePermission('retention:read');
const approve = requirePermission('retention:approve');
const destroy = requirePermission('retention:destroy');
const idParams = z.object({ id: uuidParam('De vernietigingslijst') });

/** Retention and destruction: rules, the monthly destruction list, its approval, destruction, holds and requests. */
export interface RetentionRouteOptions {
  db: Kysely<DB>;
  /** Runs after a destruction list was carried out (its items committed): e.g. removing the files of destroyed documents. */
  afterDestroy?: (tenantId: string) => Promise<void>;
}

export async function retentionRoutes(app: FastifyInstance, options: RetentionRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get('/api/retention/rules', { schema: { tags, summary: 'De bewaartermijnen (Selectielijst 2020, concept als testdata)', response: { 200: z.array(retentionRuleSchema), ...errorResponses(401, 403) } }, onRequest: read }, async (request) =>
    inTenant(db, request, (tx) => listRules(tx)),
  );

  api.get('/api/retention/lists', { schema: { tags, summary: 'De vernietigingslijsten, nieuwste maand eerst', response: { 200: z.array(retentionListSummarySchema), ...errorResponses(401, 403) } }, onRequest: read }, async (request) =>
    inTenant(db, request, (tx) => listLists(tx)),
  );

  api.post(
    '/api/retention/lists',
    { schema: { tags, summary: 'De vernietigingslijst van een maand opstellen', body: listBodySchema, response: { 201: retentionListSchema, ...errorResponses(400, 401, 403, 409) } }, onRequest: destroy },
    async (request, reply) => {
      const today = todayInAmsterdam();
      const id = await asActor(db, request, (tx, ctx) => createList(tx, ctx, { month: `${request.body.month}-01`, today }));
      return reply.code(201).send(await inTenant(db, request, (tx, ctx) => getList(tx, ctx, id)));
    },
  );

  api.get('/api/retention/lists/:id', { schema: { tags, summary: 'Een vernietigingslijst met items, regel en goedkeuringen', params: idParams, response: { 200: retentionListSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: read }, async (request) =>
    inTenant(db, request, (tx, ctx) => getList(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/retention/lists/:id/approve',
    { schema: { tags, summary: 'Een vernietigingslijst goedkeuren als archivaris of als eigenaar van het zaaktype', params: idParams, body: approveBodySchema, response: { 200: retentionListSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: approve },
    async (request) => {
      const principal = requirePrincipal(request);
      await asActor(db, request, (tx, ctx) => approveList(tx, ctx, { listId: request.params.id, capacity: request.body.capacity, roles: principal.roles }));
      return inTenant(db, request, (tx, ctx) => getList(tx, ctx, request.params.id));
    },
  );

  api.post(
    '/api/retention/lists/:id/destroy',
    { schema: { tags, summary: 'Een goedgekeurde vernietigingslijst uitvoeren (één transactie per item)', params: idParams, response: { 200: destroyOutcomeSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: destroy },
    async (request) => {
      const principal = requirePrincipal(request);
      const outcome = await destroyList(db, principal, auditContextOf(request, principal), request.params.id);
      await options.afterDestroy?.(principal.tenantId);
      return outcome;
    },
  );

  api.get('/api/retention/lists/:id/destructions', { schema: { tags, summary: 'De vernietigingsverklaringen van een lijst (zonder persoonsgegevens)', params: idParams, response: { 200: z.array(destructionSchema), ...errorResponses(400, 401, 403, 404) } }, onRequest: read }, async (request) =>
    inTenant(db, request, (tx) => listDestructions(tx, request.params.id)),
  );

  api.get('/api/retention/holds', { schema: { tags, summary: 'Bewaarplichten (bezwaar, beroep, verzoek van betrokkene, overig)', response: { 200: z.array(holdSchema), ...errorResponses(401, 403) } }, onRequest: read }, async (request) =>
    inTenant(db, request, (tx, ctx) => listHolds(tx, ctx)),
  );

  api.post(
    '/api/retention/holds',
    { schema: { tags, summary: 'Een bewaarplicht vastleggen: de dossiers van de inwoner blijven van de vernietigingslijst', body: holdBodySchema, response: { 201: retentionIdSchema, ...errorResponses(400, 401, 403) } }, onRequest: approve },
    async (request, reply) => reply.code(201).send({ id: await asActor(db, request, (tx, ctx) => placeHold(tx, ctx, request.body)) }),
  );

  api.post(
    '/api/retention/holds/:id/lift',
    { schema: { tags, summary: 'Een bewaarplicht opheffen', params: z.object({ id: uuidParam('De bewaarplicht') }), response: { 200: retentionIdSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: approve },
    async (request) => {
      await asActor(db, request, (tx, ctx) => liftHold(tx, ctx, request.params.id));
      return { id: request.params.id };
    },
  );

  api.get('/api/retention/requests', { schema: { tags, summary: 'Verzoeken tot vernietiging van inwoners', response: { 200: z.array(requestSchema), ...errorResponses(401, 403) } }, onRequest: read }, async (request) =>
    inTenant(db, request, (tx, ctx) => listRequests(tx, ctx)),
  );

  api.post(
    '/api/retention/requests',
    { schema: { tags, summary: 'Een verzoek tot vernietiging vastleggen (uitvoeren binnen drie maanden)', body: requestBodySchema, response: { 201: retentionIdSchema, ...errorResponses(400, 401, 403) } }, onRequest: approve },
    async (request, reply) => reply.code(201).send({ id: await asActor(db, request, (tx, ctx) => registerRequest(tx, ctx, { ...request.body, today: todayInAmsterdam() })) }),
  );
}
