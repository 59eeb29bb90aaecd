import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import type { Database } from '../../db/database.js';
import { countRequest, databaseRateLimitStore, deleteExpiredCounters } from './rate-limit.store.js';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A server with two limited routes on the database store: stands in for one Koers process. */
async function limitedServer(): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db, SECRET) });
  app.get('/a', { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } }, async () => 'a');
  app.get('/b', { config: { rateLimit: { max: 3, timeWindow: '1 minute' } } }, async () => 'b');
  await app.ready();
  return app;
}

describe('database rate-limit store', () => {
  it('counts concurrent requests for one key exactly once each', async () => {
    const counts = await Promise.all(Array.from({ length: 25 }, () => countRequest(database.db, 'concurrent', 60_000)));
    expect(counts.map((c) => c.current).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const c of counts) expect(c.ttl).toBeGreaterThan(0);
    for (const c of counts) expect(c.ttl).toBeLessThanOrEqual(60_000);
  });

  it('starts a new window once the old one has ended, and deletes ended windows', async () => {
    expect((await countRequest(database.db, 'short', 300)).current).toBe(1);
    expect((await countRequest(database.db, 'short', 300)).current).toBe(2);
    await countRequest(database.db, 'long', 60_000);
    await pause(400);
    expect(await deleteExpiredCounters(database.db)).toBeGreaterThanOrEqual(1);
    const left = await sql<{ key_hash: string }>`select key_hash from rate_limit_counters where key_hash in ('short', 'long')`.execute(database.db);
    expect(left.rows.map((r) => r.key_hash)).toEqual(['long']);
    expect((await countRequest(database.db, 'short', 300)).current).toBe(1);
  });

  it('counts two servers on one database together, per route, and answers 429 over the limit', async () => {
    const [one, two] = [await limitedServer(), await limitedServer()];
    try {
      const hit = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url, remoteAddress: '198.51.100.9' });
      const statuses = [(await hit(one, '/a')).statusCode, (await hit(two, '/a')).statusCode, (await hit(one, '/a')).statusCode];
      expect(statuses).toEqual([200, 200, 200]);
      const over = await hit(two, '/a');
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      // Another route and another address have their own counts.
      expect((await hit(one, '/b')).statusCode).toBe(200);
      expect((await two.inject({ method: 'GET', url: '/a', remoteAddress: '198.51.100.10' })).statusCode).toBe(200);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('refuses options it does not implement, at start-up', async () => {
    const app = Fastify();
    await app.register(rateLimit, { global: false, store: databaseRateLimitStore(database.db, SECRET) });
    expect(() => app.get('/x', { config: { rateLimit: { max: 1, timeWindow: 1000, exponentialBackoff: true } } }, async () => 'x')).toThrow(/fixed windows only/);
    await app.close();
  });
});

describe('rate limits of the app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('keeps no client address in clear: only an HMAC of route and address', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '203.0.113.77', payload: {} });
    const rows = await sql<{ key_hash: string }>`select key_hash from rate_limit_counters`.execute(t.database.db);
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) {
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain('203.0.113.77');
    }
  });

  it('answers 429 with the Dutch message once the login limit is used up', async () => {
    let last = 0;
    for (let i = 0; i < 121; i += 1) last = (await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.99', payload: {} })).statusCode;
    expect(last).toBe(429);
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.99', payload: {} });
    expect(response.json().error).toMatchObject({ code: 'RATE_LIMITED', message: 'Te veel pogingen. Wacht een minuut en probeer het opnieuw.' });
  });
});
