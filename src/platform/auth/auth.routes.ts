import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { errorResponses } from '../http/schemas.js';
import { requirePrincipal } from '../http/request-context.js';
import { findTenantName } from '../../modules/tenants/tenant.service.js';
import { AppError } from '../errors.js';
import { changePassword, logIn, logOut, wrongCurrentPassword, type Principal, type SessionSettings } from './auth.service.js';
import { loginThrottled, loginWaitSeconds, recordLoginFailure, recordLoginSuccess } from './login-throttle.js';
import { changePasswordBodySchema, loginBodySchema, meSchema, type Me } from './auth.schema.js';

export const SESSION_COOKIE = 'koers_session';

export interface AuthRouteOptions {
  db: Kysely<DB>;
  session: SessionSettings;
  secureCookies: boolean;
}

async function toMe(db: Kysely<DB>, principal: Principal): Promise<Me> {
  return {
    username: principal.username,
    displayName: principal.displayName,
    roles: principal.roles,
    permissions: principal.permissions,
    tenant: principal.tenantId,
    tenantName: (await findTenantName(db, principal.tenantId)) ?? principal.tenantId,
    mustChangePassword: principal.mustChangePassword === true,
  };
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;

  api.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['Authenticatie'],
        summary: 'Inloggen met gebruikersnaam en wachtwoord',
        description:
          'Zet een httpOnly sessiecookie (SameSite=Strict). Maximaal 120 pogingen per minuut per adres. Na 5 mislukte pogingen voor een account vanaf één adres moet dat adres steeds langer wachten (1 seconde, verdubbelend tot 15 minuten; 429 met Retry-After); na 50 mislukte pogingen voor een account vanaf alle adressen samen geldt dat ook voor adressen waarvandaan het account niet eerder met succes inlogde.',
        body: loginBodySchema,
        response: { 200: meSchema, ...errorResponses(400, 401, 429) },
      },
      config: {
        // Per address generous (a town hall's staff share one address); login-throttle.ts does the real work.
        rateLimit: { max: 120, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const attempt = { tenantId: request.body.tenant, username: request.body.username, address: request.ip };
      const wait = await loginWaitSeconds(db, options.session.secret, attempt);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw loginThrottled(wait);
      }
      const session = await logIn(db, options.session, {
        tenantId: request.body.tenant,
        username: request.body.username,
        password: request.body.password,
      }).catch(async (error: unknown) => {
        if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') await recordLoginFailure(db, options.session.secret, attempt);
        throw error;
      });
      await recordLoginSuccess(db, options.session.secret, attempt);
      reply.setCookie(SESSION_COOKIE, session.cookieValue, {
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return toMe(db, session.principal);
    },
  );

  api.post(
    '/api/auth/logout',
    { schema: { tags: ['Authenticatie'], summary: 'Uitloggen', response: { 204: z.null().describe('Uitgelogd') } } },
    async (request, reply) => {
      await logOut(db, options.session, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['Authenticatie'],
        summary: 'Eigen wachtwoord wijzigen',
        description:
          'Voor elke ingelogde medewerker, ook met een eenmalig wachtwoord van de beheerder (dat moet eerst vervangen worden). Het nieuwe wachtwoord heeft minstens 12 tekens en verschilt van het huidige. Andere sessies van het account eindigen; deze sessie blijft. Een onjuist huidig wachtwoord telt als mislukte inlogpoging (zelfde vertraging als bij inloggen; 429 met Retry-After).',
        body: changePasswordBodySchema,
        response: { 200: meSchema, ...errorResponses(400, 401, 429) },
      },
      onRequest: async (request) => {
        requirePrincipal(request);
      },
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const attempt = { tenantId: principal.tenantId, username: principal.username, address: request.ip };
      const wait = await loginWaitSeconds(db, options.session.secret, attempt);
      if (wait > 0) {
        void reply.header('retry-after', String(wait));
        throw loginThrottled(wait);
      }
      const result = await changePassword(db, options.session, principal, request.cookies[SESSION_COOKIE], request.body);
      if (result.currentPasswordWrong) {
        await recordLoginFailure(db, options.session.secret, attempt);
        throw wrongCurrentPassword();
      }
      await recordLoginSuccess(db, options.session.secret, attempt);
      request.log.info({ endedSessions: result.endedSessions }, 'password changed');
      return toMe(db, { ...principal, mustChangePassword: false });
    },
  );

  api.get(
    '/api/me',
    {
      schema: {
        tags: ['Authenticatie'],
        summary: 'De ingelogde gebruiker, met rollen en gemeente',
        response: { 200: meSchema, ...errorResponses(401) },
      },
    },
    async (request) => toMe(db, requirePrincipal(request)),
  );
}
