import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inReadTenant, inTenant, requirePermission, requirePrincipal, type ReadDatabases } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { htmlToPdf } from '../../platform/pdf.js';
import { ensureInsightsFresh } from './insights.freshness.js';
import { renderSteeringReportHtml } from './insights.report-html.js';
import {
  addActionPoint,
  explainBudgetLine,
  finaliseSteeringReport,
  followUpActionPoint,
  generateSteeringReport,
  getSteeringReport,
  listSteeringReports,
} from './insights.report.service.js';
import {
  actionPointBodySchema,
  actionPointParams,
  actionPointPatchSchema,
  createdSchema,
  explanationBodySchema,
  explanationParams,
  reportCreateSchema,
  reportIdParams,
  reportListQuery,
  reportSchema,
  reportSummarySchema,
} from './insights.schema.js';
import { reportWorkbook } from './insights.xlsx.js';

const tags = ['Sturingsgesprek'];
const read = requirePermission('insights:read');
const write = requirePermission('reports:write');

/** The reports' reads (list, report and its HTML, PDF and Excel) on the read replica when there is one (`inReadTenant`); changes on the primary. */
export async function steeringReportRoutes(app: FastifyInstance, options: ReadDatabases): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/insights/reports',
    { schema: { tags, summary: 'Sturingsverslagen, nieuwste eerst', querystring: reportListQuery, response: { 200: z.array(reportSummarySchema), ...errorResponses(400, 401, 403) } }, onRequest: read },
    async (request) => inReadTenant(options, request, (tx) => listSteeringReports(tx, request.query.domain ? { domain: request.query.domain } : {})),
  );

  api.post(
    '/api/insights/reports',
    {
      schema: { tags, summary: 'Sturingsverslag maken (of, zolang niet vastgesteld, opnieuw maken) voor een domein en maand', body: reportCreateSchema, response: { 200: reportSchema, ...errorResponses(400, 401, 403, 409) } },
      onRequest: write,
    },
    async (request) => {
      const principal = requirePrincipal(request);
      await ensureInsightsFresh(db, principal.tenantId);
      return inTenant(db, request, async (tx) => {
        const id = await generateSteeringReport(tx, { tenantId: principal.tenantId, userId: principal.userId, ...request.body });
        return getSteeringReport(tx, id);
      });
    },
  );

  api.get(
    '/api/insights/reports/:id',
    { schema: { tags, summary: 'Een sturingsverslag: kpi-tabel, mini-BRAP en actiepunten', params: reportIdParams, response: { 200: reportSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: read },
    async (request) => inReadTenant(options, request, (tx) => getSteeringReport(tx, request.params.id)),
  );

  api.get(
    '/api/insights/reports/:id/report.html',
    { schema: { tags, summary: 'Het sturingsverslag als printbare HTML', params: reportIdParams, produces: ['text/html'] }, onRequest: read },
    async (request, reply) => {
      const report = await inReadTenant(options, request, (tx) => getSteeringReport(tx, request.params.id));
      return reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'").type('text/html; charset=utf-8').send(renderSteeringReportHtml(report));
    },
  );

  api.get(
    '/api/insights/reports/:id/report.pdf',
    { schema: { tags, summary: 'Het sturingsverslag als PDF (A4 liggend)', params: reportIdParams, produces: ['application/pdf'] }, onRequest: read },
    async (request, reply) => {
      const report = await inReadTenant(options, request, (tx) => getSteeringReport(tx, request.params.id));
      const pdf = await htmlToPdf(renderSteeringReportHtml(report));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="sturingsgesprek-${report.domain}-${report.month}.pdf"`).send(pdf);
    },
  );

  api.get(
    '/api/insights/reports/:id/report.xlsx',
    { schema: { tags, summary: 'Het sturingsverslag als Excel-werkmap', params: reportIdParams, produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] }, onRequest: read },
    async (request, reply) => {
      const report = await inReadTenant(options, request, (tx) => getSteeringReport(tx, request.params.id));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="sturingsgesprek-${report.domain}-${report.month}.xlsx"`)
        .send(await reportWorkbook(report));
    },
  );

  api.post(
    '/api/insights/reports/:id/finalise',
    { schema: { tags, summary: 'Verslag vaststellen: daarna verandert het niet meer', params: reportIdParams, response: { 200: reportSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: write },
    async (request) => {
      const principal = requirePrincipal(request);
      return inTenant(db, request, async (tx) => {
        await finaliseSteeringReport(tx, { id: request.params.id, userId: principal.userId });
        return getSteeringReport(tx, request.params.id);
      });
    },
  );

  api.put(
    '/api/insights/reports/:id/explanations/:code',
    {
      schema: { tags, summary: 'Toelichting van de budgethouder bij een taakveld in de mini-BRAP', params: explanationParams, body: explanationBodySchema, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('reports:explain'),
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      await inTenant(db, request, (tx) => explainBudgetLine(tx, { tenantId: principal.tenantId, userId: principal.userId, reportId: request.params.id, code: request.params.code, text: request.body.text }));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/insights/reports/:id/action-points',
    { schema: { tags, summary: 'Actiepunt afspreken in dit sturingsgesprek', params: reportIdParams, body: actionPointBodySchema, response: { 201: createdSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: write },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await inTenant(db, request, (tx) => addActionPoint(tx, { tenantId: principal.tenantId, userId: principal.userId, reportId: request.params.id, ...request.body }));
      return reply.status(201).send({ id });
    },
  );

  api.patch(
    '/api/insights/action-points/:id',
    { schema: { tags, summary: 'Stand van een actiepunt vastleggen in een sturingsgesprek', params: actionPointParams, body: actionPointPatchSchema, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: write },
    async (request, reply) => {
      await inTenant(db, request, (tx) => followUpActionPoint(tx, { id: request.params.id, ...request.body }));
      return reply.status(204).send(null);
    },
  );
}
