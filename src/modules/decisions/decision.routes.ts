import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission, requirePrincipal } from '../../platform/http/request-context.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { decisionLetterHtml, queueDecisionLetter } from '../letters/document.service.js';
import { allocateSchema, allocationSchema, approvalQueueSchema, changeAllocationSchema, createDecisionSchema, decisionSchema } from './decision.schema.js';
import { caseSubject } from '../cases/case.service.js';
import { allocate, allocationSubject, approveDecision, createDecision, decisionSubject, getAllocation, getDecision, listCaseDecisions, listResidentAllocations, withdrawDecision } from './decision.service.js';
import { approvalQueue } from './approval-queue.service.js';
import { approveAllocationChange, changeAllocationTerms, withdrawAllocationChange } from './allocation-change.service.js';

const tags = ['Beschikkingen, toewijzingen en verplichtingen'];
const idParam = (what: string) => z.object({ id: uuidParam(what) });
const changeParams = z.object({ id: uuidParam('Toewijzing'), changeId: uuidParam('Wijziging') });

export async function decisionRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const mayApprove = (request: FastifyRequest) => requirePrincipal(request).permissions.includes('decisions:approve');

  api.post(
    '/api/cases/:id/decisions',
    { schema: { tags, summary: 'Beschikking opstellen (toekennen/afwijzen per product); boven de drempel wacht zij op goedkeuring', params: idParam('Zaak'), body: createDecisionSchema, response: { 201: decisionSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, { permission: 'decisions:write', activity: 'zaakbehandeling-sociaal-domein', name: 'beschikking.opstellen', subject: caseSubject, scope: 'care' }) },
    async (request, reply) => {
      let actor: Actor | undefined;
      const decision = await asActor(db, request, async (tx, ctx) => {
        actor = ctx;
        return getDecision(tx, ctx, (await createDecision(tx, ctx, { caseId: request.params.id, ...request.body })).id);
      });
      // Final at once (below the threshold): its letter is printed and stored after the commit.
      if (decision.status === 'approved' && actor) queueDecisionLetter(db, actor, decision.id, request.log);
      return reply.status(201).send(decision);
    },
  );

  api.get(
    '/api/cases/:id/decisions',
    { schema: { tags, summary: 'Beschikkingen in een zaak', params: idParam('Zaak'), response: { 200: z.array(decisionSchema), ...errorResponses(400, 401, 403, 404) } }, onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: 'zaakbehandeling-sociaal-domein', name: 'beschikkingen.raadplegen', subject: caseSubject, scope: 'care' }) },
    async (request) => inTenant(db, request, (tx, ctx) => listCaseDecisions(tx, ctx, request.params.id)),
  );

  api.get(
    '/api/decisions/:id',
    { schema: { tags, summary: 'Eén beschikking', params: idParam('Beschikking'), response: { 200: decisionSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: 'zaakbehandeling-sociaal-domein', name: 'beschikking.raadplegen', subject: decisionSubject, scope: 'care' }) },
    async (request) => inTenant(db, request, (tx, ctx) => getDecision(tx, ctx, request.params.id)),
  );

  api.get(
    '/api/approvals',
    {
      schema: { tags, summary: 'Goedkeuringswachtrij (vier ogen): beschikkingen en wijzigingen van toewijzingen die op een teamleider wachten, de oudste eerst, met bedrag en wachttijd', response: { 200: approvalQueueSchema, ...errorResponses(401, 403) } },
      onRequest: requirePermission('decisions:approve'),
    },
    async (request) => asActor(db, request, (tx, ctx) => approvalQueue(tx, ctx)),
  );

  api.post(
    '/api/decisions/:id/approve',
    { schema: { tags, summary: 'Beschikking goedkeuren (teamleider, vier ogen: niet de opsteller)', params: idParam('Beschikking'), response: { 200: decisionSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, { permission: 'decisions:approve', activity: 'zaakbehandeling-sociaal-domein', name: 'beschikking.goedkeuren', subject: decisionSubject, scope: 'care' }) },
    async (request) => {
      let actor: Actor | undefined;
      const decision = await asActor(db, request, async (tx, ctx) => {
        actor = ctx;
        return getDecision(tx, ctx, (await approveDecision(tx, ctx, request.params.id)).id);
      });
      // Now final: the signed letter is printed and stored after the commit.
      if (actor) queueDecisionLetter(db, actor, decision.id, request.log);
      return decision;
    },
  );

  api.post(
    '/api/decisions/:id/withdraw',
    { schema: { tags, summary: 'Beschikking die op goedkeuring wacht intrekken (de opsteller of een teamleider); zij kan daarna niet meer worden goedgekeurd', params: idParam('Beschikking'), response: { 200: decisionSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, { permission: 'decisions:write', activity: 'zaakbehandeling-sociaal-domein', name: 'beschikking.intrekken', subject: decisionSubject, scope: 'care' }) },
    async (request) => asActor(db, request, async (tx, ctx) => getDecision(tx, ctx, (await withdrawDecision(tx, { ...ctx, mayApprove: mayApprove(request) }, request.params.id)).id)),
  );

  api.get(
    '/api/decisions/:id/letter.html',
    { schema: { tags, summary: 'Beschikkingsbrief (printbaar, met bezwaarclausule); CONCEPT zolang de beschikking niet definitief is', params: idParam('Beschikking') }, onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: 'zaakbehandeling-sociaal-domein', name: 'beschikkingsbrief.raadplegen', subject: decisionSubject, scope: 'care' }) },
    async (request, reply) => {
      const html = await inTenant(db, request, async (tx, ctx) => {
        await getDecision(tx, ctx, request.params.id);
        return decisionLetterHtml(db, tx, ctx.tenantId, request.params.id);
      });
      return reply
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );

  api.post(
    '/api/decisions/:id/allocations',
    { schema: { tags, summary: 'Toegekend product toewijzen aan een gecontracteerde aanbieder; de verplichting wordt per jaar geboekt', params: idParam('Beschikking'), body: allocateSchema, response: { 201: allocationSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, { permission: 'decisions:write', activity: 'zaakbehandeling-sociaal-domein', name: 'toewijzing.aanmaken', subject: decisionSubject, scope: 'care' }) },
    async (request, reply) => reply.status(201).send(await asActor(db, request, async (tx, ctx) => getAllocation(tx, ctx, (await allocate(tx, ctx, { decisionId: request.params.id, ...request.body })).id))),
  );

  api.patch(
    '/api/allocations/:id',
    {
      schema: {
        tags,
        summary:
          'Toewijzing wijzigen of beëindigen vanaf een datum; verplichting herberekend, historie bewaard. Een verhoging die de verwachte jaarkosten boven de drempel brengt of meer dan de stap (standaard € 1.000 per jaar) laat stijgen, wacht op goedkeuring door een teamleider (vier ogen): antwoord 202 met de wijziging in pendingChange, segmenten en verplichtingen ongewijzigd',
        params: idParam('Toewijzing'),
        body: changeAllocationSchema,
        response: {
          200: allocationSchema.describe('Wijziging verwerkt'),
          202: allocationSchema.describe('Wijziging wacht op goedkeuring (pendingChange); nog niet verwerkt'),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
      onRequest: requireResidentAccess(db, { permission: 'decisions:write', activity: 'zaakbehandeling-sociaal-domein', name: 'toewijzing.wijzigen', subject: allocationSubject, scope: 'care' }),
    },
    async (request, reply) => {
      const result = await asActor(db, request, async (tx, ctx) => {
        const { pending, id } = await changeAllocationTerms(tx, ctx, { id: request.params.id, ...request.body });
        return { pending, allocation: await getAllocation(tx, ctx, id) };
      });
      return reply.status(result.pending ? 202 : 200).send(result.allocation);
    },
  );

  api.post(
    '/api/allocations/:id/changes/:changeId/approve',
    { schema: { tags, summary: 'Wijziging van een toewijzing goedkeuren (teamleider, vier ogen: niet de aanvrager); daarna verwerkt in segmenten en verplichtingen', params: changeParams, response: { 200: allocationSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, { permission: 'decisions:approve', activity: 'zaakbehandeling-sociaal-domein', name: 'toewijzing.wijziging-goedkeuren', subject: allocationSubject, scope: 'care' }) },
    async (request) => asActor(db, request, async (tx, ctx) => getAllocation(tx, ctx, (await approveAllocationChange(tx, ctx, { allocationId: request.params.id, changeId: request.params.changeId })).id)),
  );

  api.post(
    '/api/allocations/:id/changes/:changeId/withdraw',
    { schema: { tags, summary: 'Wijziging die op goedkeuring wacht intrekken (de aanvrager) of afwijzen (een teamleider); zij wordt niet verwerkt', params: changeParams, response: { 200: allocationSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, { permission: 'decisions:write', activity: 'zaakbehandeling-sociaal-domein', name: 'toewijzing.wijziging-intrekken', subject: allocationSubject, scope: 'care' }) },
    async (request) => asActor(db, request, async (tx, ctx) => getAllocation(tx, ctx, (await withdrawAllocationChange(tx, { ...ctx, mayApprove: mayApprove(request) }, { allocationId: request.params.id, changeId: request.params.changeId })).id)),
  );

  api.get(
    '/api/residents/:residentId/allocations',
    {
      schema: { tags, summary: 'Toewijzingen van een inwoner met verplichtingen', params: z.object({ residentId: uuidParam('Inwoner') }), response: { 200: z.array(allocationSchema), ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'cases:read', activity: 'zaakbehandeling-sociaal-domein', name: 'toewijzingen.raadplegen', scope: 'care' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => listResidentAllocations(tx, ctx, request.params.residentId)),
  );
}
