import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from './db/database.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { RESOURCE } from './platform/audit/audit.service.js';
import { SESSION_COOKIE, authRoutes } from './platform/auth/auth.routes.js';
import { NO_SESSION, resolveSession, resolveSessionOpening } from './platform/auth/auth.service.js';
import type { Config } from './platform/config.js';
import { AppError } from './platform/errors.js';
import { dutchZodError } from './platform/http/dutch-errors.js';
import { answerFrameworkError, registerErrorHandler } from './platform/http/error-handler.js';
import { rejectControlCharacters } from './platform/http/input-guard.js';
import { databaseRateLimitStore } from './platform/http/rate-limit.store.js';
import { maskBsnLike, traceIdFor } from './platform/http/trace.js';
import { residentRoutes } from './modules/residents/resident.routes.js';
import { accessRoutes } from './modules/access/access.routes.js';
import { exchangeRoutes } from './modules/exchange/exchange.routes.js';
import { providerApiRoutes } from './modules/exchange/exchange.api.routes.js';
import { workRoutes } from './modules/work/work.routes.js';
import { productRoutes } from './modules/catalogue/product.routes.js';
import { caseRoutes } from './modules/cases/case.routes.js';
import { caseNoteRoutes } from './modules/cases/case-note.routes.js';
import { conversationRoutes } from './modules/conversations/conversation.routes.js';
import { decisionRoutes } from './modules/decisions/decision.routes.js';
import { financeRoutes } from './modules/finance/finance.routes.js';
import { insightsRoutes } from './modules/insights/insights.routes.js';
import { steeringReportRoutes } from './modules/insights/insights.report.routes.js';
import { signalRoutes } from './modules/signals/signal.routes.js';
import { programmeRoutes } from './modules/programme/programme.routes.js';
import { programmeTransferRoutes } from './modules/programme/programme.transfer.routes.js';
import { providerRoutes } from './modules/providers/provider.routes.js';
import { contractRoutes } from './modules/contracts/contract.routes.js';
import { pwNormRoutes } from './modules/participatiewet/pw.norms.routes.js';
// Participatiewet: income statements, recovery, re-examination (issue #11).
import { pwIncomeStatementRoutes } from './modules/participatiewet/pw.income-statement.routes.js';
import { pwRecoveryRoutes } from './modules/participatiewet/pw.recovery.routes.js';
import { pwReexaminationRoutes } from './modules/participatiewet/pw.reexamination.routes.js';
import { pwApplicationRoutes } from './modules/participatiewet/pw.application.routes.js';
import { pwSpecialAssistanceRoutes } from './modules/participatiewet/pw.special-assistance.routes.js';
import { pwForecastRoutes } from './modules/participatiewet/pw.forecast.routes.js';
import { controlFrameworkRoutes } from './modules/controls/framework.routes.js';
import { controlRunRoutes } from './modules/controls/control-run.routes.js';
import { findingRoutes } from './modules/controls/finding.routes.js';
import { legalityRoutes } from './modules/controls/legality.routes.js';
import { controlSampleRoutes } from './modules/controls/sample.routes.js';
import { retentionRoutes } from './modules/retention/retention.routes.js';
import { pwPaymentRunRoutes } from './modules/participatiewet/pw.payment-run.routes.js';
import { tenantRoutes } from './modules/tenants/tenant.routes.js';
import { notificationRoutes } from './modules/notifications/notification.routes.js';
import { letterRoutes } from './modules/letters/letter.routes.js';
import { documentRoutes } from './modules/documents/document.routes.js';
import { debtRoutes } from './modules/debt/debt.routes.js';
import { sweepDocumentFiles } from './modules/documents/document.service.js';
import { documentStoreFor } from './modules/documents/document.store.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { digidSimulationRoutes } from './modules/portal/digid-simulation.js';
import { documentRequestRoutes } from './modules/portal/document-request.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { portalDebtRoutes } from './modules/portal/portal.debt.routes.js';
import { portalIncomeRoutes } from './modules/portal/portal.income.routes.js';
import { adoptSessionUnitOfWork, endUnitsOfWork, looksUpSessionInUnitOfWork, openingCheckFor, readsInOneTransaction, refuseUntilOwnPassword, stayOnPrimaryAfterWrites } from './platform/http/request-context.js';

// Validation messages in Dutch wherever a schema does not give its own: our sentences first, zod's
// Dutch locale for anything they do not cover.
z.config(z.locales.nl());
z.config({ customError: dutchZodError });

/** Largest request body (fastify's default, made explicit): the largest form is a few kB. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  config: Config;
  database: Database;
  /** The read replica (DATABASE_REPLICA_URL, opened read-only): dashboards, reports and signal lists read there. */
  replica?: Database;
  /** Folder with the built web front end; null serves the API only. */
  webRoot?: string | null;
  /** Extra pino options (level, destination); the privacy redaction always applies. */
  logger?: { level?: string; stream?: NodeJS.WritableStream };
  /** Called for every route as it is registered (tests use it to check the OpenAPI document). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export const DEFAULT_WEB_ROOT = path.resolve(import.meta.dirname, '../web/dist');

function loggerOptions(config: Config, extra: AppOptions['logger']): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...extra,
    // Never log personal data: no bodies, no cookies, and anything shaped like a BSN masked.
    redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: maskBsnLike(req.url), ip: req.ip }),
    },
  };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const { db } = database;
  const sessionSettings = { secret: config.sessionSecret, hours: config.sessionHours, idleMinutes: config.sessionIdleMinutes };
  const app = Fastify({
    logger: loggerOptions(config, options.logger),
    genReqId: traceIdFor,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: answerFrameworkError,
  });
  if (options.onRoute) {
    const onRoute = options.onRoute;
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') onRoute({ method, url: route.url });
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: config.env === 'production',
  });
  await app.register(cookie);
  // Counted in the database, not in process memory: several server processes count one client together.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db, config.sessionSecret) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Koers API',
        version: RESOURCE.version,
        description: 'Het sociaal domein van de gemeente in één systeem. Alle tekst voor gebruikers is Nederlands.',
      },
      components: {
        securitySchemes: {
          sessie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          // Care providers' software (the provider API under /api/berichten): the token of a machine account.
          machineaccount: { type: 'http', scheme: 'bearer', description: 'Token van een machineaccount van de aanbieder (Beheer → Machineaccounts)' },
        },
      },
      security: [{ sessie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    request.principal = null;
    request.sessionEndedIdle = false;
    if (request.url.startsWith('/api/')) {
      if (looksUpSessionInUnitOfWork(request)) {
        // One round trip for the session check and the start of the unit of work (request-context.ts).
        // With the route guard's first query in the same statement, when the guard offers it.
        const now = new Date();
        const opened = await resolveSessionOpening(db, sessionSettings, request.cookies[SESSION_COOKIE], now, openingCheckFor(request, now));
        if (opened === NO_SESSION) return;
        if (opened && 'tx' in opened) {
          request.principal = opened.principal;
          adoptSessionUnitOfWork(db, request, opened.principal, opened.tx, opened.checked);
          return;
        }
      }
      const session = await resolveSession(db, sessionSettings, request.cookies[SESSION_COOKIE]);
      request.principal = session.principal;
      request.sessionEndedIdle = session.principal === null && session.ended === 'idle';
      if (session.principal?.mustChangePassword) refuseUntilOwnPassword(request);
    }
  });
  app.decorateRequest('principal', null);
  readsInOneTransaction(app);
  app.addHook('preValidation', rejectControlCharacters);
  app.decorateRequest('sessionEndedIdle', false);
  endUnitsOfWork(app);
  if (options.replica) stayOnPrimaryAfterWrites(app, config.env === 'production');
  // API answers carry personal data (and errors about it): no browser or proxy may keep a copy, e.g.
  // for the back button on a shared counter computer. A route that sets its own header keeps it.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await sql`select 1`.execute(db);
    return { status: 'ok', database: database.kind };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Reads that tolerate seconds of lag, on the read replica when one is configured (docs/scaling.md).
  const reads = { db, replica: options.replica?.db };
  await app.register(tenantRoutes, { db });
  await app.register(authRoutes, {
    db,
    session: sessionSettings,
    secureCookies: config.env === 'production',
  });
  await app.register(residentRoutes, { db });
  await app.register(auditRoutes, { db });
  await app.register(programmeRoutes, { db });
  await app.register(programmeTransferRoutes, { db });
  await app.register(productRoutes, { db });
  await app.register(providerRoutes, { db });
  await app.register(contractRoutes, { db });
  await app.register(pwNormRoutes, { db });
  await app.register(pwIncomeStatementRoutes, { db });
  await app.register(pwRecoveryRoutes, { db });
  await app.register(pwReexaminationRoutes, { db });
  await app.register(pwApplicationRoutes, { db });
  await app.register(pwSpecialAssistanceRoutes, { db });
  await app.register(pwForecastRoutes, { db });
  await app.register(controlRunRoutes, { db });
  await app.register(findingRoutes, { db });
  await app.register(legalityRoutes, { db });
  await app.register(controlSampleRoutes, { db });
  // Files under the data folder, or an S3-compatible bucket (KOERS_DOCUMENT_STORE=s3); a store that cannot be reached stops the start.
  const documentStore = documentStoreFor(config);
  await documentStore.check();
  // After a destruction has committed, the files of the destroyed documents go too (a failure is logged; the next run retries).
  const afterDestroy = async (tenantId: string) => {
    try {
      await sweepDocumentFiles(db, documentStore, tenantId);
    } catch (error) {
      app.log.error({ err: error, tenantId }, 'document files of destroyed documents not removed');
    }
  };
  await app.register(retentionRoutes, { db, afterDestroy });
  await app.register(pwPaymentRunRoutes, { db });
  await app.register(accessRoutes, { db });
  await app.register(caseRoutes, { db });
  await app.register(caseNoteRoutes, { db });
  await app.register(conversationRoutes, { db });
  await app.register(decisionRoutes, { db });
  await app.register(financeRoutes, { db });
  await app.register(insightsRoutes, reads);
  await app.register(steeringReportRoutes, reads);
  await app.register(signalRoutes, reads);
  await app.register(notificationRoutes, { db });
  await app.register(workRoutes, { db });
  await app.register(letterRoutes, { db });
  await app.register(documentRoutes, { db, store: documentStore, maxBytes: config.documentMaxBytes });
  await app.register(debtRoutes, { db });
  await app.register(adminRoutes, { db });
  // The resident portal /mijn (docs/resident-portal.md): its own sessions and cookie; the DigiD-simulatie never in production.
  const publicUrl = config.publicUrl;
  await app.register(portalRoutes, { db, store: documentStore, maxBytes: config.documentMaxBytes, sessionSecret: config.sessionSecret, env: config.env, publicUrl, simulation: config.digidSimulation });
  await app.register(portalDebtRoutes, { db, sessionSecret: config.sessionSecret });
  await app.register(portalIncomeRoutes, { db, store: documentStore, maxBytes: config.documentMaxBytes, sessionSecret: config.sessionSecret });
  await app.register(documentRequestRoutes, { db });
  if (config.digidSimulation) {
    await app.register(digidSimulationRoutes, {
      db,
      sessionSecret: config.sessionSecret,
      env: config.env,
      originOf: (request) => publicUrl ?? `${request.protocol}://${request.host}`,
    });
  }
  await app.register(controlFrameworkRoutes, { db });
  await app.register(exchangeRoutes, { db, istandaardenDir: config.istandaardenDir });
  await app.register(providerApiRoutes, { db, istandaardenDir: config.istandaardenDir });

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  const serveWeb = webRoot !== null && existsSync(path.join(webRoot, 'index.html'));
  // preCompressed: the build writes .br and .gz next to each text asset (src/platform/http/precompress.ts); they go out with
  // Content-Encoding and Vary: accept-encoding to a client that accepts them, the plain file to others.
  if (serveWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'], preCompressed: true });
  app.setNotFoundHandler(async (request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (serveWeb && wantsPage) return reply.type('text/html').sendFile('index.html');
    throw new AppError('NOT_FOUND', 'Deze pagina of dit adres bestaat niet.');
  });
  return app;
}
