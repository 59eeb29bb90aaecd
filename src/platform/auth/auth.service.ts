import { createHmac, randomBytes } from 'node:crypto';
import type { ControlledTransaction, Expression, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isTenantId, withTenant } from '../../db/tenancy.js';
import { AppError, invalid, validationFailed, type FieldError } from '../errors.js';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.js';
import { permissionsOf, type Permission } from './roles.js';
import { deleteExpiredSessions, deleteOtherSessionsOfUser, deleteSession, findLiveSession, findLiveSessionOpening, findLiveSessionWithCheck, insertSession, touchSession, type LiveSession } from './session.repository.js';
import { findUserWithPassword, lockPasswordHash, upsertPassword } from './user.repository.js';

/** Who is calling: set on every authenticated request. */
export interface Principal {
  tenantId: string;
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: Permission[];
  /** Signed in with a one-time password from the administrator: must choose an own password first. */
  mustChangePassword?: boolean;
}

export interface SessionSettings {
  secret: string;
  /** Absolute lifetime from login. */
  hours: number;
  /** Refused when unused for longer than this. */
  idleMinutes: number;
}

// Each use extends a session's idle time, but a write per request would turn every read into a
// write: last_seen_at is moved at most once a minute, so the idle limit is exact to within a minute.
const TOUCH_AFTER_MS = 60 * 1000;

/** Why a cookie did not give a principal; `idle` gets its own message. */
export type SessionResolution = { principal: Principal } | { principal: null; ended: 'idle' | 'none' };

function hashToken(token: string, secret: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

/** The cookie carries `<tenant>.<random token>`; the database keeps only an HMAC of the token. */
export function parseSessionCookie(value: string | undefined): { tenantId: string; token: string } | undefined {
  if (!value) return undefined;
  const [tenantId, token, ...rest] = value.split('.');
  if (!tenantId || !token || rest.length > 0 || !isTenantId(tenantId) || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return { tenantId, token };
}

export async function logIn(
  db: Kysely<DB>,
  settings: SessionSettings,
  input: { tenantId: string; username: string; password: string },
  now = new Date(),
): Promise<{ cookieValue: string; expiresAt: Date; principal: Principal }> {
  const invalid = new AppError('INVALID_CREDENTIALS', 'Gebruikersnaam of wachtwoord is onjuist.');
  if (!isTenantId(input.tenantId)) throw invalid;
  return withTenant(db, input.tenantId, async (tx) => {
    // An unknown tenant simply has no users here: row-level security shows none.
    const user = await findUserWithPassword(tx, input.username.trim().toLowerCase());
    const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !user.active || !ok) throw invalid;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + settings.hours * 3600_000);
    await deleteExpiredSessions(tx, now);
    await insertSession(tx, { tenantId: input.tenantId, tokenHash: hashToken(token, settings.secret), userId: user.id, expiresAt });
    return {
      cookieValue: `${input.tenantId}.${token}`,
      expiresAt,
      principal: {
        tenantId: input.tenantId,
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        roles: user.roles,
        permissions: permissionsOf(user.roles),
        mustChangePassword: user.must_change_password === true,
      },
    };
  });
}

/** The request is not signed in: no cookie, an unreadable one, no such live session, or an inactive account. */
export const NO_SESSION = Object.freeze({ principal: null, ended: 'none' } as const);

export async function resolveSession(
  db: Kysely<DB>,
  settings: SessionSettings,
  cookieValue: string | undefined,
  now = new Date(),
): Promise<SessionResolution> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return NO_SESSION;
  const tokenHash = hashToken(parsed.token, settings.secret);
  const session = await findLiveSession(db, parsed.tenantId, tokenHash, now);
  if (!session || !session.active) return NO_SESSION;
  const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
  if (idleMs > settings.idleMinutes * 60_000) {
    await withTenant(db, parsed.tenantId, (tx) => deleteSession(tx, tokenHash));
    return { principal: null, ended: 'idle' };
  }
  // At most once a minute per session; a lost touch (a concurrent request touched it too) does no harm.
  if (idleMs > TOUCH_AFTER_MS) await withTenant(db, parsed.tenantId, (tx) => touchSession(tx, tokenHash, now));
  return { principal: principalOf(parsed.tenantId, session) };
}

function principalOf(tenantId: string, session: LiveSession): Principal {
  return {
    tenantId,
    userId: session.user_id,
    username: session.username,
    displayName: session.display_name,
    roles: session.roles,
    permissions: permissionsOf(session.roles),
    mustChangePassword: session.must_change_password === true,
  };
}

/**
 * `resolveSession` for a request that will do its work in one tenant transaction (a read, see app.ts):
 * the session is looked up as the first statement of that transaction, which the lookup pins to the
 * session's municipality and the application role; the transaction is read-only. Only the common case
 * is answered here, a live session that needs nothing else: the open transaction and the employee are
 * returned, and the caller ends the transaction. No session at all (no or an unreadable cookie, no
 * such live session, an inactive account) is answered too, as `resolveSession` answers it, after the
 * rollback. Anything else (idle too long, a touch of last_seen_at due, a one-time password) rolls the
 * transaction back and answers `undefined`: the caller then uses `resolveSession`, which handles those
 * cases as before. With `check` (the route guard's first query, `OpeningCheck` in request-context.ts)
 * the lookup runs it in the same statement and its row comes back as `checked` (else undefined).
 */
export async function resolveSessionOpening(
  db: Kysely<DB>,
  settings: SessionSettings,
  cookieValue: string | undefined,
  now = new Date(),
  check?: (userId: Expression<string>) => Expression<unknown>,
): Promise<{ principal: Principal; tx: ControlledTransaction<DB>; checked?: unknown } | typeof NO_SESSION | undefined> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return NO_SESSION;
  // Read-only: a read changes nothing, and PostgreSQL holds it to that (unit-of-work.ts, `readOnly`).
  const tx = await db.startTransaction().setAccessMode('read only').execute();
  let session: (LiveSession & { checked?: unknown }) | undefined;
  try {
    const tokenHash = hashToken(parsed.token, settings.secret);
    session = check ? await findLiveSessionWithCheck(tx, parsed.tenantId, tokenHash, now, check) : await findLiveSessionOpening(tx, parsed.tenantId, tokenHash, now);
  } catch (error) {
    await tx.rollback().execute();
    throw error;
  }
  const idleMs = session ? now.getTime() - new Date(session.last_seen_at).getTime() : Infinity;
  if (session && session.active && session.must_change_password !== true && idleMs <= TOUCH_AFTER_MS && idleMs <= settings.idleMinutes * 60_000) {
    return { principal: principalOf(parsed.tenantId, session), tx, checked: session.checked };
  }
  await tx.rollback().execute();
  return !session || !session.active ? NO_SESSION : undefined;
}

export async function logOut(db: Kysely<DB>, settings: SessionSettings, cookieValue: string | undefined): Promise<void> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return;
  await withTenant(db, parsed.tenantId, (tx) => deleteSession(tx, hashToken(parsed.token, settings.secret)));
}

export const MIN_PASSWORD_LENGTH = 12;

/** Why a new password is refused, in Dutch; none when it will do. */
export function weakPasswordMessage(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`;
  if (password.trim() === '') return 'Een wachtwoord van alleen spaties is niet veilig. Kies een ander wachtwoord.';
  if (new Set(password).size < 4) return 'Dit wachtwoord is te makkelijk te raden. Gebruik meer verschillende tekens.';
  return undefined;
}

/**
 * The employee replaces the password with one of their own: checked against the current one (wrong:
 * `INVALID_CURRENT_PASSWORD` as a field error), stored, the administrator's one-time flag cleared and
 * every other session of the account ended; the session of this request stays.
 */
export async function changePassword(
  db: Kysely<DB>,
  settings: SessionSettings,
  principal: Principal,
  cookieValue: string | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<{ endedSessions: number; currentPasswordWrong: boolean }> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed || parsed.tenantId !== principal.tenantId) throw new AppError('UNAUTHENTICATED', 'U bent niet ingelogd of uw sessie is verlopen.');
  const weak = weakPasswordMessage(input.newPassword);
  return withTenant(db, principal.tenantId, async (tx) => {
    const stored = await lockPasswordHash(tx, principal.userId);
    const ok = await verifyPassword(input.currentPassword, stored ?? DUMMY_PASSWORD_HASH);
    if (!stored || !ok) return { endedSessions: 0, currentPasswordWrong: true };
    const fields: FieldError[] = [];
    if (weak) fields.push({ field: 'newPassword', message: weak });
    else if (input.newPassword.normalize('NFKC') === input.currentPassword.normalize('NFKC')) {
      fields.push({ field: 'newPassword', message: 'Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander wachtwoord.' });
    }
    if (fields.length) throw validationFailed(fields);
    await upsertPassword(tx, principal.tenantId, principal.userId, await hashPassword(input.newPassword), false);
    const endedSessions = await deleteOtherSessionsOfUser(tx, principal.userId, hashToken(parsed.token, settings.secret));
    return { endedSessions, currentPasswordWrong: false };
  });
}

export const wrongCurrentPassword = (): AppError => invalid('currentPassword', 'Het huidige wachtwoord is onjuist.');
