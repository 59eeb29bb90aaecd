import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { asOwnerIn, createTestDatabase } from '../../../test/support/database.js';
import { databaseUrlWithName } from '../../../test/support/template.js';
import { runAuditHead, runAuditVerify } from '../../cli/audit.js';
import { openDatabase, type Database } from '../../db/database.js';
import { migrations } from '../../db/migrations/index.js';
import { migrateToLatest } from '../../db/migrate.js';
import { withTenant } from '../../db/tenancy.js';
import { AppError } from '../errors.js';
import { readChainHeads, verifyAuditChain } from './audit.chain.js';
import { listAuditRecordsForSubject } from './audit.repository.js';
import { recordProcessing, type AuditContext } from './audit.service.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

let nextTenant = 100;
/** Each test gets its own municipality, so a tampered chain never leaks into another test. */
async function newTenant(): Promise<string> {
  const id = `GM${String(nextTenant++).padStart(4, '0')}`;
  await sql`insert into tenants (id, name) values (${id}, ${`Testgemeente ${id}`})`.execute(database.db);
  return id;
}

const ctxOf = (tenantId: string): AuditContext => ({
  traceId: randomUUID().replaceAll('-', ''),
  parentSpanId: null,
  actor: { userId: randomUUID(), username: 'consulent', roles: ['consultant'] },
  tenantId,
});

/** Writes `count` records through the application's own path (as koers_app, one transaction each). */
async function writeRecords(tenantId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await withTenant(database.db, tenantId, (tx) =>
      recordProcessing(tx, ctxOf(tenantId), {
        name: 'inwoner.raadplegen',
        activity: 'inwonerregistratie',
        subjects: [{ type: 'resident', id: randomUUID() }],
        startTime: new Date(Date.UTC(2026, 0, 1, 8, 0, i)),
        attributes: { nummer: i },
      }),
    );
  }
}

async function recordAt(tenantId: string, seq: number): Promise<{ id: string }> {
  const { rows } = await asOwnerIn(database.db, tenantId, (tx) =>
    sql<{ id: string }>`select id from audit_log where tenant_id = ${tenantId} and seq = ${seq}`.execute(tx),
  );
  if (!rows[0]) throw new Error(`no audit record ${seq} in ${tenantId}`);
  return rows[0];
}

/** What an owner can do that the application role cannot: switch the append-only trigger off and write. */
async function asOwnerWithoutTrigger(tenantId: string, statement: ReturnType<typeof sql>): Promise<void> {
  const changed = await asOwnerIn(database.db, tenantId, async (tx) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(tx);
    const result = await statement.execute(tx);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(tx);
    return Number(result.numAffectedRows ?? 0n);
  });
  // A tamper that touched nothing would make every "detects" test below pass for the wrong reason.
  if (changed === 0) throw new Error('the tamper statement changed no row');
}

describe('audit log hash chain', () => {
  it('chains every record per municipality, and an untouched log verifies with its head', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 5);
    const result = await verifyAuditChain(database.db, { tenantId, batchSize: 2 });
    expect(result.broken).toBeNull();
    expect(result.records).toBe(5);
    const { rows } = await asOwnerIn(database.db, tenantId, (tx) =>
      sql<{ seq: string; hash: string }>`
        select seq::text, encode(hash, 'hex') as hash from audit_log where tenant_id = ${tenantId} order by seq
      `.execute(tx),
    );
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(result.head).toMatchObject({ tenantId, seq: 5, hash: rows[4]!.hash });
    expect(rows[4]!.hash).toMatch(/^[0-9a-f]{64}$/);

    await expect(runAuditVerify(database, { tenant: tenantId })).resolves.toEqual([`${tenantId}: 5 records, keten klopt, kop ${rows[4]!.hash}`]);
  });

  it('detects a changed record (owner disabled the trigger and updated its attributes), naming it', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 6);
    const target = await recordAt(tenantId, 3);
    await asOwnerWithoutTrigger(tenantId, sql`update audit_log set attributes = '{"nummer": 99}' where tenant_id = ${tenantId} and seq = 3`);

    const result = await verifyAuditChain(database.db, { tenantId, batchSize: 2 });
    expect(result.broken).toMatchObject({ tenantId, seq: 3, id: target.id, problem: 'content-changed' });
    const refusal = await runAuditVerify(database, { tenant: tenantId }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).message).toContain(`${tenantId}: record 3 (${target.id})`);
    expect((refusal as AppError).message).toContain('inhoud gewijzigd');
  });

  it('detects a changed record whose own hash was recomputed too: the next record no longer links to it', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 4);
    await asOwnerWithoutTrigger(tenantId, sql`update audit_log set attributes = '{"nummer": 99}' where tenant_id = ${tenantId} and seq = 2`);
    // SET sees the old row, so the hash over the new content takes a second statement.
    await asOwnerWithoutTrigger(tenantId, sql`
      update audit_log a set hash = sha256(a.prev_hash || audit_log_content(a)) where tenant_id = ${tenantId} and seq = 2
    `);
    const result = await verifyAuditChain(database.db, { tenantId });
    expect(result.broken).toMatchObject({ seq: 3, id: (await recordAt(tenantId, 3)).id, problem: 'link-broken' });
  });

  it('detects a deleted record in the middle (owner disabled the trigger), naming the record after the gap', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 5);
    const after = await recordAt(tenantId, 4);
    await asOwnerWithoutTrigger(tenantId, sql`delete from audit_log where tenant_id = ${tenantId} and seq = 3`);

    const result = await verifyAuditChain(database.db, { tenantId, batchSize: 3 });
    expect(result.broken).toMatchObject({ tenantId, seq: 4, id: after.id, problem: 'record-missing' });
    expect(result.broken?.message).toContain('record 3 ontbreekt');
  });

  it('detects a deleted last record: the chain head no longer matches', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 3);
    await asOwnerWithoutTrigger(tenantId, sql`delete from audit_log where tenant_id = ${tenantId} and seq = 3`);
    const result = await verifyAuditChain(database.db, { tenantId });
    expect(result.broken).toMatchObject({ tenantId, seq: 3, problem: 'head-mismatch' });
  });

  it('detects a record written with the chain trigger switched off', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 2);
    await asOwnerIn(database.db, tenantId, async (tx) => {
      await sql`alter table audit_log disable trigger audit_log_chain`.execute(tx);
      const inserted = await sql`
        insert into audit_log (tenant_id, trace_id, span_id, name, status_code, start_time, end_time, processing_activity_id,
                               data_subject_type, data_subject_id, resource_name, resource_version, seq, prev_hash, hash)
        select tenant_id, trace_id, span_id, 'vervalst', status_code, start_time, end_time, processing_activity_id,
               data_subject_type, data_subject_id, resource_name, resource_version, 3, hash, hash
        from audit_log where tenant_id = ${tenantId} and seq = 2
      `.execute(tx);
      expect(inserted.numAffectedRows).toBe(1n);
      await sql`alter table audit_log enable trigger audit_log_chain`.execute(tx);
    });
    const result = await verifyAuditChain(database.db, { tenantId });
    expect(result.broken).toMatchObject({ seq: 3, problem: 'content-changed' });
  });

  it('refuses TRUNCATE of the audit log and of the chain heads, even to the owner', async () => {
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_chain_heads`.execute(database.db)).rejects.toThrow(/append-only/);
  });

  it('gives the application role no way to change the chain heads or the log', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 1);
    for (const statement of [
      sql`update audit_chain_heads set seq = 0`,
      sql`delete from audit_chain_heads`,
      sql`insert into audit_chain_heads (tenant_id, seq, hash) values (${tenantId}, 9, '\\x00')`,
      sql`update audit_log set name = 'x'`,
    ]) {
      await expect(withTenant(database.db, tenantId, (tx) => statement.execute(tx))).rejects.toThrow(/permission denied/);
    }
    // The chain's slow path, which the application role may call (its first record in a transaction
    // does): it tells the head and locks it, and changes nothing.
    const [before] = await readChainHeads(database.db, [tenantId]);
    const { rows } = await withTenant(database.db, tenantId, (tx) => sql<{ tail_seq: string }>`select tail_seq::text from audit_chain_tail(${tenantId})`.execute(tx));
    expect(rows).toEqual([{ tail_seq: '1' }]);
    expect((await readChainHeads(database.db, [tenantId]))[0]).toEqual(before);
    expect((await verifyAuditChain(database.db, { tenantId })).broken).toBeNull();
  });

  it("runs the chain's row trigger with the caller's rights; only the head's slow path has the owner's, with its own search_path", async () => {
    const { rows } = await sql<{ name: string; definer: boolean; config: string[] | null }>`
      select proname as name, prosecdef as definer, proconfig as config from pg_proc
      where proname in ('audit_log_chain', 'audit_chain_tail') and pronamespace = current_schema()::regnamespace order by proname
    `.execute(database.db);
    expect(rows).toEqual([
      { name: 'audit_chain_tail', definer: true, config: expect.arrayContaining([expect.stringMatching(/^search_path=/)]) as string[] },
      { name: 'audit_log_chain', definer: false, config: null },
    ]);
  });

  it('refuses a record for a municipality that does not exist, on the request\'s path and on the batch\'s, and keeps a municipality with records from being deleted', async () => {
    const unknown = 'GM9990';
    await expect(writeRecords(unknown, 1)).rejects.toThrow(/foreign key/);
    // The batch writer's path (audit_log_insert_groups), as the application role.
    const processing = {
      tenant_id: unknown,
      trace_id: 'a'.repeat(32),
      span_id: 'b'.repeat(16),
      parent_span_id: null,
      name: 'inwoner.raadplegen',
      status_code: 'OK',
      start_time: '2026-01-01T08:00:00Z',
      end_time: '2026-01-01T08:00:00Z',
      processing_activity_id: 'inwonerregistratie',
      actor_id: randomUUID(),
      actor_username: 'consulent',
      actor_roles: ['consultant'],
      resource_name: 'koers',
      resource_version: '1',
      attributes: {},
      subjects: [{ type: 'resident', id: randomUUID() }],
    };
    await expect(
      withTenant(database.db, unknown, (tx) => sql`select audit_log_insert_groups(${JSON.stringify([{ tenant_id: unknown, processings: [processing] }])})`.execute(tx)),
    ).rejects.toThrow(/foreign key/);
    const { rows } = await asOwnerIn(database.db, unknown, (tx) => sql<{ n: string }>`select count(*) as n from audit_log where tenant_id = ${unknown}`.execute(tx));
    expect(Number(rows[0]!.n)).toBe(0);

    const tenantId = await newTenant();
    await writeRecords(tenantId, 1);
    await expect(sql`delete from tenants where id = ${tenantId}`.execute(database.db)).rejects.toThrow(/foreign key/);
  });

  it('detects a rewritten chain through an external anchor, even when the chain itself is consistent again', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 4);
    const anchor = (await readChainHeads(database.db, [tenantId]))[0]!;
    expect(anchor.seq).toBe(4);
    // The owner removes the last two records and winds the head back: the remaining chain is consistent.
    await asOwnerIn(database.db, tenantId, async (tx) => {
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(tx);
      const deleted = await sql`delete from audit_log where tenant_id = ${tenantId} and seq > 2`.execute(tx);
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(tx);
      const wound = await sql`
        update audit_chain_heads h set seq = 2, hash = a.hash from audit_log a
        where h.tenant_id = ${tenantId} and a.tenant_id = h.tenant_id and a.seq = 2
      `.execute(tx);
      expect([deleted.numAffectedRows, wound.numAffectedRows]).toEqual([2n, 1n]);
    });
    expect((await verifyAuditChain(database.db, { tenantId })).broken).toBeNull();
    const anchored = await verifyAuditChain(database.db, { tenantId, anchors: [anchor] });
    expect(anchored.broken).toMatchObject({ tenantId, seq: 4, problem: 'anchor-mismatch' });
  });

  it('prints the chain heads per municipality as JSON for an anchor file', async () => {
    const tenantId = await newTenant();
    await writeRecords(tenantId, 2);
    const output = JSON.parse(await runAuditHead(database, { json: true })) as { heads: { tenantId: string; seq: number; hash: string }[] };
    expect(output.heads.find((h) => h.tenantId === tenantId)).toMatchObject({ seq: 2, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('chains several processings of many residents in one transaction, one record each, and moves the head to the last record', async () => {
    const tenantId = await newTenant();
    await withTenant(database.db, tenantId, async (tx) => {
      for (let statement = 0; statement < 3; statement++) {
        await recordProcessing(tx, ctxOf(tenantId), {
          name: 'signaal.evalueren',
          activity: 'signalering-sociaal-domein',
          subjects: Array.from({ length: 50 }, () => ({ type: 'resident' as const, id: randomUUID() })),
          startTime: new Date(),
        });
      }
    });
    // Three processings of 50 residents: three records (0063), each with its 49 further residents.
    const result = await verifyAuditChain(database.db, { tenantId, batchSize: 2 });
    expect(result).toMatchObject({ records: 3, broken: null, head: { seq: 3 } });
    const index = await asOwnerIn(database.db, tenantId, (tx) => sql<{ n: number }>`select count(*)::int as n from audit_log_subjects where tenant_id = ${tenantId}`.execute(tx));
    expect(index.rows[0]!.n).toBe(3 * 49);
  });

  it('keeps the chain intact under concurrent inserts in one municipality', async () => {
    const tenantId = await newTenant();
    const writers = Array.from({ length: 8 }, (_, i) =>
      withTenant(database.db, tenantId, async (tx) => {
        await recordProcessing(tx, ctxOf(tenantId), {
          name: 'inwoner.raadplegen',
          activity: 'inwonerregistratie',
          subjects: [{ type: 'resident', id: randomUUID() }, { type: 'resident', id: randomUUID() }],
          startTime: new Date(),
          attributes: { schrijver: i },
        });
        // Keep the transaction open a moment after the insert, so the others must wait for its head.
        await sql`select pg_sleep(0.02)`.execute(tx);
      }),
    );
    await Promise.all(writers);
    const result = await verifyAuditChain(database.db, { tenantId });
    expect(result.broken).toBeNull();
    expect(result.records).toBe(8);
  });

  it('two open transactions on PostgreSQL: the second insert waits for the first and chains after it', async () => {
    if (database.kind !== 'postgresql') return; // PGlite has one connection: transactions never overlap.
    const tenantId = await newTenant();
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstInserted!: () => void;
    const firstHasInserted = new Promise<void>((resolve) => (firstInserted = resolve));
    const first = withTenant(database.db, tenantId, async (tx) => {
      await recordProcessing(tx, ctxOf(tenantId), { name: 'a', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: randomUUID() }], startTime: new Date() });
      firstInserted();
      await firstMayCommit;
    });
    await firstHasInserted;
    const second = withTenant(database.db, tenantId, (tx) =>
      recordProcessing(tx, ctxOf(tenantId), { name: 'b', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: randomUUID() }], startTime: new Date() }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    releaseFirst();
    await Promise.all([first, second]);
    const { rows } = await asOwnerIn(database.db, tenantId, (tx) =>
      sql<{ name: string; seq: string }>`select name, seq::text from audit_log where tenant_id = ${tenantId} order by seq`.execute(tx),
    );
    expect(rows).toEqual([{ name: 'a', seq: '1' }, { name: 'b', seq: '2' }]);
    expect((await verifyAuditChain(database.db, { tenantId })).broken).toBeNull();
  });
});

describe('migration 0010 on an existing installation', () => {
  it('chains the records that were already there, per municipality in (start_time, id) order', async () => {
    const fresh = await openEmptyDatabase();
    try {
      const migrator = migratorOf(fresh);
      const before = await migrator.migrateTo('0009_insights');
      expect(before.error).toBeUndefined();
      await sql`insert into tenants (id, name) values ('GM0935', 'Maastricht'), ('GM1903', 'Eijsden-Margraten')`.execute(fresh.db);
      const times = ['2025-03-01T10:00:00.000123Z', '2025-01-01T10:00:00Z', '2025-02-01T10:00:00Z'];
      for (const tenantId of ['GM0935', 'GM1903']) {
        for (const [i, time] of times.entries()) {
          await withTenant(fresh.db, tenantId, (tx) =>
            sql`
              insert into audit_log (tenant_id, trace_id, span_id, name, status_code, start_time, end_time, processing_activity_id,
                                     data_subject_type, data_subject_id, actor_roles, resource_name, resource_version, attributes)
              values (${tenantId}, ${'a'.repeat(32)}, ${'b'.repeat(16)}, ${`oud-${i}`}, 'OK', ${time}, ${time}, 'inwonerregistratie',
                      'resident', ${randomUUID()}, '{kcc}', 'koers', '0.1.0', '{"x": 1}')
            `.execute(tx),
          );
        }
      }
      await migrateToLatest(fresh.db);
      for (const tenantId of ['GM0935', 'GM1903']) {
        const result = await verifyAuditChain(fresh.db, { tenantId });
        expect(result.broken).toBeNull();
        expect(result.records).toBe(3);
        const { rows } = await asOwnerIn(fresh.db, tenantId, (tx) =>
          sql<{ name: string }>`select name from audit_log where tenant_id = ${tenantId} order by seq`.execute(tx),
        );
        expect(rows.map((r) => r.name)).toEqual(['oud-1', 'oud-2', 'oud-0']);
      }
      // New records continue the migrated chain.
      await withTenant(fresh.db, 'GM0935', (tx) =>
        recordProcessing(tx, ctxOf('GM0935'), { name: 'nieuw', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: randomUUID() }], startTime: new Date() }),
      );
      expect(await verifyAuditChain(fresh.db, { tenantId: 'GM0935' })).toMatchObject({ records: 4, broken: null, head: { seq: 4 } });
    } finally {
      await fresh.close();
    }
  });
});

describe('migration 0063 on an existing installation', () => {
  it('keeps every record written before it verifiable, and chains the new kind of record after them', async () => {
    const fresh = await openEmptyDatabase();
    try {
      const migrator = migratorOf(fresh);
      expect((await migrator.migrateTo('0062_audit_chain_invoker')).error).toBeUndefined();
      await sql`insert into tenants (id, name) values ('GM0935', 'Maastricht')`.execute(fresh.db);
      const processingOf = (residents: string[]) =>
        JSON.stringify([
          {
            tenant_id: 'GM0935', trace_id: 'a'.repeat(32), span_id: 'b'.repeat(16), parent_span_id: null, name: 'inwoner.zoeken', status_code: 'OK',
            start_time: '2026-12-01T09:00:00Z', end_time: '2026-12-01T09:00:01Z', processing_activity_id: 'inwonerregistratie', actor_id: null,
            actor_username: 'kcc', actor_roles: ['kcc'], resource_name: 'koers', resource_version: '0.1.0', attributes: {},
            subjects: residents.map((id) => ({ type: 'resident', id })),
          },
        ]);
      const before = [randomUUID(), randomUUID(), randomUUID()];
      await withTenant(fresh.db, 'GM0935', (tx) => sql`select audit_log_insert(${processingOf(before)}, false)`.execute(tx));
      const written = await withTenant(fresh.db, 'GM0935', (tx) => sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(tx));
      expect(written.rows[0]!.n).toBe(3);

      await migrateToLatest(fresh.db);
      expect(await verifyAuditChain(fresh.db, { tenantId: 'GM0935' })).toMatchObject({ records: 3, broken: null, head: { seq: 3 } });
      const after = [randomUUID(), randomUUID(), randomUUID()];
      await withTenant(fresh.db, 'GM0935', (tx) => sql`select audit_log_insert(${processingOf(after)}, false)`.execute(tx));
      expect(await verifyAuditChain(fresh.db, { tenantId: 'GM0935' })).toMatchObject({ records: 4, broken: null, head: { seq: 4 } });
      // The old records (one per resident) and the new one (three residents) read alike: a logregel per resident.
      const { rows } = await withTenant(fresh.db, 'GM0935', (tx) =>
        sql<{ format: string; n: number }>`
          select convert_from(audit_log_content(a), 'UTF8')::jsonb ->> 0 as format, count(*)::int as n from audit_log a group by 1 order by 1
        `.execute(tx),
      );
      expect(rows).toEqual([{ format: 'koers-audit-v1', n: 3 }, { format: 'koers-audit-v2', n: 1 }]);
      for (const id of [...before, ...after]) {
        const found = await withTenant(fresh.db, 'GM0935', (tx) => listAuditRecordsForSubject(tx, { type: 'resident', id }, 10));
        expect(found.map((r) => r.data_subject_id)).toEqual([id]);
      }
    } finally {
      await fresh.close();
    }
  });
});

/** Koers' migrations on `database`, to migrate it up to a given one (as an installation of that version). */
function migratorOf(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'koers_migration',
    migrationLockTableName: 'koers_migration_lock',
  });
}

/** An empty database (no migrations), PGlite or a new database on the PostgreSQL server. */
async function openEmptyDatabase(): Promise<Database> {
  const template = inject('templateDatabase');
  if (template.kind === 'pglite') return openDatabase({ kind: 'pglite' });
  const name = `koers_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const opened = await openDatabase({ kind: 'postgresql', url: databaseUrlWithName(template.adminUrl, name), maxConnections: 2 });
  return {
    ...opened,
    close: async () => {
      await opened.close();
      const dropper = new pg.Client({ connectionString: template.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
