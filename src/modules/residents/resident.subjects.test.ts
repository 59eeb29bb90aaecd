// Every subject the resident guard protects names its resident in one scalar subquery
// (`residentOfQuery`), so the guard finds the resident and the employee's relation in a single round
// trip. The subquery must answer exactly what the subject's `residentOf` answers: the same resident for
// a record that exists, nothing for one that does not, nothing for another municipality's record.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenancy.js';
import { asOwnerIn, createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { caseSubject } from '../cases/case.service.js';
import { conversationSubject } from '../conversations/conversation.service.js';
import { debtCaseSubject } from '../debt/debt.service.js';
import { outreachSubject } from '../debt/debt.signals.service.js';
import { allocationSubject, decisionSubject } from '../decisions/decision.service.js';
import { uploadSubject } from '../documents/document.service.js';
import { documentSubject } from '../letters/document.service.js';
import { applicationSubject } from '../participatiewet/pw.application.service.js';
import { benefitSubject } from '../participatiewet/pw.income-statement.service.js';
import { claimSubject } from '../participatiewet/pw.recovery.service.js';
import { reexaminationSubject } from '../participatiewet/pw.reexamination.service.js';
import { specialAssistanceSubject } from '../participatiewet/pw.special-assistance.service.js';
import type { ResidentSubject } from './resident.guard.js';

const TENANT = 'GM0935';
const OTHER = 'GM1903';

/** Each subject with the table (and key column) its ids come from. */
const subjects: { name: string; subject: ResidentSubject; table: string; key: string }[] = [
  { name: 'zaak', subject: caseSubject, table: 'cases', key: 'id' },
  { name: 'beschikking', subject: decisionSubject, table: 'decisions', key: 'id' },
  { name: 'toewijzing', subject: allocationSubject, table: 'allocations', key: 'id' },
  { name: 'gesprek', subject: conversationSubject, table: 'conversations', key: 'id' },
  { name: 'aanmelding schuldhulp', subject: debtCaseSubject, table: 'debt_cases', key: 'id' },
  { name: 'signaal schuldhulp', subject: outreachSubject, table: 'debt_outreach', key: 'id' },
  { name: 'uitkering', subject: benefitSubject, table: 'pw_benefits', key: 'id' },
  { name: 'aanvraag Pw', subject: applicationSubject, table: 'pw_applications', key: 'case_id' },
  { name: 'aanvraag bijzondere bijstand', subject: specialAssistanceSubject, table: 'special_assistance_applications', key: 'case_id' },
  { name: 'vordering', subject: claimSubject, table: 'pw_recovery_claims', key: 'id' },
  { name: 'brief', subject: documentSubject, table: 'case_documents', key: 'id' },
  { name: 'upload', subject: uploadSubject, table: 'documents', key: 'id' },
  { name: 'heronderzoek', subject: reexaminationSubject, table: 'pw_reexaminations', key: 'id' },
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

/** Up to three ids of the table's rows in the municipality (the owner reads past row-level security). */
const idsIn = (tenantId: string, table: string, key: string) =>
  asOwnerIn(database.db, tenantId, async (tx) =>
    (await sql<{ id: string }>`select ${sql.ref(key)}::text as id from ${sql.table(table)} where tenant_id = ${tenantId} order by 1 limit 3`.execute(tx)).rows.map((r) => r.id),
  );

/** What the subquery answers for this id, as the guard runs it: inside the municipality's transaction. */
const viaQuery = (subject: ResidentSubject, id: string) =>
  withTenant(database.db, TENANT, async (tx) => (await sql<{ resident_id: string | null }>`select (${subject.residentOfQuery(id)}) as resident_id`.execute(tx)).rows[0]!.resident_id ?? undefined);

const viaLookup = (subject: ResidentSubject, id: string) => withTenant(database.db, TENANT, (tx) => subject.residentOf(tx, id));

describe('the resident guard asks once for every subject', () => {
  it.each(subjects)('$name: the subquery names the same resident as the lookup, for its own records and for any other id', async ({ subject, table, key }) => {
    // Its own records: a resident each.
    for (const id of await idsIn(TENANT, table, key)) {
      const expected = await viaLookup(subject, id);
      expect(expected).toBeTypeOf('string');
      expect(await viaQuery(subject, id)).toBe(expected);
    }
    // Every other id: the records of the other subjects (a subquery on the wrong table would answer
    // these), another municipality's records, and an id that exists nowhere.
    const others: string[] = [randomUUID()];
    for (const other of subjects) others.push(...(await idsIn(TENANT, other.table, other.key)), ...(await idsIn(OTHER, other.table, other.key)));
    for (const id of others) expect({ id, resident: await viaQuery(subject, id) }).toEqual({ id, resident: await viaLookup(subject, id) });
    for (const id of await idsIn(OTHER, table, key)) expect(await viaQuery(subject, id)).toBeUndefined();
  });

  it('the demo data holds records of most subjects, so the comparison above is not empty', async () => {
    const withRows = [];
    for (const { name, table, key } of subjects) if ((await idsIn(TENANT, table, key)).length > 0) withRows.push(name);
    expect(withRows.length).toBeGreaterThanOrEqual(9);
  });
});
