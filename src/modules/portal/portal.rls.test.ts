import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, openCase, TENANT, type Staff } from '../../../test/support/factories.js';
import { withResident, withTenant } from '../../db/tenancy.js';

let t: TestApp;
let consultant: Staff;
let areaCode: string;

beforeAll(async () => {
  t = await createTestApp();
  areaCode = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode });
});
afterAll(async () => t.close());

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

async function residentWithCaseAndLetter(): Promise<{ residentId: string; caseId: string }> {
  const resident = await createResident(t, { areaCode });
  const c = await openCase(t, consultant, resident.id);
  await withTenant(t.database.db, TENANT, (tx) =>
    tx.insertInto('case_documents').values({ tenant_id: TENANT, case_id: c.id, resident_id: resident.id, decision_id: null, kind: 'decision_letter', title: 'Besluit', media_type: 'application/pdf', bytes: PDF, sha256: createHash('sha256').update(PDF).digest('hex'), created_by: consultant.id }).execute(),
  );
  const request = await t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/document-requests`, headers: { cookie: consultant.cookie }, payload: { description: 'Uw loonstroken', dueOn: '2999-01-01' } });
  expect(request.statusCode).toBe(201);
  return { residentId: resident.id, caseId: c.id };
}

describe('the database restricts a resident principal to their own rows (koers.resident_id, migration 0048)', () => {
  it('a query without any resident filter still returns only the pinned resident\'s rows', async () => {
    const a = await residentWithCaseAndLetter();
    const b = await residentWithCaseAndLetter();
    const { db } = t.database;
    // Staff work (no resident pinned) sees both residents' rows under the tenant policy.
    const staffCases = await withTenant(db, TENANT, (tx) => tx.selectFrom('cases').select('resident_id').where('id', 'in', [a.caseId, b.caseId]).execute());
    expect(staffCases).toHaveLength(2);

    const seen = await withResident(db, TENANT, a.residentId, async (tx) => ({
      residents: (await tx.selectFrom('residents').select('id').execute()).map((r) => r.id),
      cases: (await tx.selectFrom('cases').select('resident_id').execute()).map((r) => r.resident_id),
      events: (await tx.selectFrom('case_events').select('case_id').execute()).map((r) => r.case_id),
      letters: (await tx.selectFrom('case_documents').select('resident_id').execute()).map((r) => r.resident_id),
      requests: (await tx.selectFrom('document_requests').select('resident_id').execute()).map((r) => r.resident_id),
    }));
    expect(seen.residents).toEqual([a.residentId]);
    expect(new Set(seen.cases)).toEqual(new Set([a.residentId]));
    expect(new Set(seen.events)).toEqual(new Set([a.caseId]));
    expect(new Set(seen.letters)).toEqual(new Set([a.residentId]));
    expect(new Set(seen.requests)).toEqual(new Set([a.residentId]));
  });

  it('refuses a write for another resident, and forgets the pin when the transaction ends', async () => {
    const a = await residentWithCaseAndLetter();
    const b = await residentWithCaseAndLetter();
    const { db } = t.database;
    await expect(
      withResident(db, TENANT, a.residentId, (tx) =>
        tx.insertInto('document_requests').values({ tenant_id: TENANT, case_id: b.caseId, resident_id: b.residentId, description: 'Niet van u', due_on: '2999-01-01', requested_by: consultant.id }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const after = await withTenant(db, TENANT, async (tx) => (await sql<{ pin: string | null }>`select current_setting('koers.resident_id', true) as pin`.execute(tx)).rows[0]!.pin);
    expect(after ?? '').toBe('');
  });
});
