import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { findTenantName } from '../../modules/tenants/tenant.service.js';
import { inTenant, requirePermission, requirePrincipal } from '../http/request-context.js';
import { errorResponses } from '../http/schemas.js';
import { htmlToPdf } from '../pdf.js';
import { todayInAmsterdam } from '../time.js';
import { auditRecordsToCsv, auditRecordsToXlsx } from './audit.export.js';
import { renderInzageHtml } from './audit.inzage-html.js';
import {
  auditFiltersSchema,
  auditRecordListSchema,
  auditSearchSchema,
  auditSearchResultSchema,
  inzageRequestSchema,
  processingActivityListSchema,
} from './audit.schema.js';
import { EXPORT_LIMIT, exportProcessings, inzageOverview, searchProcessings } from './audit.search.js';
import { listProcessingsOfResident } from './audit.service.js';
import { processingActivities } from './processing-activities.js';

const tags = ['Logboek dataverwerkingen'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The log holds personal data: an export or overview is never kept by a browser or proxy cache.
const NO_STORE = 'no-store';

export async function auditRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const read = requirePermission('audit:read');

  api.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: 'Verwerkingen van de gegevens van één inwoner (alleen auditor)',
        querystring: z.object({
          resident: z.uuid('Geef een geldig inwoner-id op.').describe('Id van de inwoner'),
          limit: z.coerce.number().int().min(1).max(1000).default(200).describe('Maximaal aantal regels (standaard 200)'),
        }),
        response: { 200: auditRecordListSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request) => ({
      items: await inTenant(db, request, (tx, ctx) => listProcessingsOfResident(tx, ctx, { residentId: request.query.resident, limit: request.query.limit })),
    }),
  );

  api.get(
    '/api/audit/activities',
    {
      schema: { tags, summary: 'Het register van verwerkingsactiviteiten (AVG art. 30) met grondslag', response: { 200: processingActivityListSchema, ...errorResponses(401, 403) } },
      onRequest: read,
    },
    async () => Object.entries(processingActivities).map(([id, a]) => ({ id, name: a.name, legalBasis: a.legalBasis })),
  );

  api.post(
    '/api/audit/search',
    {
      schema: {
        tags,
        summary: 'Het logboek doorzoeken op inwoner (naam of BSN), medewerker, periode en verwerkingsactiviteit; de zoekopdracht wordt zelf vastgelegd',
        body: auditSearchSchema,
        response: { 200: auditSearchResultSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request, reply) => {
      reply.header('cache-control', NO_STORE);
      return inTenant(db, request, (tx, ctx) => searchProcessings(tx, ctx, request.body));
    },
  );

  api.post(
    '/api/audit/export.csv',
    {
      schema: {
        tags,
        summary: `Het zoekresultaat (zelfde filters) als CSV met puntkomma's, hoogstens ${EXPORT_LIMIT} regels; de export wordt vastgelegd`,
        body: auditFiltersSchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV met puntkomma’s (UTF-8 met BOM)'), ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request, reply) => {
      const records = await inTenant(db, request, (tx, ctx) => exportProcessings(tx, ctx, { ...request.body, format: 'csv' }));
      return reply
        .header('cache-control', NO_STORE)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="logboek-${todayInAmsterdam()}.csv"`)
        .send(auditRecordsToCsv(records));
    },
  );

  api.post(
    '/api/audit/export.xlsx',
    {
      schema: {
        tags,
        summary: `Het zoekresultaat (zelfde filters) als Excel-werkmap, hoogstens ${EXPORT_LIMIT} regels; de export wordt vastgelegd`,
        body: auditFiltersSchema,
        produces: [XLSX],
      },
      onRequest: read,
    },
    async (request, reply) => {
      const records = await inTenant(db, request, (tx, ctx) => exportProcessings(tx, ctx, { ...request.body, format: 'xlsx' }));
      return reply
        .header('cache-control', NO_STORE)
        .type(XLSX)
        .header('content-disposition', `attachment; filename="logboek-${todayInAmsterdam()}.xlsx"`)
        .send(await auditRecordsToXlsx(records));
    },
  );

  const inzage = async (request: Parameters<typeof requirePrincipal>[0], body: z.output<typeof inzageRequestSchema>, format: 'pdf' | 'html') => {
    const principal = requirePrincipal(request);
    const overview = await inTenant(db, request, (tx, ctx) =>
      inzageOverview(tx, ctx, { residentId: body.residentId, reference: body.reference, format, drawnUpBy: principal.displayName }),
    );
    return renderInzageHtml(overview, (await findTenantName(db, principal.tenantId)) ?? `Gemeente ${principal.tenantId}`);
  };

  api.post(
    '/api/audit/inzage.html',
    {
      schema: {
        tags,
        summary: 'Inzageverzoek (AVG art. 15): alle verwerkingen van één inwoner als printbare HTML; het verzoek wordt vastgelegd',
        body: inzageRequestSchema,
        produces: ['text/html'],
      },
      onRequest: read,
    },
    async (request, reply) => {
      const html = await inzage(request, request.body, 'html');
      return reply
        .header('cache-control', NO_STORE)
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );

  api.post(
    '/api/audit/inzage.pdf',
    {
      schema: {
        tags,
        summary: 'Hetzelfde overzicht voor het inzageverzoek als PDF (A4); het verzoek wordt vastgelegd',
        body: inzageRequestSchema,
        produces: ['application/pdf'],
      },
      onRequest: read,
    },
    async (request, reply) => {
      const pdf = await htmlToPdf(await inzage(request, request.body, 'pdf'));
      return reply
        .header('cache-control', NO_STORE)
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="inzageverzoek-${todayInAmsterdam()}.pdf"`)
        .send(pdf);
    },
  );
}
