// The legality statement in the database: the year's expenditure per law, the assessed findings, the
// samples with their errors, and the exceptions of the latest control runs that nobody assessed yet.
// Every query is set-based and reads only amounts, counts and ids: no resident's data leaves it.
import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Assessment, ControlProcess } from './findings.tables.js';

const bounds = (year: number) => ({ start: `${year}-01-01`, end: `${year}-12-31` });

export async function findYear(tx: Tx, year: number) {
  return tx
    .selectFrom('legality_years as y')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'y.set_by').onRef('u.tenant_id', '=', 'y.tenant_id'))
    .select(['y.year', 'y.threshold_pct', 'y.reporting_tolerance_cents', 'y.source', 'y.set_at', 'u.display_name'])
    .where('y.year', '=', year)
    .executeTakeFirst();
}

export async function upsertYear(tx: Tx, row: { tenantId: string; year: number; thresholdPct: number; toleranceCents: number; source: string; setBy: string }) {
  await tx
    .insertInto('legality_years')
    .values({ tenant_id: row.tenantId, year: row.year, threshold_pct: row.thresholdPct, reporting_tolerance_cents: row.toleranceCents, source: row.source, set_by: row.setBy })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'year']).doUpdateSet({ threshold_pct: row.thresholdPct, reporting_tolerance_cents: row.toleranceCents, source: row.source, set_by: row.setBy, set_at: sql`now()` }),
    )
    .execute();
}

/** Net approved declarations (debits minus approved credits) per standard, by the ProductPeriode's start in the year. */
export async function declaredPerStandard(tx: Tx, year: number) {
  const { start, end } = bounds(year);
  const { rows } = await sql<{ standard: 'iwmo' | 'ijw'; lines: number; cents: string }>`
    select l.standard, count(*)::int as lines,
      coalesce(sum(case when l.debit_credit = 'D' then l.approved_cents else -l.approved_cents end), 0)::text as cents
    from declaration_lines l
    where l.status = 'approved' and l.period_start between ${start}::date and ${end}::date
    group by l.standard
  `.execute(tx);
  return rows;
}

/** The Participatiewet payments over the months of the year. */
export async function pwPaid(tx: Tx, year: number) {
  const { start, end } = bounds(year);
  const { rows } = await sql<{ payments: number; cents: string }>`
    select count(*)::int as payments, coalesce(sum(p.cents), 0)::text as cents from pw_payments p where p.period between ${start}::date and ${end}::date
  `.execute(tx);
  return rows[0]!;
}

/** The commitments (verplichtingen) of the year per law of the allocated product. */
export async function commitmentsPerLaw(tx: Tx, year: number) {
  const { rows } = await sql<{ law: string; allocations: number; cents: string }>`
    select p.law, count(*)::int as allocations, coalesce(sum(c.cents), 0)::text as cents
    from allocation_commitments c
    join allocations a on a.id = c.allocation_id and a.tenant_id = c.tenant_id
    join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
    where c.year = ${year}
    group by p.law
  `.execute(tx);
  return rows;
}

/** The assessed findings of the year (errors and uncertainties), with their follow-up actions. */
export async function assessedFindings(tx: Tx, year: number) {
  const { rows } = await sql<{
    id: string;
    number: number;
    process: ControlProcess;
    source: 'uitzondering' | 'steekproef' | 'waarneming';
    control_id: string;
    title: string;
    assessment: Exclude<Assessment, 'geen-bevinding'>;
    reason: string;
    amount_cents: string;
    actions: { description: string; dueDate: string; status: 'open' | 'afgerond'; result: string | null }[];
  }>`
    select f.id, f.number, f.process, f.source, f.control_id, f.title, f.assessment, f.reason, f.amount_cents::text as amount_cents,
      coalesce((select jsonb_agg(jsonb_build_object('description', a.description, 'dueDate', to_char(a.due_date, 'YYYY-MM-DD'), 'status', a.status, 'result', a.result)
                                 order by a.due_date, a.created_at)
                from control_finding_actions a where a.finding_id = f.id and a.tenant_id = f.tenant_id), '[]'::jsonb) as actions
    from control_findings f
    where f.year = ${year} and f.assessment in ('fout', 'onzekerheid')
    order by f.number
  `.execute(tx);
  return rows;
}

/** The samples drawn over a period starting in the year, with the sampled amount and the errors found in their items. */
export async function samplesOfYear(tx: Tx, year: number) {
  const { start, end } = bounds(year);
  const { rows } = await sql<{ id: string; number: number; title: string; process: ControlProcess; population_amount_cents: string; sampled_cents: string; error_cents: string }>`
    select s.id, s.number, s.title, s.process, s.population_amount_cents::text as population_amount_cents,
      coalesce((select sum(i.amount_cents) from control_sample_items i where i.sample_id = s.id and i.tenant_id = s.tenant_id), 0)::text as sampled_cents,
      coalesce((select sum(f.amount_cents) from control_findings f
                where f.sample_id = s.id and f.tenant_id = s.tenant_id and f.assessment = 'fout'), 0)::text as error_cents
    from control_samples s
    where s.period_start between ${start}::date and ${end}::date
    order by s.number
  `.execute(tx);
  return rows;
}

/**
 * The exceptions of the latest version of every control run of the year (a run per period kind, period
 * and scope), counted once per control and subject, that no assessed finding covers yet; with the law
 * of the subject where the subject tells it.
 */
export async function exceptionsToAssess(tx: Tx, year: number) {
  const { start, end } = bounds(year);
  const { rows } = await sql<{ control_id: string; scope: string; law: string | null; exceptions: number; cents: string }>`
    with latest as (
      select distinct on (r.period_kind, r.period_start, r.scope) r.id, r.scope
      from control_runs r
      where r.period_start between ${start}::date and ${end}::date
      order by r.period_kind, r.period_start, r.scope, r.version desc
    ),
    found as (
      select distinct on (e.control_id, e.subject_type, e.subject_id) e.control_id, e.subject_type, e.subject_id, e.amount_cents, l.scope
      from control_run_exceptions e join latest l on l.id = e.run_id
      order by e.control_id, e.subject_type, e.subject_id, e.amount_cents desc
    ),
    open as (
      select x.* from found x
      where not exists (
        select 1 from control_findings f join control_run_exceptions e on e.id = f.exception_id and e.tenant_id = f.tenant_id
        where f.assessment is not null and e.control_id = x.control_id and e.subject_type = x.subject_type and e.subject_id = x.subject_id)
    ),
    with_law as (
      select o.*, case o.subject_type
        when 'declaration_line' then (select d.standard from declaration_lines d where d.id = o.subject_id)
        when 'allocation' then (select p.law from allocations a join products p on p.id = a.product_id and p.tenant_id = a.tenant_id where a.id = o.subject_id)
        when 'decision' then (select t.law from decisions d join cases c on c.id = d.case_id and c.tenant_id = d.tenant_id
                              join case_types t on t.code = c.case_type_code and t.tenant_id = c.tenant_id where d.id = o.subject_id)
        when 'case' then (select t.law from cases c join case_types t on t.code = c.case_type_code and t.tenant_id = c.tenant_id where c.id = o.subject_id)
        end as law
      from open o
    )
    select control_id, scope, law, count(*)::int as exceptions, coalesce(sum(amount_cents), 0)::text as cents
    from with_law group by control_id, scope, law
  `.execute(tx);
  return rows;
}

export async function listStatements(tx: Tx, year: number) {
  return tx
    .selectFrom('legality_statements as s')
    .innerJoin('users as c', (j) => j.onRef('c.id', '=', 's.created_by').onRef('c.tenant_id', '=', 's.tenant_id'))
    .leftJoin('users as o', (j) => j.onRef('o.id', '=', 's.signed_off_by').onRef('o.tenant_id', '=', 's.tenant_id'))
    .select(['s.year', 's.version', 's.content_sha256', 's.created_at', 's.signed_off_at', 'c.display_name as created_by_name', 'o.display_name as signed_off_by_name'])
    .where('s.year', '=', year)
    .orderBy('s.version', 'desc')
    .execute();
}

export async function findStatement(tx: Tx, year: number, version: number) {
  return tx.selectFrom('legality_statements').select(['content', 'signed_off_at']).where('year', '=', year).where('version', '=', version).executeTakeFirst();
}

/** Inserts the next version of the year's statement (serialised per year by an advisory lock). */
export async function insertStatement(tx: Tx, row: { tenantId: string; year: number; content: string; sha256: string; createdBy: string }): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`legality-statement:${row.tenantId}:${row.year}`}))`.execute(tx);
  const { rows } = await sql<{ version: number }>`
    insert into legality_statements (tenant_id, year, version, content, content_sha256, created_by)
    select ${row.tenantId}, ${row.year}, coalesce(max(s.version), 0) + 1, ${row.content}::jsonb, ${row.sha256}, ${row.createdBy}::uuid
    from legality_statements s where s.year = ${row.year}
    returning version
  `.execute(tx);
  return rows[0]!.version;
}

/** Signs a version off once; false when it was already signed off. */
export async function signOffStatement(tx: Tx, year: number, version: number, userId: string, at: Date): Promise<boolean> {
  const result = await tx.updateTable('legality_statements').set({ signed_off_by: userId, signed_off_at: at }).where('year', '=', year).where('version', '=', version).where('signed_off_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
