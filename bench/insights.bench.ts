import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { withTenant } from '../src/db/tenancy.js';
import { refreshInsights } from '../src/modules/insights/insights.refresh.js';
import { loadConfig } from '../src/platform/config.js';
import { todayInAmsterdam } from '../src/platform/time.js';
import { benchDatabase, percentile, round, type BenchOptions } from './support.js';

const TENANT = 'GM0935';
const CONCURRENCY = 20;
const DURATION_MS = 15_000;

/**
 * The portfolio holder's dashboard API under 20 concurrent clients on loopback, for a bounded time,
 * after timing a full recompute of every monthly aggregate (the whole window, every KPI).
 */
export async function insightsBench(options: BenchOptions) {
  const database = await benchDatabase(options);
  const today = todayInAmsterdam();
  const recompute = await withTenant(database.db, TENANT, (tx) => refreshInsights(tx, { today, full: true }));
  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }), database, webRoot: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'wethouder', password: 'demo', tenant: TENANT }) });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const url = `${base}/api/insights/portfolio`;
  // Warm-up: the first request may refresh and fill the cache.
  for (let i = 0; i < 3; i += 1) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const start = performance.now();
        const response = await fetch(url, { headers: { cookie } });
        await response.arrayBuffer();
        if (response.ok) latencies.push(performance.now() - start);
        else failures += 1;
      }
    }),
  );
  await app.close();
  await database.close();
  if (failures > 0) process.stderr.write(`${failures} mislukte verzoeken\n`);
  return {
    bench: 'insights',
    size: options.size,
    db: database.kind,
    p50_ms: round(percentile(latencies, 50)),
    p95_ms: round(percentile(latencies, 95)),
    concurrency: CONCURRENCY,
    full_recompute_ms: round(recompute.durationMs),
  };
}
