import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant, requirePrincipal } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { caseSubject } from './case.service.js';
import { addCaseNote, listCaseNotes } from './case-note.service.js';
import { caseNoteSchema, createCaseNoteSchema } from './case-note.schema.js';

const tags = ['Zaken'];
const caseParams = z.object({ id: uuidParam('Zaak') });

/** Notes per case (zaaknotities): working notes about the resident, so care scope (not the KCC's first line). */
export async function caseNoteRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const rule = { activity: 'zaakbehandeling-sociaal-domein', subject: caseSubject, scope: 'care' } as const;

  api.get(
    '/api/cases/:id/notes',
    {
      schema: { tags, summary: 'Notities bij een zaak, nieuwste eerst', params: caseParams, response: { 200: z.array(caseNoteSchema), ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { ...rule, permission: 'cases:read', name: 'zaaknotities.raadplegen' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listCaseNotes(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/cases/:id/notes',
    {
      schema: {
        tags,
        summary: 'Notitie bij een zaak vastleggen',
        description: 'Een notitie wordt nooit gewijzigd of verwijderd: een correctie is een nieuwe notitie.',
        params: caseParams,
        body: createCaseNoteSchema,
        response: { 201: caseNoteSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { ...rule, permission: 'cases:write', name: 'zaaknotitie.vastleggen' }),
    },
    async (request, reply) => {
      const authorName = requirePrincipal(request).displayName;
      const note = await inTenant(db, request, (tx, ctx) => addCaseNote(tx, ctx, { caseId: request.params.id, authorName, note: request.body }));
      return reply.status(201).send(note);
    },
  );
}
