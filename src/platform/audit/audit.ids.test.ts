import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { verifyAuditChain } from './audit.chain.js';

// Migration 0058: processing-log records get time-ordered ids (UUID version 7), so a new record is
// added at the end of its municipality's part of the primary-key index instead of on a random page.

const TENANT = 'GM0935';
let t: TestApp;
let kcc: string;
let residentIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  kcc = (await t.login('kcc')).cookie;
  residentIds = (
    await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('residents').select('id').where('tenant_id', '=', TENANT).orderBy('id').limit(3).execute())
  ).map((r) => r.id);
});
afterAll(async () => t.close());

const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The Unix time in milliseconds in a version 7 UUID's first 48 bits. */
const millisecondsOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('time-ordered ids of processing-log records', () => {
  it('uuid_time_ordered() gives distinct version 7 UUIDs carrying the current time, in time order', async () => {
    const before = Date.now();
    const { rows } = await sql<{ id: string; n: number }>`select uuid_time_ordered()::text as id, n from generate_series(1, 2000) n order by n`.execute(t.database.db);
    const after = Date.now();
    expect(new Set(rows.map((r) => r.id)).size).toBe(2000);
    for (const { id } of rows) {
      expect(id).toMatch(VERSION_7);
      // The database's clock and this process's are the same machine's; a second either way for safety.
      expect(millisecondsOf(id)).toBeGreaterThanOrEqual(before - 1000);
      expect(millisecondsOf(id)).toBeLessThanOrEqual(after + 1000);
    }
    for (let i = 1; i < rows.length; i++) expect(millisecondsOf(rows[i]!.id)).toBeGreaterThanOrEqual(millisecondsOf(rows[i - 1]!.id));
  });

  it("the records a read writes get such ids, a later read's records come after an earlier one's, and the chain verifies", async () => {
    const reads: string[][] = [];
    for (const residentId of residentIds) {
      const response = await t.app.inject({ method: 'GET', url: `/api/residents/${residentId}`, headers: { cookie: kcc } });
      expect(response.statusCode).toBe(200);
      const records = await asOwnerIn(t.database.db, TENANT, (tx) =>
        tx.selectFrom('audit_log').select('id').where('trace_id', '=', response.headers['x-request-id'] as string).execute(),
      );
      expect(records.length).toBeGreaterThan(0);
      reads.push(records.map((r) => r.id));
      // A millisecond apart at least, so the order of the ids is the order of the reads.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const id of reads.flat()) expect(id).toMatch(VERSION_7);
    // Records of one read may share a millisecond (their order within it is random); a later read's come after.
    for (let i = 1; i < reads.length; i++) {
      expect(Math.min(...reads[i]!.map(millisecondsOf))).toBeGreaterThan(Math.max(...reads[i - 1]!.map(millisecondsOf)));
    }
    expect((await verifyAuditChain(t.database.db, { tenantId: TENANT })).broken).toBeNull();
  });
});
