import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import type { RecoveryGround } from './pw.tables.js';
import { bookEntry, claimSubject, createDraftClaim, establishClaim, getClaim, listClaims, RECOVERY_GROUNDS, residentClaims, setInstalment, withdrawClaim } from './pw.recovery.service.js';
import { claimDetailSchema, claimSchema, residentClaimsSchema } from './pw.recovery.schema.js';
import { recoveryLetterHtml } from './pw.recovery.letter.js';
import { AppError } from '../../platform/errors.js';

const tags = ['Participatiewet'];
const claimParam = z.object({ id: uuidParam('Vordering') });
const residentParam = z.object({ residentId: uuidParam('Inwoner') });
const guard = (db: Kysely<DB>, permission: 'pw:read' | 'pw:write' | 'pw_recovery:establish', name: string) =>
  requireResidentAccess(db, { permission, activity: 'zaakbehandeling-sociaal-domein', name, subject: claimSubject, scope: 'care' });
const cents = (what: string) => z.number({ message: `Vul ${what} in hele centen in.` });

const createBody = z.object({
  benefitId: uuidParam('Uitkering').nullable().optional(),
  ground: z.string({ message: 'Kies een grond.' }),
  article: z.string().optional(),
  principalCents: cents('het bedrag'),
  periodFrom: z.string().nullable().optional(),
  periodTo: z.string().nullable().optional(),
  reason: z.string({ message: 'Beschrijf de reden.' }),
});
const listQuery = z.object({
  status: z.enum(['concept', 'vastgesteld', 'ingetrokken'], { message: 'Kies concept, vastgesteld of ingetrokken.' }).optional(),
  source: z.enum(['handmatig', 'inkomstenopgave', 'heronderzoek', 'betaalrun', 'voorschot', 'migratie'], { message: 'Onbekende bron.' }).optional(),
  open: z.enum(['ja', 'nee']).optional(),
});

/** Recovery claims (terugvordering art. 58 Pw) with their ledger; established by a team lead (four eyes). */
export async function pwRecoveryRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/pw/claims',
    { schema: { tags, summary: 'Alle vorderingen van inwoners met wie u een relatie heeft, met filters (status, bron, alleen openstaand)', querystring: listQuery, response: { 200: z.array(claimSchema), ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('pw:read') },
    async (request) => inTenant(db, request, (tx, ctx) => listClaims(tx, ctx, { status: request.query.status, source: request.query.source, openOnly: request.query.open === 'ja' })),
  );

  api.get('/api/pw/claim-grounds', { schema: { tags, summary: 'De gronden van een terugvordering met het voorgestelde artikel' }, onRequest: requirePermission('pw:read') }, async () =>
    Object.entries(RECOVERY_GROUNDS).map(([ground, g]) => ({ ground, ...g })),
  );

  api.get(
    '/api/residents/:residentId/pw-claims',
    {
      schema: { tags, summary: 'De vorderingen van een inwoner en het openstaande saldo', params: residentParam, response: { 200: residentClaimsSchema, ...errorResponses(400, 401, 403, 404) } },
      onRequest: requireResidentAccess(db, { permission: 'pw:read', activity: 'zaakbehandeling-sociaal-domein', name: 'terugvorderingen.raadplegen', scope: 'care' }),
    },
    async (request) => inTenant(db, request, (tx, ctx) => residentClaims(tx, ctx, request.params.residentId)),
  );

  api.post(
    '/api/residents/:residentId/pw-claims',
    {
      schema: { tags, summary: 'Een conceptvordering opstellen (handmatig)', params: residentParam, body: createBody, response: { 201: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requireResidentAccess(db, { permission: 'pw:write', activity: 'zaakbehandeling-sociaal-domein', name: 'terugvordering.opstellen', scope: 'care' }),
    },
    async (request, reply) =>
      reply.code(201).send(
        await asActor(db, request, async (tx, ctx) => {
          const b = request.body;
          if (b.benefitId) {
            const owner = await tx.selectFrom('pw_benefits').select('resident_id').where('id', '=', b.benefitId).executeTakeFirst();
            if (owner?.resident_id !== request.params.residentId) throw new AppError('VALIDATION_FAILED', 'De invoer is niet geldig. Controleer de gemarkeerde velden.', [{ field: 'benefitId', message: 'Deze uitkering is niet van deze inwoner.' }]);
          }
          const { id } = await createDraftClaim(tx, ctx, {
            residentId: request.params.residentId,
            benefitId: b.benefitId ?? null,
            ground: b.ground as RecoveryGround,
            article: b.article,
            source: 'handmatig',
            principalCents: b.principalCents,
            periodFrom: b.periodFrom ?? null,
            periodTo: b.periodTo ?? null,
            reason: b.reason,
          });
          return getClaim(tx, ctx, id, false);
        }),
      ),
  );

  api.get(
    '/api/pw/claims/:id',
    { schema: { tags, summary: 'Eén vordering met haar grootboek (vordering, aflossingen, verrekeningen, kwijtschelding, correcties) en saldo', params: claimParam, response: { 200: claimDetailSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: guard(db, 'pw:read', 'terugvordering.raadplegen') },
    async (request) => inTenant(db, request, (tx, ctx) => getClaim(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/pw/claims/:id/establish',
    {
      schema: {
        tags,
        summary: 'Vordering vaststellen (teamleider, vier ogen: niet wie haar opstelde), met de aflossing per maand die de betaalrun verrekent',
        params: claimParam,
        body: z.object({ monthlyInstalmentCents: cents('de aflossing per maand'), ground: z.string().optional(), article: z.string().optional() }),
        response: { 200: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: guard(db, 'pw_recovery:establish', 'terugvordering.vaststellen'),
    },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await establishClaim(tx, ctx, request.params.id, { ...request.body, ground: request.body.ground as RecoveryGround | undefined });
        return getClaim(tx, ctx, request.params.id, false);
      }),
  );

  api.post(
    '/api/pw/claims/:id/withdraw',
    { schema: { tags, summary: 'Vordering intrekken, met reden; een openstaand saldo wordt met een correctie op nul gezet', params: claimParam, body: z.object({ reason: z.string({ message: 'Geef de reden van de intrekking.' }) }), response: { 200: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard(db, 'pw:write', 'terugvordering.intrekken') },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await withdrawClaim(tx, ctx, request.params.id, request.body);
        return getClaim(tx, ctx, request.params.id, false);
      }),
  );

  api.put(
    '/api/pw/claims/:id/instalment',
    { schema: { tags, summary: 'De aflossing per maand wijzigen (niet hoger dan het saldo); de betaalrun verrekent haar', params: claimParam, body: z.object({ monthlyInstalmentCents: cents('de aflossing per maand') }), response: { 200: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard(db, 'pw:write', 'terugvordering.aflossing-wijzigen') },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await setInstalment(tx, ctx, request.params.id, request.body);
        return getClaim(tx, ctx, request.params.id, false);
      }),
  );

  api.post(
    '/api/pw/claims/:id/entries',
    {
      schema: {
        tags,
        summary: 'Een aflossing, kwijtschelding (met reden) of correctie (met reden) boeken op een vastgestelde vordering',
        params: claimParam,
        body: z.object({ kind: z.enum(['aflossing', 'kwijtschelding', 'correctie'], { message: 'Kies aflossing, kwijtschelding of correctie.' }), cents: cents('het bedrag'), bookedOn: z.string().optional(), note: z.string().optional() }),
        response: { 201: claimDetailSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
      onRequest: guard(db, 'pw:write', 'terugvordering.boeken'),
    },
    async (request, reply) =>
      reply.code(201).send(
        await asActor(db, request, async (tx, ctx) => {
          await bookEntry(tx, ctx, request.params.id, request.body);
          return getClaim(tx, ctx, request.params.id, false);
        }),
      ),
  );

  api.get(
    '/api/pw/claims/:id/letter.html',
    { schema: { tags, summary: 'De brief bij een vastgestelde vordering (besluit tot terugvordering, met bezwaarclausule)', params: claimParam, produces: ['text/html'] }, onRequest: guard(db, 'pw:read', 'terugvordering.brief') },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(await inTenant(db, request, (tx, ctx) => recoveryLetterHtml(db, tx, ctx, request.params.id))),
  );
}
