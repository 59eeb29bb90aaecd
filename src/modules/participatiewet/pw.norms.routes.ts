import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { addNormsBodySchema, importNormsQuerySchema, normsOverviewSchema } from './pw.norms.schema.js';
import { addNormVersion, currentNormTable, normsOverview } from './pw.norms.service.js';
import { importNormWorkbook, normTableWorkbook } from './pw.norms.xlsx.js';
import { validationFailed } from '../../platform/errors.js';

const tags = ['Participatiewet'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The municipality's Participatiewet norm table: read by whoever works with bijstand, extended by the administrator. */
export async function pwNormRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  // The upload is the workbook itself as the request body (no multipart plugin); only in this plugin.
  app.addContentTypeParser([XLSX, 'application/octet-stream'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  api.get(
    '/api/pw/norms',
    {
      schema: { tags, summary: 'De bijstandsnormen die nu gelden (per half jaar, met vermogensgrenzen) en alle versies van de normtabel', response: { 200: normsOverviewSchema, ...errorResponses(401, 403) } },
      onRequest: requirePermission('pw_norms:read'),
    },
    async (request) => inTenant(db, request, (tx, ctx) => normsOverview(tx, ctx.tenantId)),
  );

  api.post(
    '/api/pw/norms',
    {
      schema: {
        tags,
        summary: 'Een of meer halve jaren toevoegen als nieuwe versie van de normtabel; bij een fout wordt niets opgeslagen',
        body: addNormsBodySchema,
        response: { 201: normsOverviewSchema, ...errorResponses(400, 401, 403, 409) },
      },
      onRequest: requirePermission('pw_norms:write'),
    },
    async (request, reply) => reply.code(201).send(await asActor(db, request, (tx, ctx) => addNormVersion(tx, ctx, request.body))),
  );

  api.get(
    '/api/pw/norms/export.xlsx',
    { schema: { tags, summary: 'De huidige normtabel als Excel-werkmap (dezelfde indeling als de import)', produces: [XLSX] }, onRequest: requirePermission('pw_norms:read') },
    async (request, reply) => {
      const table = await inTenant(db, request, (tx, ctx) => currentNormTable(tx, ctx.tenantId));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="bijstandsnormen-${table.version}.xlsx"`).send(await normTableWorkbook(table));
    },
  );

  api.post(
    '/api/pw/norms/import.xlsx',
    {
      schema: {
        tags,
        summary: 'Een ingevulde normtabel (xlsx als body) laden: de nieuwe halve jaren worden een nieuwe versie; elke fout met werkblad, rij en kolom, en bij een fout wordt niets opgeslagen',
        consumes: [XLSX],
        querystring: importNormsQuerySchema,
        response: { 201: normsOverviewSchema, ...errorResponses(400, 401, 403, 409) },
      },
      onRequest: requirePermission('pw_norms:write'),
    },
    async (request, reply) => {
      const content = request.body;
      if (!Buffer.isBuffer(content) || content.length === 0) throw validationFailed([{ field: 'bestand', message: 'Kies een Excel-bestand (.xlsx) om te laden.' }]);
      return reply.code(201).send(await asActor(db, request, (tx, ctx) => importNormWorkbook(tx, ctx, { content, note: request.query.note })));
    },
  );
}
