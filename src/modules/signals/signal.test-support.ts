// Crafted data for the signal tests: the smallest rows that make (or almost make) a situation.
// Test support only; imported by *.test.ts files.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/tenancy.js';

export const TENANT = 'GM0935';

export interface World {
  consultantId: string;
  teamLeadId: string;
  residentIds: string[];
  productId: string;
  otherProductId: string;
  providerId: string;
  budgetLine: string;
  unit: 'hour' | 'minute' | 'day_part' | 'day' | 'piece' | 'euro';
}

/** Ids from the seeded demo municipality the fixtures build on; the residents have no case or benefit yet. */
export async function loadWorld(tx: Tx, residents = 12): Promise<World> {
  const user = async (username: string) => (await tx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const free = await sql<{ id: string }>`
    select r.id from residents r
    where r.area_code is not null
      and not exists (select 1 from cases c where c.resident_id = r.id)
      and not exists (select 1 from pw_benefits b where b.resident_id = r.id)
      and not exists (select 1 from callback_tasks t where t.resident_id = r.id)
    order by r.bsn desc limit ${residents}
  `.execute(tx);
  const products = await tx.selectFrom('products').select(['id', 'unit', 'budget_line_code']).where('kind', '=', 'tailored').where('law', '=', 'wmo').orderBy('code').limit(2).execute();
  const provider = await tx.selectFrom('providers').select('id').orderBy('agb_code').executeTakeFirstOrThrow();
  return {
    consultantId: await user('consulent'),
    teamLeadId: await user('teamleider'),
    residentIds: free.rows.map((r) => r.id),
    productId: products[0]!.id,
    otherProductId: products[1]!.id,
    providerId: provider.id,
    budgetLine: products[0]!.budget_line_code,
    unit: products[0]!.unit,
  };
}

let counter = 0;

export async function insertCase(
  tx: Tx,
  w: World,
  c: { residentId: string; caseType?: string; status: string; notifiedOn: string; appliedOn?: string | null; directAccessStart?: string | null; consultantId?: string | null },
): Promise<string> {
  counter += 1;
  const row = await tx
    .insertInto('cases')
    .values({
      tenant_id: TENANT,
      reference: `TEST-${Date.now() % 100000}-${counter}`,
      resident_id: c.residentId,
      case_type_code: c.caseType ?? 'WMO-MAATWERK',
      status: c.status as 'melding',
      notified_on: c.notifiedOn,
      applied_on: c.appliedOn ?? null,
      consultant_id: c.consultantId === undefined ? w.consultantId : c.consultantId,
      direct_access_product_id: c.directAccessStart ? w.productId : null,
      direct_access_provider_id: c.directAccessStart ? w.providerId : null,
      direct_access_start: c.directAccessStart ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCaseEvent(tx: Tx, w: World, e: { caseId: string; kind: 'suspension_start' | 'suspension_end' | 'extension'; onDate: string; term?: string }) {
  await tx
    .insertInto('case_events')
    .values({ tenant_id: TENANT, case_id: e.caseId, kind: e.kind, on_date: e.onDate, term: e.term ?? null, reason: 'test', recorded_by: w.consultantId })
    .execute();
}

/** A granted decision line with one allocation and one segment; returns the allocation id. */
export async function insertAllocation(
  tx: Tx,
  w: World,
  a: { residentId: string; caseId?: string; productId?: string; start: string; end: string; createdAt?: Date; commitments?: { year: number; cents: number }[]; source?: 'decision' | 'verzoek' },
): Promise<string> {
  const productId = a.productId ?? w.productId;
  // Granted on a provider's request (315/317): no case, no beschikking.
  const fromRequest = a.source === 'verzoek';
  const caseId = fromRequest ? null : (a.caseId ?? (await insertCase(tx, w, { residentId: a.residentId, status: 'besluit', notifiedOn: '2025-01-06', appliedOn: '2025-02-03' })));
  let lineId: string | null = null;
  if (caseId) {
    const decision = await tx
      .insertInto('decisions')
      .values({ tenant_id: TENANT, case_id: caseId, resident_id: a.residentId, delivery_form: 'zin', status: 'approved', expected_annual_cents: 0, requires_approval: false, created_by: w.consultantId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const line = await tx
      .insertInto('decision_lines')
      .values({ tenant_id: TENANT, decision_id: decision.id, product_id: productId, outcome: 'granted', period_start: a.start, period_end: a.end, volume: 3, frequency: 'per_week' })
      .returning('id')
      .executeTakeFirstOrThrow();
    lineId = line.id;
  }
  const allocation = await tx
    .insertInto('allocations')
    .values({
      tenant_id: TENANT,
      decision_line_id: lineId,
      case_id: caseId,
      source: fromRequest ? 'verzoek' : 'decision',
      resident_id: a.residentId,
      product_id: productId,
      provider_id: w.providerId,
      unit: w.unit,
      budget_line_code: w.budgetLine,
      created_by: w.consultantId,
      ...(a.createdAt ? { created_at: a.createdAt } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('allocation_segments')
    .values({ tenant_id: TENANT, allocation_id: allocation.id, volume: 3, frequency: 'per_week', start_date: a.start, end_date: a.end, reason: 'test', recorded_by: w.consultantId })
    .execute();
  for (const c of a.commitments ?? []) {
    await tx.insertInto('allocation_commitments').values({ tenant_id: TENANT, allocation_id: allocation.id, year: c.year, cents: c.cents }).execute();
  }
  return allocation.id;
}

export async function insertCallback(tx: Tx, w: World, c: { residentId: string; dueAt: Date; doneAt?: Date | null }): Promise<string> {
  const contact = await tx
    .insertInto('kcc_contacts')
    .values({ tenant_id: TENANT, resident_id: c.residentId, channel: 'telefoon', subject: 'Vraag over hulp bij het huishouden', outcome: 'routed', routed_to_user_id: w.consultantId, registered_by: w.consultantId })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await tx
    .insertInto('callback_tasks')
    .values({ tenant_id: TENANT, contact_id: contact.id, resident_id: c.residentId, user_id: w.consultantId, team_id: null, due_at: c.dueAt, done_at: c.doneAt ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return task.id;
}

export async function insertBenefit(
  tx: Tx,
  w: World,
  b: { residentId: string; start: string; end?: string | null; nextReexamination: string; statements?: string[]; payments?: string[] },
): Promise<string> {
  counter += 1;
  const benefit = await tx
    .insertInto('pw_benefits')
    .values({
      tenant_id: TENANT,
      reference: `PW-TEST-${Date.now() % 100000}-${counter}`,
      resident_id: b.residentId,
      consultant_id: w.consultantId,
      norm: 'alleenstaande',
      monthly_cents: 130_000,
      start_date: b.start,
      end_date: b.end ?? null,
      last_reexamination_on: null,
      next_reexamination_on: b.nextReexamination,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const period of b.statements ?? []) {
    await tx.insertInto('pw_income_statements').values({ tenant_id: TENANT, benefit_id: benefit.id, period, received_on: period }).execute();
  }
  for (const period of b.payments ?? []) {
    await tx.insertInto('pw_payments').values({ tenant_id: TENANT, benefit_id: benefit.id, period, paid_on: period, cents: 130_000 }).execute();
  }
  return benefit.id;
}

/** The subjects (and facts) the rule finds now, straight from its query. */
export async function findSubjects(tx: Tx, query: RawBuilder<unknown>) {
  const { rows } = await sql<{ subject_id: string; facts: Record<string, unknown>; assignee_user_id: string | null; assignee_team_id: string | null }>`select * from (${query}) q`.execute(tx);
  return new Map(rows.map((r) => [r.subject_id, r]));
}
