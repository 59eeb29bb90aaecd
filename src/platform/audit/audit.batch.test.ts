import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { openDatabase, processingLogDbOf } from '../../db/database.js';
import { beginUnitOfWork } from '../unit-of-work.js';
import { auditBatchWriterOf, AuditBatchWriter } from './audit.batch.js';
import { verifyAuditChain } from './audit.chain.js';
import { auditLogregels, type AuditProcessingRow } from './audit.repository.js';
import { recordProcessing, type AuditContext, type DeferredAuditRecords } from './audit.service.js';

const TENANT = 'GM0935';
const OTHER_TENANT = 'GM1903';
let t: TestApp;
let kcc: string;
let residentIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  residentIds = (
    await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('residents').select('id').where('tenant_id', '=', TENANT).orderBy('id').limit(12).execute())
  ).map((r) => r.id);
});
afterAll(async () => t.close());

/** A trace's logregels, one per data subject. */
const recordsOfTrace = (traceId: string, tenantId = TENANT) =>
  asOwnerIn(t.database.db, tenantId, (tx) => tx.selectFrom(auditLogregels(tx)).select(['a.name', 'a.data_subject_id', 'a.status_code']).where('a.trace_id', '=', traceId).execute());

function processing(status: string, subject: string, tenantId = TENANT): DeferredAuditRecords {
  const row: AuditProcessingRow = {
    tenant_id: tenantId,
    trace_id: randomBytes(16).toString('hex'),
    span_id: randomBytes(8).toString('hex'),
    parent_span_id: null,
    name: 'inwoner.raadplegen',
    // 'KAPOT' is what the database's check refuses; the type allows only OK and ERROR.
    status_code: status as AuditProcessingRow['status_code'],
    start_time: new Date(),
    end_time: new Date(),
    processing_activity_id: 'inwonerregistratie',
    actor_id: null,
    actor_username: null,
    actor_roles: [],
    resource_name: 'koers',
    resource_version: 'test',
    attributes: JSON.stringify({ proef: 'batch', tekens: 'é"\\\'' }),
  };
  return { records: [{ row, subjects: [{ type: 'resident', id: subject }] }] };
}

describe('processing-log records of reads, written in batches', () => {
  it('has every read\'s record committed before its answer arrives, also with many reads at once, and the chain stays whole', async () => {
    const answers = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const response = await t.app.inject({ method: 'GET', url: `/api/residents/${residentIds[i % residentIds.length]}`, headers: { cookie: kcc } });
        // Read at once, before any other answer is awaited: the record must be there already.
        const records = await recordsOfTrace(response.headers['x-request-id'] as string);
        return { status: response.statusCode, records, id: residentIds[i % residentIds.length] };
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.records.filter((r) => r.name === 'inwoner.raadplegen' && r.data_subject_id === answer.id && r.status_code === 'OK')).toHaveLength(1);
    }
    const chain = await verifyAuditChain(t.database.db, { tenantId: TENANT });
    expect(chain.broken).toBeNull();
  });

  it('fails only the request whose records cannot be written; the others in its batch are written', async () => {
    const writer = new AuditBatchWriter(t.database.db);
    const good = [processing('OK', randomUUID()), processing('OK', randomUUID()), processing('ERROR', randomUUID())];
    const bad = processing('KAPOT', randomUUID()); // status_code has a check: OK or ERROR
    const results = await Promise.allSettled([writer.write(TENANT, good[0]!), writer.write(TENANT, bad), writer.write(TENANT, good[1]!), writer.write(TENANT, good[2]!)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const deferred of good) {
      const records = await recordsOfTrace(deferred.records[0]!.row.trace_id);
      expect(records).toEqual([{ name: 'inwoner.raadplegen', data_subject_id: deferred.records[0]!.subjects[0]!.id, status_code: deferred.records[0]!.row.status_code }]);
    }
    expect(await recordsOfTrace(bad.records[0]!.row.trace_id)).toEqual([]);
    expect((await verifyAuditChain(t.database.db, { tenantId: TENANT })).broken).toBeNull();
  });

  it('writes the records of several municipalities in one batch, each in its own chain; a record naming another municipality than its request is refused alone', async () => {
    const writer = new AuditBatchWriter(t.database.db);
    const ours = [processing('OK', randomUUID()), processing('OK', randomUUID())];
    const theirs = [processing('OK', randomUUID(), OTHER_TENANT), processing('ERROR', randomUUID(), OTHER_TENANT)];
    // Handed in as a request of GM0935, but its record says GM1903: row-level security refuses it.
    const misplaced = processing('OK', randomUUID(), OTHER_TENANT);
    const results = await Promise.allSettled([
      writer.write(TENANT, ours[0]!),
      writer.write(OTHER_TENANT, theirs[0]!),
      writer.write(TENANT, misplaced),
      writer.write(OTHER_TENANT, theirs[1]!),
      writer.write(TENANT, ours[1]!),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/row-level security/i);
    for (const [tenantId, deferreds] of [[TENANT, ours], [OTHER_TENANT, theirs]] as const) {
      for (const deferred of deferreds) {
        const { trace_id } = deferred.records[0]!.row;
        expect(await recordsOfTrace(trace_id, tenantId)).toEqual([{ name: 'inwoner.raadplegen', data_subject_id: deferred.records[0]!.subjects[0]!.id, status_code: deferred.records[0]!.row.status_code }]);
        const where = await asOwnerIn(t.database.db, tenantId, (tx) => tx.selectFrom('audit_log').select(['tenant_id']).where('trace_id', '=', trace_id).execute());
        expect(where).toEqual([{ tenant_id: tenantId }]);
      }
      expect((await verifyAuditChain(t.database.db, { tenantId })).broken).toBeNull();
    }
    for (const tenantId of [TENANT, OTHER_TENANT]) expect(await recordsOfTrace(misplaced.records[0]!.row.trace_id, tenantId)).toEqual([]);
  });

  it('writes the municipalities\' records that arrive together in one transaction, each municipality\'s in the order their requests came', async () => {
    const writer = new AuditBatchWriter(t.database.db);
    const order = [TENANT, OTHER_TENANT, TENANT, OTHER_TENANT, TENANT].map((tenantId) => ({ tenantId, deferred: processing('OK', randomUUID(), tenantId) }));
    await Promise.all(order.map(({ tenantId, deferred }) => writer.write(tenantId, deferred)));
    const transactions = new Set<string>();
    for (const tenantId of [TENANT, OTHER_TENANT]) {
      const traces = order.filter((o) => o.tenantId === tenantId).map((o) => o.deferred.records[0]!.row.trace_id);
      const rows = await asOwnerIn(t.database.db, tenantId, (tx) =>
        tx.selectFrom('audit_log').select(['trace_id', 'seq', sql<string>`xmin::text`.as('xmin')]).where('trace_id', 'in', traces).orderBy('seq').execute(),
      );
      expect(rows.map((r) => r.trace_id)).toEqual(traces);
      for (const row of rows) transactions.add(row.xmin);
    }
    expect(transactions.size).toBe(1);
  });

  // Two connections at once: a PostgreSQL server (PGlite has one connection, so an open transaction holds up everything).
  it.skipIf(!process.env.DATABASE_URL)('lets the other municipalities\' records through while one municipality\'s chain head is held by a long transaction', async () => {
    const writer = new AuditBatchWriter(t.database.db);
    // A change in GM1903 that has written its record and has not committed: it holds GM1903's chain head.
    const ctx: AuditContext = { traceId: randomBytes(16).toString('hex'), parentSpanId: null, actor: null, tenantId: OTHER_TENANT };
    const long = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: OTHER_TENANT, name: 'test' }, ctx);
    await recordProcessing(long.tx, ctx, { name: 'inwoner.wijzigen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: randomUUID() }], startTime: new Date() });
    const held = processing('OK', randomUUID(), OTHER_TENANT);
    let heldDone = false;
    const heldWrite = writer.write(OTHER_TENANT, held).then(() => (heldDone = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const free = processing('OK', randomUUID());
    await writer.write(TENANT, free);
    expect(await recordsOfTrace(free.records[0]!.row.trace_id)).toHaveLength(1);
    expect(heldDone).toBe(false);
    await long.commit();
    await heldWrite;
    expect(await recordsOfTrace(held.records[0]!.row.trace_id, OTHER_TENANT)).toHaveLength(1);
    expect((await verifyAuditChain(t.database.db, { tenantId: OTHER_TENANT })).broken).toBeNull();
  });

  // A PostgreSQL server: the batches have connections of their own beside the pool (PGlite has one connection for all).
  it.skipIf(!process.env.DATABASE_URL)('writes a batch on a connection of its own: a read\'s records are committed while every connection of the pool is taken', async () => {
    const database = await openDatabase({ kind: 'postgresql', url: t.database.url!, maxConnections: 1 });
    try {
      expect(processingLogDbOf(database.db)).not.toBe(database.db);
      // The pool's only connection, held as a request's unit of work holds it until its answer is ready.
      const held = await database.db.startTransaction().execute();
      try {
        const deferred = processing('OK', randomUUID());
        const outcome = await Promise.race([
          auditBatchWriterOf(database.db)
            .write(TENANT, deferred)
            .then(() => 'geschreven'),
          new Promise((resolve) => setTimeout(() => resolve('wacht op de pool'), 5_000)),
        ]);
        expect(outcome).toBe('geschreven');
        expect(await recordsOfTrace(deferred.records[0]!.row.trace_id)).toHaveLength(1);
      } finally {
        await held.rollback().execute();
      }
    } finally {
      await database.close();
    }
  });

  // Two server processes, each with its own batch writer and connections (PGlite has one connection and one process).
  it.skipIf(!process.env.DATABASE_URL)('lets two server processes write batches of the same municipalities at once without a deadlock, whatever order their records came in', async () => {
    const processes = [
      await openDatabase({ kind: 'postgresql', url: t.database.url!, maxConnections: 1 }),
      await openDatabase({ kind: 'postgresql', url: t.database.url!, maxConnections: 1 }),
    ];
    try {
      const writers = processes.map((p) => new AuditBatchWriter(processingLogDbOf(p.db)));
      // Each batch starts with a long group, so each holds its first municipality's chain head for a while
      // before it asks for the other's: in the order the records came, the first process would hold
      // GM0935's head and wait for GM1903's, the second the other way round. The long group: 150
      // processings of 20 residents (3,000 logregels: 150 records and 2,850 index rows since 0063), few
      // enough processings for one batch to take them with the other request's one. Without the batch
      // writer's order of municipalities this fails (one batch deadlocked and written again).
      const many = (tenantId: string): DeferredAuditRecords => {
        const { row } = processing('OK', randomUUID(), tenantId).records[0]!;
        return { records: Array.from({ length: 150 }, () => ({ row, subjects: Array.from({ length: 20 }, () => ({ type: 'resident', id: randomUUID() })) })) };
      };
      const handedIn = [
        { writer: 0, tenantId: TENANT, deferred: many(TENANT) },
        { writer: 0, tenantId: OTHER_TENANT, deferred: processing('OK', randomUUID(), OTHER_TENANT) },
        { writer: 1, tenantId: OTHER_TENANT, deferred: many(OTHER_TENANT) },
        { writer: 1, tenantId: TENANT, deferred: processing('OK', randomUUID(), TENANT) },
      ];
      const results = await Promise.allSettled(handedIn.map(({ writer, tenantId, deferred }) => writers[writer]!.write(tenantId, deferred)));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      // One batch each, neither aborted by PostgreSQL's deadlock detection and written again request by request.
      expect(writers.map((w) => ({ batches: w.counts.batches, writtenAgain: w.counts.writtenAgain }))).toEqual([
        { batches: 1, writtenAgain: 0 },
        { batches: 1, writtenAgain: 0 },
      ]);
      for (const { tenantId, deferred } of handedIn) {
        expect(await recordsOfTrace(deferred.records[0]!.row.trace_id, tenantId)).toHaveLength(deferred.records.reduce((n, r) => n + r.subjects.length, 0));
      }
      for (const tenantId of [TENANT, OTHER_TENANT]) expect((await verifyAuditChain(t.database.db, { tenantId })).broken).toBeNull();
    } finally {
      for (const p of processes) await p.close();
    }
  });

  it.skipIf(Boolean(process.env.DATABASE_URL))('writes the batches on PGlite\'s one connection', () => {
    expect(processingLogDbOf(t.database.db)).toBe(t.database.db);
  });

  it('makes a read whose processings have no data subjects (an empty list) wait for no batch: it has no records', async () => {
    const writer = auditBatchWriterOf(t.database.db);
    const before = writer.counts.batches;
    const ctx: AuditContext = { traceId: randomBytes(16).toString('hex'), parentSpanId: null, actor: null, tenantId: TENANT };
    const listing = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, ctx, { batchReadRecords: true });
    await recordProcessing(listing.tx, ctx, { name: 'mijn-zaken.raadplegen', activity: 'inwonerregistratie', subjects: [], startTime: new Date() });
    await listing.commit();
    expect(writer.counts.batches).toBe(before);
    await expect(writer.write(TENANT, { records: [{ row: processing('OK', randomUUID()).records[0]!.row, subjects: [] }] })).resolves.toBeUndefined();
    expect(writer.counts.batches).toBe(before);
    expect(await recordsOfTrace(ctx.traceId)).toEqual([]);

    // With a data subject the same read waits for its batch, and its record is there when commit() resolves.
    const read: AuditContext = { ...ctx, traceId: randomBytes(16).toString('hex') };
    const reading = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, read, { batchReadRecords: true });
    await recordProcessing(reading.tx, read, { name: 'mijn-zaken.raadplegen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: residentIds[0]! }], startTime: new Date() });
    await reading.commit();
    expect(writer.counts.batches).toBe(before + 1);
    expect(await recordsOfTrace(read.traceId)).toEqual([{ name: 'mijn-zaken.raadplegen', data_subject_id: residentIds[0]!, status_code: 'OK' }]);
  });

  it('writes the records in the read\'s own transaction when it changed data after all: change and record commit together or not at all', async () => {
    const residentId = residentIds[0]!;
    const givenName = async () =>
      (await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('residents').select('given_name').where('id', '=', residentId).executeTakeFirstOrThrow())).given_name;
    const before = await givenName();
    const ctx: AuditContext = { traceId: randomBytes(16).toString('hex'), parentSpanId: null, actor: null, tenantId: TENANT };
    const unit = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, ctx, { batchReadRecords: true });
    await sql`update residents set given_name = ${'Veranderd'} where id = ${residentId}`.execute(unit.tx);
    // A record the database refuses (status_code has a check), so the change must go with it.
    await recordProcessing(unit.tx, ctx, { name: 'inwoner.wijzigen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: residentId }], startTime: new Date(), status: 'KAPOT' as 'OK' });
    await expect(unit.commit()).rejects.toThrow(/check/i);
    expect(await givenName()).toBe(before);
    expect(await recordsOfTrace(ctx.traceId)).toEqual([]);

    const second: AuditContext = { ...ctx, traceId: randomBytes(16).toString('hex') };
    const ok = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, second, { batchReadRecords: true });
    await sql`update residents set given_name = ${before} where id = ${residentId}`.execute(ok.tx);
    await recordProcessing(ok.tx, second, { name: 'inwoner.wijzigen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: residentId }], startTime: new Date() });
    await ok.commit();
    expect(await recordsOfTrace(second.traceId)).toEqual([{ name: 'inwoner.wijzigen', data_subject_id: residentId, status_code: 'OK' }]);
  });

  it('a changed read\'s records travel as one literal with its commit: quotes, backslashes and dollar signs in them arrive unchanged', async () => {
    const residentId = residentIds[1]!;
    const hostile = `O'Brien \\ \\' '' $$ $x$ \\x41 \\u00e9 é 🙂 '); drop table audit_log; --`;
    const ctx: AuditContext = { traceId: randomBytes(16).toString('hex'), parentSpanId: null, actor: null, tenantId: TENANT };
    const unit = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, ctx, { batchReadRecords: true });
    await sql`update residents set given_name = given_name where id = ${residentId}`.execute(unit.tx);
    await recordProcessing(unit.tx, ctx, { name: 'inwoner.wijzigen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: residentId }], startTime: new Date(), attributes: { tekst: hostile } });
    await unit.commit();
    const rows = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select(['attributes']).where('trace_id', '=', ctx.traceId).execute());
    expect(rows.map((r) => r.attributes)).toEqual([{ tekst: hostile }]);
    expect((await verifyAuditChain(t.database.db, { tenantId: TENANT })).broken).toBeNull();

    // Unchanged, the same records go to the batch writer after the commit, just as unchanged.
    const read: AuditContext = { ...ctx, traceId: randomBytes(16).toString('hex') };
    const reading = await beginUnitOfWork(t.database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, read, { batchReadRecords: true });
    await recordProcessing(reading.tx, read, { name: 'inwoner.raadplegen', activity: 'inwonerregistratie', subjects: [{ type: 'resident', id: residentId }], startTime: new Date(), attributes: { tekst: hostile } });
    await reading.commit();
    const readRows = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select(['attributes']).where('trace_id', '=', read.traceId).execute());
    expect(readRows.map((r) => r.attributes)).toEqual([{ tekst: hostile }]);
  });
});
