import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inReadTenant, inTenant, requirePermission, requirePrincipal, type ReadDatabases } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { ensureInsightsFresh, noteInsightsRefreshed, refreshInsightsOnce } from './insights.freshness.js';
import {
  dashboardSchema,
  domainParamsSchema,
  monthQuerySchema,
  portfolioSchema,
  refreshBodySchema,
  refreshResultSchema,
  targetBodySchema,
  targetParamsSchema,
  targetSchema,
  yearQuerySchema,
} from './insights.schema.js';
import { getDashboard, getPortfolioDashboard, lastCompleteMonth, listKpiTargets, setKpiTarget } from './insights.service.js';
import { dashboardWorkbook } from './insights.xlsx.js';

const tags = ['Stuurinformatie'];
const read = requirePermission('insights:read');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Dashboards and their exports read on the read replica when there is one (`inReadTenant`); refreshes and targets on the primary. */
export async function insightsRoutes(app: FastifyInstance, options: ReadDatabases): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const fresh = async (request: FastifyRequest) => ensureInsightsFresh(db, requirePrincipal(request).tenantId);
  const monthOf = (month: string | undefined) => month ?? lastCompleteMonth(todayInAmsterdam());

  api.get(
    '/api/insights/dashboards/:domain',
    {
      schema: { tags, summary: "Dashboard van een domein: 12 maanden per kpi, totaal en per wijk, met norm en stoplicht", params: domainParamsSchema, querystring: monthQuerySchema, response: { 200: dashboardSchema, ...errorResponses(400, 401, 403) } },
      onRequest: read,
    },
    async (request) => {
      await fresh(request);
      return inReadTenant(options, request, (tx) => getDashboard(tx, { domain: request.params.domain, month: monthOf(request.query.month) }));
    },
  );

  api.get(
    '/api/insights/dashboards/:domain/export.xlsx',
    {
      schema: { tags, summary: 'De gegevens van elke grafiek van het domeindashboard als Excel-werkmap', params: domainParamsSchema, querystring: monthQuerySchema, produces: [XLSX] },
      onRequest: read,
    },
    async (request, reply) => {
      await fresh(request);
      const month = monthOf(request.query.month);
      const dashboard = await inReadTenant(options, request, (tx) => getDashboard(tx, { domain: request.params.domain, month }));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="kpi-${request.params.domain}-${month}.xlsx"`).send(await dashboardWorkbook([dashboard]));
    },
  );

  api.get(
    '/api/insights/portfolio',
    {
      schema: { tags, summary: 'Dashboard van de wethouder: de belangrijkste kpi’s per domein', querystring: monthQuerySchema, response: { 200: portfolioSchema, ...errorResponses(400, 401, 403) } },
      onRequest: read,
    },
    async (request) => {
      await fresh(request);
      return inReadTenant(options, request, (tx) => getPortfolioDashboard(tx, { month: monthOf(request.query.month) }));
    },
  );

  api.get(
    '/api/insights/portfolio/export.xlsx',
    { schema: { tags, summary: 'De gegevens van elke grafiek van het wethoudersdashboard als Excel-werkmap', querystring: monthQuerySchema, produces: [XLSX] }, onRequest: read },
    async (request, reply) => {
      await fresh(request);
      const month = monthOf(request.query.month);
      const portfolio = await inReadTenant(options, request, (tx) => getPortfolioDashboard(tx, { month }));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="kpi-wethouder-${month}.xlsx"`).send(await dashboardWorkbook(portfolio.domains));
    },
  );

  api.get(
    '/api/insights/targets',
    { schema: { tags, summary: "Normen per kpi voor een jaar", querystring: yearQuerySchema, response: { 200: z.array(targetSchema), ...errorResponses(400, 401, 403) } }, onRequest: read },
    async (request) => inTenant(db, request, (tx) => listKpiTargets(tx, { year: request.query.year })),
  );

  api.put(
    '/api/insights/targets/:kpiId/:year',
    {
      schema: { tags, summary: 'Norm van een kpi voor een jaar vastleggen (beleid)', params: targetParamsSchema, body: targetBodySchema, response: { 200: targetSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('insights:targets'),
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return inTenant(db, request, (tx) =>
        setKpiTarget(tx, { tenantId: principal.tenantId, userId: principal.userId, kpiId: request.params.kpiId, year: request.params.year, target: request.body.target }),
      );
    },
  );

  api.post(
    '/api/insights/refresh',
    {
      schema: { tags, summary: 'Kpi-cijfers bijwerken: gewijzigde maanden, of alles opnieuw (beleid)', body: refreshBodySchema, response: { 200: refreshResultSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('insights:targets'),
    },
    async (request, reply) => {
      const { tenantId } = requirePrincipal(request);
      const requestedAt = Date.now() - reply.elapsedTime;
      const result = await refreshInsightsOnce(db, tenantId, { full: request.body.full, requestedAt });
      noteInsightsRefreshed(db, tenantId);
      return { months: result.months.map((m) => m.slice(0, 7)), durationMs: Math.round(result.durationMs) };
    },
  );
}
