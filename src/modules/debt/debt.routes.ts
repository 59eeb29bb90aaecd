import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { asActor, inTenant, requirePermission } from '../../platform/http/request-context.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { requireResidentAccess } from '../residents/resident.guard.js';
import {
  arrearsImportDetailSchema,
  arrearsImportResultSchema,
  arrearsImportSchema,
  arrearsImportsSchema,
  debtCaseListQuerySchema,
  debtCaseSchema,
  debtCasesSchema,
  debtTermsSchema,
  decisionSchema,
  endDebtHelpSchema,
  firstConversationSchema,
  kpiQuerySchema,
  outcomeSchema,
  outreachKpisSchema,
  outreachListSchema,
  outreachQuerySchema,
  outreachSchema,
  planSchema,
  registerDebtCaseSchema,
} from './debt.schema.js';
import { ACTIVITY, debtCaseSubject, decideDebtCase, endDebtHelp, getDebtCase, listDebtCases, listDebtTerms, recordFirstConversation, recordPlan, registerDebtCase } from './debt.service.js';
import { getArrearsImport, getOutreach, importArrears, listArrearsImports, listOutreach, outreachKpis, outreachSubject, recordOutreachOutcome } from './debt.signals.service.js';

const tags = ['Schuldhulpverlening'];
const idParam = (what: string) => z.object({ id: uuidParam(what) });
const residentParam = z.object({ residentId: uuidParam('Inwoner') });
const yesNo = (v: 'ja' | 'nee' | undefined) => (v === undefined ? undefined : v === 'ja');

// Debt help is care: `care` scope, so the KCC's first line does not reach it (and lacks debt:* anyway).
const read = (name: string, subject = debtCaseSubject) => ({ permission: 'debt:read' as const, activity: ACTIVITY, name, scope: 'care' as const, subject });
const write = (name: string, subject = debtCaseSubject) => ({ permission: 'debt:write' as const, activity: ACTIVITY, name, scope: 'care' as const, subject });

export async function debtRoutes(app: FastifyInstance, options: { db: Kysely<DB> }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.get(
    '/api/debt/terms',
    { schema: { tags, summary: 'De termijnen van schuldhulp en vroegsignalering, met hun bron', response: { 200: debtTermsSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('debt:read') },
    async () => listDebtTerms(),
  );

  api.get(
    '/api/debt/cases',
    { schema: { tags, summary: 'Aanmeldingen schuldhulp van inwoners met wie u een relatie heeft', querystring: debtCaseListQuerySchema, response: { 200: debtCasesSchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('debt:read') },
    async (request) => asActor(db, request, (tx, ctx) => listDebtCases(tx, ctx, { open: yesNo(request.query.open) })),
  );

  api.post(
    '/api/residents/:residentId/debt-cases',
    {
      schema: { tags, summary: 'Aanmelding schuldhulp vastleggen (door een medewerker); de termijn van het eerste gesprek volgt uit de crisissignalen', params: residentParam, body: registerDebtCaseSchema, response: { 201: debtCaseSchema, ...errorResponses(400, 401, 403, 404, 409) } },
      onRequest: requireResidentAccess(db, { permission: 'debt:write', activity: ACTIVITY, name: 'schuldhulp.aanmelden', scope: 'care' }),
    },
    async (request, reply) => {
      const view = await asActor(db, request, async (tx, ctx) => {
        const { id } = await registerDebtCase(tx, ctx, { ...request.body, residentId: request.params.residentId, channel: 'medewerker', registeredBy: ctx.actorId });
        return getDebtCase(tx, ctx, id);
      });
      return reply.status(201).send(view);
    },
  );

  api.get(
    '/api/debt/cases/:id',
    { schema: { tags, summary: 'Eén aanmelding schuldhulp', params: idParam('Aanmelding'), response: { 200: debtCaseSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requireResidentAccess(db, read('schuldhulp.raadplegen')) },
    async (request) => inTenant(db, request, (tx, ctx) => getDebtCase(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/debt/cases/:id/first-conversation',
    { schema: { tags, summary: 'Het eerste gesprek vastleggen', params: idParam('Aanmelding'), body: firstConversationSchema, response: { 200: debtCaseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, write('schuldhulp.eerste-gesprek')) },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await recordFirstConversation(tx, ctx, { id: request.params.id, on: request.body.on });
        return getDebtCase(tx, ctx, request.params.id);
      }),
  );

  api.post(
    '/api/debt/cases/:id/plan',
    { schema: { tags, summary: 'Het plan van aanpak vastleggen', params: idParam('Aanmelding'), body: planSchema, response: { 200: debtCaseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, write('schuldhulp.plan-van-aanpak')) },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await recordPlan(tx, ctx, { id: request.params.id, ...request.body });
        return getDebtCase(tx, ctx, request.params.id);
      }),
  );

  api.post(
    '/api/debt/cases/:id/decision',
    { schema: { tags, summary: 'Besluit over de aanmelding: toegelaten of afgewezen (met reden)', params: idParam('Aanmelding'), body: decisionSchema, response: { 200: debtCaseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, write('schuldhulp.besluiten')) },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await decideDebtCase(tx, ctx, { id: request.params.id, ...request.body });
        return getDebtCase(tx, ctx, request.params.id);
      }),
  );

  api.post(
    '/api/debt/cases/:id/end',
    { schema: { tags, summary: 'Het einde van de hulp na toelating vastleggen (afgerond of voortijdig beëindigd); de bewaartermijn begint hier', params: idParam('Aanmelding'), body: endDebtHelpSchema, response: { 200: debtCaseSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, write('schuldhulp.afsluiten')) },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await endDebtHelp(tx, ctx, { id: request.params.id, ...request.body });
        return getDebtCase(tx, ctx, request.params.id);
      }),
  );

  api.post(
    '/api/debt/arrears-imports',
    {
      schema: {
        tags,
        summary: 'Bestand met betalingsachterstanden importeren (vroegsignalering). Bij één fout: alle fouten per rij en kolom, niets geïmporteerd (ok: false)',
        body: arrearsImportSchema,
        response: { 200: arrearsImportResultSchema, ...errorResponses(400, 401, 403) },
      },
      onRequest: requirePermission('debt:write'),
    },
    async (request) => asActor(db, request, (tx, ctx) => importArrears(tx, ctx, request.body)),
  );

  api.get(
    '/api/debt/arrears-imports',
    { schema: { tags, summary: 'Geïmporteerde bestanden met betalingsachterstanden (aantallen)', response: { 200: arrearsImportsSchema, ...errorResponses(401, 403) } }, onRequest: requirePermission('debt:read') },
    async (request) => inTenant(db, request, (tx) => listArrearsImports(tx)),
  );

  api.get(
    '/api/debt/arrears-imports/:id',
    { schema: { tags, summary: 'Eén import, met de rijen waarvan het adres bij geen inwoner hoort', params: idParam('Import'), response: { 200: arrearsImportDetailSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requirePermission('debt:read') },
    async (request) => inTenant(db, request, (tx, ctx) => getArrearsImport(tx, ctx, request.params.id)),
  );

  api.get(
    '/api/debt/outreach',
    { schema: { tags, summary: 'Werklijst vroegsignalering: huishoudens om te benaderen, per gebiedsteam, met de contacttermijn', querystring: outreachQuerySchema, response: { 200: outreachListSchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('debt:read') },
    async (request) => asActor(db, request, (tx, ctx) => listOutreach(tx, ctx, { ...request.query, open: yesNo(request.query.open) })),
  );

  api.get(
    '/api/debt/outreach/:id',
    { schema: { tags, summary: 'Eén vroegsignaal met de achterstanden', params: idParam('Signaal'), response: { 200: outreachSchema, ...errorResponses(400, 401, 403, 404) } }, onRequest: requireResidentAccess(db, read('vroegsignalering.raadplegen', outreachSubject)) },
    async (request) => asActor(db, request, (tx, ctx) => getOutreach(tx, ctx, request.params.id)),
  );

  api.post(
    '/api/debt/outreach/:id/outcome',
    { schema: { tags, summary: 'De uitkomst van het contact vastleggen: bereikt, hulp geaccepteerd, hulp geweigerd of niet bereikt', params: idParam('Signaal'), body: outcomeSchema, response: { 200: outreachSchema, ...errorResponses(400, 401, 403, 404, 409) } }, onRequest: requireResidentAccess(db, write('vroegsignalering.uitkomst', outreachSubject)) },
    async (request) =>
      asActor(db, request, async (tx, ctx) => {
        await recordOutreachOutcome(tx, ctx, { id: request.params.id, ...request.body });
        return getOutreach(tx, ctx, request.params.id);
      }),
  );

  api.get(
    '/api/debt/kpis',
    { schema: { tags, summary: 'Kengetallen vroegsignalering: aandeel bereikt binnen de termijn en aandeel dat hulp accepteert (kleine aantallen onderdrukt)', querystring: kpiQuerySchema, response: { 200: outreachKpisSchema, ...errorResponses(400, 401, 403) } }, onRequest: requirePermission('insights:read') },
    async (request) => inTenant(db, request, (tx) => outreachKpis(tx, request.query)),
  );
}
