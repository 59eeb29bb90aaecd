import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { errorResponses } from '../http/schemas.js';
import { requirePrincipal } from '../http/request-context.js';
import { findTenantName } from '../../modules/tenants/tenant.service.js';
import { AppError } from '../errors.js';
import { logIn, logOut, type Principal, type SessionSettings } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { loginBodySchema, meSchema, type Me } from './auth.schema.js';

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
  };
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = options;
  const throttle = new LoginThrottle();

  api.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['Authenticatie'],
        summary: 'Inloggen met gebruikersnaam en wachtwoord',
        description:
          'Zet een httpOnly sessiecookie (SameSite=Strict). Maximaal 120 pogingen per minuut per adres, en na 10 mislukte pogingen binnen 15 minuten wordt het account tijdelijk geblokkeerd, vanaf elk adres.',
        body: loginBodySchema,
        response: { 200: meSchema, ...errorResponses(400, 401, 429) },
      },
      config: {
        // Per address generous (a town hall's staff share one address); the account throttle does the real work.
        rateLimit: { max: 120, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const account = `${request.body.tenant}|${request.body.username.toLowerCase()}`;
      if (throttle.isBlocked(account)) {
        throw new AppError('RATE_LIMITED', 'Te veel mislukte pogingen voor dit account. Probeer het over 15 minuten opnieuw.');
      }
      const session = await logIn(db, options.session, {
        tenantId: request.body.tenant,
        username: request.body.username,
        password: request.body.password,
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') throttle.recordFailure(account);
        throw error;
      });
      throttle.reset(account);
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
