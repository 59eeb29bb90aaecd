import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ControlledTransaction, Expression, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { auditBatchWriterOf } from '../audit/audit.batch.js';
import { deferAuditRecords, type AuditContext, type DeferredAuditRecords } from '../audit/audit.service.js';
import type { Principal } from '../auth/auth.service.js';
import type { Permission } from '../auth/roles.js';
import { AppError, forbidden } from '../errors.js';
import { beginUnitOfWork, unitOfWorkIn, type Actor, type OpenUnitOfWork } from '../unit-of-work.js';
import { parentSpanIdFor } from './trace.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set when the cookie named a session that was just ended for inactivity. */
    sessionEndedIdle: boolean;
    /** The request's unit of work while it is open (opened with the session, by a guard or by `inTenant`). */
    unitOfWork?: OpenUnitOfWork;
    /** The open unit of work was opened with the session lookup and no step has taken it yet. */
    unitOfWorkFromSession: boolean;
    /** What the session lookup's statement found for the route guard's `OpeningCheck`, until the guard takes it. */
    openingChecked?: { check: OpeningCheck; row: unknown } | undefined;
  }
  interface FastifyContextConfig {
    /**
     * A read route whose database work all runs in the request's unit of work: its session is looked
     * up as the first statement of that unit of work (see `readsInOneTransaction`).
     */
    sessionUnitOfWork?: boolean;
    /** The first query of the route's guard, run in the session lookup's statement (see `opensUnitOfWork`). */
    openingCheck?: OpeningCheck;
  }
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) {
    if (request.sessionEndedIdle) throw new AppError('UNAUTHENTICATED', 'Uw sessie is verlopen door inactiviteit. Log opnieuw in.');
    throw new AppError('UNAUTHENTICATED', 'U bent niet ingelogd of uw sessie is verlopen.');
  }
  return request.principal;
}

/** What a session signed in with the administrator's one-time password may still do. */
const ALLOWED_BEFORE_OWN_PASSWORD = new Set(['GET /api/me', 'POST /api/auth/password', 'POST /api/auth/logout', 'POST /api/auth/login']);

/**
 * Central check where the session is resolved: while the one-time password is not replaced, every
 * other API request is refused (403 PASSWORD_CHANGE_REQUIRED), whatever the roles allow.
 */
export function refuseUntilOwnPassword(request: FastifyRequest): void {
  if (ALLOWED_BEFORE_OWN_PASSWORD.has(`${request.method} ${request.routeOptions.url ?? ''}`)) return;
  throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Kies eerst een eigen wachtwoord: het tijdelijke wachtwoord van de beheerder is alleen om in te loggen.');
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

/**
 * The request's unit of work: one tenant transaction with the principal and the audit context of
 * this request, opened by the first step that needs it (the resident guard, or the handler).
 */
export async function requestUnitOfWork(db: Kysely<DB>, request: FastifyRequest): Promise<OpenUnitOfWork> {
  if (request.unitOfWork?.open) {
    request.unitOfWorkFromSession = false;
    return request.unitOfWork;
  }
  const principal = requirePrincipal(request);
  // A GET reads: its processing-log records are written in batches with other reads' (unit-of-work.ts).
  const batchReadRecords = request.method === 'GET' || request.method === 'HEAD';
  // A read route whose session lookup opens its unit of work read-only has every unit of work read-only:
  // the one opened here when the lookup could not (a session due to be touched is looked up on its own),
  // and any later one of the same request.
  const readOnly = looksUpSessionInUnitOfWork(request);
  request.unitOfWork = await beginUnitOfWork(db, { kind: 'employee', ...principal }, auditContextOf(request, principal), { batchReadRecords, readOnly });
  request.unitOfWorkFromSession = false;
  return request.unitOfWork;
}

/**
 * The first query a guard runs in the request's unit of work, offered to the session lookup so both
 * go in ONE statement (`findLiveSessionWithCheck`): for this request, a subquery of at most one row
 * given the signed-in employee's id as SQL (the session is not known yet when the statement is sent),
 * or undefined when it does not apply (e.g. the id in the URL is not valid).
 */
export type OpeningCheck = (request: FastifyRequest, now: Date) => ((userId: Expression<string>) => Expression<unknown>) | undefined;

/**
 * Marks a route hook (onRequest) that opens the request's unit of work itself, as the resident guard
 * does: the route then holds its transaction from its first step anyway, so its GET may look up the
 * session in that same transaction (`readsInOneTransaction`). With `check`, the hook's first query
 * goes in the session lookup's statement and the hook finds its row with `takeOpeningCheck`.
 */
export function opensUnitOfWork<T extends object>(hook: T, check?: OpeningCheck): T {
  return Object.assign(hook, { [OPENS_UNIT_OF_WORK]: true, ...(check ? { [OPENING_CHECK]: check } : {}) });
}
const OPENS_UNIT_OF_WORK = Symbol('opens the request unit of work');
const OPENING_CHECK = Symbol('its first query can go with the session lookup');

/**
 * The row the session lookup's statement found for this guard's `check` (never null: the check's
 * subquery answers one row), once: undefined when the lookup did not run it (another route's check, a
 * session that needed more than one statement, a write), and the guard then runs its query itself.
 */
export function takeOpeningCheck(request: FastifyRequest, check: OpeningCheck): unknown {
  const checked = request.openingChecked;
  if (checked?.check !== check) return undefined;
  request.openingChecked = undefined;
  return checked.row;
}

/** The guard's check for this request, to run with its session lookup (`resolveSessionOpening`). */
export function openingCheckFor(request: FastifyRequest, now: Date): ((userId: Expression<string>) => Expression<unknown>) | undefined {
  return request.routeOptions.config?.openingCheck?.(request, now);
}

/**
 * Read requests whose work is one tenant transaction get their session looked up as that
 * transaction's first statement: `begin`, the lookup and the tenant pin are then one round trip to
 * the database instead of two (issue #17, docs/scaling.md). For the GET routes that say so
 * (`config: { sessionUnitOfWork: true }`) and those guarded by a hook that opens the unit of work
 * anyway (`opensUnitOfWork`, e.g. the resident guard). Such a route must do all its database work in
 * the request's unit of work: the transaction holds a connection from the first step, and a second
 * connection taken meanwhile could wait for the pool behind requests that each hold one.
 * Register before the routes (an onRoute hook sees only routes registered after it).
 */
export function readsInOneTransaction(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => m === 'GET' || m === 'HEAD')) return;
    const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    const marked = hooks.filter((hook) => (hook as unknown as Record<symbol, unknown>)[OPENS_UNIT_OF_WORK] === true);
    if (marked.length > 0) {
      // The first guard's check: it is the first to run in the unit of work.
      const openingCheck = (marked[0] as unknown as Record<symbol, OpeningCheck | undefined>)[OPENING_CHECK];
      route.config = { ...(route.config ?? {}), sessionUnitOfWork: true, ...(openingCheck ? { openingCheck } : {}) };
    }
  });
}

/** Whether this request's session should be looked up in its unit of work (see `readsInOneTransaction`). */
export function looksUpSessionInUnitOfWork(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.routeOptions.config?.sessionUnitOfWork === true;
}

/** The unit of work of a read request, on the read-only transaction its session lookup opened and pinned (`resolveSessionOpening`). */
export function adoptSessionUnitOfWork(db: Kysely<DB>, request: FastifyRequest, principal: Principal, tx: ControlledTransaction<DB>, checked?: unknown): void {
  request.unitOfWork = unitOfWorkIn(db, tx, { kind: 'employee', ...principal }, auditContextOf(request, principal), { batchReadRecords: true, readOnly: true });
  request.unitOfWorkFromSession = true;
  const check = request.routeOptions.config?.openingCheck;
  if (checked !== undefined && check) request.openingChecked = { check, row: checked };
}

/**
 * Runs `work` in the request's unit of work (the transaction its guard checked access in, or a new
 * one) and ends it: committed when `work` resolves, rolled back when it throws. A second call in
 * the same request gets a transaction of its own.
 */
export async function inTenant<T>(db: Kysely<DB>, request: FastifyRequest, work: (tx: Tx, ctx: AuditContext) => Promise<T>): Promise<T> {
  const unit = await requestUnitOfWork(db, request);
  request.unitOfWork = undefined;
  let result: T;
  try {
    result = await work(unit.tx, unit.audit);
  } catch (error) {
    await unit.rollback();
    throw error;
  }
  await unit.commit();
  return result;
}

/** `inTenant` for a service that acts for the signed-in employee (`ctx.actorId`). */
export function asActor<T>(db: Kysely<DB>, request: FastifyRequest, work: (tx: Tx, ctx: Actor) => Promise<T>): Promise<T> {
  return inTenant(db, request, (tx, ctx) => work(tx, { ...ctx, actorId: requirePrincipal(request).userId }));
}

/** The primary, and the read replica when one is configured (DATABASE_REPLICA_URL). */
export interface ReadDatabases {
  db: Kysely<DB>;
  replica?: Kysely<DB> | undefined;
}

/** Set after a successful write: for this long the writer's reads stay on the primary (read your own writes). */
export const RECENT_WRITE_COOKIE = 'koers_recent_write';
export const RECENT_WRITE_SECONDS = 5;

/**
 * `inTenant` for a read that tolerates seconds of lag (dashboards, exports, signal lists): on the
 * read replica when there is one, in a read-only tenant transaction with the same row-level
 * security. The processings it records cannot be written there: they are written on the primary in
 * a transaction of their own before the answer goes out, so a read whose log entry fails fails too.
 * On the primary instead: without a replica, when a guard already opened the request's unit of work
 * (access was checked there), and within RECENT_WRITE_SECONDS of this browser's last write.
 */
export async function inReadTenant<T>(databases: ReadDatabases, request: FastifyRequest, work: (tx: Tx, ctx: AuditContext) => Promise<T>): Promise<T> {
  const { db, replica } = databases;
  const checkedInUnitOfWork = request.unitOfWork?.open === true && !request.unitOfWorkFromSession;
  if (!replica || checkedInUnitOfWork || request.cookies[RECENT_WRITE_COOKIE] !== undefined) return inTenant(db, request, work);
  if (request.unitOfWork?.open) {
    // Opened with the session lookup only, nothing done in it yet: ended, the read goes to the replica.
    const unit = request.unitOfWork;
    request.unitOfWork = undefined;
    await unit.commit();
  }
  const principal = requirePrincipal(request);
  const audit = auditContextOf(request, principal);
  let deferred: DeferredAuditRecords | undefined;
  let result: T;
  try {
    result = await withTenant(replica, principal.tenantId, (tx) => {
      deferred = deferAuditRecords(tx);
      return work(tx, audit);
    });
  } catch (error) {
    if (!replicaUnavailable(error)) throw error;
    // Nothing was written (the replica cannot) and the kept log records are dropped with the answer: read again on the primary.
    request.log.warn({ code: (error as { code?: string }).code, message: (error as Error).message }, 'read replica unavailable; read on the primary');
    return inTenant(db, request, work);
  }
  if (deferred && deferred.records.length > 0) await auditBatchWriterOf(db).write(principal.tenantId, deferred);
  return result;
}

/**
 * An error after which a replica read is done again on the primary: the replica cannot be reached, is
 * starting or stopping (08…, 57P…), or cancelled the read because replay needed its rows (40001).
 */
function replicaUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || error instanceof AppError) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return /^(08|57P)/.test(code) || code === '40001' || ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(code);
  return /Connection terminated|connection timeout/i.test(error.message);
}

/** `inReadTenant` for a service that acts for the signed-in employee (`ctx.actorId`). */
export function readAsActor<T>(databases: ReadDatabases, request: FastifyRequest, work: (tx: Tx, ctx: Actor) => Promise<T>): Promise<T> {
  return inReadTenant(databases, request, (tx, ctx) => work(tx, { ...ctx, actorId: requirePrincipal(request).userId }));
}

/**
 * With a read replica: a successful API write sets a short-lived cookie, so the reads that follow it
 * (a list refreshed after a change) see the change even when the replica is a moment behind.
 */
export function stayOnPrimaryAfterWrites(app: FastifyInstance, secure: boolean): void {
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/api/') || ['GET', 'HEAD', 'OPTIONS'].includes(request.method) || reply.statusCode >= 400) return;
    void reply.setCookie(RECENT_WRITE_COOKIE, '1', { path: '/api', maxAge: RECENT_WRITE_SECONDS, httpOnly: true, sameSite: 'strict', secure });
  });
}

/**
 * A unit of work that a guard opened but no handler ended (the input was invalid, or the handler
 * failed before it ran) is rolled back before the answer goes out, at the latest when the response
 * has ended.
 */
export function endUnitsOfWork(app: FastifyInstance): void {
  const rollback = async (request: FastifyRequest) => {
    const unit = request.unitOfWork;
    request.unitOfWork = undefined;
    if (unit?.open) await unit.rollback();
  };
  app.decorateRequest('unitOfWork', undefined);
  app.decorateRequest('unitOfWorkFromSession', false);
  app.decorateRequest('openingChecked', undefined);
  app.addHook('onSend', async (request) => rollback(request));
  app.addHook('onResponse', async (request) => rollback(request));
}
