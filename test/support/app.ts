import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import { loadConfig, type Config } from '../../src/platform/config.js';
import { createTestDatabase, openTestReplica, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** The read replica the app reads on (`createTestApp({ replica: true })`). */
  replica?: Database;
  config: Config;
  /** Logs a demo user in and returns the Cookie header to send with later requests. */
  login(username: string, tenant?: string): Promise<{ cookie: string }>;
  close(): Promise<void>;
}

// Documents uploaded in tests go to a folder of this test process, never to a developer's ./.koers.
const TEST_DATA_DIR = path.join(tmpdir(), `koers-test-${process.pid}`);

export const testConfig = (): Config => loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.KOERS_TEST_LOG_LEVEL ?? 'silent', KOERS_DATA_DIR: TEST_DATA_DIR });

export async function createTestApp(
  options: { logger?: Parameters<typeof buildApp>[0]['logger']; onRoute?: (route: { method: string; url: string }) => void; config?: Partial<Config>; replica?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const replica = options.replica ? await openTestReplica(database) : undefined;
  const config = { ...testConfig(), ...options.config };
  const app = await buildApp({
    config,
    database,
    ...(replica ? { replica } : {}),
    webRoot: null,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onRoute ? { onRoute: options.onRoute } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    ...(replica ? { replica } : {}),
    config,
    async login(username, tenant = 'GM0935') {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo', tenant } });
      if (response.statusCode !== 200) throw new Error(`login ${username}@${tenant} failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'koers_session');
      if (!cookie) throw new Error('no session cookie');
      return { cookie: `${cookie.name}=${cookie.value}` };
    },
    async close() {
      await app.close();
      await replica?.close();
      await database.close();
    },
  };
}
