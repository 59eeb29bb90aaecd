import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import {
  assignContactPersonSchema,
  callbackSchema,
  consultantSchema,
  contactPersonSchema,
  contactSchema,
  registerContactSchema,
  teamSchema,
} from './access.schema.js';
import { assignContactPerson, completeCallback, consultants, getContact, getContactPerson, listContacts, listTeams, myOpenCallbacks, registerContact } from './access.service.js';

const tags = ['Toegang: KCC, teams en contactpersoon'];
const residentParams = z.object({ residentId: uuidParam('Inwoner') });

export async function accessRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get('/api/teams', { schema: { tags, summary: 'Gebiedsteams en hun wijken', response: { 200: z.array(teamSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('residents:read') }, async (request) =>
    inTenant(db, request, (tx) => listTeams(tx)),
  );

  api.get(
    '/api/consultants',
    { schema: { tags, summary: 'Consulenten en teamleiders (mogelijke contactpersonen)', response: { 200: z.array(consultantSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('residents:read') },
    async (request) => inTenant(db, request, (tx) => consultants(tx)),
  );

  api.get(
    '/api/residents/:residentId/contact-person',
    {
      schema: { tags, summary: 'De vaste contactpersoon en de historie van toewijzingen', params: residentParams, response: { 200: contactPersonSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'residents:read', activity: 'zaakbehandeling-sociaal-domein', name: 'contactpersoon.raadplegen', scope: 'basic' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => getContactPerson(tx, ctx, request.params.residentId)),
  );

  api.put(
    '/api/residents/:residentId/contact-person',
    {
      schema: { tags, summary: 'Contactpersoon toewijzen of wisselen (met reden)', params: residentParams, body: assignContactPersonSchema, response: { 200: contactPersonSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requireResidentAccess(db, { permission: 'contact_person:assign', activity: 'zaakbehandeling-sociaal-domein', name: 'contactpersoon.toewijzen', scope: 'care' }),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await assignContactPerson(tx, ctx, { residentId: request.params.residentId, ...request.body });
        return getContactPerson(tx, ctx, request.params.residentId);
      }),
  );

  api.post(
    '/api/residents/:residentId/contacts',
    {
      schema: {
        tags,
        summary: 'Klantcontact vastleggen: beantwoord in de eerste lijn, of doorgezet met een terugbelverzoek',
        params: residentParams,
        body: registerContactSchema,
        response: { 201: contactSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { permission: 'residents:write', activity: 'klantcontact-kcc', name: 'klantcontact.registreren', scope: 'basic' }),
    },
    async (request, reply) =>
      reply.status(201).send(
        await asActor(db, request, async (tx, ctx) => {
          const { id } = await registerContact(tx, ctx, { ...request.body, residentId: request.params.residentId });
          return getContact(tx, ctx, request.params.residentId, id);
        }),
      ),
  );

  api.get(
    '/api/residents/:residentId/contacts',
    {
      schema: { tags, summary: 'Klantcontacten van een inwoner, nieuwste eerst', params: residentParams, response: { 200: z.array(contactSchema), ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'residents:read', activity: 'klantcontact-kcc', name: 'klantcontact.raadplegen', scope: 'basic' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listContacts(tx, ctx, request.params.residentId)),
  );

  api.get(
    '/api/callbacks/mine',
    { schema: { tags, summary: 'Open terugbelverzoeken voor mij of mijn teams, eerst de oudste deadline', response: { 200: z.array(callbackSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('residents:read') },
    async (request) => asActor(db, request, (tx, ctx) => myOpenCallbacks(tx, ctx)),
  );

  api.post(
    '/api/callbacks/:id/done',
    {
      schema: {
        tags,
        summary: 'Terugbelverzoek afhandelen',
        params: z.object({ id: uuidParam('Terugbelverzoek') }),
        body: z.object({ note: z.string().trim().max(2000, 'De notitie is te lang.').default('') }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: requirePermission('residents:write'),
    },
    async (request, reply) => {
      await asActor(db, request, (tx, ctx) => completeCallback(tx, ctx, { id: request.params.id, note: request.body.note }));
      return reply.status(204).send(null);
    },
  );
}
