import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import type { AuditContext } from '../audit/audit.service.js';
import type { Principal } from '../auth/auth.service.js';
import type { Permission } from '../auth/roles.js';
import { AppError, forbidden } from '../errors.js';
import { parentSpanIdFor } from './trace.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the cookie named a session that was just ended for inactivity. */
    sessionEndedIdle: boolean;
  }
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    if (request.sessionEndedIdle) throw new AppError('UNAUTHENTICATED', 'Uw sessie is verlopen door inactiviteit. Log opnieuw in.');
    throw new AppError('UNAUTHENTICATED', 'U bent niet ingelogd of uw sessie is verlopen.');
  }
  return request.principal;
}

/** Route guard (onRequest, so before any input is parsed or validated): authenticated and holding the permission, else 401/403. */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const principal = requirePrincipal(request);
    if (!principal.permissions.includes(permission)) throw forbidden();
  };
}

export function auditContextOf(request: FastifyRequest, principal: Principal): AuditContext {
  return {
    traceId: request.id,
    parentSpanId: parentSpanIdFor(request.headers),
    actor: { userId: principal.userId, username: principal.username, roles: principal.roles },
    tenantId: principal.tenantId,
  };
}

/** Runs `work` in the caller's tenant, as the application role, with the audit context of this request. */
export function inTenant<T>(
  db: Kysely<DB>,
  request: FastifyRequest,
  work: (tx: Tx, ctx: AuditContext) => Promise<T>,
): Promise<T> {
  const principal = requirePrincipal(request);
  return withTenant(db, principal.tenantId, (tx) => work(tx, auditContextOf(request, principal)));
}
