import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { htmlToPdf } from '../../platform/pdf.js';
import { inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { renderProgrammeReportHtml } from './programme.report-html.js';
import { activityHistory, flattenActivities, getProgrammeOverview, linkActivityLetters, summariseLines, updateActivity } from './programme.service.js';
import {
  activityPatchSchema,
  activityQuerySchema,
  activitySchema,
  historySchema,
  letterLinksSchema,
  lineSummarySchema,
  monthQuerySchema,
  programmeSchema,
} from './programme.schema.js';

const tags = ['Programma Duurzaam Sociaal Domein'];
const read = requirePermission('programme:read');

export async function programmeRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const overview = (request: Parameters<typeof inTenant>[1], month?: string) =>
    inTenant(db, request, (tx) => getProgrammeOverview(tx, month ? { month } : {}));

  api.get(
    '/api/programme',
    {
      schema: { tags, summary: 'Het hele programma: lijnen, thema\'s, activiteiten, raadsinformatie en budget', querystring: monthQuerySchema, response: { 200: programmeSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: read,
    },
    async (request) => overview(request, request.query.month),
  );

  api.get(
    '/api/programme/summary',
    {
      schema: { tags, summary: 'Per programmalijn het aantal thema\'s en activiteiten, per status', querystring: monthQuerySchema, response: { 200: z.array(lineSummarySchema), ...errorResponses(400, 401, 403, 404) } },
      onRequest: read,
    },
    async (request) => summariseLines(await overview(request, request.query.month)),
  );

  api.get(
    '/api/programme/activities',
    {
      schema: { tags, summary: 'Activiteiten met lijn, thema, status en kwartalen', querystring: activityQuerySchema, response: { 200: z.array(activitySchema), ...errorResponses(400, 401, 403, 404) } },
      onRequest: read,
    },
    async (request) => {
      const { line, status, month } = request.query;
      return flattenActivities(await overview(request, month)).filter((a) => (line === undefined || a.line === line) && (status === undefined || a.status === status));
    },
  );

  api.patch(
    '/api/programme/activities/:id',
    {
      schema: {
        tags,
        summary: 'Activiteit bijwerken (programmamanager); elke wijziging komt in de historie',
        params: z.object({ id: uuidParam('Activiteit') }),
        body: activityPatchSchema,
        response: { 200: activitySchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requirePermission('programme:write'),
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return inTenant(db, request, async (tx) => {
        await updateActivity(tx, { tenantId: principal.tenantId, actor: principal.username, id: request.params.id, patch: request.body });
        return flattenActivities(await getProgrammeOverview(tx)).find((a) => a.id === request.params.id)!;
      });
    },
  );

  api.put(
    '/api/programme/activities/:id/letters',
    {
      schema: {
        tags,
        summary: 'Raadsinformatiebrieven aan een activiteit koppelen (programmamanager)',
        params: z.object({ id: uuidParam('Activiteit') }),
        body: letterLinksSchema,
        response: { 200: activitySchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requirePermission('programme:write'),
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return inTenant(db, request, async (tx) => {
        await linkActivityLetters(tx, { tenantId: principal.tenantId, id: request.params.id, letterIds: request.body.letterIds });
        return flattenActivities(await getProgrammeOverview(tx)).find((a) => a.id === request.params.id)!;
      });
    },
  );

  api.get(
    '/api/programme/activities/:id/history',
    {
      schema: { tags, summary: 'Historie van een activiteit (wie, wanneer, wat, waarom)', params: z.object({ id: uuidParam('Activiteit') }), response: { 200: historySchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: read,
    },
    async (request) => inTenant(db, request, (tx) => activityHistory(tx, request.params.id)),
  );

  api.get(
    '/api/programme/report.html',
    {
      schema: { tags, summary: 'Rapportage "Stand van zaken <maand jaar>" als printbare HTML', querystring: monthQuerySchema },
      onRequest: read,
    },
    async (request, reply) => {
      const html = renderProgrammeReportHtml(await overview(request, request.query.month));
      // The web app shows this document in a frame: allow framing by Koers itself only.
      return reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'").type('text/html; charset=utf-8').send(html);
    },
  );

  api.get(
    '/api/programme/report.pdf',
    {
      schema: { tags, summary: 'Dezelfde rapportage als PDF (A4)', querystring: monthQuerySchema },
      onRequest: read,
    },
    async (request, reply) => {
      const data = await overview(request, request.query.month);
      const pdf = await htmlToPdf(renderProgrammeReportHtml(data));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="stand-van-zaken-${data.month}.pdf"`)
        .send(pdf);
    },
  );
}
