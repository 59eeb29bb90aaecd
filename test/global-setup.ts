import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/seed.js';
import { databaseUrlWithName, type TemplateDatabase } from './support/template.js';

/**
 * Builds the schema and the small demo dataset ONCE; every test file then clones it (a PGlite
 * snapshot, or `CREATE DATABASE … TEMPLATE` on PostgreSQL) instead of migrating from scratch.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const templateName = `koers_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${templateName}`);
    const database = await openDatabase({ kind: 'postgresql', url: databaseUrlWithName(url, templateName), maxConnections: 2 });
    await migrateToLatest(database.db);
    await seedDemo(database.db, { size: 'small', seed: 1, withUsers: true });
    await database.close();
    const template: TemplateDatabase = { kind: 'postgresql', adminUrl: url, templateName };
    project.provide('templateDatabase', template);
    return async () => {
      await admin.query(`drop database if exists ${templateName} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'koers-test-'));
  const database = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(database.db);
  await seedDemo(database.db, { size: 'small', seed: 1, withUsers: true });
  const snapshot = await database.dump!();
  await database.close();
  const snapshotPath = path.join(dir, 'template.tar.gz');
  writeFileSync(snapshotPath, Buffer.from(await snapshot.arrayBuffer()));
  project.provide('templateDatabase', { kind: 'pglite', snapshotPath });
  return async () => rmSync(dir, { recursive: true, force: true });
}
