import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import {
  computeRunBodySchema,
  paymentSettingsBodySchema,
  paymentSettingsSchema,
  runDetailQuerySchema,
  runDetailSchema,
  runListSchema,
  runParamsSchema,
} from './pw.payment-run.schema.js';
import { approveRun, computeRun, getPaymentSettings, listRuns, runDetail, runFile, setPaymentSettings, withdrawRun } from './pw.payment-run.service.js';

const tags = ['Participatiewet'];

/** The monthly payment run: compute, review, approve (four eyes), the pain.001 file; and its settings. */
export async function pwPaymentRunRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/pw/payment-runs',
    { schema: { tags, summary: 'De betaalruns, nieuwste eerst (totalen, geen gegevens van inwoners)', response: { 200: runListSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('pw_payments:read') },
    async (request) => inTenant(db, request, async (tx) => ({ runs: await listRuns(tx) })),
  );

  api.post(
    '/api/pw/payment-runs',
    {
      schema: { tags, summary: 'Een betaalrun berekenen voor een afgelopen maand; een tweede run voor dezelfde maand betaalt alleen correcties', body: computeRunBodySchema, response: { 201: runDetailSchema, ...errorResponses(400, 401, 403, 409) } },
      onRequest: requirePermission('pw_payments:run'),
    },
    async (request, reply) =>
      reply.code(201).send(
        await asActor(db, request, async (tx, ctx) => {
          const id = await computeRun(tx, ctx, { period: request.body.period });
          return runDetail(tx, ctx, id, { status: 'geblokkeerd', offset: 0, limit: 100 });
        }),
      ),
  );

  api.get(
    '/api/pw/payment-runs/:id',
    {
      schema: { tags, summary: 'Een betaalrun met een pagina van zijn regels (geblokkeerde eerst); de getoonde inwoners worden gelogd', params: runParamsSchema, querystring: runDetailQuerySchema, response: { 200: runDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('pw_payments:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => runDetail(tx, ctx, request.params.id, request.query)),
  );

  api.post(
    '/api/pw/payment-runs/:id/approve',
    {
      schema: { tags, summary: 'Een berekende betaalrun goedkeuren (niet door wie hem berekende); boekt de betalingen en verrekeningen en maakt het betaalbestand', params: runParamsSchema, response: { 200: runDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('pw_payments:approve'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await approveRun(tx, ctx, request.params.id);
        return runDetail(tx, ctx, request.params.id, { offset: 0, limit: 1 });
      }),
  );

  api.post(
    '/api/pw/payment-runs/:id/withdraw',
    {
      schema: { tags, summary: 'Een berekende, nog niet goedgekeurde betaalrun intrekken; er is dan niets betaald', params: runParamsSchema, response: { 200: runDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('pw_payments:run'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await withdrawRun(tx, ctx, request.params.id);
        return runDetail(tx, ctx, request.params.id, { offset: 0, limit: 1 });
      }),
  );

  api.get(
    '/api/pw/payment-runs/:id/pain.001.xml',
    { schema: { tags, summary: 'Het betaalbestand (SEPA pain.001.001.03) van een goedgekeurde betaalrun', params: runParamsSchema, produces: ['application/xml'] }, onRequest: requirePermission('pw_payments:approve') },
    async (request, reply) => {
      const file = await inTenant(db, request, (tx, ctx) => runFile(tx, ctx, request.params.id));
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.xml);
    },
  );

  api.get(
    '/api/pw/payment-settings',
    { schema: { tags, summary: 'De instellingen van de betaalruns', response: { 200: paymentSettingsSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('pw_payments:read') },
    async (request) => inTenant(db, request, (tx) => getPaymentSettings(tx)),
  );

  api.put(
    '/api/pw/payment-settings',
    {
      schema: { tags, summary: 'De rekening van de gemeente, de maand van de vakantietoeslag en de blokkade bij ontbrekende opgaven instellen', body: paymentSettingsBodySchema, response: { 200: paymentSettingsSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('pw_payments:configure'),
    },
    async (request) => asActor(db, request, (tx, ctx) => setPaymentSettings(tx, ctx.tenantId, request.body)),
  );
}
