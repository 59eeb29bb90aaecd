import { randomUUID } from 'node:crypto';
import { CompiledQuery, sql, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOwnerIn, createTestDatabase } from '../../../test/support/database.js';
import type { Database } from '../../db/database.js';
import { withTenant, type Tx } from '../../db/tenancy.js';
import { verifyAuditChain } from './audit.chain.js';
import { auditLogregels, countAuditRecords, insertAuditRecordGroupsThenCommit, listAuditRecordsForSubject, searchAuditRecords, type AuditProcessingRow } from './audit.repository.js';

// A processing of several data subjects is stored as one record per subject type, its further
// subjects hashed with it and indexed by the database (migration 0063); readers still get one
// logregel per data subject, and never another subject's id with it.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

let nextTenant = 300;
async function newTenant(): Promise<string> {
  const id = `GM${String(nextTenant++).padStart(4, '0')}`;
  await sql`insert into tenants (id, name) values (${id}, ${`Testgemeente ${id}`})`.execute(database.db);
  return id;
}

const processing = (tenantId: string, name: string): AuditProcessingRow => ({
  tenant_id: tenantId,
  trace_id: randomUUID().replaceAll('-', ''),
  span_id: randomUUID().replaceAll('-', '').slice(0, 16),
  parent_span_id: null,
  name,
  status_code: 'OK',
  start_time: new Date('2026-12-01T09:00:00Z'),
  end_time: new Date('2026-12-01T09:00:00.004Z'),
  processing_activity_id: 'zaakbehandeling-sociaal-domein',
  actor_id: randomUUID(),
  actor_username: 'consulent',
  actor_roles: ['consultant'],
  resource_name: 'koers',
  resource_version: '0.1.0',
  attributes: JSON.stringify({ aantal: 3 }),
});

const resident = (id: string) => ({ type: 'resident', id });

/** Writes processings as the batch writer of reads does (audit_log_insert_groups, as the application role). */
async function writeAsBatch(tenantId: string, records: { row: AuditProcessingRow; subjects: { type: string; id: string }[] }[]): Promise<void> {
  await withTenant(database.db, tenantId, (tx) => insertAuditRecordGroupsThenCommit(tx, [{ tenantId, records }]));
}

/** What an owner can do that the application role cannot: switch a table's append-only trigger off and write. */
async function asOwnerWithoutTrigger(tenantId: string, table: 'audit_log' | 'audit_log_subjects', statement: ReturnType<typeof sql>): Promise<void> {
  const trigger = `${table}_append_only`;
  const changed = await asOwnerIn(database.db, tenantId, async (tx) => {
    await sql`alter table ${sql.table(table)} disable trigger ${sql.id(trigger)}`.execute(tx);
    const result = await statement.execute(tx);
    await sql`alter table ${sql.table(table)} enable trigger ${sql.id(trigger)}`.execute(tx);
    return Number(result.numAffectedRows ?? 0n);
  });
  if (changed === 0) throw new Error('the tamper statement changed no row');
}

describe('a processing of several data subjects in the processing log', () => {
  it('is one record per subject type, its further subjects hashed with it (v2) and indexed by the database; the chain verifies', async () => {
    const tenantId = await newTenant();
    const [r1, r2, r3] = [randomUUID(), randomUUID(), randomUUID()];
    await writeAsBatch(tenantId, [
      { row: processing(tenantId, 'mijn-zaken.raadplegen'), subjects: [resident(r1), resident(r2), { type: 'logboek', id: 'zoekopdracht' }, resident(r3), resident(r2)] },
      { row: processing(tenantId, 'zaak.raadplegen'), subjects: [resident(r1)] },
    ]);

    const stored = await asOwnerIn(database.db, tenantId, (tx) =>
      sql<{ seq: string; name: string; data_subject_type: string; data_subject_id: string; further_subject_ids: string[] | null; format: string }>`
        select seq::text, name, data_subject_type, data_subject_id, further_subject_ids, convert_from(audit_log_content(a), 'UTF8')::jsonb ->> 0 as format
        from audit_log a where tenant_id = ${tenantId} order by seq
      `.execute(tx),
    );
    expect(stored.rows).toEqual([
      { seq: '1', name: 'mijn-zaken.raadplegen', data_subject_type: 'resident', data_subject_id: r1, further_subject_ids: [r2, r3], format: 'koers-audit-v2' },
      { seq: '2', name: 'mijn-zaken.raadplegen', data_subject_type: 'logboek', data_subject_id: 'zoekopdracht', further_subject_ids: null, format: 'koers-audit-v1' },
      { seq: '3', name: 'zaak.raadplegen', data_subject_type: 'resident', data_subject_id: r1, further_subject_ids: null, format: 'koers-audit-v1' },
    ]);
    const index = await asOwnerIn(database.db, tenantId, (tx) =>
      sql<{ data_subject_id: string }>`select data_subject_id from audit_log_subjects where tenant_id = ${tenantId} order by data_subject_id`.execute(tx),
    );
    expect(index.rows.map((r) => r.data_subject_id)).toEqual([r2, r3].sort());

    expect(await verifyAuditChain(database.db, { tenantId })).toMatchObject({ records: 3, broken: null, head: { seq: 3 } });
  });

  it('is read as one logregel per data subject, each with its own subject only', async () => {
    const tenantId = await newTenant();
    const [r1, r2, r3] = [randomUUID(), randomUUID(), randomUUID()];
    await writeAsBatch(tenantId, [{ row: processing(tenantId, 'inwoner.zoeken'), subjects: [resident(r1), resident(r2), resident(r3)] }]);

    await withTenant(database.db, tenantId, async (tx) => {
      for (const [id, others] of [[r1, [r2, r3]], [r2, [r1, r3]], [r3, [r1, r2]]] as const) {
        const rows = await listAuditRecordsForSubject(tx, resident(id), 10);
        expect(rows.map((r) => [r.name, r.data_subject_type, r.data_subject_id])).toEqual([['inwoner.zoeken', 'resident', id]]);
        // A resident's inzage must not show who else the processing concerned.
        for (const other of others) expect(JSON.stringify(rows)).not.toContain(other);
      }
      const all = await searchAuditRecords(tx, {}, { offset: 0, limit: 10 });
      expect(all.map((r) => r.data_subject_id).sort()).toEqual([r1, r2, r3].sort());
      expect(await countAuditRecords(tx, {})).toBe(3);
      expect(await countAuditRecords(tx, { residentIds: [r1, r3] })).toBe(2);
      expect((await searchAuditRecords(tx, { residentIds: [r3] }, { offset: 0, limit: 10 })).map((r) => r.data_subject_id)).toEqual([r3]);
      expect(await countAuditRecords(tx, { residentIds: [r2], activity: 'inwonerregistratie' })).toBe(0);
      expect(await countAuditRecords(tx, { residentIds: [] })).toBe(0);
      // Two pages of the privacy officer's search together hold every logregel once.
      const pages = [...(await searchAuditRecords(tx, {}, { offset: 0, limit: 2 })), ...(await searchAuditRecords(tx, {}, { offset: 2, limit: 2 }))];
      expect(pages.map((r) => r.data_subject_id).sort()).toEqual([r1, r2, r3].sort());
    });
  });

  it('gives the application role no way to write, change or remove the subject index', async () => {
    const tenantId = await newTenant();
    const [r1, r2] = [randomUUID(), randomUUID()];
    await writeAsBatch(tenantId, [{ row: processing(tenantId, 'inwoner.zoeken'), subjects: [resident(r1), resident(r2)] }]);
    const recordId = (await asOwnerIn(database.db, tenantId, (tx) => sql<{ id: string }>`select id from audit_log where tenant_id = ${tenantId}`.execute(tx))).rows[0]!.id;

    await expect(
      withTenant(database.db, tenantId, (tx) => sql`insert into audit_log_subjects (tenant_id, data_subject_id, record_id) values (${tenantId}, ${randomUUID()}, ${recordId})`.execute(tx)),
    ).rejects.toThrow(/permission denied/);
    await expect(withTenant(database.db, tenantId, (tx) => sql`delete from audit_log_subjects`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withTenant(database.db, tenantId, (tx) => sql`update audit_log_subjects set data_subject_id = 'x'`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(asOwnerIn(database.db, tenantId, (tx) => sql`delete from audit_log_subjects`.execute(tx))).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log_subjects`.execute(database.db)).rejects.toThrow(/append-only/);
    // A record's further subjects are as fixed as its other fields.
    await expect(asOwnerIn(database.db, tenantId, (tx) => sql`update audit_log set further_subject_ids = ${[randomUUID()]}::text[]`.execute(tx))).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(database.db, { tenantId })).toMatchObject({ records: 1, broken: null });
  });

  it("finds an owner's tampering: a subject taken from a record, a subject left out of the index, a subject added to it", async () => {
    const changed = await newTenant();
    const [a1, a2, a3] = [randomUUID(), randomUUID(), randomUUID()];
    await writeAsBatch(changed, [{ row: processing(changed, 'inwoner.zoeken'), subjects: [resident(a1), resident(a2), resident(a3)] }]);
    await asOwnerWithoutTrigger(changed, 'audit_log', sql`update audit_log set further_subject_ids = ${[a2]}::text[] where tenant_id = ${changed}`);
    expect((await verifyAuditChain(database.db, { tenantId: changed })).broken).toMatchObject({ seq: 1, problem: 'content-changed' });

    const hidden = await newTenant();
    const [b1, b2, b3] = [randomUUID(), randomUUID(), randomUUID()];
    await writeAsBatch(hidden, [{ row: processing(hidden, 'inwoner.zoeken'), subjects: [resident(b1), resident(b2), resident(b3)] }]);
    await asOwnerWithoutTrigger(hidden, 'audit_log_subjects', sql`delete from audit_log_subjects where tenant_id = ${hidden} and data_subject_id = ${b3}`);
    const missing = (await verifyAuditChain(database.db, { tenantId: hidden })).broken;
    expect(missing).toMatchObject({ seq: 1, problem: 'subject-index' });
    expect(missing?.message).toContain(`betrokkene ${b3} van record 1 ontbreekt`);

    const added = await newTenant();
    const [c1, c2, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    await writeAsBatch(added, [{ row: processing(added, 'inwoner.zoeken'), subjects: [resident(c1), resident(c2)] }]);
    await asOwnerIn(database.db, added, (tx) =>
      sql`insert into audit_log_subjects (tenant_id, data_subject_id, record_id) select tenant_id, ${stranger}, id from audit_log where tenant_id = ${added}`.execute(tx),
    );
    const extra = (await verifyAuditChain(database.db, { tenantId: added })).broken;
    expect(extra).toMatchObject({ problem: 'subject-index' });
    expect(extra?.message).toContain(`koppelt ${stranger} aan record`);
  });

  it('is found by data subject through indexes under row-level security, for the inzage and the search', async () => {
    const tenantId = await newTenant();
    const sought = randomUUID();
    await writeAsBatch(tenantId, [
      { row: processing(tenantId, 'inwoner.zoeken'), subjects: [resident(randomUUID()), resident(sought)] },
      { row: processing(tenantId, 'zaak.raadplegen'), subjects: [resident(sought)] },
      // Enough other records for the planner's choice to mean something.
      ...Array.from({ length: 400 }, () => ({ row: processing(tenantId, 'inwoner.zoeken'), subjects: Array.from({ length: 10 }, () => resident(randomUUID())) })),
    ]);
    await sql`analyze audit_log, audit_log_subjects`.execute(database.db);
    /** The plan as the application role with sequential scans discouraged: a scan that remains has no usable index. */
    const plan = (query: (tx: Tx) => Compilable<unknown>) =>
      withTenant(database.db, tenantId, async (tx) => {
        await sql`set local enable_seqscan = off`.execute(tx);
        const compiled = query(tx).compile();
        const result = await tx.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
        return result.rows.map((r) => Object.values(r)[0]).join('\n');
      });
    const byResident = (tx: Tx) => tx.selectFrom(auditLogregels(tx, { type: 'resident', ids: [sought] })).selectAll('a');
    const text = await plan(byResident);
    if (process.env.KOERS_SHOW_PLANS) console.log(text);
    expect(text).not.toMatch(/Seq Scan on audit_log/);
    // The first subject by audit_log_subject, a further one by audit_log_subjects' key, its record by audit_log's.
    expect(text).toMatch(/audit_log_subject on audit_log/);
    expect(text).toMatch(/audit_log_subjects_pkey on audit_log_subjects/);
    expect(text).toMatch(/audit_log_pkey on audit_log/);
    await withTenant(database.db, tenantId, async (tx) => expect((await byResident(tx).execute()).map((r) => r.name).sort()).toEqual(['inwoner.zoeken', 'zaak.raadplegen']));
    // The privacy officer's search without a resident reads each record once, its further subjects from the record itself.
    const everything = await plan((tx) => tx.selectFrom(auditLogregels(tx)).selectAll('a'));
    expect(everything).not.toMatch(/audit_log_subjects/);
    expect(await withTenant(database.db, tenantId, (tx) => countAuditRecords(tx, {}))).toBe(2 + 1 + 400 * 10);
  });
});
