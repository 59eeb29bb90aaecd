import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import {
  answersBodySchema,
  createSampleSchema,
  itemParamsSchema,
  listQuerySchema,
  parametersSchema,
  populationKindListSchema,
  previewSchema,
  reviewBodySchema,
  sampleCreatedSchema,
  sampleDetailSchema,
  sampleIdParamsSchema,
  sampleListSchema,
} from './sample.schema.js';
import { answerItem, createSample, getSample, getSamples, listPopulationKinds, previewSample, reviewSample, submitSample } from './sample.service.js';

const tags = ['Controls'];

/** Samples (steekproeven): a manual control drawn reproducibly from a population, checked per item and reviewed by a second controller. */
export async function controlSampleRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/control/samples/populations',
    { schema: { tags, summary: 'De soorten populatie waaruit een steekproef getrokken kan worden, per proces, met wat het bedrag van een post is', response: { 200: populationKindListSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('controls:read') },
    async () => listPopulationKinds(),
  );

  api.post(
    '/api/control/samples/preview',
    {
      schema: {
        tags,
        summary: 'De omvang en het bedrag van de populatie en de steekproefomvang die de parameters geven (er wordt niets opgeslagen)',
        body: parametersSchema,
        response: { 200: previewSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('controls:read'),
    },
    async (request) => inTenant(db, request, (tx) => previewSample(tx, request.body, todayInAmsterdam())),
  );

  api.post(
    '/api/control/samples',
    {
      schema: {
        tags,
        summary: 'Een steekproef trekken: populatie, omvang (AICPA, eindige-populatiecorrectie) en posten liggen daarna vast; dezelfde seed en gegevens geven dezelfde posten',
        body: createSampleSchema,
        response: { 201: sampleCreatedSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => createSample(tx, ctx, { ...request.body, today: todayInAmsterdam() }))),
  );

  api.get(
    '/api/control/samples',
    { schema: { tags, summary: 'De steekproeven, nieuwste eerst', querystring: listQuerySchema, response: { 200: sampleListSchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('controls:read') },
    async (request) => inTenant(db, request, (tx) => getSamples(tx, request.query)),
  );

  api.get(
    '/api/control/samples/:id',
    {
      schema: {
        tags,
        summary: 'Eén steekproef met de checklist, de posten, hun antwoorden en per post de vastgelegde bevinding (de inwoners van de posten worden gelogd)',
        params: sampleIdParamsSchema,
        response: { 200: sampleDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requirePermission('controls:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getSample(tx, ctx, request.params.id)),
  );

  api.put(
    '/api/control/samples/:id/items/:position',
    {
      schema: {
        tags,
        summary: 'De antwoorden op de checklist voor één post (ja, nee of n.v.t., met toelichting; bij nee verplicht), zolang de steekproef open is',
        params: itemParamsSchema,
        body: answersBodySchema,
        response: { 200: sampleDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await answerItem(tx, ctx, request.params.id, request.params.position, request.body.answers);
        return getSample(tx, ctx, request.params.id);
      }),
  );

  api.post(
    '/api/control/samples/:id/submit',
    {
      schema: { tags, summary: 'De steekproef indienen voor review (alle posten gecontroleerd)', params: sampleIdParamsSchema, response: { 200: sampleDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await submitSample(tx, request.params.id);
        return getSample(tx, ctx, request.params.id);
      }),
  );

  api.post(
    '/api/control/samples/:id/review',
    {
      schema: {
        tags,
        summary: 'De steekproef beoordelen en afronden (een andere controller dan wie hem trok)',
        params: sampleIdParamsSchema,
        body: reviewBodySchema,
        response: { 200: sampleDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await reviewSample(tx, ctx, request.params.id, request.body.note);
        return getSample(tx, ctx, request.params.id);
      }),
  );
}
