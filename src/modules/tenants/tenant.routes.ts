import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { tenantSchema } from './tenant.schema.js';
import { listTenants } from './tenant.service.js';

export async function tenantRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/tenants',
    {
      schema: {
        tags: ['Gemeenten'],
        summary: 'Gemeenten op deze installatie (openbaar, voor het inlogscherm)',
        response: { 200: z.array(tenantSchema) },
      },
    },
    async () => listTenants(options.db),
  );
}
