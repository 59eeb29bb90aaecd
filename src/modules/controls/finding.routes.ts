import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Permission } from '../../platform/auth/roles.js';
import { forbidden } from '../../platform/errors.js';
import { asActor, inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import {
  actionBodySchema,
  actionChangeSchema,
  actionDoneSchema,
  actionIdParams,
  assessFindingSchema,
  createFindingSchema,
  findingCreatedSchema,
  findingDetailSchema,
  findingIdParams,
  findingListQuery,
  findingListSchema,
  myFindingsSchema,
  ownerOptionsSchema,
} from './finding.schema.js';
import { addAction, assessFinding, changeAction, completeAction, createFinding, getFinding, getFindings, getMyFindings, ownerOptions, type Viewer } from './finding.service.js';

const tags = ['Controls'];

/** Signed in with one of the permissions, else 401/403 (before the input is read). */
function requireAnyPermission(...granted: Permission[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const principal = requirePrincipal(request);
    if (!granted.some((p) => principal.permissions.includes(p))) throw forbidden();
  };
}

const viewerOf = (request: FastifyRequest): Viewer => {
  const principal = requirePrincipal(request);
  return { userId: principal.userId, permissions: principal.permissions };
};

/** Findings of the controls and their follow-up (issue #13 §3). */
export async function findingRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.post(
    '/api/control/findings',
    {
      schema: {
        tags,
        summary: 'Een bevinding vastleggen uit een uitzondering, een steekproefitem of een eigen waarneming; jaar en proces volgen uit de bron',
        body: createFindingSchema,
        response: { 201: findingCreatedSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => createFinding(tx, ctx, request.body))),
  );

  api.get(
    '/api/control/findings',
    { schema: { tags, summary: 'De bevindingen, met filters op jaar, proces, beoordeling en status (zonder inwoners)', querystring: findingListQuery, response: { 200: findingListSchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('controls:read') },
    async (request) => inTenant(db, request, (tx) => getFindings(tx, request.query, todayInAmsterdam())),
  );

  api.get(
    '/api/control/findings/mine',
    { schema: { tags, summary: 'De bevindingen en opvolgacties waarvan ik eigenaar ben', response: { 200: myFindingsSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('findings:own') },
    async (request) => inTenant(db, request, (tx) => getMyFindings(tx, requirePrincipal(request).userId, todayInAmsterdam())),
  );

  api.get(
    '/api/control/findings/owners',
    { schema: { tags, summary: 'De medewerkers die eigenaar van een bevinding of actie kunnen zijn', response: { 200: ownerOptionsSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('controls:write') },
    async (request) => inTenant(db, request, (tx) => ownerOptions(tx)),
  );

  api.get(
    '/api/control/findings/:id',
    {
      schema: { tags, summary: 'Eén bevinding met haar opvolgacties (de inwoner erin wordt gelogd); een eigenaar ziet alleen de eigen bevinding of acties', params: findingIdParams, response: { 200: findingDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireAnyPermission('controls:read', 'findings:own'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getFinding(tx, ctx, viewerOf(request), request.params.id, todayInAmsterdam())),
  );

  api.put(
    '/api/control/findings/:id/assessment',
    {
      schema: { tags, summary: 'De bevinding beoordelen: fout, onzekerheid of geen bevinding, met reden, bedrag en eigenaar', params: findingIdParams, body: assessFindingSchema, response: { 200: findingDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await assessFinding(tx, ctx, request.params.id, request.body);
        return getFinding(tx, ctx, viewerOf(request), request.params.id, todayInAmsterdam());
      }),
  );

  api.post(
    '/api/control/findings/:id/actions',
    {
      schema: { tags, summary: 'Een opvolgactie toevoegen met eigenaar en einddatum', params: findingIdParams, body: actionBodySchema, response: { 201: z.object({ id: z.string() }), ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => addAction(tx, ctx, request.params.id, request.body, todayInAmsterdam()))),
  );

  api.patch(
    '/api/control/finding-actions/:id',
    {
      schema: {
        tags,
        summary: 'Een open opvolgactie een andere eigenaar en/of einddatum geven, met de reden (de wijziging blijft zichtbaar)',
        params: actionIdParams,
        body: actionChangeSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => {
      await asActor(db, request, (tx, ctx) => changeAction(tx, ctx, request.params.id, request.body, todayInAmsterdam()));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/control/finding-actions/:id/done',
    {
      schema: { tags, summary: 'Een opvolgactie afronden: de eigenaar van de actie (findings:own) of de controller', params: actionIdParams, body: actionDoneSchema, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) } },
      // Two permissions may do this: checked after the input (mutation-guards lists it as 'authenticated').
      onRequest: async (request) => {
        requirePrincipal(request);
      },
      preHandler: requireAnyPermission('findings:own', 'controls:write'),
    },
    async (request, reply) => {
      await asActor(db, request, (tx, ctx) => completeAction(tx, ctx, viewerOf(request), request.params.id, request.body.result));
      return reply.code(204).send(null);
    },
  );
}
