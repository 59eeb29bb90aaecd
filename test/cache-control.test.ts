import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('Cache-Control on API answers', () => {
  it('tells browsers and proxies never to store an API answer: personal data, errors and public lists alike', async () => {
    const { cookie } = await t.login('consulent');
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }),
      await t.app.inject({ method: 'GET', url: '/api/residents?q=Jansen', headers: { cookie } }),
      await t.app.inject({ method: 'GET', url: '/api/tenants' }),
      await t.app.inject({ method: 'GET', url: '/api/me' }),
      await t.app.inject({ method: 'GET', url: '/api/bestaat-niet' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'consulent', password: 'fout' } }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 401, 404, 401]);
    for (const answer of answers) expect(answer.headers['cache-control'], answer.raw.req.url).toBe('no-store');
  });

  it('leaves answers outside the API alone', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['cache-control']).toBeUndefined();
  });
});
