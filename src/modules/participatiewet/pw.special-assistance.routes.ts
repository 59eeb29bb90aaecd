import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, isoDateSchema, uuidParam } from '../../platform/http/schemas.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { addMonths } from '../../platform/calendar.js';
import { invalid } from '../../platform/errors.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { queueCaseLetter } from '../letters/document.service.js';
import { queueRequestLetters } from '../portal/document-request.letter.js';
import { findTenantName } from '../tenants/tenant.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import {
  categoryInputSchema,
  categorySchema,
  intakeFiguresSchema,
  openSpecialAssistanceSchema,
  specialAssistanceDecisionSchema,
  specialAssistanceSubmissionSchema,
  specialAssistanceViewSchema,
  supplementSchema,
} from './pw.special-assistance.schema.js';
import {
  decideSpecialAssistance,
  getSpecialAssistance,
  listCategories,
  listOpenSpecialAssistance,
  saveCategory,
  specialAssistanceIntakeFigures,
  specialAssistanceLetter,
  specialAssistanceSubject,
  submitSpecialAssistance,
  supplementSpecialAssistance,
} from './pw.special-assistance.service.js';

const tags = ['Bijzondere bijstand'];
const ACTIVITY = 'zaakbehandeling-sociaal-domein';
const idParams = z.object({ id: uuidParam('Aanvraag') });
const residentParams = z.object({ residentId: uuidParam('Inwoner') });
const codeParams = z.object({ code: z.string().regex(/^[a-z0-9-]{2,40}$/, 'Een code bestaat uit 2 tot 40 kleine letters, cijfers en streepjes.') });

/** Bijzondere bijstand (art. 35 Pw): categories, the application at the desk, the intake's proposal and the decision. */
export async function pwSpecialAssistanceRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const guard = (permission: 'pw:read' | 'pw:write', name: string, byResident = false) =>
    requireResidentAccess(db, { permission, activity: ACTIVITY, name, scope: 'care', ...(byResident ? {} : { subject: specialAssistanceSubject }) });

  api.get(
    '/api/pw/special-assistance/categories',
    { schema: { tags, summary: 'De soorten kosten voor bijzondere bijstand (beleid, als gegevens)', response: { 200: z.array(categorySchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('pw_norms:read') },
    async (request) => inTenant(db, request, (tx) => listCategories(tx, false)),
  );

  api.put(
    '/api/pw/special-assistance/categories/:code',
    { schema: { tags, summary: 'Een soort kosten toevoegen of wijzigen: voorliggende voorziening, collectieve verzekering, snelle afhandeling, gevraagde documenten', params: codeParams, body: categoryInputSchema, response: { 200: categorySchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('pw_norms:write') },
    async (request) => asActor(db, request, (tx, ctx) => saveCategory(tx, ctx, request.params.code, request.body)),
  );

  api.post(
    '/api/residents/:residentId/special-assistance',
    {
      schema: { tags, summary: 'Aanvraag bijzondere bijstand aan de balie registreren; de intake opent de zaak PW-BB, controleert de volledigheid, berekent de draagkracht en doet een voorstel', params: residentParams, body: specialAssistanceSubmissionSchema, response: { 201: specialAssistanceViewSchema, 200: specialAssistanceViewSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: guard('pw:write', 'bijzondere-bijstand.aanvragen', true),
    },
    async (request, reply) => {
      const { created, view, ctx } = await asActor(db, request, async (tx, ctx) => {
        const { consultantId, ...body } = request.body;
        const result = await submitSpecialAssistance(tx, ctx, { ...body, residentId: request.params.residentId, channel: 'balie', consultantId: consultantId ?? ctx.actorId });
        return { created: result.created, view: await getSpecialAssistance(tx, ctx, result.id), ctx };
      });
      // After the commit: the letter of the request for what is missing (if any) is printed and stored with the case.
      if (created) queueRequestLetters(db, ctx, view.caseId, request.log);
      return reply.code(created ? 201 : 200).send(view);
    },
  );

  api.get(
    '/api/pw/special-assistance',
    { schema: { tags, summary: 'Aanvragen bijzondere bijstand zonder besluit van inwoners met wie u een relatie heeft (snelle afhandeling eerst)', response: { 200: z.array(openSpecialAssistanceSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('pw:read') },
    async (request) => inTenant(db, request, (tx, ctx) => listOpenSpecialAssistance(tx, ctx)),
  );

  api.get(
    '/api/pw/special-assistance/figures',
    {
      schema: { tags, summary: 'Per maand: aandeel compleet binnengekomen en dagen tot besluit (totalen; kleine aantallen onderdrukt)', querystring: z.object({ from: isoDateSchema('begindatum').optional(), to: isoDateSchema('einddatum').optional() }), response: { 200: intakeFiguresSchema, ...errorResponses(400, 401, 403) } },
      onRequest: requirePermission('insights:read'),
    },
    async (request) => {
      const to = request.query.to ?? todayInAmsterdam();
      const from = request.query.from ?? addMonths(to, -12);
      if (from > to) throw invalid('from', 'De begindatum ligt na de einddatum.');
      return inTenant(db, request, (tx) => specialAssistanceIntakeFigures(tx, from, to));
    },
  );

  api.get(
    '/api/pw/special-assistance/:id',
    { schema: { tags, summary: 'Eén aanvraag bijzondere bijstand met intake, draagkrachtberekening, voorstel en besluit', params: idParams, response: { 200: specialAssistanceViewSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: guard('pw:read', 'bijzondere-bijstand.raadplegen') },
    async (request) => inTenant(db, request, (tx, ctx) => getSpecialAssistance(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/pw/special-assistance/:id/supplement',
    { schema: { tags, summary: 'Aanvulling ontvangen (documenten, rekeningnummer): de hersteltermijn eindigt als de aanvraag compleet is', params: idParams, body: supplementSchema, response: { 200: specialAssistanceViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('pw:write', 'bijzondere-bijstand.aanvullen') },
    async (request) => asActor(db, request, async (tx, ctx) => getSpecialAssistance(tx, ctx, (await supplementSpecialAssistance(tx, ctx, request.params.id, request.body)).id)),
  );

  api.post(
    '/api/pw/special-assistance/:id/decision',
    { schema: { tags, summary: 'Besluiten: het voorstel volgen (één klik) of afwijken met een reden; een medewerker besluit altijd (AVG art. 22)', params: idParams, body: specialAssistanceDecisionSchema, response: { 200: specialAssistanceViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('pw:write', 'bijzondere-bijstand.besluiten') },
    async (request) => {
      const municipality = (await findTenantName(db, request.principal!.tenantId)) ?? request.principal!.tenantId;
      let letter: { ctx: Actor; content: Awaited<ReturnType<typeof specialAssistanceLetter>> } | undefined;
      const view = await asActor(db, request, async (tx, ctx) => {
        const { id } = await decideSpecialAssistance(tx, ctx, request.params.id, request.body);
        const decided = await getSpecialAssistance(tx, ctx, id);
        letter = { ctx, content: await specialAssistanceLetter(tx, decided, municipality) };
        return decided;
      });
      // The letter is printed to PDF and stored with the case after the commit ("Mijn aanvragen" shows it).
      if (letter) queueCaseLetter(db, letter.ctx, letter.content, request.log);
      return view;
    },
  );
}
