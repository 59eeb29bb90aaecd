import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect, type Driver } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { reduceRoundTripsOf } from './pg-round-trips.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** PGlite only: a gzip snapshot of the whole data directory (used to clone test databases). */
  dump?(): Promise<Blob>;
}

export type DatabaseTarget =
  /** readOnly: every transaction of the pool is read-only (the read replica; a write fails even on a primary). */
  | { kind: 'postgresql'; url: string; maxConnections?: number; readOnly?: boolean; preparedStatements?: boolean }
  /** With a dataDir the folder is locked for this process until close(); lockStaleMs is for tests. */
  | { kind: 'pglite'; dataDir?: string; snapshot?: Blob; lockStaleMs?: number };

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay 'yyyy-mm-dd' strings: turning them into JS Dates at local midnight shifts them across time zones.
const keepAsString = (value: string): string => value;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgresql' ? openPostgres(target.url, target.maxConnections, target.readOnly, target.preparedStatements) : openPglite(target);
}

function openPostgres(url: string, maxConnections = 10, readOnly = false, preparedStatements = true): Database {
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === DATE_OID) return keepAsString;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
  // A server setting at connection start, so no transaction on this pool can begin read-write.
  const options = readOnly ? { options: '-c default_transaction_read_only=on' } : {};
  // pool.end() resolves once it has asked every connection to close, not once they are closed:
  // close() waits for the last one, so whoever drops or stops the database next finds none left.
  const open = new Set<pg.Client>();
  const kyselyOn = (max: number): Kysely<DB> => {
    const pool = new pg.Pool({ connectionString: url, max, types, ...options });
    // An idle connection the server ends (restart, failover, pg_terminate_backend) is an 'error' on
    // the pool: without a listener Node ends the process. The pool drops that connection and opens a
    // new one for the next query, so there is nothing to do but say so (no query text: it may hold
    // personal data).
    pool.on('error', (error: Error & { code?: string }) => {
      process.stderr.write(`PostgreSQL: een ongebruikte verbinding is door de server gesloten (${error.code ?? error.message}); de volgende query opent een nieuwe.\n`);
    });
    reduceRoundTripsOf(pool, { preparedStatements });
    pool.on('connect', (client) => {
      open.add(client);
      client.once('end', () => open.delete(client));
    });
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  };
  const db = kyselyOn(maxConnections);
  // A read-only pool (the replica) writes no processing log.
  const logDb = readOnly ? undefined : kyselyOn(PROCESSING_LOG_CONNECTIONS);
  if (logDb) processingLogDbs.set(db, logDb);
  const close = async (): Promise<void> => {
    const ended = [...open].map((client) => new Promise<void>((resolve) => client.once('end', () => resolve())));
    await Promise.all([db.destroy(), logDb?.destroy()]);
    // Bounded: a connection whose socket is already gone never reports its end.
    await Promise.race([Promise.all(ended), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
  };
  return { db, kind: 'postgresql', close };
}

/**
 * At most this many connections of their own per server process (PostgreSQL) for the batches of
 * reads' processing-log records (platform/audit/audit.batch.ts): normally one batch runs at a time,
 * more only when the running ones have stalled. Opened when first needed; an idle one closes after
 * ten seconds (pg.Pool's default).
 */
export const PROCESSING_LOG_CONNECTIONS = 4;

const processingLogDbs = new WeakMap<Kysely<DB>, Kysely<DB>>();

/**
 * Where the batches of reads' processing-log records are written. On a PostgreSQL server: connections
 * of their own, beside the pool of `db`. Every read waits for its batch's commit before its answer
 * goes out; on the shared pool a batch first queued behind the requests that held its connections
 * (measured at limburg size under load: 5.2 ms of a batch's 15 ms, and a read waited 24.6 ms for its
 * records; docs/scaling.md). PGlite has one connection: there it is `db` itself.
 */
export function processingLogDbOf(db: Kysely<DB>): Kysely<DB> {
  return processingLogDbs.get(db) ?? db;
}

/**
 * The PGlite dialect opens every transaction with `begin` or an isolation level only, so a read-only
 * transaction (`setAccessMode('read only')`, a read's unit of work) would be read-write on PGlite:
 * this one opens it as Kysely's PostgreSQL driver does, so PGlite refuses a write in it too.
 */
class TransactionSettingsPGliteDialect extends PGliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const begin = driver.beginTransaction.bind(driver);
    driver.beginTransaction = async (connection, settings) => {
      if (!settings.accessMode) return begin(connection, settings);
      const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
      await connection.executeQuery(CompiledQuery.raw(`start transaction${isolation} ${settings.accessMode}`));
    };
    return driver;
  }
}

async function openPglite(target: { dataDir?: string; snapshot?: Blob; lockStaleMs?: number }): Promise<Database> {
  const dataDir = target.dataDir ? path.resolve(target.dataDir) : undefined;
  if (dataDir) mkdirSync(path.dirname(dataDir), { recursive: true });
  const unlock = dataDir ? await lockDataDir(dataDir, target.lockStaleMs) : async () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(target.snapshot ? { loadDataDir: target.snapshot } : {}),
      parsers: { [DATE_OID]: keepAsString, [INT8_OID]: keepAsString, [NUMERIC_OID]: keepAsString },
    });
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new TransactionSettingsPGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    close: async () => {
      try {
        await db.destroy();
      } finally {
        await unlock();
      }
    },
    dump: () => client.dumpDataDir('gzip') as Promise<Blob>,
  };
}
