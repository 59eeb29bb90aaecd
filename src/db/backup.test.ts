import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { databaseUrlWithName } from '../../test/support/template.js';
import { backupPglite, backupPostgres, countTableRows, restorePglite, restorePostgres } from './backup.js';
import { openDatabase, type Database } from './database.js';
import { withTenant } from './tenancy.js';
import { verifyAuditChain } from '../platform/audit/audit.chain.js';
import type { DB } from './schema.js';

const template = inject('templateDatabase');
const dir = mkdtempSync(path.join(os.tmpdir(), 'koers-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The audit log row by row (id and a hash of the whole row), so a later hash-chain check can sit beside it. */
async function auditRows(db: Kysely<DB>): Promise<{ id: string; hash: string }[]> {
  const { rows } = await sql<{ id: string; hash: string }>`select a.id::text as id, md5(a::text) as hash from audit_log a order by a.id`.execute(db);
  return rows;
}

/** The demo seed writes no audit log (synthetic data): a few rows, so there is something to compare. */
async function addAuditRows(db: Kysely<DB>): Promise<void> {
  for (const tenant of ['GM0935', 'GM1903']) {
    await withTenant(db, tenant, (tx) =>
      tx
        .insertInto('audit_log')
        .values([1, 2, 3].map((n) => ({
          tenant_id: tenant,
          trace_id: randomBytes(16).toString('hex'),
          span_id: randomBytes(8).toString('hex'),
          parent_span_id: null,
          name: `backup-test-${n}`,
          status_code: 'OK',
          start_time: new Date(),
          end_time: new Date(),
          processing_activity_id: 'inwonerregistratie',
          data_subject_type: 'resident',
          data_subject_id: '00000000-0000-0000-0000-000000000000',
          actor_id: null,
          actor_username: null,
          actor_roles: [],
          resource_name: 'koers',
          resource_version: 'test',
          attributes: JSON.stringify({ n, text: 'met "aanhalingstekens",\nregels en ; tekens' }),
        })))
        .execute(),
    );
  }
}

/** Each municipality's audit chain as `koers audit verify` sees it: records, head, and no break. */
async function auditChains(db: Kysely<DB>) {
  const chains = [];
  for (const tenantId of ['GM0935', 'GM1903']) {
    const { records, head, broken } = await verifyAuditChain(db, { tenantId });
    expect(broken, `audit chain ${tenantId}`).toBeNull();
    chains.push({ tenantId, records, seq: head.seq, hash: head.hash });
  }
  return chains;
}

async function snapshotOf(database: Database) {
  return { counts: await countTableRows(database.db), audit: await auditRows(database.db), chains: await auditChains(database.db) };
}

describe.skipIf(template.kind !== 'pglite')('backup and restore of the embedded database (PGlite)', () => {
  it('restores into a new folder with every table and the audit log as they were', async () => {
    if (template.kind !== 'pglite') throw new Error('PGlite only');
    const source = path.join(dir, 'source', 'pgdata');
    const seeded = await openDatabase({ kind: 'pglite', dataDir: source, snapshot: new Blob([readFileSync(template.snapshotPath)]) });
    await addAuditRows(seeded.db);
    const before = await snapshotOf(seeded);
    await seeded.close();
    expect(before.counts.residents).toBeGreaterThan(0);
    expect(before.audit.length).toBeGreaterThan(0);

    const file = path.join(dir, 'koers.tar.gz');
    expect(await backupPglite(source, file)).toEqual(before.counts);
    const target = path.join(dir, 'target', 'pgdata');
    expect(await restorePglite(file, target, false)).toEqual(before.counts);
    const restored = await openDatabase({ kind: 'pglite', dataDir: target });
    try {
      expect(await snapshotOf(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
  }, 120_000);

  it('refuses to restore over a folder that is not empty, unless forced', async () => {
    const file = path.join(dir, 'koers.tar.gz');
    const target = path.join(dir, 'occupied', 'pgdata');
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'PG_VERSION'), '17');
    await expect(restorePglite(file, target, false)).rejects.toThrow(/is niet leeg: kies een nieuwe map, of vervang de database met --force/);
    expect((await restorePglite(file, target, true)).residents).toBeGreaterThan(0);
  }, 120_000);
});

/** The connection may see every row (superuser or BYPASSRLS): CI's owner role may not. */
async function bypassesRls(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ ok: boolean }>('select rolsuper or rolbypassrls as ok from pg_roles where rolname = current_user')).rows[0]!.ok;
  } finally {
    await client.end();
  }
}

describe.skipIf(template.kind !== 'postgresql')('backup and restore on PostgreSQL (pg_dump / pg_restore)', () => {
  // CI runs the suite as a non-superuser owner role, which may not dump forced-RLS tables; it hands a
  // role that may (KOERS_TEST_BACKUP_URL, superuser or BYPASSRLS) so the round trip runs there too.
  const admin = template.kind === 'postgresql' ? (process.env.KOERS_TEST_BACKUP_URL ?? template.adminUrl) : '';
  const created: string[] = [];
  const createDatabase = async (templateName?: string) => {
    const name = `koers_bk_${randomBytes(5).toString('hex')}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}${templateName ? ` template ${templateName}` : ''}`);
    await client.end();
    created.push(name);
    return databaseUrlWithName(admin, name);
  };
  afterAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    for (const name of created) await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });

  it('restores into a fresh database with every table and the audit log as they were, or refuses a role that cannot see every row', async () => {
    if (template.kind !== 'postgresql') throw new Error('PostgreSQL only');
    const sourceUrl = await createDatabase(template.templateName);
    const file = path.join(dir, 'koers.dump');
    if (!(await bypassesRls(admin))) {
      await expect(backupPostgres(sourceUrl, file)).rejects.toThrow(/vraagt een rol met BYPASSRLS \(of superuser\)/);
      return;
    }
    const source = await openDatabase({ kind: 'postgresql', url: sourceUrl, maxConnections: 1 });
    await addAuditRows(source.db);
    const before = await snapshotOf(source).finally(() => source.close());
    expect(before.counts.residents).toBeGreaterThan(0);
    expect(await backupPostgres(sourceUrl, file)).toEqual(before.counts);

    const targetUrl = await createDatabase();
    expect(await restorePostgres(file, targetUrl)).toEqual(before.counts);
    const restored = await openDatabase({ kind: 'postgresql', url: targetUrl, maxConnections: 1 });
    try {
      expect(await snapshotOf(restored)).toEqual(before);
    } finally {
      await restored.close();
    }
    await expect(restorePostgres(file, targetUrl)).rejects.toThrow(/De doeldatabase is niet leeg/);
  }, 120_000);
});
