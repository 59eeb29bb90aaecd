import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { validationFailed } from '../../platform/errors.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { controlParamsSchema, frameworkDetailSchema, frameworksOverviewSchema, importFrameworkQuerySchema, processParamsSchema, updateControlBodySchema } from './framework.schema.js';
import { currentFramework, frameworkDetail, frameworksOverview, loadShippedFrameworks, updateControl } from './framework.service.js';
import { frameworkFileName, frameworkWorkbook, importFrameworkWorkbook } from './framework.xlsx.js';

const tags = ['Control'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The control frameworks (controlkaders): read by the controller, auditor, administrator, finance and policy; maintained by the controller. */
export async function controlFrameworkRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  // The upload is the workbook itself as the request body (no multipart plugin); only in this plugin.
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  api.get(
    '/api/control/frameworks',
    {
      schema: { tags, summary: 'De controlkaders per proces met hun geldende versie (leeg als het kader nog niet is geladen)', response: { 200: frameworksOverviewSchema, ...errorResponses(401, 403) } },
      onRequest: requirePermission('controls:read'),
    },
    async (request) => inTenant(db, request, (tx) => frameworksOverview(tx)),
  );

  api.post(
    '/api/control/frameworks/standard',
    {
      schema: { tags, summary: 'De standaardkaders van Koers laden voor elk proces dat nog geen kader heeft', response: { 200: frameworksOverviewSchema, ...errorResponses(401, 403, 409) } },
      onRequest: requirePermission('controls:write'),
    },
    async (request) => asActor(db, request, (tx, ctx) => loadShippedFrameworks(tx, ctx.tenantId, ctx)),
  );

  api.get(
    '/api/control/frameworks/:process',
    {
      schema: { tags, summary: 'Eén controlkader: processtappen, risico’s en beheersmaatregelen, met alle versies', params: processParamsSchema, response: { 200: frameworkDetailSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requirePermission('controls:read'),
    },
    async (request) => inTenant(db, request, (tx) => frameworkDetail(tx, request.params.process)),
  );

  api.get(
    '/api/control/frameworks/:process/export.xlsx',
    {
      schema: { tags, summary: 'Het geldende controlkader als Excel-werkmap (dezelfde indeling als de import)', params: processParamsSchema, produces: [XLSX] },
      onRequest: requirePermission('controls:read'),
    },
    async (request, reply) => {
      const { version, content } = await inTenant(db, request, (tx) => currentFramework(tx, request.params.process));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${frameworkFileName(request.params.process, version)}"`).send(await frameworkWorkbook(request.params.process, version, content));
    },
  );

  api.post(
    '/api/control/frameworks/:process/import.xlsx',
    {
      schema: {
        tags,
        summary: 'Een controlkader (xlsx als body) laden als nieuwe versie; elke fout met werkblad, rij en kolom, en bij een fout wordt niets opgeslagen',
        consumes: [XLSX],
        params: processParamsSchema,
        querystring: importFrameworkQuerySchema,
        response: { 201: frameworkDetailSchema, ...errorResponses(400, 401, 403, 409) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request, reply) => {
      const content = request.body;
      if (!Buffer.isBuffer(content) || content.length === 0) throw validationFailed([{ field: 'bestand', message: 'Kies een Excel-bestand (.xlsx) om te laden.' }]);
      return reply.code(201).send(await asActor(db, request, (tx, ctx) => importFrameworkWorkbook(tx, ctx, { process: request.params.process, content, note: request.query.note })));
    },
  );

  api.patch(
    '/api/control/frameworks/:process/controls/:code',
    {
      schema: {
        tags,
        summary: 'De eigenaar of frequentie van een beheersmaatregel wijzigen: een nieuwe versie van het kader',
        params: controlParamsSchema,
        body: updateControlBodySchema,
        response: { 200: frameworkDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('controls:write'),
    },
    async (request) => asActor(db, request, (tx, ctx) => updateControl(tx, ctx, request.params.process, request.params.code, request.body)),
  );
}
