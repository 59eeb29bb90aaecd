import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { budgetLineSchema, lineParamsSchema, lineProvidersSchema, providerAllocationsSchema, providerParamsSchema, yearQuerySchema } from './finance.schema.js';
import { listBudgetLines, listLineProviders, listProviderAllocations } from './forecast.service.js';

const tags = ['Financiën: begrotingsposten, realisatie en prognose'];
const thisYear = (today: string) => Number(today.slice(0, 4));

// Budget lines and their providers are aggregates (finance:read, no personal data, not logged);
// the allocations of one provider name residents only to a reader with a relation and are logged.
export async function financeRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const finance = requirePermission('finance:read');

  api.get(
    '/api/budget-lines',
    {
      schema: { tags, summary: 'Begrotingsposten (taakvelden) per jaar: budget, verplichtingen, realisatie, prognose jaareinde en verschil', querystring: yearQuerySchema, response: { 200: z.array(budgetLineSchema), ...errorResponses(400, 401, 403) } },
      onRequest: finance,
    },
    async (request) => {
      const today = todayInAmsterdam();
      return inTenant(db, request, (tx) => listBudgetLines(tx, { year: request.query.year ?? thisYear(today), today }));
    },
  );

  api.get(
    '/api/budget-lines/:code/providers',
    {
      schema: { tags, summary: 'Aanbieders op een begrotingspost: toewijzingen, verplichtingen, realisatie en prognose (kleine aantallen onderdrukt)', params: lineParamsSchema, querystring: yearQuerySchema, response: { 200: lineProvidersSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: finance,
    },
    async (request) => {
      const today = todayInAmsterdam();
      return inTenant(db, request, (tx) => listLineProviders(tx, { code: request.params.code, year: request.query.year ?? thisYear(today), today }));
    },
  );

  api.get(
    '/api/budget-lines/:code/providers/:providerId/allocations',
    {
      schema: { tags, summary: 'Toewijzingen van één aanbieder op een begrotingspost met verplichting, realisatie en prognose; de inwoner alleen bij een relatie', params: providerParamsSchema, querystring: yearQuerySchema, response: { 200: providerAllocationsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: finance,
    },
    async (request) => {
      const today = todayInAmsterdam();
      return asActor(db, request, (tx, ctx) => listProviderAllocations(tx, ctx, { code: request.params.code, providerId: request.params.providerId, year: request.query.year ?? thisYear(today), today }));
    },
  );
}
