import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { queueCaseLetter, type CaseLetter } from '../letters/document.service.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import { findTenantName } from '../tenants/tenant.service.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { advanceSchema, applicationViewSchema, calculationSchema, decisionSchema, openApplicationSchema, pwFileSchema, registerApplicationSchema, submitApplicationSchema } from './pw.application.schema.js';
import {
  applicationLetter,
  applicationLetterContent,
  applicationSubject,
  approveApplicationDecision,
  getApplication,
  getPwFile,
  listOpenApplications,
  proposeDecision,
  recordAdvance,
  registerApplication,
  saveCalculation,
  submitApplication,
} from './pw.application.service.js';

const tags = ['Participatiewet'];
const ACTIVITY = 'zaakbehandeling-sociaal-domein';
const appParams = z.object({ id: uuidParam('Aanvraag') });
const residentParams = z.object({ residentId: uuidParam('Inwoner') });

/** The Participatiewet application (aanvraag levensonderhoud) and a resident's Pw file. */
export async function pwApplicationRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const municipalityOf = async (tenantId: string) => (await findTenantName(db, tenantId)) ?? tenantId;
  // Once a decision is final (at once below the threshold, or after the four-eyes approval) its letter is
  // printed to PDF after the commit and stored with the case: the resident sees it in "Mijn aanvragen".
  const decidedWithLetter = async (tx: Tx, ctx: Actor, caseId: string, decided: boolean, municipality: string, queue: (l: { ctx: Actor; content: CaseLetter }) => void) => {
    const view = await getApplication(tx, ctx, caseId);
    if (decided) queue({ ctx, content: await applicationLetterContent(tx, view, municipality) });
    return view;
  };
  const guard = (permission: 'pw:read' | 'pw:write' | 'decisions:approve', name: string, byResident = false) =>
    requireResidentAccess(db, { permission, activity: ACTIVITY, name, scope: 'care', ...(byResident ? {} : { subject: applicationSubject }) });

  api.get(
    '/api/residents/:residentId/pw',
    { schema: { tags, summary: 'Het bijstandsdossier van een inwoner: aanvragen met termijnen en lopende of beëindigde uitkeringen', params: residentParams, response: { 200: pwFileSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: guard('pw:read', 'bijstand-dossier.raadplegen', true) },
    async (request) => inTenant(db, request, (tx, ctx) => getPwFile(tx, ctx, request.params.residentId)),
  );

  api.post(
    '/api/residents/:residentId/pw/applications',
    {
      schema: { tags, summary: 'Melding en (na de zoektermijn) aanvraag levensonderhoud registreren; opent een zaak PW-LO', params: residentParams, body: registerApplicationSchema, response: { 201: applicationViewSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: guard('pw:write', 'bijstandsaanvraag.registreren', true),
    },
    async (request, reply) =>
      reply.code(201).send(await asActor(db, request, async (tx, ctx) => getApplication(tx, ctx, (await registerApplication(tx, ctx, { residentId: request.params.residentId, ...request.body })).id))),
  );

  api.get(
    '/api/pw/applications',
    { schema: { tags, summary: 'De bijstandsaanvragen zonder besluit (open of wachtend op goedkeuring) van inwoners met wie u een relatie heeft', response: { 200: z.array(openApplicationSchema), ...errorResponses(401, 403) } }, onRequest: requirePermission('pw:read') },
    async (request) => inTenant(db, request, (tx, ctx) => listOpenApplications(tx, ctx)),
  );

  api.get(
    '/api/pw/applications/:id',
    { schema: { tags, summary: 'Eén bijstandsaanvraag met termijnen, rekenblad, voorschot en besluit', params: appParams, response: { 200: applicationViewSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: guard('pw:read', 'bijstandsaanvraag.raadplegen') },
    async (request) => inTenant(db, request, (tx, ctx) => getApplication(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/pw/applications/:id/submit',
    { schema: { tags, summary: 'De aanvraag na de melding vastleggen (bij jongeren onder 27 na de zoektermijn)', params: appParams, body: submitApplicationSchema, response: { 200: applicationViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('pw:write', 'bijstandsaanvraag.indienen') },
    async (request) => asActor(db, request, async (tx, ctx) => getApplication(tx, ctx, (await submitApplication(tx, ctx, { caseId: request.params.id, ...request.body })).id)),
  );

  api.put(
    '/api/pw/applications/:id/calculation',
    { schema: { tags, summary: 'Leefvorm, huishouden, inkomsten en vermogen vastleggen en het rekenblad berekenen', params: appParams, body: calculationSchema, response: { 200: applicationViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('pw:write', 'bijstandsaanvraag.rekenblad') },
    async (request) => asActor(db, request, async (tx, ctx) => getApplication(tx, ctx, (await saveCalculation(tx, ctx, { caseId: request.params.id, body: request.body })).id)),
  );

  api.post(
    '/api/pw/applications/:id/advance',
    { schema: { tags, summary: 'Voorschot (art. 52 Pw) vastleggen: ten hoogste de verwachte betaling per maand', params: appParams, body: advanceSchema, response: { 200: applicationViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('pw:write', 'bijstandsaanvraag.voorschot') },
    async (request) => asActor(db, request, async (tx, ctx) => getApplication(tx, ctx, (await recordAdvance(tx, ctx, { caseId: request.params.id, ...request.body })).id)),
  );

  api.post(
    '/api/pw/applications/:id/decision',
    { schema: { tags, summary: 'Besluit op de aanvraag: toekennen vanaf een datum of afwijzen; boven de drempel keurt een andere teamleider goed', params: appParams, body: decisionSchema, response: { 200: applicationViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('pw:write', 'bijstandsbesluit.opstellen') },
    async (request) => {
      const municipality = await municipalityOf(request.principal!.tenantId);
      let letter: { ctx: Actor; content: CaseLetter } | undefined;
      const view = await asActor(db, request, async (tx, ctx) => {
        const { id, decided } = await proposeDecision(tx, ctx, { caseId: request.params.id, body: request.body });
        return decidedWithLetter(tx, ctx, id, decided, municipality, (l) => (letter = l));
      });
      if (letter) queueCaseLetter(db, letter.ctx, letter.content, request.log);
      return view;
    },
  );

  api.post(
    '/api/pw/applications/:id/approve',
    { schema: { tags, summary: 'Besluit goedkeuren (vier ogen: een teamleider die het niet voorstelde)', params: appParams, response: { 200: applicationViewSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: guard('decisions:approve', 'bijstandsbesluit.goedkeuren') },
    async (request) => {
      const municipality = await municipalityOf(request.principal!.tenantId);
      let letter: { ctx: Actor; content: CaseLetter } | undefined;
      const view = await asActor(db, request, async (tx, ctx) => decidedWithLetter(tx, ctx, (await approveApplicationDecision(tx, ctx, request.params.id)).id, true, municipality, (l) => (letter = l)));
      if (letter) queueCaseLetter(db, letter.ctx, letter.content, request.log);
      return view;
    },
  );

  api.get(
    '/api/pw/applications/:id/letter.html',
    { schema: { tags, summary: 'De besluitbrief (printbaar voorbeeld): bedrag per maand, berekening en bezwaarclausule; de definitieve brief staat als PDF bij de documenten van de zaak', params: appParams }, onRequest: guard('pw:read', 'bijstandsbesluit.brief') },
    async (request, reply) => {
      const municipality = await municipalityOf(request.principal!.tenantId);
      const html = await inTenant(db, request, (tx, ctx) => applicationLetter(tx, ctx, request.params.id, municipality));
      return reply
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
}
