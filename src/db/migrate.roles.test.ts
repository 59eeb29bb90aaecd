import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { databaseUrlWithName } from '../../test/support/template.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const template = inject('templateDatabase');

/** Whether the test connection may create roles (a superuser, or CREATEROLE); CI's owner role may not. */
async function canCreateRoles(url: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ ok: boolean }>('select rolsuper or rolcreaterole as ok from pg_roles where rolname = current_user');
    return rows[0]!.ok;
  } finally {
    await admin.end();
  }
}

const adminUrl = template.kind === 'postgresql' ? template.adminUrl : undefined;

describe.skipIf(!adminUrl || !(await canCreateRoles(adminUrl)))('migrations with the documented role set-up (docs/operations.md)', () => {
  it('run as a non-superuser owner that a DBA made a member of koers_app', async () => {
    const owner = `koers_owner_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // Exactly the DBA's steps from docs/operations.md (koers_app may exist already: it is per cluster).
      await admin.query(`do $$ begin if not exists (select from pg_roles where rolname = 'koers_app') then create role koers_app nologin nosuperuser nobypassrls; end if; end $$`);
      await admin.query(`create role ${owner} login password '${password}'`);
      await admin.query(`grant koers_app to ${owner}`);
      await admin.query(`create database ${owner} owner ${owner}`);
      const url = new URL(databaseUrlWithName(adminUrl!, owner));
      url.username = owner;
      url.password = password;
      const database = await openDatabase({ kind: 'postgresql', url: url.toString(), maxConnections: 1 });
      try {
        const { applied } = await migrateToLatest(database.db);
        expect(applied[0]).toBe('0001_foundation');
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`drop database if exists ${owner} with (force)`);
      await admin.query(`drop role if exists ${owner}`);
      await admin.end();
    }
  });
});
