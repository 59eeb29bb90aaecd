import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { inTenant } from '../../platform/http/request-context.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { renderConversationReportHtml } from './conversation.report-html.js';
import { caseSubject } from '../cases/case.service.js';
import { conversationSubject, getConversation, getConversationReport, listConversationsOfCase, listConversationsOfResident, registerConversation } from './conversation.service.js';
import { conversationDetailSchema, conversationListSchema, conversationSchema, createConversationSchema } from './conversation.schema.js';

const tags = ['Gesprekken (Positieve Gezondheid)'];
// Health data (AVG art. 9): consultants and team leads only, not the KCC.
const residentParams = z.object({ residentId: uuidParam('Inwoner') });
const conversationParams = z.object({ id: uuidParam('Gesprek') });

export async function conversationRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const write = requireResidentAccess(db, { permission: 'conversations:write', activity: 'gesprek-ondersteuningsbehoefte', name: 'gesprek.vastleggen', scope: 'care' });
  const readList = requireResidentAccess(db, { permission: 'conversations:read', activity: 'gesprek-ondersteuningsbehoefte', name: 'gesprekken.raadplegen', scope: 'care' });
  const readOne = requireResidentAccess(db, { permission: 'conversations:read', activity: 'gesprek-ondersteuningsbehoefte', name: 'gesprek.raadplegen', subject: conversationSubject, scope: 'care' });

  api.post(
    '/api/residents/:residentId/conversations',
    {
      schema: {
        tags,
        summary: 'Gesprek vastleggen: Positieve Gezondheid, zelfredzaamheidsladder en afspraken',
        description: 'Een gesprek wordt nooit gewijzigd of verwijderd: een correctie is een nieuw gesprek met `correctsId`.',
        params: residentParams,
        body: createConversationSchema,
        response: { 201: conversationSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: write,
    },
    async (request, reply) => {
      const conversation = await inTenant(db, request, (tx, ctx) =>
        registerConversation(tx, ctx, { residentId: request.params.residentId, conversation: request.body }),
      );
      return reply.status(201).send(conversation);
    },
  );

  api.get(
    '/api/residents/:residentId/conversations',
    {
      schema: {
        tags,
        summary: 'Gesprekken met een inwoner, nieuwste eerst',
        params: residentParams,
        response: { 200: conversationListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: readList,
    },
    async (request) => ({ items: await inTenant(db, request, (tx, ctx) => listConversationsOfResident(tx, ctx, request.params.residentId)) }),
  );

  api.get(
    '/api/cases/:id/conversations',
    {
      schema: {
        tags,
        summary: 'Gesprekken (onderzoeksverslagen) bij een zaak, nieuwste eerst',
        params: z.object({ id: uuidParam('Zaak') }),
        response: { 200: conversationListSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: requireResidentAccess(db, { permission: 'conversations:read', activity: 'gesprek-ondersteuningsbehoefte', name: 'gesprekken.raadplegen', subject: caseSubject, scope: 'care' }),
    },
    async (request) => ({ items: await inTenant(db, request, (tx, ctx) => listConversationsOfCase(tx, ctx, request.params.id)) }),
  );

  api.get(
    '/api/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Eén gesprek, met het vorige gesprek van dezelfde inwoner om te vergelijken',
        params: conversationParams,
        response: { 200: conversationDetailSchema, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: readOne,
    },
    async (request) => inTenant(db, request, (tx, ctx) => getConversation(tx, ctx, request.params.id)),
  );

  api.get(
    '/api/conversations/:id/report.html',
    {
      schema: {
        tags,
        summary: 'Gespreksverslag als printbare HTML (spinnenweb met vorig gesprek, ladder en afspraken)',
        params: conversationParams,
      },
      onRequest: readOne,
    },
    async (request, reply) => {
      const report = await inTenant(db, request, (tx, ctx) => getConversationReport(tx, ctx, request.params.id));
      // No scripts at all; framing by Koers itself only; health data stays out of caches.
      return reply
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(renderConversationReportHtml(report));
    },
  );
}
