import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { listTenants } from './tenant.service.js';

const tenantSchema = z.object({
  id: z.string().describe('CBS-gemeentecode, bijvoorbeeld GM0935'),
  name: z.string().describe('Naam van de gemeente'),
  region: z.string().nullable().describe('Regio waarin de gemeente samenwerkt'),
});

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
