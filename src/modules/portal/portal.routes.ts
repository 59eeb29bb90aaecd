import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { withResident, withTenant, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../../platform/audit/audit.service.js';
import { isValidBsn } from '../../platform/elfproef.js';
import { AppError } from '../../platform/errors.js';
import { errorResponses, uuidParam } from '../../platform/http/schemas.js';
import { parentSpanIdFor } from '../../platform/http/trace.js';
import { discardUpload, newStorageKey } from '../documents/document.service.js';
import { eServiceDraftSchema, eServiceReceiptSchema, eServiceSavedSchema, eServiceStartSchema, eServiceSubmissionSchema } from '../participatiewet/pw.special-assistance.schema.js';
import { checkEServiceUploadAllowed, eServiceStart, saveEServiceDraft, submitEService } from '../participatiewet/pw.special-assistance.eservice.js';
import { hasRunningBenefit } from '../participatiewet/pw.income-submission.service.js';
import { addDocument } from '../documents/document.service.js';
import type { DocumentStore } from '../documents/document.store.js';
import { receiveUpload } from '../documents/document.upload.js';
import { residentIdByBsn } from '../residents/resident.service.js';
import { listTenants } from '../tenants/tenant.service.js';
import { queueRequestLetters } from './document-request.letter.js';
import { finishLogin, LOGIN_COOKIE, LOGIN_COOKIE_MINUTES, oidcTargetFor, openLoginAttempt, safeReturnPath, sealLoginAttempt, startLogin } from './portal.oidc.js';
import { portalCaseSchema, portalCasesSchema, portalMeSchema, portalUploadedSchema } from './portal.schema.js';
import { getMyCase, getPortalMe, listMyCases, openRequestOf, readMyLetter, recordResidentLogin, residentAuditContext, sendRequestedDocument } from './portal.service.js';
import { endResidentSession, resolveResidentSession, RESIDENT_COOKIE, startResidentSession, type ResidentPrincipal } from './portal.session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the portal's guard: the signed-in resident. */
    resident?: ResidentPrincipal;
  }
}

export interface PortalRouteOptions {
  db: Kysely<DB>;
  store: DocumentStore;
  maxBytes: number;
  sessionSecret: string;
  env: 'development' | 'test' | 'production';
  /** KOERS_PUBLIC_URL; without it (not in production) the request's own origin. */
  publicUrl: string | undefined;
  /** Sign in through the DigiD-simulatie where a municipality has no provider set. */
  simulation: boolean;
}

const tags = ['Mijn gemeente (inwoners)'];
const idParam = (what: string) => z.object({ id: uuidParam(what) });
const loginQuery = z.object({
  gemeente: z.string().optional().describe('CBS-code van de gemeente, bijvoorbeeld GM0935'),
  terug: z.string().optional().describe('Pagina van Mijn gemeente om na het inloggen naar terug te gaan'),
});

export const EXPIRED_MESSAGE = 'Uw sessie is verlopen. Log opnieuw in met DigiD om verder te gaan.';
export const NOT_SIGNED_IN_MESSAGE = 'U bent niet ingelogd. Log in met DigiD om Mijn gemeente te gebruiken.';

type AsResident = <T>(request: FastifyRequest, work: (tx: Tx, ctx: AuditContext, resident: ResidentPrincipal) => Promise<T>) => Promise<T>;

/**
 * A document the resident sends on their own file (no case) from a form: streamed and checked first,
 * then stored with its row and audit in one resident transaction; nothing is left behind on failure.
 * The caller checks the day's limit before, in a transaction that ends before the upload is read.
 */
export async function storeResidentFileUpload(request: FastifyRequest, asResident: AsResident, store: DocumentStore, maxBytes: number) {
  const received = await receiveUpload(request, await store.tempDir(), maxBytes);
  let storageKey: string | undefined;
  try {
    return await asResident(request, async (tx, ctx, resident) => {
      storageKey = newStorageKey(resident.tenantId);
      const doc = await addDocument(tx, { ...ctx, resident: true }, store, { residentId: resident.residentId, caseId: null, upload: received, storageKey });
      return { id: doc.id, fileName: doc.fileName, uploadedAt: doc.uploadedAt };
    });
  } catch (error) {
    await discardUpload(store, received, storageKey ?? 'none');
    throw error;
  }
}

export async function portalRoutes(app: FastifyInstance, options: PortalRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, store, maxBytes, sessionSecret } = options;
  const secure = options.env === 'production';
  await app.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: maxBytes + 1, files: 1 } });

  /**
   * Koers' own address for the sign-in (redirect URI, and the DigiD-simulatie's issuer, which Koers also
   * calls itself). Never taken from the request as it comes: a forged Host (or X-Forwarded-Host) would make
   * Koers fetch the provider's keys and send the client secret to the attacker's server and accept its
   * tokens. Without KOERS_PUBLIC_URL (never in production) only this server on the loopback interface is
   * accepted: localhost, 127.0.0.1 or [::1] with the port Koers listens on.
   */
  const originOf = (request: FastifyRequest): string => {
    if (options.publicUrl) return options.publicUrl;
    if (options.env === 'production') throw new AppError('SERVICE_UNAVAILABLE', 'Inloggen is nu niet mogelijk: het adres van Koers (KOERS_PUBLIC_URL) is niet ingesteld.');
    const host = request.host.toLowerCase();
    const loopback = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?$/.exec(host);
    const port = loopback?.[2] ? Number(loopback[2]) : request.protocol === 'https' ? 443 : 80;
    if (!loopback || port !== request.socket.localPort) {
      throw new AppError('SERVICE_UNAVAILABLE', 'Inloggen kan zo alleen via localhost. Stel KOERS_PUBLIC_URL in op het adres waarop inwoners Koers openen.');
    }
    return `${request.protocol}://${host}`;
  };

  /** Guard of every portal API route: a live resident session, else 401 with a Dutch message. */
  const requireResident = async (request: FastifyRequest): Promise<void> => {
    const session = await resolveResidentSession(db, sessionSecret, request.cookies[RESIDENT_COOKIE]);
    if (!session.resident) throw new AppError('UNAUTHENTICATED', session.ended === 'expired' ? EXPIRED_MESSAGE : NOT_SIGNED_IN_MESSAGE);
    request.resident = session.resident;
  };

  /** The portal's unit of work: tenant and resident pinned (the database shows this resident's rows only), the resident as actor. */
  const asResident = <T>(request: FastifyRequest, work: (tx: Tx, ctx: AuditContext, resident: ResidentPrincipal) => Promise<T>): Promise<T> => {
    const resident = request.resident;
    if (!resident) throw new AppError('UNAUTHENTICATED', NOT_SIGNED_IN_MESSAGE);
    return withResident(db, resident.tenantId, resident.residentId, (tx) => work(tx, residentAuditContext(resident, request.id, parentSpanIdFor(request.headers)), resident));
  };

  api.get(
    '/mijn/inloggen',
    { schema: { tags, summary: 'Inloggen met DigiD (stuurt door naar de inlogdienst van de gemeente)', querystring: loginQuery }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const tenantId = request.query.gemeente ?? '';
      if (!(await listTenants(db)).some((t) => t.id === tenantId)) return reply.redirect('/mijn?melding=kies-gemeente');
      const origin = originOf(request);
      const target = await oidcTargetFor(db, tenantId, { sessionSecret, simulation: options.simulation, origin });
      const { url, attempt } = await startLogin(target, `${origin}/mijn/inloggen/terug`, tenantId, safeReturnPath(request.query.terug));
      reply.setCookie(LOGIN_COOKIE, sealLoginAttempt(attempt, sessionSecret), { httpOnly: true, sameSite: 'lax', secure, path: '/mijn/inloggen', maxAge: LOGIN_COOKIE_MINUTES * 60 });
      return reply.redirect(url.href);
    },
  );

  api.get(
    '/mijn/inloggen/terug',
    { schema: { tags, summary: 'Terugkeer van de inlogdienst (authorization code)', hide: true }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const attempt = openLoginAttempt(request.cookies[LOGIN_COOKIE], sessionSecret);
      reply.clearCookie(LOGIN_COOKIE, { path: '/mijn/inloggen' });
      if (!attempt) return reply.redirect('/mijn?melding=inloggen-verlopen');
      const origin = originOf(request);
      let bsn: string;
      let simulated: boolean;
      try {
        const target = await oidcTargetFor(db, attempt.tenantId, { sessionSecret, simulation: options.simulation, origin });
        simulated = target.allowHttp;
        bsn = await finishLogin(target, new URL(request.url, origin), attempt);
      } catch (error) {
        // The reason goes to the log (never a token or secret: only the error's name and message).
        request.log.warn({ reason: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown' }, 'portal login refused');
        return reply.redirect('/mijn?melding=inloggen-mislukt');
      }
      // The simulation only ever signs in the fictitious 999 range: a token for any other BSN is refused, whoever made it.
      if (simulated && !bsn.startsWith('999')) return reply.redirect('/mijn?melding=onbekend');
      const residentId = isValidBsn(bsn) ? await withTenant(db, attempt.tenantId, (tx) => residentIdByBsn(tx, bsn)) : undefined;
      if (!residentId) return reply.redirect('/mijn?melding=onbekend');
      const resident = { tenantId: attempt.tenantId, residentId };
      await withResident(db, resident.tenantId, residentId, (tx) => recordResidentLogin(tx, residentAuditContext(resident, request.id, parentSpanIdFor(request.headers)), resident));
      const session = await startResidentSession(db, sessionSecret, resident);
      reply.setCookie(RESIDENT_COOKIE, session.cookieValue, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: session.expiresAt });
      return reply.redirect(attempt.returnTo);
    },
  );

  api.post(
    '/api/mijn/uitloggen',
    { schema: { tags, summary: 'Uitloggen uit Mijn gemeente', security: [], response: { 204: z.null().describe('Uitgelogd') } } },
    async (request, reply) => {
      await endResidentSession(db, sessionSecret, request.cookies[RESIDENT_COOKIE]);
      reply.clearCookie(RESIDENT_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  const residentRoute = { onRequest: requireResident };

  api.get(
    '/api/mijn/ik',
    { schema: { tags, summary: 'De ingelogde inwoner', security: [], response: { 200: portalMeSchema, ...errorResponses(401) } }, ...residentRoute },
    async (request) =>
      asResident(request, async (tx, ctx, resident) => ({ ...(await getPortalMe(tx, ctx, db, resident)), hasRunningBenefit: await hasRunningBenefit(tx, resident.residentId), sessionEndsAt: resident.sessionEndsAt ?? new Date().toISOString() })),
  );

  api.get(
    '/api/mijn/aanvragen',
    { schema: { tags, summary: 'Mijn aanvragen: alle zaken van de inwoner met status en termijn in gewone woorden', security: [], response: { 200: portalCasesSchema, ...errorResponses(401) } }, ...residentRoute },
    async (request) => asResident(request, async (tx, ctx, resident) => ({ items: await listMyCases(tx, ctx, resident) })),
  );

  api.get(
    '/api/mijn/aanvragen/:id',
    { schema: { tags, summary: 'Eén aanvraag met brieven en verzoeken om documenten', security: [], params: idParam('Aanvraag'), response: { 200: portalCaseSchema, ...errorResponses(400, 401, 404) } }, ...residentRoute },
    async (request) => asResident(request, (tx, ctx, resident) => getMyCase(tx, ctx, resident, request.params.id)),
  );

  api.get(
    '/api/mijn/brieven/:id',
    { schema: { tags, summary: 'Brief downloaden (PDF)', security: [], params: idParam('Brief'), produces: ['application/pdf'] }, ...residentRoute },
    async (request, reply) => {
      const letter = await asResident(request, (tx, ctx) => readMyLetter(tx, ctx, request.params.id));
      return reply
        .type(letter.mediaType)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${letter.filename}"`)
        .send(letter.bytes);
    },
  );

  api.post(
    '/api/mijn/verzoeken/:id/documenten',
    {
      schema: {
        tags,
        summary: 'Document sturen voor een verzoek van de gemeente (PDF, JPEG of PNG)',
        description: 'Formulier (multipart/form-data) met `kind` (bewijsstuk) en `file`. Alleen zolang de hersteltermijn loopt.',
        consumes: ['multipart/form-data'],
        security: [],
        params: idParam('Verzoek'),
        response: { 201: portalUploadedSchema, ...errorResponses(400, 401, 404, 409) },
      },
      ...residentRoute,
    },
    async (request, reply) => {
      // Checked before the upload is read, in a transaction that ends before it: a slow upload never holds the database.
      await asResident(request, (tx, _ctx, resident) => openRequestOf(tx, resident, request.params.id));
      const received = await receiveUpload(request, await store.tempDir(), maxBytes);
      let storageKey: string | undefined;
      try {
        const stored = await asResident(request, (tx, ctx, resident) => {
          storageKey = newStorageKey(resident.tenantId);
          return sendRequestedDocument(tx, ctx, store, resident, { requestId: request.params.id, upload: received, storageKey });
        });
        return reply.status(201).send(stored);
      } catch (error) {
        await discardUpload(store, received, storageKey ?? 'none');
        throw error;
      }
    },
  );

  // --- E-service bijzondere bijstand (issue #12 §2): the form, saved to continue later, the uploads, sending it. ---

  api.get(
    '/api/mijn/bijzondere-bijstand',
    { schema: { tags, summary: 'Het formulier bijzondere bijstand: soorten kosten, het bewaarde formulier en wat de gemeente al weet', security: [], response: { 200: eServiceStartSchema, ...errorResponses(401) } }, ...residentRoute },
    async (request) => asResident(request, (tx, ctx, resident) => eServiceStart(tx, ctx, resident.residentId)),
  );

  api.put(
    '/api/mijn/bijzondere-bijstand/concept',
    { schema: { tags, summary: 'Het formulier bewaren om later verder te gaan', security: [], body: eServiceDraftSchema, response: { 200: eServiceSavedSchema, ...errorResponses(400, 401, 429) } }, config: { rateLimit: { max: 60, timeWindow: '1 minute' } }, ...residentRoute },
    async (request) => asResident(request, (tx, ctx, resident) => saveEServiceDraft(tx, ctx, resident.residentId, request.body)),
  );

  api.post(
    '/api/mijn/bijzondere-bijstand/documenten',
    {
      schema: {
        tags,
        summary: 'Een document voor het formulier bijzondere bijstand sturen (PDF, JPEG of PNG)',
        description: 'Formulier (multipart/form-data) met `kind` (bewijsstuk) en `file`. Het document komt in het dossier van de inwoner; het formulier noemt het bij het versturen.',
        consumes: ['multipart/form-data'],
        security: [],
        response: { 201: portalUploadedSchema, ...errorResponses(400, 401, 409, 429) },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      ...residentRoute,
    },
    async (request, reply) => {
      // The day's limit is checked before the upload is read, in a transaction that ends before it.
      await asResident(request, (tx, _ctx, resident) => checkEServiceUploadAllowed(tx, resident.residentId));
      return reply.status(201).send(await storeResidentFileUpload(request, asResident, store, maxBytes));
    },
  );

  api.post(
    '/api/mijn/bijzondere-bijstand',
    { schema: { tags, summary: 'De aanvraag bijzondere bijstand versturen; het antwoord is de ontvangstbevestiging met het zaaknummer', security: [], body: eServiceSubmissionSchema, response: { 201: eServiceReceiptSchema, ...errorResponses(400, 401, 409, 429) } }, config: { rateLimit: { max: 30, timeWindow: '1 minute' } }, ...residentRoute },
    async (request, reply) => {
      let ctx: AuditContext | undefined;
      const receipt = await asResident(request, (tx, c, resident) => submitEService(tx, (ctx = c), resident.residentId, request.body));
      // After the commit: the letter of the request for what is missing (if any) is printed and stored with the case.
      queueRequestLetters(db, ctx!, receipt.caseId, request.log);
      return reply.status(201).send(receipt);
    },
  );
}
