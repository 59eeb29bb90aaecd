import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { getProduct, searchProducts } from './product.service.js';
import { productQuerySchema, productSchema, productSummarySchema } from './product.schema.js';

const tags = ['Producten- en dienstencatalogus'];

export async function productRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const read = requirePermission('catalogue:read');

  api.get(
    '/api/catalogue/products',
    {
      schema: {
        tags,
        summary: 'Producten en diensten zoeken, voorliggend veld eerst',
        querystring: productQuerySchema,
        response: { 200: z.array(productSummarySchema), ...errorResponses(400, 401, 403) },
      },
      onRequest: read,
    },
    async (request) => inTenant(db, request, (tx) => searchProducts(tx, request.query)),
  );

  api.get(
    '/api/catalogue/products/:id',
    {
      schema: {
        tags,
        summary: 'Eén product met gebieden en gecontracteerde aanbieders (tarieven van dit jaar)',
        params: z.object({ id: uuidParam('Product') }),
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().describe('Contractjaar (standaard dit jaar)') }),
        response: { 200: productSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => inTenant(db, request, (tx) => getProduct(tx, { id: request.params.id, year: request.query.year ?? new Date().getFullYear() })),
  );
}
