import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withResident, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { parentSpanIdFor } from '../../platform/http/trace.js';
import type { DocumentStore } from '../documents/document.store.js';
import { incomeOverviewSchema, incomeReceiptSchema, incomeSubmissionBodySchema } from '../participatiewet/pw.income-submission.schema.js';
import { hasRunningBenefit, residentIncomeOverview, submitResidentIncome } from '../participatiewet/pw.income-submission.service.js';
import { checkEServiceUploadAllowed } from '../participatiewet/pw.special-assistance.eservice.js';
import { EXPIRED_MESSAGE, NOT_SIGNED_IN_MESSAGE, storeResidentFileUpload } from './portal.routes.js';
import { portalUploadedSchema } from './portal.schema.js';
import { residentAuditContext } from './portal.service.js';
import { resolveResidentSession, RESIDENT_COOKIE, type ResidentPrincipal } from './portal.session.js';

// "Inkomsten doorgeven" in Mijn gemeente (issue #12 §1): a resident with a running bijstand benefit gives
// the income of a month, with the payslip, and gets a receipt; a consultant confirms it in Koers
// (docs/resident-portal.md, docs/participatiewet-payments.md). Without a running benefit every route answers 404.

export interface PortalIncomeRouteOptions {
  db: Kysely<DB>;
  store: DocumentStore;
  maxBytes: number;
  sessionSecret: string;
}

const tags = ['Mijn gemeente (inwoners)'];

export async function portalIncomeRoutes(app: FastifyInstance, options: PortalIncomeRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, store, maxBytes, sessionSecret } = options;
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes + 1, files: 1 } });

  const requireResident = async (request: FastifyRequest): Promise<void> => {
    const session = await resolveResidentSession(db, sessionSecret, request.cookies[RESIDENT_COOKIE]);
    if (!session.resident) throw new AppError('UNAUTHENTICATED', session.ended === 'expired' ? EXPIRED_MESSAGE : NOT_SIGNED_IN_MESSAGE);
    request.resident = session.resident;
  };
  /** As in portal.routes.ts: tenant and resident pinned (the database shows this resident's rows only), the resident as actor. */
  const asResident = <T>(request: FastifyRequest, work: (tx: Tx, ctx: AuditContext, resident: ResidentPrincipal) => Promise<T>): Promise<T> => {
    const resident = request.resident;
    if (!resident) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN_MESSAGE);
    return withResident(db, resident.tenantId, resident.residentId, (tx) => work(tx, residentAuditContext(resident, request.id, parentSpanIdFor(request.headers)), resident));
  };
  const residentRoute = { onRequest: requireResident };

  api.get(
    '/api/mijn/inkomsten',
    { schema: { tags, summary: 'Inkomsten doorgeven: de maanden om door te geven en die al doorgegeven zijn (alleen met een lopende bijstandsuitkering)', security: [], response: { 200: incomeOverviewSchema, ...errorResponses(401, 404) } }, ...residentRoute },
    async (request) => asResident(request, (tx, ctx, resident) => residentIncomeOverview(tx, ctx, resident.residentId)),
  );

  api.post(
    '/api/mijn/inkomsten/documenten',
    {
      schema: {
        tags,
        summary: 'Een loonstrook of ander bewijs van inkomen sturen (PDF, JPEG of PNG)',
        description: 'Formulier (multipart/form-data) met `kind` (bewijsstuk) en `file`. Het document komt in het dossier van de inwoner; de opgave noemt het bij het versturen.',
        consumes: ['multipart/form-data'],
        security: [],
        response: { 201: portalUploadedSchema, ...errorResponses(400, 401, 404, 409, 429) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      ...residentRoute,
    },
    async (request, reply) => {
      // Checked before the upload is read, in a transaction that ends before it: a slow upload never holds the database.
      // The day's limit is the e-service's: one count of the resident's own uploads without a case, whichever form sent them.
      const allowed = await asResident(request, async (tx, _ctx, resident) => {
        if (!(await hasRunningBenefit(tx, resident.residentId))) return false;
        await checkEServiceUploadAllowed(tx, resident.residentId);
        return true;
      });
      if (!allowed) throw new AppError('NOT_FOUND', 'U heeft geen bijstandsuitkering die nu loopt. Inkomsten doorgeven kan alleen met een bijstandsuitkering.');
      return reply.status(201).send(await storeResidentFileUpload(request, asResident, store, maxBytes));
    },
  );

  api.post(
    '/api/mijn/inkomsten',
    {
      schema: {
        tags,
        summary: 'De inkomsten van een maand doorgeven; het antwoord is de ontvangstbevestiging. Een consulent bevestigt de opgave voordat die meetelt voor de betaling.',
        security: [],
        body: incomeSubmissionBodySchema,
        response: { 201: incomeReceiptSchema, ...errorResponses(400, 401, 404, 409, 429) },
      },
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      ...residentRoute,
    },
    async (request, reply) => reply.status(201).send(await asResident(request, (tx, ctx, resident) => submitResidentIncome(tx, ctx, resident.residentId, request.body))),
  );
}
