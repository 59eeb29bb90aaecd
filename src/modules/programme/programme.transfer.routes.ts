import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { importPreviewSchema, importResultSchema } from './programme.schema.js';
import { exportProgrammeWorkbook, importProgrammeUpload, previewProgrammeImport, requireUpload, uploadFileName } from './programme.transfer.js';

const tags = ['Programma Duurzaam Sociaal Domein'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Export and import of the programme spreadsheet in the web app (the programme manager's). */
export async function programmeTransferRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const write = requirePermission('programme:write');
  // The upload is the file itself as the request body (no multipart plugin needed); only in this plugin.
  app.addContentTypeParser([XLSX, 'text/csv', 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  api.get(
    '/api/programme/export.xlsx',
    { schema: { tags, summary: 'Het huidige programma als Excel-werkmap (dezelfde indeling als de import)', produces: [XLSX] }, onRequest: write },
    async (request, reply) => {
      const { content, reportMonth } = await inTenant(db, request, (tx) => exportProgrammeWorkbook(tx));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="programma-${reportMonth}.xlsx"`).send(content);
    },
  );

  api.post(
    '/api/programme/import/preview',
    {
      schema: {
        tags,
        summary: 'Een programmabestand (xlsx of CSV als body) controleren: alle fouten per werkblad, rij en kolom, of wat de import zou veranderen. Er wordt niets geladen.',
        consumes: [XLSX, 'text/csv'],
        response: { 200: importPreviewSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: write,
    },
    async (request) => {
      const content = requireUpload(request.body);
      return inTenant(db, request, (tx) => previewProgrammeImport(tx, { content, fileName: uploadFileName(request.headers['content-type'], content) }));
    },
  );

  api.post(
    '/api/programme/import',
    {
      schema: {
        tags,
        summary: 'Een programmabestand laden in plaats van het huidige programma (dat bewaard blijft als vervangen); bij één fout wordt niets geladen',
        consumes: [XLSX, 'text/csv'],
        response: { 200: importResultSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: write,
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const content = requireUpload(request.body);
      return inTenant(db, request, (tx) =>
        importProgrammeUpload(tx, { tenantId: principal.tenantId, content, fileName: uploadFileName(request.headers['content-type'], content), actor: principal.username }),
      );
    },
  );
}
