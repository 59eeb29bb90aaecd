import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { countTransactions } from '../../../test/support/transactions.js';
import { demoBsn } from '../residents/bsn.js';

const TENANT = 'GM0935';
let t: TestApp;
let consulent: string;
let kcc: string;

beforeAll(async () => {
  t = await createTestApp();
  consulent = (await t.login('consulent')).cookie;
  kcc = (await t.login('kcc')).cookie;
});
afterAll(async () => t.close());

const resident = async (index: number) =>
  (await t.app.inject({ method: 'POST', url: '/api/residents/search', headers: { cookie: kcc }, payload: { q: demoBsn(index) } })).json().items[0].id as string;

/** The audit records one request wrote (its trace id is the request id), by name. */
const auditOf = (traceId: string) =>
  asOwnerIn(t.database.db, TENANT, (tx) =>
    tx.selectFrom('audit_log').select(['name', 'status_code', 'data_subject_id']).where('trace_id', '=', traceId).orderBy('name').execute(),
  );

/** Sends one request and counts the transactions it opened. */
async function counted(request: InjectOptions) {
  const counter = countTransactions(t.database.db);
  try {
    const response = await t.app.inject(request);
    return { response, transactions: { unitOfWork: counter.controlled, other: counter.callback } };
  } finally {
    counter.stop();
  }
}

describe('one request, one unit of work (POST /api/residents/{id}/cases)', () => {
  it('writes one audit record per processing that happened: the writes and the one read returned', async () => {
    const id = await resident(40);
    const { response, transactions } = await counted({ method: 'POST', url: `/api/residents/${id}/cases`, headers: { cookie: consulent }, payload: { caseTypeCode: 'WMO-MAATWERK' } });
    expect(response.statusCode).toBe(201);
    const records = await auditOf(response.headers['x-request-id'] as string);
    // The resident had no contact person: the consultant became it (a write), the case was opened (a
    // write), and the case was returned (one read). No read that the user did not receive.
    expect(records.map((r) => r.name)).toEqual(['contactpersoon.toewijzen', 'zaak.raadplegen', 'zaak.starten']);
    expect(records.every((r) => r.data_subject_id === id && r.status_code === 'OK')).toBe(true);
    // One tenant transaction for the relation check, the command and the read; the session lookup is one
    // statement outside any transaction (migration 0057), so no other transaction at all.
    expect(transactions).toEqual({ unitOfWork: 1, other: 0 });
  });

  it('writes no contact-person record when the resident already has one', async () => {
    const id = await resident(41);
    expect((await t.app.inject({ method: 'POST', url: `/api/residents/${id}/cases`, headers: { cookie: consulent }, payload: { caseTypeCode: 'WMO-MAATWERK' } })).statusCode).toBe(201);
    const { response, transactions } = await counted({ method: 'POST', url: `/api/residents/${id}/cases`, headers: { cookie: consulent }, payload: { caseTypeCode: 'JW-JEUGDHULP' } });
    expect(response.statusCode).toBe(201);
    expect((await auditOf(response.headers['x-request-id'] as string)).map((r) => r.name)).toEqual(['zaak.raadplegen', 'zaak.starten']);
    expect(transactions).toEqual({ unitOfWork: 1, other: 0 });
  });

  it('rolls the unit of work back when the command refuses: nothing written, nothing logged', async () => {
    const id = await resident(42);
    const { response, transactions } = await counted({ method: 'POST', url: `/api/residents/${id}/cases`, headers: { cookie: consulent }, payload: { caseTypeCode: 'BESTAAT-NIET' } });
    expect(response.statusCode).toBe(400);
    expect(await auditOf(response.headers['x-request-id'] as string)).toEqual([]);
    expect(transactions).toEqual({ unitOfWork: 1, other: 0 });
    const cases = await t.app.inject({ method: 'GET', url: `/api/residents/${id}/cases`, headers: { cookie: consulent } });
    expect(cases.json()).toEqual([]);
  });

  it('ends a unit of work the guard opened when the input is invalid, so the next request is served', async () => {
    const id = await resident(43);
    const invalid = await t.app.inject({ method: 'POST', url: `/api/residents/${id}/cases`, headers: { cookie: consulent }, payload: { caseTypeCode: 42 } });
    expect(invalid.statusCode).toBe(400);
    expect(await auditOf(invalid.headers['x-request-id'] as string)).toEqual([]);
    const next = await t.app.inject({ method: 'GET', url: `/api/residents/${id}/cases`, headers: { cookie: consulent } });
    expect(next.statusCode).toBe(200);
  });

  it('keeps the refusal in the log when the relation check refuses, in the same single unit of work', async () => {
    const elsewhere = await asOwnerIn(t.database.db, TENANT, async (tx) =>
      (
        await tx
          .selectFrom('residents as r')
          .select('r.id')
          .where('r.tenant_id', '=', TENANT)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('team_areas as ta')
                  .innerJoin('team_members as tm', 'tm.team_id', 'ta.team_id')
                  .innerJoin('users as u', 'u.id', 'tm.user_id')
                  .whereRef('ta.area_code', '=', 'r.area_code')
                  .where('u.username', '=', 'consulent')
                  .select('ta.team_id'),
              ),
            ),
          )
          .where(({ not, exists, selectFrom }) => not(exists(selectFrom('contact_person_assignments as c').whereRef('c.resident_id', '=', 'r.id').select('c.id'))))
          .limit(1)
          .executeTakeFirstOrThrow()
      ).id,
    );
    const { response, transactions } = await counted({ method: 'POST', url: `/api/residents/${elsewhere}/cases`, headers: { cookie: consulent }, payload: { caseTypeCode: 'WMO-MAATWERK' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('NO_RELATION');
    const records = await auditOf(response.headers['x-request-id'] as string);
    expect(records.map((r) => [r.name, r.status_code])).toEqual([['zaak.starten', 'ERROR']]);
    expect(transactions).toEqual({ unitOfWork: 1, other: 0 });
  });
});
