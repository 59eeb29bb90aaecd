// Every read endpoint of the OpenAPI document refuses a request without a session (401), whatever
// the id in its path: the guard runs onRequest, before anything is looked up. Only what a login page
// needs before signing in is open. A new GET route is covered here without being listed; a route
// that must be open has to be added to `open` on purpose.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../src/platform/auth/auth.routes.js';
import { createTestApp, type TestApp } from './support/app.js';

/**
 * Open by design: the municipalities to choose from on the login page, and the resident portal's
 * sign-in (a redirect to the municipality's DigiD broker). The portal's own reads take a resident's
 * session, not a staff one; they answer 401 without it, as checked here too.
 */
const open = new Set(['GET /api/tenants', 'GET /mijn/inloggen']);

let t: TestApp;
let readsInDocument: string[];

beforeAll(async () => {
  t = await createTestApp();
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  readsInDocument = Object.entries(doc.paths).flatMap(([path, operations]) => (Object.keys(operations).includes('get') ? [`GET ${path}`] : []));
});
afterAll(async () => t.close());

/** Path parameters filled in with values that would pass validation (an id that does not exist). */
const urlOf = (route: string) =>
  route
    .slice('GET '.length)
    .replace(/\{(\w+)\}/g, (_, name: string) => (name === 'year' ? '2026' : name === 'domain' ? 'wmo' : name === 'code' ? '6.71' : randomUUID()));

describe('read endpoints', () => {
  it('are in the document, and only the listed ones are open', () => {
    expect(readsInDocument.length).toBeGreaterThan(40);
    for (const route of open) expect(readsInDocument).toContain(route);
  });

  it('refuse every request without a session: 401 UNAUTHENTICATED, nothing read', async () => {
    const answers = [];
    for (const route of readsInDocument.filter((r) => !open.has(r))) {
      const response = await t.app.inject({ method: 'GET', url: urlOf(route) });
      answers.push({ route, status: response.statusCode, code: response.headers['content-type']?.toString().startsWith('application/json') ? response.json().error?.code : undefined });
    }
    expect(answers.filter((a) => a.status !== 401 || a.code !== 'UNAUTHENTICATED')).toEqual([]);
  });

  it('refuse a forged or expired session cookie the same way', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/exchange/messages', headers: { cookie: `${SESSION_COOKIE}=${randomUUID()}` } });
    expect(response.statusCode).toBe(401);
  });
});
