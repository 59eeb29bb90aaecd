import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { teamCaseloadSchema, workCountsSchema } from './work.schema.js';
import { myWorkCounts, teamCaseload } from './work.service.js';

const tags = ['Mijn werk'];

export async function workRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/my-work/counts',
    { schema: { tags, summary: 'Aantallen voor Mijn werk en de navigatie: terugbelverzoeken, zaken, signalen en goedkeuringen (geen persoonsgegevens)', response: { 200: workCountsSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('residents:read') },
    async (request) => {
      const principal = requirePrincipal(request);
      return inTenant(db, request, (tx) => myWorkCounts(tx, principal.userId, principal.permissions));
    },
  );

  api.get(
    '/api/my-work/team-caseload',
    { schema: { tags, summary: 'Caseload van het team per consulent: open zaken, over de termijn en binnenkort af (teamleider)', response: { 200: teamCaseloadSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('decisions:approve') },
    async (request) => {
      const principal = requirePrincipal(request);
      return inTenant(db, request, (tx) => teamCaseload(tx, principal.userId));
    },
  );
}
