// Samples in the database: the population is measured and drawn by one statement each (set-based),
// the items ordered by md5(seed || ':' || subject id) so the same seed and data draw the same items.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { SampleAnswer, SampleStatus } from './findings.tables.js';
import type { PopulationContext, PopulationKind } from './sample.populations.js';

/** Size and amount of a population (one statement). */
export async function measurePopulation(tx: Tx, kind: PopulationKind, ctx: PopulationContext): Promise<{ size: number; amountCents: number }> {
  const { rows } = await sql<{ size: number; amount: string }>`
    select count(*)::int as size, coalesce(sum(q.amount_cents), 0)::text as amount from (${kind.query(ctx)}) q
  `.execute(tx);
  return { size: rows[0]!.size, amountCents: Number(rows[0]!.amount) };
}

export interface NewSample {
  tenantId: string;
  process: string;
  controlCode: string | null;
  populationKind: string;
  periodStart: string;
  periodEnd: string;
  populationSize: number;
  populationAmountCents: number;
  confidence: number;
  tolerableError: number;
  expectedError: number;
  sampleSize: number;
  seed: string;
  method: string;
  checklist: string[];
  title: string;
  createdBy: string;
}

/** Inserts the sample with the next number of the municipality (serialised by an advisory lock). */
export async function insertSample(tx: Tx, s: NewSample): Promise<{ id: string; number: number }> {
  await sql`select pg_advisory_xact_lock(hashtext(${`control-sample:${s.tenantId}`}))`.execute(tx);
  const { rows } = await sql<{ id: string; number: number }>`
    insert into control_samples (tenant_id, number, process, control_code, population_kind, period_start, period_end, population_size,
      population_amount_cents, confidence, tolerable_error, expected_error, sample_size, seed, method, checklist, title, created_by)
    select ${s.tenantId}, coalesce(max(x.number), 0) + 1, ${s.process}, ${s.controlCode}, ${s.populationKind}, ${s.periodStart}::date, ${s.periodEnd}::date,
      ${s.populationSize}, ${s.populationAmountCents}, ${s.confidence}, ${s.tolerableError}, ${s.expectedError}, ${s.sampleSize}, ${s.seed}, ${s.method},
      ${JSON.stringify(s.checklist)}::jsonb, ${s.title}, ${s.createdBy}::uuid
    from control_samples x
    returning id, number
  `.execute(tx);
  return rows[0]!;
}

/**
 * Draws the first `size` items of the population in the order of md5(seed:subject id) (ties, which
 * md5 makes practically impossible, by subject id) and stores them with their position; one statement.
 * Answers how many items were stored.
 */
export async function drawItems(tx: Tx, tenantId: string, sampleId: string, kind: PopulationKind, ctx: PopulationContext, seed: string, size: number): Promise<number> {
  const result = await sql`
    insert into control_sample_items (tenant_id, sample_id, position, subject_type, subject_id, resident_id, amount_cents, facts)
    select ${tenantId}, ${sampleId}::uuid, row_number() over (order by d.draw_key, d.subject_id)::int, d.subject_type, d.subject_id, d.resident_id, d.amount_cents, d.facts
    from (
      select q.subject_type, q.subject_id, q.resident_id, q.amount_cents, q.facts, md5(${seed} || ':' || q.subject_id::text) as draw_key
      from (${kind.query(ctx)}) q
      order by draw_key, q.subject_id
      limit ${size}
    ) d
  `.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

export interface SampleRow {
  id: string;
  number: number;
  title: string;
  process: 'wmo' | 'jeugd' | 'participatiewet';
  control_code: string | null;
  population_kind: string;
  period_start: string;
  period_end: string;
  population_size: number;
  population_amount_cents: string;
  confidence: string;
  tolerable_error: string;
  expected_error: string;
  sample_size: number;
  seed: string;
  method: string;
  checklist: string[];
  status: SampleStatus;
  created_by: string;
  created_by_name: string;
  created_at: Date;
  checked_items: number;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

const sampleSelect = sql`
  select s.id, s.number, s.title, s.process, s.control_code, s.population_kind, to_char(s.period_start, 'YYYY-MM-DD') as period_start,
    to_char(s.period_end, 'YYYY-MM-DD') as period_end, s.population_size, s.population_amount_cents::text as population_amount_cents,
    s.confidence::text as confidence, s.tolerable_error::text as tolerable_error, s.expected_error::text as expected_error, s.sample_size, s.seed, s.method,
    s.checklist, s.status, s.created_by, u.display_name as created_by_name, s.created_at,
    (select count(*) from control_sample_items i where i.sample_id = s.id and i.tenant_id = s.tenant_id and i.checked_at is not null)::int as checked_items,
    r.display_name as reviewer_name, s.reviewed_at, s.review_note
  from control_samples s
  join users u on u.id = s.created_by and u.tenant_id = s.tenant_id
  left join users r on r.id = s.reviewer_id and r.tenant_id = s.tenant_id
`;

export async function listSamples(tx: Tx, page: { offset: number; limit: number }) {
  const { rows } = await sql<SampleRow>`${sampleSelect} order by s.number desc offset ${page.offset} limit ${page.limit}`.execute(tx);
  const total = await sql<{ n: number }>`select count(*)::int as n from control_samples`.execute(tx);
  return { rows, total: total.rows[0]!.n };
}

export async function findSample(tx: Tx, id: string, lock = false): Promise<SampleRow | undefined> {
  if (lock) await sql`select 1 from control_samples where id = ${id}::uuid for update`.execute(tx);
  const { rows } = await sql<SampleRow>`${sampleSelect} where s.id = ${id}::uuid`.execute(tx);
  return rows[0];
}

export interface ItemRow {
  position: number;
  subject_type: string;
  subject_id: string;
  resident_id: string | null;
  amount_cents: string;
  facts: Record<string, unknown>;
  answers: SampleAnswer[] | null;
  checked_by_name: string | null;
  checked_at: Date | null;
  finding_id: string | null;
  finding_number: number | null;
  finding_title: string | null;
  finding_assessment: 'fout' | 'onzekerheid' | 'geen-bevinding' | null;
  finding_amount_cents: string | null;
}

/** The items of a sample in draw order, with the finding recorded for each (control_findings by sample and position). */
export async function listItems(tx: Tx, sampleId: string): Promise<ItemRow[]> {
  const { rows } = await sql<ItemRow>`
    select i.position, i.subject_type, i.subject_id, i.resident_id, i.amount_cents::text as amount_cents, i.facts, i.answers,
      u.display_name as checked_by_name, i.checked_at,
      f.id as finding_id, f.number as finding_number, f.title as finding_title, f.assessment as finding_assessment, f.amount_cents::text as finding_amount_cents
    from control_sample_items i
    left join users u on u.id = i.checked_by and u.tenant_id = i.tenant_id
    left join control_findings f on f.sample_id = i.sample_id and f.sample_position = i.position and f.tenant_id = i.tenant_id
    where i.sample_id = ${sampleId}::uuid
    order by i.position
  `.execute(tx);
  return rows;
}

export async function findItem(tx: Tx, sampleId: string, position: number) {
  return tx.selectFrom('control_sample_items').select(['position', 'resident_id']).where('sample_id', '=', sampleId).where('position', '=', position).executeTakeFirst();
}

export async function saveAnswers(tx: Tx, sampleId: string, position: number, answers: SampleAnswer[], by: string, at: Date): Promise<void> {
  await tx.updateTable('control_sample_items').set({ answers: JSON.stringify(answers), checked_by: by, checked_at: at }).where('sample_id', '=', sampleId).where('position', '=', position).execute();
}

export async function setStatus(tx: Tx, sampleId: string, from: SampleStatus, to: SampleStatus, review?: { reviewerId: string; at: Date; note: string | null }): Promise<boolean> {
  const result = await tx
    .updateTable('control_samples')
    .set({ status: to, ...(review ? { reviewer_id: review.reviewerId, reviewed_at: review.at, review_note: review.note } : {}) })
    .where('id', '=', sampleId)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Whether the control code is a control in the newest framework version of the process. */
export async function controlExists(tx: Tx, process: string, code: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    select exists (
      select 1 from control_framework_controls c
      where c.process = ${process} and c.code = ${code}
        and c.version = (select max(v.version) from control_framework_versions v where v.process = ${process})
    ) as found
  `.execute(tx);
  return rows[0]!.found;
}

/** The residents named by a sample's items, for the processing log (one statement). */
export const residentsOfSample = (sampleId: string) => sql<{ type: 'resident'; id: string }>`
  select distinct 'resident' as type, i.resident_id as id from control_sample_items i where i.sample_id = ${sampleId}::uuid and i.resident_id is not null
`;
