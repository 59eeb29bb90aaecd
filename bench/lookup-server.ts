// One more server process for `npm run bench -- lookup --processes N` (PostgreSQL only): the server a
// server start builds, on its own port and pool, against the same database. Started by the bench with
// `fork`; it tells the bench its port, and on request how busy its main thread was and what its
// processing-log batch writer counted since the measurement began.
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { auditBatchWriterOf } from '../src/platform/audit/audit.batch.js';
import { loadConfig } from '../src/platform/config.js';

/** What the bench sends; what this process answers. */
export type ToServer = { type: 'measure' } | { type: 'report' } | { type: 'close' };
export type FromServer =
  | { type: 'listening'; port: number }
  | { type: 'report'; utilization: number; batches: number; requests: number; waitedMs: number; writtenAgain: number };

const url = process.env.DATABASE_URL;
if (!url || !process.send) throw new Error('lookup-server: alleen te starten door de lookup-bench, met DATABASE_URL');
const send = (message: FromServer) => process.send!(message);

const database = await openDatabase({ kind: 'postgresql', url, maxConnections: loadConfig().databasePoolSize });
const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn' }), database, webRoot: null });
await app.listen({ port: 0, host: '127.0.0.1' });
const counts = auditBatchWriterOf(database.db).counts;
let loopBefore = performance.eventLoopUtilization();
let countsBefore = { ...counts };

process.on('message', (message: ToServer) => {
  if (message.type === 'measure') {
    loopBefore = performance.eventLoopUtilization();
    countsBefore = { ...counts };
  } else if (message.type === 'report') {
    send({
      type: 'report',
      utilization: performance.eventLoopUtilization(loopBefore).utilization,
      batches: counts.batches - countsBefore.batches,
      requests: counts.requests - countsBefore.requests,
      waitedMs: counts.waitedMs - countsBefore.waitedMs,
      writtenAgain: counts.writtenAgain - countsBefore.writtenAgain,
    });
  } else {
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  }
});
send({ type: 'listening', port: (app.server.address() as AddressInfo).port });
