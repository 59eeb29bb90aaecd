// "Hulp bij geldzaken" in Mijn gemeente (issue #12 §4): the resident asks for debt help online and sees
// how their request stands. The registration is the debt module's (`registerDebtCaseOnline`): the same
// as at the desk, channel `inwoner`. Guarded and run like every portal route: a live resident session,
// and a unit of work with tenant and resident pinned (the database shows only this resident's rows).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withResident, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { parentSpanIdFor } from '../../platform/http/trace.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { getDebtCase, listOwnDebtCases, registerDebtCaseOnline } from '../debt/debt.service.js';
import { debtHelpRequestSchema, portalDebtHelpListSchema, portalDebtHelpReceiptSchema } from './portal.debt.schema.js';
import { debtHelpInWords } from './portal.debt.words.js';
import { EXPIRED_MESSAGE, NOT_SIGNED_IN_MESSAGE } from './portal.routes.js';
import { residentAuditContext } from './portal.service.js';
import { resolveResidentSession, RESIDENT_COOKIE, type ResidentPrincipal } from './portal.session.js';

const tags = ['Mijn gemeente (inwoners)'];

export async function portalDebtRoutes(app: FastifyInstance, options: { db: Kysely<DB>; sessionSecret: string }): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, sessionSecret } = options;

  const requireResident = async (request: FastifyRequest): Promise<void> => {
    const session = await resolveResidentSession(db, sessionSecret, request.cookies[RESIDENT_COOKIE]);
    if (!session.resident) throw new AppError('UNAUTHENTICATED', session.ended === 'expired' ? EXPIRED_MESSAGE : NOT_SIGNED_IN_MESSAGE);
    request.resident = session.resident;
  };
  const asResident = <T>(request: FastifyRequest, work: (tx: Tx, ctx: AuditContext, resident: ResidentPrincipal) => Promise<T>): Promise<T> => {
    const resident = request.resident;
    if (!resident) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN_MESSAGE);
    return withResident(db, resident.tenantId, resident.residentId, (tx) => work(tx, residentAuditContext(resident, request.id, parentSpanIdFor(request.headers)), resident));
  };

  api.get(
    '/api/mijn/geldzaken',
    { schema: { tags, summary: 'Hulp bij geldzaken: de aanvragen van de inwoner met de stand en de datum waarop de gemeente contact opneemt', security: [], response: { 200: portalDebtHelpListSchema, ...errorResponses(401) } }, onRequest: requireResident },
    async (request) =>
      asResident(request, async (tx, ctx, resident) => {
        const today = todayInAmsterdam();
        return { items: (await listOwnDebtCases(tx, ctx, resident.residentId, today)).map((c) => debtHelpInWords(c, today)) };
      }),
  );

  api.post(
    '/api/mijn/geldzaken',
    {
      schema: {
        tags,
        summary: 'Hulp bij geldzaken vragen (aanmelding schuldhulp). Bij dreigende ontruiming, afsluiting of opzegging: contact binnen 3 werkdagen, anders binnen 4 weken',
        description: 'Tweemaal verzonden met dezelfde verzendsleutel geeft één aanmelding (200 met dezelfde ontvangstbevestiging). Eén lopende aanvraag per inwoner (409).',
        security: [],
        body: debtHelpRequestSchema,
        response: { 200: portalDebtHelpReceiptSchema, 201: portalDebtHelpReceiptSchema, ...errorResponses(400, 401, 409, 429) },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      onRequest: requireResident,
    },
    async (request, reply) => {
      const b = request.body;
      const { receipt, replayed } = await asResident(request, async (tx, ctx, resident) => {
        const today = todayInAmsterdam();
        const { id, replayed } = await registerDebtCaseOnline(tx, ctx, {
          residentId: resident.residentId,
          helpQuestion: b.situation,
          threatEviction: b.threatEviction,
          threatUtilityCutoff: b.threatUtilityCutoff,
          threatInsuranceTermination: b.threatInsuranceTermination,
          submissionKey: b.submissionKey,
          contact: { by: b.contactBy, phone: b.contactBy === 'telefoon' ? (b.phone ?? null) : null, email: b.contactBy === 'e-mail' ? (b.email ?? null) : null, time: b.contactTime },
        }, today);
        return { receipt: debtHelpInWords(await getDebtCase(tx, ctx, id, today), today), replayed };
      });
      return reply.status(replayed ? 200 : 201).send(receipt);
    },
  );
}
