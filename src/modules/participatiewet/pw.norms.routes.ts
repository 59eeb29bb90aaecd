import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { addNormsBodySchema, normsOverviewSchema } from './pw.norms.schema.js';
import { addNormVersion, normsOverview } from './pw.norms.service.js';

const tags = ['Participatiewet'];

/** The municipality's Participatiewet norm table: read by whoever works with bijstand, extended by the administrator. */
export async function pwNormRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/pw/norms',
    {
      schema: { tags, summary: 'De bijstandsnormen die nu gelden (per half jaar, met vermogensgrenzen) en alle versies van de normtabel', response: { 200: normsOverviewSchema, ...errorResponses(401, 403) } },
      onRequest: requirePermission('pw_norms:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => normsOverview(tx, ctx.tenantId)),
  );

  api.post(
    '/api/pw/norms',
    {
      schema: {
        tags,
        summary: 'Een of meer halve jaren toevoegen als nieuwe versie van de normtabel; bij een fout wordt niets opgeslagen',
        body: addNormsBodySchema,
        response: { 201: normsOverviewSchema, ...errorResponses(400, 401, 403, 409) },
      },
      onRequest: requirePermission('pw_norms:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => addNormVersion(tx, ctx, request.body))),
  );
}
