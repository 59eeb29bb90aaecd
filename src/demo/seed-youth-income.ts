// Jeugd and Participatiewet (bijzondere bijstand) casework for the default demo, so that their
// dashboards show a steady flow: cases with a conversation, a decision and an allocation, KCC
// contacts with callbacks, and repeat requests. Set-based (INSERT … SELECT over a plan table) and
// deterministic: every draw is an md5 hash of the seed, the municipality and the resident's BSN (the
// resident's id is random, the BSN follows from the seed), and
// the dates are stratified (spread evenly over the period), so monthly counts hardly fluctuate.
//
// ASSUMPTIONS [K] (demo parameters; proportions from /work/shared/domain-facts.md §2 where given):
// - Jeugd: ≈16 % of Maastricht's young people receive jeugdzorg in a year (§2.2 [V]); the demo
//   covers the 24 months before today (a 12-month trend plus the year before it, for inflow and
//   repeat requests), so ≈34 % of the under-18s have a case in that period, and half of them a
//   second one. Help lasts 3–12 months; ≈9 % with verblijf (§2.2 [C]) via the verblijf products.
// - Participatiewet: bijzondere bijstand requests by ≈5 % of the 18–66-year-olds a year (the
//   minima; §2.3 gives ≈22.5 bijstand recipients per 1,000 inhabitants), ≈45 % ask again.
//   Granted amounts €150–€1,500, one-off; paid by Sociale Zaken (a provider row of its own).
// - Outcomes: ≈55 % a decision, ≈30 % solved in the voorliggend veld, ≈5 % in the network,
//   ≈10 % withdrawn; ≈8 % of decisions after the 8-week term (Awb 4:13).
// - KCC: the melding comes in by phone and is routed to the consultant (callback done within
//   2–30 hours, a few still open); ≈80 % of cases bring a later question answered at once.
//
// Audit: synthetic demo data, so no audit_log records (as seed-wmo.ts).

import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant, type Tx } from '../db/tenancy.js';

interface LawPlan {
  law: 'jeugdwet' | 'participatiewet';
  caseType: string;
  prefix: string;
  /** Ages (inclusive lower, exclusive upper bound) of the residents who can have a case. */
  ages: readonly [number, number];
  /** Share of those residents with a case in the 24 months. */
  share: number;
  /** Share of clients with a second request. */
  repeat: number;
  /** Products with their relative weight. */
  products: readonly { code: string; weight: number }[];
}

const PLANS: readonly LawPlan[] = [
  {
    law: 'jeugdwet',
    caseType: 'JW-JEUGDHULP',
    prefix: 'JW',
    ages: [0, 18],
    share: 0.34,
    repeat: 0.5,
    products: [
      { code: 'JW-AB-01', weight: 40 },
      { code: 'JW-AB-02', weight: 22 },
      { code: 'JW-GZ-01', weight: 20 },
      { code: 'JW-DB-01', weight: 9 },
      { code: 'JW-PZ-01', weight: 4 },
      { code: 'JW-GH-01', weight: 2 },
      { code: 'JW-VB-01', weight: 3 },
    ],
  },
  {
    law: 'participatiewet',
    caseType: 'PW-BIJZONDERE-BIJSTAND',
    prefix: 'PW',
    ages: [18, 67],
    share: 0.1,
    repeat: 0.45,
    products: [
      { code: 'PW-BB-01', weight: 80 },
      { code: 'PW-MD-01', weight: 15 },
      { code: 'PW-IT-01', weight: 5 },
    ],
  },
];

const DAYS = 730;
const INCOME_PROVIDER_AGB = '98000001';

/**
 * Adds Jeugd and Pw casework (see the file header) to a seeded municipality; skipped per law when it
 * already has cases of that case type, or when it has no consultants. Returns the cases added.
 */
export async function seedYouthAndIncome(db: Kysely<DB>, options: { tenantId: string; seed: number; today: string }): Promise<number> {
  let added = 0;
  for (const plan of PLANS) {
    added += await withTenant(db, options.tenantId, async (tx) => {
      if (await tx.selectFrom('cases').select('id').where('case_type_code', '=', plan.caseType).limit(1).executeTakeFirst()) return 0;
      return seedLaw(tx, plan, options);
    });
  }
  return added;
}

async function seedLaw(tx: Tx, plan: LawPlan, options: { tenantId: string; seed: number; today: string }): Promise<number> {
  const { tenantId, today } = options;
  const salt = `${options.seed}:${tenantId}:${plan.law}:`;
  /** A deterministic uniform draw in [0, 1) for a key. */
  const u = (key: RawBuilder<unknown>) => sql`(('x' || substr(md5(${salt} || ${key}), 1, 8))::bit(32)::bigint::float8 / 4294967296.0)`;
  const day = sql`${today}::date`;
  if (plan.law === 'participatiewet') await ensureIncomeProvider(tx, tenantId);
  const weights = plan.products.reduce((s, p) => s + p.weight, 0);
  let cumulative = 0;
  const productBands = plan.products.map((p) => {
    const band = { code: p.code, from: cumulative / weights, to: (cumulative + p.weight) / weights };
    cumulative += p.weight;
    return band;
  });
  const bands = sql.join(productBands.map((b) => sql`(${b.code}::text, ${b.from}::float8, ${b.to}::float8)`));

  await sql`drop table if exists demo_case_plan`.execute(tx);
  // One row per case: who, when, what outcome and which product (nothing written yet).
  await sql`
    create temp table demo_case_plan on commit drop as
    with candidates as (
      select r.id as resident_id, r.bsn, ${u(sql`r.bsn`)} as draw
      from residents r
      where r.birth_date > (${day} - make_interval(years => ${plan.ages[1]}))::date
        and r.birth_date <= (${day} - make_interval(years => ${plan.ages[0]}))::date),
    clients as (
      select resident_id, bsn, row_number() over (order by draw, bsn) - 1 as rank, count(*) over () as total
      from candidates where draw < ${plan.share}),
    first_cases as (
      -- Stratified over the 730 days: the n-th client of N is notified at day n/N of the period.
      select resident_id, bsn, rank, 1 as k,
        (${day} - ${sql.lit(DAYS)} + floor(${sql.lit(DAYS)} * (rank + ${u(sql`bsn || ':d1'`)}) / total)::int) as notified_on
      from clients),
    repeat_cases as (
      select resident_id, bsn, rank, 2 as k, notified_on + 100 + floor(230 * ${u(sql`bsn || ':d2'`)})::int as notified_on
      from first_cases where ${u(sql`bsn || ':rep'`)} < ${plan.repeat}),
    all_cases as (
      select * from first_cases union all select * from repeat_cases where notified_on < ${day}),
    drawn as (
      select c.*,
        md5(${salt} || c.bsn || ':case:' || c.k)::uuid as case_id,
        -- Outcomes stratified by rank, so every month has its share.
        case when (c.rank * 7 + c.k * 3) % 20 < 11 then 'decision'
             when (c.rank * 7 + c.k * 3) % 20 < 17 then 'community'
             when (c.rank * 7 + c.k * 3) % 20 < 18 then 'network'
             else 'withdrawn' end as outcome,
        ${u(sql`c.bsn || ':p' || c.k`)} as product_draw,
        ${u(sql`c.bsn || ':t' || c.k`)} as term_draw,
        ${u(sql`c.bsn || ':v' || c.k`)} as volume_draw,
        ${u(sql`c.bsn || ':c' || c.k`)} as contact_draw
      from all_cases c)
    select d.*,
      d.notified_on + 2 + floor(6 * d.term_draw)::int as conversation_on,
      case when d.outcome = 'decision' then d.notified_on + 5 + floor(8 * d.term_draw)::int end as applied_on,
      case when d.outcome = 'decision' then d.notified_on + 5 + floor(8 * d.term_draw)::int
        + case when (d.rank + d.k) % 12 = 0 then 58 + floor(20 * d.volume_draw)::int else 7 + floor(40 * d.volume_draw)::int end end as decided_on,
      case when d.outcome <> 'decision' then d.notified_on + 10 + floor(30 * d.term_draw)::int end as ended_on,
      (select b.code from (values ${bands}) as b(code, lo, hi) where d.product_draw >= b.lo and d.product_draw < b.hi) as product_code
    from drawn d
  `.execute(tx);

  const consultants = sql`(select array_agg(id order by username) from users where 'consultant' = any(roles))`;
  const staffCount = Number(
    (await sql<{ n: string }>`select count(*) as n from users where 'consultant' = any(roles)`.execute(tx)).rows[0]?.n ?? 0,
  );
  const kcc = (await sql<{ id: string }>`select id from users where 'kcc' = any(roles) order by username limit 1`.execute(tx)).rows[0]?.id;
  if (staffCount === 0) return 0;
  // The consultant of a case, and the state of the case today.
  await sql`
    alter table demo_case_plan add column consultant_id uuid, add column status text, add column closed_on date,
      add column reference text, add column product_id uuid, add column unit text, add column frequency text, add column budget_line_code text`.execute(tx);
  await sql`
    update demo_case_plan p set
      consultant_id = (${consultants})[1 + ((p.rank * 13 + p.k) % ${staffCount})],
      status = case
        when p.outcome = 'decision' and p.decided_on <= ${day} then 'afgesloten'
        when p.outcome = 'decision' and p.applied_on <= ${day} then 'aanvraag'
        when p.outcome <> 'decision' and p.ended_on <= ${day} then case when p.outcome = 'withdrawn' then 'ingetrokken' else 'afgesloten' end
        when p.conversation_on <= ${day} then 'onderzoek'
        else 'melding' end,
      closed_on = case when p.outcome = 'decision' and p.decided_on <= ${day} then p.decided_on
        when p.outcome <> 'decision' and p.ended_on <= ${day} then p.ended_on end,
      product_id = pr.id, unit = pr.unit, frequency = pr.frequency, budget_line_code = pr.budget_line_code
    from products pr where pr.code = p.product_code`.execute(tx);
  await sql`
    update demo_case_plan p set reference = ${plan.prefix} || '-' || extract(year from p.notified_on)::int || '-'
      || lpad((row_number)::text, 5, '0')
    from (select case_id, row_number() over (partition by extract(year from notified_on) order by notified_on, case_id) from demo_case_plan) n
    where n.case_id = p.case_id`.execute(tx);
  // Open cases have no dates beyond today.
  await sql`
    update demo_case_plan set applied_on = case when applied_on <= ${day} then applied_on end,
      decided_on = case when decided_on <= ${day} then decided_on end`.execute(tx);

  const inserted = await sql`
    insert into cases (tenant_id, id, reference, resident_id, case_type_code, status, notified_on, applied_on, decided_on, closed_on, consultant_id, created_at)
    select ${tenantId}, case_id, reference, resident_id, ${plan.caseType}, status, notified_on, applied_on, decided_on, closed_on, consultant_id,
      (notified_on + time '09:30') at time zone 'Europe/Amsterdam'
    from demo_case_plan`.execute(tx);
  await sql`
    insert into case_events (tenant_id, case_id, kind, on_date, from_status, to_status, reason, recorded_by, recorded_at)
    select ${tenantId}, case_id, 'status', notified_on, null, 'melding', 'Melding ontvangen', consultant_id, (notified_on + time '09:30') at time zone 'Europe/Amsterdam'
    from demo_case_plan
    union all
    select ${tenantId}, case_id, 'status', closed_on, 'onderzoek', status, case when status = 'ingetrokken' then 'Ingetrokken door de inwoner'
      when outcome = 'decision' then 'Besluit genomen' else 'Opgelost zonder maatwerk' end, consultant_id, (closed_on + time '15:00') at time zone 'Europe/Amsterdam'
    from demo_case_plan where closed_on is not null`.execute(tx);

  // The conversation (Positieve Gezondheid) and its ladder step.
  await sql`
    insert into conversations (tenant_id, resident_id, case_id, held_on, conducted_by_user_id, conducted_by_username,
      bodily_functions_score, mental_wellbeing_score, meaningfulness_score, quality_of_life_score, participation_score, daily_functioning_score,
      mental_wellbeing_wants_to_talk, ladder_step, ladder_rationale, agreements, created_at)
    select ${tenantId}, p.resident_id, p.case_id, p.conversation_on, p.consultant_id, u.username,
      4 + floor(5 * p.term_draw)::int, 3 + floor(5 * p.volume_draw)::int, 4 + floor(5 * p.contact_draw)::int, 4 + floor(4 * p.product_draw)::int,
      3 + floor(6 * p.volume_draw)::int, 5 + floor(4 * p.term_draw)::int, true,
      case p.outcome when 'decision' then 'tailored' when 'community' then 'community' when 'network' then 'network' else 'own_strength' end,
      case p.outcome when 'decision' then 'Voorliggend veld en netwerk zijn niet toereikend; maatwerk nodig.'
        when 'community' then ${plan.law === 'jeugdwet' ? 'Het opvoedpunt en het jongerenwerk in de wijk sluiten aan bij de vraag.' : 'Budgetcoaching en de formulierenbrigade in de wijk sluiten aan bij de vraag.'}
        when 'network' then 'Familie en buren kunnen helpen; dat is afgesproken.' else 'De inwoner lost het zelf op.' end,
      array['Consulent belt over zes weken om te horen hoe het gaat.'],
      (p.conversation_on + time '11:00') at time zone 'Europe/Amsterdam'
    from demo_case_plan p join users u on u.id = p.consultant_id
    where p.conversation_on <= ${day}`.execute(tx);

  // The decision with one granted line and its allocation.
  await sql`alter table demo_case_plan add column provider_id uuid, add column start_on date, add column end_on date, add column volume int, add column cents_per_unit bigint`.execute(tx);
  await sql`
    update demo_case_plan p set
      start_on = p.decided_on + floor(14 * p.contact_draw)::int,
      provider_id = coalesce(
        (select t.provider_id from provider_tariffs t join providers v on v.id = t.provider_id
          where t.product_code = p.product_code and t.year = extract(year from p.decided_on)::int
          order by v.agb_code offset floor(p.volume_draw * (select count(*) from provider_tariffs t2 where t2.product_code = p.product_code and t2.year = extract(year from p.decided_on)::int))::int limit 1),
        ${plan.law === 'participatiewet' ? sql`(select id from providers where agb_code = ${INCOME_PROVIDER_AGB} limit 1)` : sql`null::uuid`}),
      cents_per_unit = coalesce(
        (select max(t.cents_per_unit) from provider_tariffs t where t.product_code = p.product_code and t.year = extract(year from p.decided_on)::int), 100),
      volume = case p.unit
        when 'euro' then case p.product_code when 'PW-BB-01' then 150 + floor(1350 * p.volume_draw)::int when 'PW-MD-01' then 300 else 450 end
        when 'hour' then case p.frequency when 'per_month' then 4 + floor(5 * p.volume_draw)::int else 1 + floor(4 * p.volume_draw)::int end
        when 'day_part' then 2 + floor(4 * p.volume_draw)::int
        else 20 + floor(11 * p.volume_draw)::int end
    where p.decided_on is not null`.execute(tx);
  await sql`
    update demo_case_plan p set end_on = case when p.unit = 'euro' then p.start_on + 29
      else (p.start_on + make_interval(months => 3 + floor(10 * p.term_draw)::int))::date - 1 end
    where p.decided_on is not null`.execute(tx);
  // No contracted provider (a municipality loaded without the region's contracts): no allocation.
  await sql`delete from demo_case_plan where decided_on is not null and provider_id is null`.execute(tx);
  await sql`
    insert into decisions (tenant_id, id, case_id, resident_id, delivery_form, status, expected_annual_cents, requires_approval, created_by, created_at)
    select ${tenantId}, md5(case_id::text || ':decision')::uuid, case_id, resident_id, 'zin', 'approved', 0, false, consultant_id,
      (decided_on + time '14:00') at time zone 'Europe/Amsterdam'
    from demo_case_plan where decided_on is not null`.execute(tx);
  await sql`
    insert into decision_lines (tenant_id, id, decision_id, product_id, outcome, period_start, period_end, volume, frequency)
    select ${tenantId}, md5(case_id::text || ':line')::uuid, md5(case_id::text || ':decision')::uuid, product_id, 'granted', start_on, end_on, volume, frequency
    from demo_case_plan where decided_on is not null`.execute(tx);
  await sql`
    insert into allocations (tenant_id, id, decision_line_id, case_id, resident_id, product_id, provider_id, unit, budget_line_code, created_by, created_at)
    select ${tenantId}, md5(case_id::text || ':allocation')::uuid, md5(case_id::text || ':line')::uuid, case_id, resident_id, product_id, provider_id, unit,
      budget_line_code, consultant_id, (decided_on + time '15:00') at time zone 'Europe/Amsterdam'
    from demo_case_plan where decided_on is not null`.execute(tx);
  await sql`
    insert into allocation_segments (tenant_id, allocation_id, volume, frequency, start_date, end_date, reason, recorded_by, recorded_at)
    select ${tenantId}, md5(case_id::text || ':allocation')::uuid, volume, frequency, start_on, end_on, 'Toewijzing', consultant_id,
      (decided_on + time '15:00') at time zone 'Europe/Amsterdam'
    from demo_case_plan where decided_on is not null`.execute(tx);
  // The commitment per budget year: volume × tariff for the days of the period in that year.
  await sql`
    create temp table demo_commitments on commit drop as
    select p.case_id, p.consultant_id, p.decided_on, extract(year from y)::int as year,
      round(p.volume * p.cents_per_unit * case p.frequency
        when 'total' then (least(p.end_on, (date_trunc('year', y) + interval '1 year - 1 day')::date) - greatest(p.start_on, date_trunc('year', y)::date) + 1)::numeric / (p.end_on - p.start_on + 1)
        when 'per_week' then (least(p.end_on, (date_trunc('year', y) + interval '1 year - 1 day')::date) - greatest(p.start_on, date_trunc('year', y)::date) + 1)::numeric / 7
        when 'per_month' then (least(p.end_on, (date_trunc('year', y) + interval '1 year - 1 day')::date) - greatest(p.start_on, date_trunc('year', y)::date) + 1)::numeric * 12 / 365
        else (least(p.end_on, (date_trunc('year', y) + interval '1 year - 1 day')::date) - greatest(p.start_on, date_trunc('year', y)::date) + 1)::numeric end)::bigint as cents
    from demo_case_plan p
    cross join lateral generate_series(date_trunc('year', p.start_on), date_trunc('year', p.end_on), interval '1 year') y
    where p.decided_on is not null`.execute(tx);
  await sql`
    insert into allocation_commitments (tenant_id, allocation_id, year, cents)
    select ${tenantId}, md5(case_id::text || ':allocation')::uuid, year, cents from demo_commitments`.execute(tx);
  await sql`
    insert into commitment_changes (tenant_id, allocation_id, year, delta_cents, reason, recorded_by, recorded_at)
    select ${tenantId}, md5(case_id::text || ':allocation')::uuid, year, cents, 'Toewijzing', consultant_id, (decided_on + time '15:00') at time zone 'Europe/Amsterdam'
    from demo_commitments where cents <> 0`.execute(tx);

  // KCC: the melding by phone, routed to the consultant with a callback; later a question answered at once.
  if (kcc) {
    const subject = plan.law === 'jeugdwet' ? 'Vraag over hulp voor mijn kind' : 'Vraag over bijzondere bijstand';
    await sql`
      insert into kcc_contacts (tenant_id, id, resident_id, channel, subject, product_id, outcome, routed_to_user_id, registered_by, registered_at)
      select ${tenantId}, md5(p.case_id::text || ':melding')::uuid, p.resident_id, 'telefoon', ${subject},
        coalesce(p.product_id, (select id from products where code = ${plan.products[0]!.code})), 'routed', p.consultant_id, ${kcc}::uuid,
        (p.notified_on + time '09:00' + make_interval(mins => floor(420 * p.contact_draw)::int)) at time zone 'Europe/Amsterdam'
      from demo_case_plan p
      union all
      select ${tenantId}, md5(p.case_id::text || ':vraag')::uuid, p.resident_id, case when p.contact_draw < 0.7 then 'telefoon' else 'e-mail' end,
        'Vraag over de stand van zaken', coalesce(p.product_id, (select id from products where code = ${plan.products[0]!.code})), 'answered', null, ${kcc}::uuid,
        (p.notified_on + 20 + floor(40 * p.term_draw)::int + time '10:00') at time zone 'Europe/Amsterdam'
      from demo_case_plan p
      where p.contact_draw < 0.8 and p.notified_on + 20 + floor(40 * p.term_draw)::int < ${day}`.execute(tx);
    await sql`
      insert into callback_tasks (tenant_id, contact_id, resident_id, user_id, due_at, done_at, done_by, done_note)
      select ${tenantId}, k.id, k.resident_id, k.routed_to_user_id,
        ((k.registered_at at time zone 'Europe/Amsterdam')::date + 1 + time '17:00') at time zone 'Europe/Amsterdam',
        case when k.registered_at + make_interval(hours => 2 + floor(28 * p.volume_draw)::int) < ${day}::timestamp at time zone 'Europe/Amsterdam'
          then k.registered_at + make_interval(hours => 2 + floor(28 * p.volume_draw)::int) end,
        case when k.registered_at + make_interval(hours => 2 + floor(28 * p.volume_draw)::int) < ${day}::timestamp at time zone 'Europe/Amsterdam' then k.routed_to_user_id end,
        case when k.registered_at + make_interval(hours => 2 + floor(28 * p.volume_draw)::int) < ${day}::timestamp at time zone 'Europe/Amsterdam' then 'Teruggebeld; afspraak gemaakt.' end
      from kcc_contacts k join demo_case_plan p on md5(p.case_id::text || ':melding')::uuid = k.id`.execute(tx);
  }
  await sql`drop table demo_case_plan`.execute(tx);
  await sql`drop table demo_commitments`.execute(tx);
  return Number(inserted.numAffectedRows ?? 0);
}

/** Sociale Zaken pays the Pw benefits: a provider of its own, so an allocation has someone to pay through. */
async function ensureIncomeProvider(tx: Tx, tenantId: string): Promise<void> {
  await tx
    .insertInto('providers')
    .values({ tenant_id: tenantId, agb_code: INCOME_PROVIDER_AGB, name: 'Sociale Zaken Maastricht Heuvelland', kind: 'welfare', strategic_partner: false, region_wide: false, region: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'agb_code']).doNothing())
    .execute();
}
