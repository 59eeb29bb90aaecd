import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
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
  | { kind: 'postgresql'; url: string; maxConnections?: number }
  | { kind: 'pglite'; dataDir?: string; snapshot?: Blob };

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Dates stay 'yyyy-mm-dd' strings: turning them into JS Dates at local midnight shifts them across time zones.
const keepAsString = (value: string): string => value;

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'postgresql' ? openPostgres(target.url, target.maxConnections) : openPglite(target);
}

function openPostgres(url: string, maxConnections = 10): Database {
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === DATE_OID) return keepAsString;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, types });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

async function openPglite(target: { dataDir?: string; snapshot?: Blob }): Promise<Database> {
  if (target.dataDir) mkdirSync(path.dirname(path.resolve(target.dataDir)), { recursive: true });
  const client = await PGlite.create({
    ...(target.dataDir ? { dataDir: target.dataDir } : {}),
    ...(target.snapshot ? { loadDataDir: target.snapshot } : {}),
    parsers: { [DATE_OID]: keepAsString, [INT8_OID]: keepAsString, [NUMERIC_OID]: keepAsString },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    close: () => db.destroy(),
    dump: () => client.dumpDataDir('gzip') as Promise<Blob>,
  };
}
