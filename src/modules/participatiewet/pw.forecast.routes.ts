import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { budgetBodySchema, budgetListSchema, budgetSchema, forecastQuerySchema, forecastViewSchema, savedScenarioSchema, scenarioBodySchema, scenarioListQuerySchema } from './pw.forecast.schema.js';
import { getForecast, listBuigBudgets, listSavedScenarios, saveScenario, setBuigBudget } from './pw.forecast.service.js';

const tags = ['Participatiewet'];
// The forecast is an aggregate (small counts suppressed), read as the dashboards are; scenarios are saved
// by whoever prepares the steering report; the BUIG amount is a steering parameter like the KPI targets.
const read = requirePermission('insights:read');

/** The BUIG forecast (financieel model Participatiewet), the BUIG budget per year and saved scenarios. */
export async function pwForecastRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/pw/forecast',
    {
      schema: {
        tags,
        summary: 'Cijfers per maand (uitkeringen, instroom, uitstroom, betalingen) en de prognose van de lasten van het jaar tegen het BUIG-budget, eventueel met een scenario',
        querystring: forecastQuerySchema,
        response: { 200: forecastViewSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request) => {
      const { year, inflowPercent, outflowPercent } = request.query;
      return inTenant(db, request, (tx) => getForecast(tx, { today: todayInAmsterdam(), ...(year === undefined ? {} : { year }), scenario: { inflowPercent, outflowPercent } }));
    },
  );

  api.get(
    '/api/pw/buig-budgets',
    { schema: { tags, summary: 'De vastgelegde BUIG-budgetten per jaar, nieuwste eerst (het nieuwste van een jaar telt)', response: { 200: budgetListSchema, ...errorResponses(401, 403) } }, onRequest: read },
    async (request) => inTenant(db, request, (tx) => listBuigBudgets(tx)),
  );

  api.post(
    '/api/pw/buig-budgets',
    {
      schema: { tags, summary: 'Het BUIG-budget van een jaar vastleggen (een nieuwe beschikking is een nieuwe regel)', body: budgetBodySchema, response: { 201: budgetSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('insights:targets'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => setBuigBudget(tx, ctx, request.body))),
  );

  api.get(
    '/api/pw/forecast/scenarios',
    { schema: { tags, summary: 'De scenario’s die bij het sturingsverslag van een maand zijn bewaard', querystring: scenarioListQuerySchema, response: { 200: z.array(savedScenarioSchema), ...errorResponses(400, 401, 403) } }, onRequest: read },
    async (request) => inTenant(db, request, (tx) => listSavedScenarios(tx, { month: request.query.month })),
  );

  api.post(
    '/api/pw/forecast/scenarios',
    {
      schema: { tags, summary: 'Een scenario met zijn prognose bewaren bij het sturingsverslag van een maand', body: scenarioBodySchema, response: { 201: savedScenarioSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('reports:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => saveScenario(tx, ctx, { today: todayInAmsterdam(), ...request.body }))),
  );
}
