import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asActor, readAsActor, requirePermission, type ReadDatabases } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { signalsToCsv } from './signal.csv.js';
import { runSignals } from './signal.runner.js';
import {
  assignResultSchema,
  assignSchema,
  handleSchema,
  rejectSchema,
  ruleSchema,
  runRequestSchema,
  runSummarySchema,
  signalDetailSchema,
  signalSchema,
  teamOptionSchema,
  worklistQuerySchema,
  worklistSchema,
} from './signal.schema.js';
import { assignSignals, exportWorklist, getSignal, handleSignal, listOpenSignalsOfResident, listRules, listWorklist, myTeams, pickUpSignal, rejectSignal } from './signal.service.js';

const tags = ['Signaallijsten'];
const idParams = z.object({ id: uuidParam('Signaal') });

/** The worklist, its export and the team counts read on the read replica when there is one (`readAsActor`); a signal and its changes on the primary. */
export async function signalRoutes(app: FastifyInstance, options: ReadDatabases): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/signals',
    {
      schema: { tags, summary: 'Werklijst: signalen van mij of van mijn team, met aantallen per regel', querystring: worklistQuerySchema, response: { 200: worklistSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('signals:read'),
    },
    async (request) => readAsActor(options, request, (tx, ctx) => listWorklist(tx, ctx, request.query)),
  );

  api.get(
    '/api/residents/:residentId/signals',
    {
      schema: {
        tags,
        summary: 'Open signalen over één inwoner (voor de samenvatting van het dossier)',
        params: z.object({ residentId: uuidParam('Inwoner') }),
        response: { 200: z.array(signalSchema), ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { permission: 'signals:read', activity: 'signalering-sociaal-domein', name: 'signalen.inwoner.raadplegen', scope: 'care' }),
    },
    async (request) => asActor(db, request, (tx, ctx) => listOpenSignalsOfResident(tx, ctx, request.params.residentId)),
  );

  api.get(
    '/api/signals/export.csv',
    {
      schema: {
        tags,
        summary: 'De werklijst (zelfde filters) als CSV, hoogstens 10.000 signalen',
        querystring: worklistQuerySchema.omit({ limit: true, offset: true }),
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV met puntkomma’s'), ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('signals:read'),
    },
    async (request, reply) => {
      const signals = await readAsActor(options, request, (tx, ctx) => exportWorklist(tx, ctx, request.query));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="signalen.csv"').send(signalsToCsv(signals));
    },
  );

  api.get(
    '/api/signals/rules',
    { schema: { tags, summary: 'De signaalregels met uitleg, wet, ernst en eigenaar', response: { 200: z.array(ruleSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('signals:read') },
    async () => listRules(),
  );

  api.get(
    '/api/signals/teams',
    { schema: { tags, summary: 'Mijn teams met hun aantal open signalen', response: { 200: z.array(teamOptionSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('signals:read') },
    async (request) => readAsActor(options, request, (tx, ctx) => myTeams(tx, ctx)),
  );

  api.post(
    '/api/signals/assign',
    {
      schema: { tags, summary: 'Signalen in één keer toewijzen aan een medewerker en/of team', body: assignSchema, response: { 200: assignResultSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('signals:manage'),
    },
    async (request) => asActor(db, request, (tx, ctx) => assignSignals(tx, ctx, request.body)),
  );

  api.post(
    '/api/signals/run',
    {
      schema: { tags, summary: 'Alle (of enkele) regels nu evalueren (functioneel beheer)', body: runRequestSchema, response: { 200: runSummarySchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('signals:run'),
    },
    async (request) =>
      asActor(db, request, (tx, ctx) => runSignals(tx, ctx, { trigger: 'op-verzoek', actorId: ctx.actorId, ...(request.body.rules ? { ruleIds: request.body.rules } : {}) })),
  );

  api.get(
    '/api/signals/:id',
    { schema: { tags, summary: 'Eén signaal met de feiten, uitleg, suggestie en historie', params: idParams, response: { 200: signalDetailSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requirePermission('signals:read') },
    async (request) => asActor(db, request, (tx, ctx) => getSignal(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/signals/:id/pick-up',
    { schema: { tags, summary: 'Signaal oppakken: aan mij toewijzen en in behandeling nemen', params: idParams, response: { 200: signalDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requirePermission('signals:manage') },
    async (request) => asActor(db, request, async (tx, ctx) => getSignal(tx, ctx, (await pickUpSignal(tx, ctx, request.params.id)).id)),
  );

  api.post(
    '/api/signals/:id/handle',
    {
      schema: { tags, summary: 'Signaal afhandelen met een notitie', params: idParams, body: handleSchema, response: { 200: signalDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('signals:manage'),
    },
    async (request) => asActor(db, request, async (tx, ctx) => getSignal(tx, ctx, (await handleSignal(tx, ctx, { id: request.params.id, note: request.body.note })).id)),
  );

  api.post(
    '/api/signals/:id/reject',
    {
      schema: { tags, summary: 'Signaal onterecht verklaren met reden (blijft dicht tot de feiten veranderen)', params: idParams, body: rejectSchema, response: { 200: signalDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('signals:manage'),
    },
    async (request) => asActor(db, request, async (tx, ctx) => getSignal(tx, ctx, (await rejectSignal(tx, ctx, { id: request.params.id, reason: request.body.reason })).id)),
  );
}
