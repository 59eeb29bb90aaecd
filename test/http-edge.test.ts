import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoBsn } from '../src/modules/residents/bsn.js';
import { createTestApp, type TestApp } from './support/app.js';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});

let t: TestApp;
const routes: { method: string; url: string }[] = [];
beforeAll(async () => {
  t = await createTestApp({ logger: { level: 'trace', stream: logStream }, onRoute: (r) => routes.push(r) });
});
afterAll(async () => t.close());

describe('HTTP edge', () => {
  it('GET /healthz reports status and database kind', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: t.database.kind });
    expect(['pglite', 'postgresql']).toContain(t.database.kind);
  });

  it('publishes an OpenAPI 3 document that lists every API route, and browsable docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /api/auth/login',
        'POST /api/auth/logout',
        'GET /api/me',
        'GET /api/tenants',
        'GET /api/residents',
        'POST /api/residents',
        'POST /api/residents/search',
        'GET /api/residents/{id}',
        'GET /api/audit',
      ]),
    );
    // Every route the app serves under /api (except the docs and the HTML/PDF downloads) is documented.
    const served = new Set<string>();
    for (const path of Object.keys(doc.paths as Record<string, unknown>)) served.add(path);
    const undocumented = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/openapi.json').filter(
      (r) => !served.has(r.url.replace(/:([A-Za-z]+)/g, '{$1}')),
    );
    expect(routes.length).toBeGreaterThan(20);
    expect(undocumented).toEqual([]);
    const loginBody = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(loginBody.properties.username.description).toBe('Gebruikersnaam');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('sends security headers and a request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/tenants' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('answers unknown API paths with the error shape and 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/bestaat-niet' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', requestId: response.headers['x-request-id'] });
  });

  it('answers a non-JSON body with 400 in the error shape', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{niet-json',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BAD_REQUEST');
  });

  it('never writes a BSN to a log line, even when a client puts one in a URL', async () => {
    const bsn = demoBsn(3);
    const { cookie } = await t.login('kcc');
    await t.app.inject({ method: 'GET', url: `/api/residents?q=${bsn}`, headers: { cookie } });
    await t.app.inject({ method: 'POST', url: '/api/residents/search', headers: { cookie }, payload: { q: bsn } });
    const logs = logLines.join('');
    expect(logs).toContain('*********');
    expect(logs).not.toContain(bsn);
    expect(logs).not.toContain('koers_session=');
  });
});
