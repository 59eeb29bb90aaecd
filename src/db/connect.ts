import path from 'node:path';
import type { Config } from '../platform/config.js';
import { openDatabase, type Database } from './database.js';

/** PostgreSQL when DATABASE_URL is set, otherwise embedded PGlite under KOERS_DATA_DIR. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) return openDatabase({ kind: 'postgresql', url: config.databaseUrl, maxConnections: config.databasePoolSize, preparedStatements: config.databasePreparedStatements });
  return openDatabase({ kind: 'pglite', dataDir: path.resolve(config.dataDir, 'pgdata') });
}

/** The read replica (DATABASE_REPLICA_URL), opened read-only; undefined when none is configured. */
export async function openConfiguredReplica(config: Config): Promise<Database | undefined> {
  if (!config.databaseReplicaUrl) return undefined;
  return openDatabase({ kind: 'postgresql', url: config.databaseReplicaUrl, maxConnections: config.databasePoolSize, readOnly: true, preparedStatements: config.databasePreparedStatements });
}

/** Where the data lives, for start-up messages (never prints a password). */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `PGlite in ${path.resolve(config.dataDir, 'pgdata')}`;
  const url = new URL(config.databaseUrl);
  const where = `PostgreSQL ${url.hostname}:${url.port || 5432}${url.pathname}`;
  if (!config.databaseReplicaUrl) return where;
  const replica = new URL(config.databaseReplicaUrl);
  return `${where}, leesreplica ${replica.hostname}:${replica.port || 5432}${replica.pathname}`;
}
