import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { notificationListSchema } from './notification.schema.js';
import { listMyNotifications } from './notification.service.js';

const tags = ['Meldingen'];

export async function notificationRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'Mijn meldingen, nieuwste eerst (bijvoorbeeld voor de teamleider: een verlengde doorbraak)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50).describe('Hoeveel meldingen (1–200)') }),
        response: { 200: notificationListSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('residents:read'),
    },
    async (request) => ({
      items: await inTenant(db, request, (tx, ctx) => listMyNotifications(tx, { ...ctx, actorId: requirePrincipal(request).userId }, request.query)),
    }),
  );
}
