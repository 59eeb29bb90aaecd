import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { htmlToPdf } from '../../platform/pdf.js';
import { legalityWorkbook, renderLegalityHtml, type ReportMeta } from './legality.report.js';
import { legalityOverviewSchema, legalityYearBodySchema, legalityYearSchema, statementVersionSchema, storedStatementSchema, versionParamsSchema, yearParamsSchema, type LegalityStatement } from './legality.schema.js';
import { computeStatement, getLegalityYear, legalityOverview, setLegalityYear, signOffStatementVersion, storedStatement, storeStatement } from './legality.service.js';

const tags = ['Control'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const reportQuerySchema = z.object({
  version: z.coerce.number({ message: 'Geef het versienummer.' }).int('Geef het versienummer.').min(1, 'Het versienummer is 1 of hoger.').max(1_000_000, 'Dit versienummer bestaat niet.').optional().describe('Een opgeslagen versie; zonder: de verantwoording zoals nu berekend'),
});

/** The legality statement (rechtmatigheidsverantwoording): read by who reads the controls; year data, versions and sign-off by the controller. */
export async function legalityRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/control/legality/years/:year',
    { schema: { tags, summary: 'De verantwoordingsgrens en rapporteringstolerantie van een jaar', params: yearParamsSchema, response: { 200: legalityYearSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requirePermission('controls:read') },
    async (request) => inTenant(db, request, (tx) => getLegalityYear(tx, request.params.year)),
  );

  api.put(
    '/api/control/legality/years/:year',
    {
      schema: { tags, summary: 'De verantwoordingsgrens (0 < % ≤ 3) en rapporteringstolerantie van een jaar vastleggen, met bron', params: yearParamsSchema, body: legalityYearBodySchema, response: { 200: legalityYearSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request) => asActor(db, request, (tx, ctx) => setLegalityYear(tx, ctx, request.params.year, request.body)),
  );

  api.get(
    '/api/control/legality/:year',
    {
      schema: { tags, summary: 'De rechtmatigheidsverantwoording van een jaar zoals nu berekend, met de opgeslagen versies', params: yearParamsSchema, response: { 200: legalityOverviewSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('controls:read'),
    },
    async (request) => inTenant(db, request, (tx) => legalityOverview(tx, request.params.year)),
  );

  api.post(
    '/api/control/legality/:year/statements',
    {
      schema: { tags, summary: 'De verantwoording zoals nu berekend opslaan als nieuwe versie (met sha256); een eerdere versie blijft ongewijzigd', params: yearParamsSchema, response: { 201: statementVersionSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => storeStatement(tx, ctx, request.params.year))),
  );

  api.get(
    '/api/control/legality/:year/statements/:version',
    { schema: { tags, summary: 'Een opgeslagen versie met de inhoud zoals opgeslagen', params: versionParamsSchema, response: { 200: storedStatementSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requirePermission('controls:read') },
    async (request) => inTenant(db, request, (tx) => storedStatement(tx, request.params.year, request.params.version)),
  );

  api.post(
    '/api/control/legality/:year/statements/:version/sign-off',
    {
      schema: { tags, summary: 'Een opgeslagen versie aftekenen (controller, één keer)', params: versionParamsSchema, response: { 200: statementVersionSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request) => asActor(db, request, (tx, ctx) => signOffStatementVersion(tx, ctx, request.params.year, request.params.version)),
  );

  /** The statement a report shows: a stored version's snapshot, or the statement as computed now. */
  async function reportData(request: FastifyRequest, year: number, version: number | undefined): Promise<{ statement: LegalityStatement; meta: ReportMeta }> {
    return inTenant(db, request, async (tx) => {
      if (version === undefined) return { statement: await computeStatement(tx, year), meta: { version: null, generatedAt: new Date() } };
      const stored = await storedStatement(tx, year, version);
      return { statement: stored.content, meta: { version: stored, generatedAt: new Date() } };
    });
  }

  api.get(
    '/api/control/legality/:year/report.html',
    { schema: { tags, summary: 'De rechtmatigheidsverantwoording als printbare HTML', params: yearParamsSchema, querystring: reportQuerySchema }, onRequest: requirePermission('controls:read') },
    async (request, reply) => {
      const { statement, meta } = await reportData(request, request.params.year, request.query.version);
      return reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'").type('text/html; charset=utf-8').send(renderLegalityHtml(statement, meta));
    },
  );

  api.get(
    '/api/control/legality/:year/report.pdf',
    { schema: { tags, summary: 'Dezelfde verantwoording als PDF (A4)', params: yearParamsSchema, querystring: reportQuerySchema }, onRequest: requirePermission('controls:read') },
    async (request, reply) => {
      const { statement, meta } = await reportData(request, request.params.year, request.query.version);
      const pdf = await htmlToPdf(renderLegalityHtml(statement, meta));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="rechtmatigheidsverantwoording-${statement.year}.pdf"`).send(pdf);
    },
  );

  api.get(
    '/api/control/legality/:year/report.xlsx',
    { schema: { tags, summary: 'Dezelfde verantwoording als Excel-werkmap', params: yearParamsSchema, querystring: reportQuerySchema, produces: [XLSX] }, onRequest: requirePermission('controls:read') },
    async (request, reply) => {
      const { statement, meta } = await reportData(request, request.params.year, request.query.version);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="rechtmatigheidsverantwoording-${statement.year}.xlsx"`).send(await legalityWorkbook(statement, meta));
    },
  );
}
