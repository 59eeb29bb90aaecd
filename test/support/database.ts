import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import type { DB } from '../../src/db/schema.js';
import { databaseUrlWithName } from './template.js';

/** A test file's database; on PostgreSQL `url` is its copy of the template, which also names it on the read replica. */
export type TestDatabase = Database & { url?: string };

/** A private copy of the seeded template for one test file; `close()` also removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  if (template.kind === 'pglite') {
    const snapshot = new Blob([readFileSync(template.snapshotPath)]);
    return openDatabase({ kind: 'pglite', snapshot });
  }
  const { url, drop } = await copyPostgresTemplate(template);
  const database = await openDatabase({ kind: 'postgresql', url, maxConnections: 4 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/**
 * A private copy of the seeded template on the PostgreSQL server, by URL: for tests that hand the
 * database to other processes (several `koers serve`). `drop()` removes it (and ends its connections).
 */
export async function createPostgresTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = inject('templateDatabase');
  if (template.kind !== 'postgresql') throw new Error('Needs PostgreSQL (DATABASE_URL)');
  return copyPostgresTemplate(template);
}

async function copyPostgresTemplate(template: { adminUrl: string; templateName: string }): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `koers_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template.templateName}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrlWithName(template.adminUrl, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: template.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * Test set-up and inspection as the connecting role (the owner, or the superuser) with one
 * municipality pinned: row-level security is forced, so CI's non-superuser owner sees only the rows
 * of the municipality it names, like the application. Query one municipality at a time.
 */
export async function asOwnerIn<T>(db: Kysely<DB>, tenantId: string, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    await sql`select set_config('koers.tenant_id', ${tenantId}, true)`.execute(tx);
    return work(tx);
  });
}

/**
 * The same database on the read replica (DATABASE_REPLICA_URL: a streaming standby of DATABASE_URL's
 * server), whose physical replication copies every database the tests create: its host and port
 * with the test database's name. Undefined without a replica.
 */
export function replicaUrlOf(database: TestDatabase): string | undefined {
  const replica = process.env.DATABASE_REPLICA_URL;
  if (!replica || !database.url) return undefined;
  const url = new URL(database.url);
  const standby = new URL(replica);
  url.hostname = standby.hostname;
  url.port = standby.port;
  return url.toString();
}

/**
 * Opens the test database on the read replica, read-only as the application opens it, once the
 * standby has replayed its creation (polled, at most `deadlineMs`).
 */
export async function openTestReplica(database: TestDatabase, deadlineMs = 30_000): Promise<Database> {
  const url = replicaUrlOf(database);
  if (!url) throw new Error('no read replica: DATABASE_REPLICA_URL is not set or the test database is not on PostgreSQL');
  const until = Date.now() + deadlineMs;
  for (;;) {
    const probe = new pg.Client({ connectionString: url });
    try {
      await probe.connect();
      await probe.end();
      break;
    } catch (error) {
      await probe.end().catch(() => {});
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return openDatabase({ kind: 'postgresql', url, maxConnections: 4, readOnly: true });
}
