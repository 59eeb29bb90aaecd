// The portal as OpenID Connect relying party (openid-client): per municipality its own provider — the
// DigiD broker it contracts, set in `portal_oidc_settings` — or, outside production and without such a
// setting, the local DigiD-simulatie. Authorization code flow with PKCE, state and nonce; what must
// survive the round trip to the provider travels in a short-lived, HMAC-signed, HttpOnly cookie.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as oidc from 'openid-client';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import { AppError } from '../../platform/errors.js';
import { simulationClient, simulationIssuer } from './digid-simulation.js';
import { findOidcSettings } from './portal.repository.js';

export const LOGIN_COOKIE = 'koers_mijn_inlog';
export const LOGIN_COOKIE_MINUTES = 10;

export interface OidcTarget {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** The simulation runs on plain http locally; a real provider must be https. True only for the DigiD-simulatie. */
  allowHttp: boolean;
}

const notConfigured = () => new AppError('SERVICE_UNAVAILABLE', 'Inloggen met DigiD is voor deze gemeente nog niet ingesteld. Neem contact op met de gemeente.');

/** Which provider signs this municipality's residents in. The secret comes from the environment variable the setting names. */
export async function oidcTargetFor(
  db: Kysely<DB>,
  tenantId: string,
  options: { sessionSecret: string; simulation: boolean; origin: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<OidcTarget> {
  const settings = await withTenant(db, tenantId, (tx) => findOidcSettings(tx));
  if (settings) {
    const clientSecret = env[settings.client_secret_env];
    if (!clientSecret) throw notConfigured();
    return { issuer: settings.issuer, clientId: settings.client_id, clientSecret, scope: settings.scope, allowHttp: false };
  }
  if (!options.simulation) throw notConfigured();
  const { clientId, clientSecret } = simulationClient(options.sessionSecret, tenantId);
  return { issuer: simulationIssuer(options.origin), clientId, clientSecret, scope: 'openid', allowHttp: true };
}

// Discovery once per provider and client; a failed discovery is tried again next time.
const configurations = new Map<string, Promise<oidc.Configuration>>();

export function oidcConfiguration(target: OidcTarget): Promise<oidc.Configuration> {
  const key = `${target.issuer} ${target.clientId}`;
  let found = configurations.get(key);
  if (!found) {
    found = oidc.discovery(new URL(target.issuer), target.clientId, undefined, oidc.ClientSecretBasic(target.clientSecret), target.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined);
    found.catch(() => configurations.delete(key));
    configurations.set(key, found);
  }
  return found;
}

/** What the callback needs to check the answer: signed, so it cannot be changed on the way. */
export interface LoginAttempt {
  tenantId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The portal page to go back to after signing in. */
  returnTo: string;
}

const sign = (payload: string, secret: string) => createHmac('sha256', secret).update(`mijn-inlog:${payload}`).digest('base64url');

export function sealLoginAttempt(attempt: LoginAttempt, secret: string): string {
  const payload = Buffer.from(JSON.stringify(attempt)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function openLoginAttempt(value: string | undefined, secret: string): LoginAttempt | undefined {
  const [payload, signature, ...rest] = (value ?? '').split('.');
  if (!payload || !signature || rest.length) return undefined;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const attempt = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LoginAttempt;
    return typeof attempt.state === 'string' && typeof attempt.tenantId === 'string' ? attempt : undefined;
  } catch {
    return undefined;
  }
}

/** Only a page of the portal itself: never another site (no open redirect). */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 300) return '/mijn';
  return /^\/mijn(\/[A-Za-z0-9/_-]*)?(\?[A-Za-z0-9=&_-]*)?$/.test(value) ? value : '/mijn';
}

export async function startLogin(target: OidcTarget, redirectUri: string, tenantId: string, returnTo: string): Promise<{ url: URL; attempt: LoginAttempt }> {
  const config = await oidcConfiguration(target);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const attempt: LoginAttempt = { tenantId, state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier, returnTo: safeReturnPath(returnTo) };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: target.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: attempt.state,
    nonce: attempt.nonce,
    // Always a fresh sign-in at the provider: after "Uitloggen" on a shared computer, the next person
    // must not come back in as the previous resident through the provider's own session.
    prompt: 'login',
  });
  return { url, attempt };
}

/** Exchanges the code (checking state, nonce, PKCE and the id token) and returns the subject: the BSN. */
export async function finishLogin(target: OidcTarget, currentUrl: URL, attempt: LoginAttempt): Promise<string> {
  const config = await oidcConfiguration(target);
  const tokens = await oidc.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: attempt.codeVerifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true });
  const claims = tokens.claims();
  if (!claims?.sub) throw new Error('id token without subject');
  return claims.sub;
}
