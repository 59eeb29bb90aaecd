// The payment run's SQL: every step one set-based statement over all benefits of the municipality, so a
// run costs a few statements whatever the number of benefits (no per-benefit round trips). The model it
// computes is THE PAYMENT MODEL (pw.payment-run.model.ts is the same in plain TypeScript, the reference
// the property test compares this SQL with). All statements run in the caller's transaction: a run
// interrupted halfway leaves nothing.

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { BLOCK_REASONS } from './pw.payment-run.model.js';

export interface RunParameters {
  tenantId: string;
  runId: string;
  period: string;
  blockMonths: number;
  vtMonth: number;
}

/**
 * The benefits that ran in the period, and each established claim with a balance to offset with the one
 * benefit it is offset from: the benefit it names, or, naming none, the resident's running benefit with
 * the lowest id (a resident seldom has two).
 */
function runningAndClaims(p: RunParameters) {
  const P = sql`${p.period}::date`;
  return sql`
    running as (
      select b.id, b.resident_id, b.iban, b.account_holder, b.start_date
      from pw_benefits b
      where b.tenant_id = ${p.tenantId} and b.start_date < ${P} + interval '1 month' and (b.end_date is null or b.end_date >= ${P})
    ),
    open_claims as (
      select c.id, c.benefit_id, c.resident_id, c.established_at, least(c.monthly_instalment_cents, e.balance) as cap
      from pw_recovery_claims c
      join (select claim_id, sum(cents) as balance from pw_recovery_entries where tenant_id = ${p.tenantId} group by claim_id) e on e.claim_id = c.id and e.balance > 0
      where c.tenant_id = ${p.tenantId} and c.status = 'vastgesteld' and c.monthly_instalment_cents > 0
    ),
    claim_of as (
      -- Two equi-joins rather than one join on "benefit or resident": an OR in the join condition
      -- makes the planner pair every running benefit with every claim.
      select distinct on (claim_id) claim_id, benefit_id, established_at, cap
      from (
        select c.id as claim_id, r.id as benefit_id, c.established_at, c.cap
        from open_claims c join running r on r.id = c.benefit_id
        union all
        select c.id, r.id, c.established_at, c.cap
        from open_claims c join running r on r.resident_id = c.resident_id
        where c.benefit_id is null
      ) m
      order by claim_id, benefit_id
    )`;
}

/** Step 1: the regular and correction lines of every benefit that ran in the period, and their claim offsets. */
export async function insertBenefitLines(tx: Tx, p: RunParameters): Promise<void> {
  const P = sql`${p.period}::date`;
  await sql`
    insert into pw_payment_run_lines (tenant_id, run_id, benefit_id, kind, status, block_reason, bijstand_cents, offset_cents, vt_reserve_cents, instalments_cents, cents, iban, account_holder)
    with ${runningAndClaims(p)},
    basis as (
      select distinct on (x.benefit_id) x.benefit_id, x.norm_incl_vt_cents, x.fixed_offset_cents, x.vt_basis_points
      from pw_benefit_bases x
      join running r on r.id = x.benefit_id
      where x.tenant_id = ${p.tenantId} and x.valid_from <= ${P}
      order by x.benefit_id, x.valid_from desc, x.recorded_at desc, x.id desc
    ),
    paid as (
      select p.benefit_id, bool_or(p.kind = 'regulier') as regular,
        sum(case when p.run_id is null then p.cents else p.bijstand_cents end) as bijstand,
        sum(case when p.run_id is null then 0 else p.vt_reserve_cents end) as reserve
      from pw_payments p
      where p.tenant_id = ${p.tenantId} and p.period = ${P} and p.kind in ('regulier', 'correctie')
      group by p.benefit_id
    ),
    recent as (
      select distinct s.benefit_id from pw_income_statements s
      where s.tenant_id = ${p.tenantId} and s.period > ${P} - make_interval(months => ${p.blockMonths}) and s.period <= ${P}
    ),
    capped as (
      select benefit_id, sum(cap) as cap from claim_of group by benefit_id
    ),
    due as (
      select r.id, r.iban, r.account_holder,
        case
          when x.benefit_id is null then ${BLOCK_REASONS.basis}
          when r.iban is null then ${BLOCK_REASONS.account}
          when rc.benefit_id is null and r.start_date < ${P} - make_interval(months => ${p.blockMonths - 1}) + interval '1 month' then ${BLOCK_REASONS.statements(p.blockMonths)}
        end as block_reason,
        coalesce(s.offset_cents, 0) as offset_cents,
        coalesce(greatest(0, x.norm_incl_vt_cents - x.fixed_offset_cents - coalesce(s.offset_cents, 0)), 0) as bijstand,
        coalesce(x.vt_basis_points, 0) as bp,
        coalesce(cp.cap, 0) as cap,
        pd.regular, coalesce(pd.bijstand, 0) as paid_bijstand, coalesce(pd.reserve, 0) as paid_reserve
      from running r
      left join basis x on x.benefit_id = r.id
      left join pw_income_statements s on s.tenant_id = ${p.tenantId} and s.benefit_id = r.id and s.period = ${P}
      left join recent rc on rc.benefit_id = r.id
      left join capped cp on cp.benefit_id = r.id
      left join paid pd on pd.benefit_id = r.id
    ),
    reserved as (
      select d.*, (2 * d.bijstand * d.bp + 10000) / 20000 as reserve from due d
    ),
    lines as (
      select id, iban, account_holder, block_reason, offset_cents, 'regulier' as kind, bijstand, reserve, least(cap, bijstand - reserve) as instalments
      from reserved where regular is not true
      union all
      select id, iban, account_holder, block_reason, offset_cents, 'correctie', bijstand - paid_bijstand, reserve - paid_reserve, 0
      from reserved
      where regular and bijstand - paid_bijstand > 0 and reserve - paid_reserve >= 0 and (bijstand - paid_bijstand) - (reserve - paid_reserve) > 0
    )
    select ${p.tenantId}, ${p.runId}::uuid, id, kind, case when block_reason is null then 'betalen' else 'geblokkeerd' end, block_reason,
      bijstand, offset_cents, reserve, instalments, bijstand - reserve - instalments, iban, account_holder
    from lines
  `.execute(tx);

  // The instalments of each paid regular line, over its claims oldest established first.
  await sql`
    insert into pw_payment_run_offsets (tenant_id, run_id, claim_id, benefit_id, cents)
    with ${runningAndClaims(p)},
    claims as (
      select l.benefit_id, c.claim_id, l.instalments_cents as total, c.cap,
        coalesce(sum(c.cap) over (partition by l.benefit_id order by c.established_at, c.claim_id rows between unbounded preceding and 1 preceding), 0) as before
      from pw_payment_run_lines l
      join claim_of c on c.benefit_id = l.benefit_id
      where l.tenant_id = ${p.tenantId} and l.run_id = ${p.runId}::uuid and l.kind = 'regulier' and l.status = 'betalen' and l.instalments_cents > 0
    )
    select ${p.tenantId}, ${p.runId}::uuid, claim_id, benefit_id, least(cap, total - before)
    from claims where total - before > 0
  `.execute(tx);
}

/** Step 2: the vakantietoeslag in the configured month and in the month a benefit ends. */
export async function insertHolidayLines(tx: Tx, p: RunParameters): Promise<void> {
  const P = sql`${p.period}::date`;
  await sql`
    insert into pw_payment_run_lines (tenant_id, run_id, benefit_id, kind, status, block_reason, cents, iban, account_holder)
    with running as (
      -- Blocked as in step 1 (the same three reasons), also when this run has no other line for it.
      select b.id, b.iban, b.account_holder,
        case
          when not exists (select 1 from pw_benefit_bases x where x.tenant_id = b.tenant_id and x.benefit_id = b.id and x.valid_from <= ${P}) then ${BLOCK_REASONS.basis}
          when b.iban is null then ${BLOCK_REASONS.account}
          when b.start_date < ${P} - make_interval(months => ${p.blockMonths - 1}) + interval '1 month'
            and not exists (select 1 from pw_income_statements s where s.tenant_id = b.tenant_id and s.benefit_id = b.id and s.period > ${P} - make_interval(months => ${p.blockMonths}) and s.period <= ${P})
            then ${BLOCK_REASONS.statements(p.blockMonths)}
        end as block_reason
      from pw_benefits b
      where b.tenant_id = ${p.tenantId} and b.start_date < ${P} + interval '1 month' and (b.end_date is null or b.end_date >= ${P})
        and (${Number(p.period.slice(5, 7)) === p.vtMonth} or b.end_date < ${P} + interval '1 month')
        and not exists (select 1 from pw_payments v where v.tenant_id = b.tenant_id and v.benefit_id = b.id and v.period = ${P} and v.kind = 'vakantietoeslag')
    ),
    balance as (
      select p.benefit_id, sum(case when p.kind = 'vakantietoeslag' then -p.cents when p.run_id is null then 0 else p.vt_reserve_cents end) as cents
      from pw_payments p join running r on r.id = p.benefit_id
      where p.tenant_id = ${p.tenantId}
      group by p.benefit_id
    ),
    this_run as (
      select l.benefit_id, sum(case when l.status = 'betalen' then l.vt_reserve_cents else 0 end) as reserve
      from pw_payment_run_lines l
      where l.tenant_id = ${p.tenantId} and l.run_id = ${p.runId}::uuid
      group by l.benefit_id
    ),
    due as (
      select r.id, r.iban, r.account_holder, r.block_reason, coalesce(b.cents, 0) + coalesce(t.reserve, 0) as cents
      from running r left join balance b on b.benefit_id = r.id left join this_run t on t.benefit_id = r.id
    )
    select ${p.tenantId}, ${p.runId}::uuid, id, 'vakantietoeslag', case when block_reason is null then 'betalen' else 'geblokkeerd' end, block_reason, cents, iban, account_holder
    from due where cents > 0
  `.execute(tx);
}

/** Step 3: the run's totals from its lines. */
export async function updateRunTotals(tx: Tx, runId: string): Promise<void> {
  await sql`
    update pw_payment_runs r set
      payments_count = t.payments, blocked_count = t.blocked, total_cents = t.total, bijstand_cents = t.bijstand,
      vt_reserve_cents = t.reserve, vt_paid_cents = t.vt, instalments_cents = t.instalments
    from (
      select count(*) filter (where status = 'betalen' and cents > 0)::int as payments,
        count(distinct benefit_id) filter (where status = 'geblokkeerd')::int as blocked,
        coalesce(sum(cents) filter (where status = 'betalen'), 0) as total,
        coalesce(sum(bijstand_cents) filter (where status = 'betalen'), 0) as bijstand,
        coalesce(sum(vt_reserve_cents) filter (where status = 'betalen'), 0) as reserve,
        coalesce(sum(cents) filter (where status = 'betalen' and kind = 'vakantietoeslag'), 0) as vt,
        coalesce(sum(instalments_cents) filter (where status = 'betalen'), 0) as instalments
      from pw_payment_run_lines where run_id = ${runId}::uuid
    ) t
    where r.id = ${runId}::uuid
  `.execute(tx);
}

/** At approval: the paid lines become payments (one statement), the offsets ledger entries (one statement). */
export async function bookApprovedRun(tx: Tx, p: { tenantId: string; runId: string; period: string; paidOn: string; actorId: string | null; reference: string }): Promise<void> {
  await sql`
    insert into pw_payments (tenant_id, benefit_id, period, paid_on, cents, run_id, kind, bijstand_cents, offset_cents, vt_reserve_cents, instalments_cents)
    select tenant_id, benefit_id, ${p.period}::date, ${p.paidOn}::date, cents, run_id, kind, bijstand_cents, offset_cents, vt_reserve_cents, instalments_cents
    from pw_payment_run_lines where run_id = ${p.runId}::uuid and status = 'betalen'
  `.execute(tx);
  await sql`
    insert into pw_recovery_entries (tenant_id, claim_id, kind, cents, booked_on, payment_run_id, note, recorded_by)
    select tenant_id, claim_id, 'verrekening', -cents, ${p.paidOn}::date, run_id, ${`Verrekend in betaalrun ${p.reference}`}, ${p.actorId}::uuid
    from pw_payment_run_offsets where run_id = ${p.runId}::uuid
  `.execute(tx);
}

/** Claims whose balance is now below what the run offsets from them (changed since the run was computed). */
export async function overdrawnClaims(tx: Tx, runId: string): Promise<string[]> {
  const { rows } = await sql<{ reference: string }>`
    select c.reference from pw_payment_run_offsets o
    join pw_recovery_claims c on c.id = o.claim_id
    left join (select claim_id, sum(cents) as balance from pw_recovery_entries group by claim_id) e on e.claim_id = o.claim_id
    where o.run_id = ${runId}::uuid and (c.status <> 'vastgesteld' or coalesce(e.balance, 0) < o.cents)
    order by c.reference
  `.execute(tx);
  return rows.map((r) => r.reference);
}
