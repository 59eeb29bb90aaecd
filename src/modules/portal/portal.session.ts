// The resident's session in the portal /mijn: apart from the staff sessions (own table, own cookie),
// and shorter — 15 minutes without use, 2 hours at most after signing in (docs/resident-portal.md).
// The cookie carries `<tenant>.<random token>`; the database keeps only an HMAC of the token.

import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import { parseSessionCookie } from '../../platform/auth/auth.service.js';
import { deleteEndedResidentSessions, deleteResidentSession, findResidentSession, insertResidentSession, touchResidentSession } from './portal.repository.js';

export const RESIDENT_COOKIE = 'koers_mijn';
export const RESIDENT_SESSION_IDLE_MINUTES = 15;
export const RESIDENT_SESSION_HOURS = 2;
// As for staff: last_seen_at moves at most once a minute, so a read stays a read.
const TOUCH_AFTER_MS = 60 * 1000;

/** Who is calling in the portal: one resident of one municipality. */
export interface ResidentPrincipal {
  tenantId: string;
  residentId: string;
  /** The session's absolute end (ISO 8601); it ends sooner after 15 minutes without use. */
  sessionEndsAt?: string;
}

export type ResidentSessionResolution = { resident: ResidentPrincipal } | { resident: null; ended: 'expired' | 'none' };

function hashToken(token: string, secret: string): string {
  // Another purpose than the staff sessions' HMAC: a staff token can never match a resident's row.
  return createHmac('sha256', secret).update(`mijn:${token}`).digest('hex');
}

export async function startResidentSession(db: Kysely<DB>, secret: string, resident: ResidentPrincipal, now = new Date()): Promise<{ cookieValue: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + RESIDENT_SESSION_HOURS * 3600_000);
  await withTenant(db, resident.tenantId, async (tx) => {
    await deleteEndedResidentSessions(tx, now, new Date(now.getTime() - RESIDENT_SESSION_IDLE_MINUTES * 60_000));
    await insertResidentSession(tx, { tenantId: resident.tenantId, tokenHash: hashToken(token, secret), residentId: resident.residentId, now, expiresAt });
  });
  return { cookieValue: `${resident.tenantId}.${token}`, expiresAt };
}

/** The resident of a cookie; a session past its absolute end or unused for 15 minutes is removed and answers `expired`. */
export async function resolveResidentSession(db: Kysely<DB>, secret: string, cookieValue: string | undefined, now = new Date()): Promise<ResidentSessionResolution> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return { resident: null, ended: 'none' };
  const tokenHash = hashToken(parsed.token, secret);
  return withTenant(db, parsed.tenantId, async (tx): Promise<ResidentSessionResolution> => {
    const session = await findResidentSession(tx, tokenHash);
    if (!session) return { resident: null, ended: 'none' };
    const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
    if (new Date(session.expires_at).getTime() <= now.getTime() || idleMs > RESIDENT_SESSION_IDLE_MINUTES * 60_000) {
      await deleteResidentSession(tx, tokenHash);
      return { resident: null, ended: 'expired' };
    }
    if (idleMs > TOUCH_AFTER_MS) await touchResidentSession(tx, tokenHash, now);
    return { resident: { tenantId: parsed.tenantId, residentId: session.resident_id, sessionEndsAt: new Date(session.expires_at).toISOString() } };
  });
}

export async function endResidentSession(db: Kysely<DB>, secret: string, cookieValue: string | undefined): Promise<void> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return;
  await withTenant(db, parsed.tenantId, (tx) => deleteResidentSession(tx, hashToken(parsed.token, secret)));
}
