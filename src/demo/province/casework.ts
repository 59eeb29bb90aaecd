// Casework of one province municipality, set-based: per law and calendar year one statement inserts the
// cases with their status events and, for Wmo, the decisions, decision lines and allocations (data-
// modifying CTEs; the foreign keys are checked at the end of the statement). Per year one statement adds
// the KCC contacts. Every value is drawn from md5 (sql-random.ts); references are numbered densely per
// prefix and year, as next_case_reference (migration 0050) expects for the cases users add later.

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import { CHANNELS, PRODUCT_TERMS } from '../wmo/distributions.js';
import type { ProvincePart } from '../limburg.data.js';
import { between, draw, md5Of, uuidFromMd5 } from './sql-random.js';

export type ProvinceLaw = 'wmo' | 'jeugdwet' | 'participatiewet';

interface LawPlan {
  caseType: string;
  prefix: string;
  /** Ages (on the reference date) of the residents who can be clients. */
  ages: readonly [number, number];
  /** Cases per client in one year: floor(draw × spread), so a mean of about spread/2 − ½ … */
  spread: number;
}

const LAWS: Readonly<Record<ProvinceLaw, LawPlan>> = {
  wmo: { caseType: 'WMO-MAATWERK', prefix: 'WMO', ages: [0, 120], spread: 4.2 },
  jeugdwet: { caseType: 'JW-JEUGDHULP', prefix: 'JW', ages: [0, 17], spread: 2.6 },
  participatiewet: { caseType: 'PW-BIJZONDERE-BIJSTAND', prefix: 'PW', ages: [18, 66], spread: 2.6 },
};

/**
 * Wmo clients per 1,000 inhabitants (domain-facts §2.1): 72 nationally, South Limburg well above it
 * (Kerkrade 117). ASSUMPTION: Midden- and Noord-Limburg at 85 and 80.
 */
const WMO_RATE: Readonly<Record<ProvincePart, number>> = { zuid: 110, midden: 85, noord: 80 };
/** The age profile below gives about 95 clients per 1,000 with the generated age mix; scaled to WMO_RATE. */
const WMO_PROFILE_RATE = 95;

/** Share of eligible residents who are clients at some point in the period (domain-facts §2.2, §2.3). */
function clientShare(law: ProvinceLaw, part: ProvincePart): string {
  if (law === 'wmo') {
    const f = WMO_RATE[part] / WMO_PROFILE_RATE;
    return `(case when age < 18 then 0.01 when age < 65 then 0.04 when age < 75 then 0.15 when age < 85 then 0.35 else 0.6 end) * ${f.toFixed(4)}`;
  }
  // Jeugdhulp: 14 % of under-18s in a year (NJi 2024); bijzondere bijstand: ASSUMPTION 7 %, 9 % in the south.
  if (law === 'jeugdwet') return '0.14';
  return part === 'zuid' ? '0.09' : '0.07';
}

export interface CaseworkOptions {
  tenantId: string;
  base: string;
  part: ProvincePart;
  law: ProvinceLaw;
  year: number;
  /** yyyy-mm-dd: nothing happens after it; statuses are as on that day. */
  today: string;
  /** yyyy-mm-dd on which ages are counted (the residents' reference date). */
  referenceDate: string;
}

export interface CaseworkCounts {
  cases: number;
  events: number;
  decisions: number;
  allocations: number;
}

const WMO_PRODUCTS = JSON.stringify(Object.entries(PRODUCT_TERMS).map(([code, t]) => ({ code, vmin: t.volume[0], vmax: t.volume[1], months: t.months[1] })));

/** One law's cases of one year, with their events (and Wmo decisions and allocations). */
export async function insertCasework(tx: Tx, o: CaseworkOptions): Promise<CaseworkCounts> {
  const plan = LAWS[o.law];
  const wmo = o.law === 'wmo';
  const yearStart = `${o.year}-01-01`;
  const yearEnd = `${o.year}-12-31` < o.today ? `${o.year}-12-31` : o.today;
  if (yearStart > o.today) return { cases: 0, events: 0, decisions: 0, allocations: 0 };
  const client = md5Of(o.base, o.law, sql`r.bsn`);
  const caseDraw = md5Of(o.base, `${o.law}:${o.year}`, sql`resident_bsn`, sql`k`);
  const { rows } = await sql<{ cases: string; events: string; decisions: string; allocations: string }>`
    with residents_aged as materialized (
      select r.id as resident_id, r.bsn as resident_bsn, r.area_code,
        extract(year from age(${o.referenceDate}::date, r.birth_date))::int as age, ${client} as c
      from residents r
    ),
    clients as materialized (
      select residents_aged.*, ${md5Of(o.base, `${o.law}:${o.year}:n`, sql`resident_bsn`)} as y from residents_aged
      where age between ${plan.ages[0]} and ${plan.ages[1]} and ${draw('c', 0)} < ${sql.raw(clientShare(o.law, o.part))}
    ),
    -- The area's consultants (seed-province.ts: consulent-NN, consulent-NN-2, …), numbered 0 … slots − 1.
    consultants as (
      select id as consultant_id, substr(username, 11, 2) as area_suffix,
        row_number() over (partition by substr(username, 11, 2) order by username) - 1 as slot,
        count(*) over (partition by substr(username, 11, 2)) as slots
      from users where username ~ '^consulent-[0-9]{2}(-[0-9]+)?$'
    ),
    draws as materialized (
      select clients.*, k, ${caseDraw} as d, ${md5Of(o.base, `${o.law}:${o.year}:x`, sql`resident_bsn`, sql`k`)} as e
      from clients cross join lateral generate_series(1, floor(${draw('y', 0)} * ${plan.spread})::int) k
    ),
    timeline as materialized (
      select draws.*, consultant_id, n,
        n + ${between(draw('d', 1), 1, 5)} as research_on,
        case when ${wmo} then n + ${between(draw('d', 2), 7, 40)} else n end as apply_on,
        ${draw('d', 3)} < 0.06 as withdrawn, n + ${between(draw('e', 0), 3, 30)} as withdraw_on,
        ${draw('e', 1)} as outcome_draw
      from draws
      -- A client has one consultant per law and year, whatever the number of cases (one fixed contact person).
      join consultants on consultants.area_suffix = right(draws.area_code, 2) and consultants.slot = floor(${draw('y', 1)} * consultants.slots)
      cross join lateral (select ${yearStart}::date + floor(${draw('d', 0)} * (${yearEnd}::date - ${yearStart}::date + 1))::int as n) notified
    ),
    dated as materialized (
      select timeline.*,
        apply_on + case when ${wmo} then ${between(draw('e', 2), 3, 13)} else ${between(draw('e', 2), 5, 50)} end as decide_on,
        apply_on + ${between(draw('e', 3), 20, 120)} as close_on
      from timeline
    ),
    planned as materialized (
      select dated.*,
        case when withdrawn and withdraw_on <= ${o.today}::date then 'ingetrokken'
          when not withdrawn and close_on <= ${o.today}::date then 'afgesloten'
          when not withdrawn and decide_on <= ${o.today}::date then 'besluit'
          when not withdrawn and apply_on <= ${o.today}::date and (apply_on > n or not ${wmo}) then 'aanvraag'
          when ${wmo} and research_on <= ${o.today}::date then 'onderzoek'
          else 'melding' end as status,
        ${uuidFromMd5(sql.raw(`md5(d || ':case')`))} as case_id,
        row_number() over (order by n, resident_bsn, k) as number
      from dated
    ),
    ins_cases as (
      insert into cases (tenant_id, id, reference, resident_id, case_type_code, status, notified_on, applied_on, decided_on, closed_on, consultant_id)
      select ${o.tenantId}, case_id, ${plan.prefix} || '-' || ${o.year} || '-' || lpad(number::text, 5, '0'), resident_id, ${plan.caseType}, status, n,
        case when status in ('aanvraag', 'besluit', 'afgesloten') then apply_on end,
        case when status in ('besluit', 'afgesloten') then decide_on end,
        case when status = 'afgesloten' then close_on when status = 'ingetrokken' then withdraw_on end,
        consultant_id
      from planned
      on conflict do nothing
      returning 1
    ),
    steps as (
      select planned.*, s.* from planned cross join lateral (values
        (1, n, null, 'melding', 'Melding ontvangen'),
        (2, case when ${wmo} and status <> 'melding' then research_on end, 'melding', 'onderzoek', 'Onderzoek gestart (keukentafelgesprek)'),
        (3, case when status in ('aanvraag', 'besluit', 'afgesloten') then apply_on end, case when ${wmo} then 'onderzoek' else 'melding' end, 'aanvraag', 'Aanvraag ontvangen'),
        (4, case when status in ('besluit', 'afgesloten') then decide_on end, 'aanvraag', 'besluit', 'Besluit genomen'),
        (5, case when status = 'afgesloten' then close_on end, 'besluit', 'afgesloten', 'Zaak afgehandeld'),
        (6, case when status = 'ingetrokken' then withdraw_on end, case when ${wmo} and research_on <= withdraw_on then 'onderzoek' else 'melding' end, 'ingetrokken', 'Ingetrokken door de inwoner')
      ) s(step, on_date, from_status, to_status, reason)
      where s.on_date is not null
    ),
    ins_events as (
      insert into case_events (tenant_id, id, case_id, kind, on_date, from_status, to_status, reason, recorded_by, recorded_at)
      select ${o.tenantId}, ${uuidFromMd5(sql.raw(`md5(d || ':ev:' || step)`))}, case_id, 'status', on_date, from_status, to_status, reason, consultant_id,
        on_date + time '09:00' + make_interval(mins => step * 37)
      from steps
      on conflict do nothing
      returning 1
    ),
    products as materialized (
      select p.id, p.code, p.unit, p.frequency, p.budget_line_code, t.vmin, t.vmax, t.months,
        (select array_agg(distinct pr.id) from provider_tariffs pt join providers pr on pr.id = pt.provider_id
         where pt.product_code = p.code) as provider_ids,
        row_number() over (order by p.code) - 1 as idx, count(*) over () as total
      from products p join jsonb_to_recordset(${WMO_PRODUCTS}::jsonb) as t(code text, vmin int, vmax int, months int) on t.code = p.code
    ),
    decided as materialized (
      select planned.*, products.*, ${uuidFromMd5(sql.raw(`md5(d || ':decision')`))} as decision_id, ${uuidFromMd5(sql.raw(`md5(d || ':line')`))} as line_id,
        outcome_draw < 0.1 as refused
      from planned
      join products on products.idx = floor(${draw('e', 3)} * products.total)::int
      where ${wmo} and status in ('besluit', 'afgesloten')
    ),
    team_lead as (select id from users where username = 'teamleider'),
    ins_decisions as (
      insert into decisions (tenant_id, id, case_id, resident_id, delivery_form, status, expected_annual_cents, requires_approval, created_by, created_at, approved_by, approved_at)
      select ${o.tenantId}, decision_id, case_id, resident_id, case when outcome_draw < 0.9 then 'zin' else 'pgb' end, 'approved', cents,
        cents >= 500000, consultant_id, decide_on + time '11:00',
        case when cents >= 500000 then (select id from team_lead) end,
        case when cents >= 500000 then decide_on + time '15:00' end
      from decided cross join lateral (select case when refused then 0 else ${between(draw('d', 1), 60, 1500)} * 1000 end as cents) c
      on conflict do nothing
      returning 1
    ),
    ins_lines as (
      insert into decision_lines (tenant_id, id, decision_id, product_id, outcome, period_start, period_end, volume, frequency, refusal_reason)
      select ${o.tenantId}, line_id, decision_id, id, case when refused then 'refused' else 'granted' end, decide_on,
        (decide_on + make_interval(months => months))::date - 1,
        case when refused then null else vmin + floor(outcome_draw * (vmax - vmin + 1))::int end,
        case when refused then null else frequency end,
        case when refused then 'Geen beperking in de zelfredzaamheid vastgesteld' end
      from decided
      on conflict do nothing
      returning 1
    ),
    ins_allocations as (
      insert into allocations (tenant_id, id, decision_line_id, case_id, resident_id, product_id, provider_id, unit, budget_line_code, created_by, created_at, source)
      select ${o.tenantId}, ${uuidFromMd5(sql.raw(`md5(d || ':allocation')`))}, line_id, case_id, resident_id, id,
        provider_ids[1 + floor(${draw('d', 2)} * cardinality(provider_ids))::int], unit, budget_line_code, consultant_id, decide_on + time '16:00', 'decision'
      from decided
      where not refused and cardinality(provider_ids) > 0
      on conflict do nothing
      returning 1
    )
    select (select count(*) from ins_cases) as cases, (select count(*) from ins_events) as events,
      (select count(*) from ins_decisions) as decisions, (select count(*) from ins_allocations) as allocations`.execute(tx);
  const row = rows[0]!;
  return { cases: Number(row.cases), events: Number(row.events), decisions: Number(row.decisions), allocations: Number(row.allocations) };
}

const SUBJECTS = [
  'Vraag over een Wmo-voorziening',
  'Vraag over de eigen bijdrage (CAK)',
  'Vraag over de status van een aanvraag',
  'Vraag over vervoer (regiotaxi)',
  'Vraag over bijzondere bijstand',
  'Vraag over jeugdhulp',
  'Adreswijziging doorgeven',
  'Klacht over een zorgaanbieder',
];

const CHANNEL_THRESHOLDS = (() => {
  const total = CHANNELS.reduce((s, c) => s + c.weight, 0);
  let cum = 0;
  return CHANNELS.map((c) => ({ channel: c.value, below: (cum += c.weight) / total }));
})();

/** The KCC contacts of one year: about 10 % of the residents call, mail or visit, some more than once. */
export async function insertContacts(tx: Tx, o: { tenantId: string; base: string; year: number; today: string }): Promise<number> {
  const yearStart = `${o.year}-01-01`;
  const yearEnd = `${o.year}-12-31` < o.today ? `${o.year}-12-31` : o.today;
  if (yearStart > o.today) return 0;
  const contactDraw = md5Of(o.base, `kcc:${o.year}`, sql`r.bsn`);
  const { rows } = await sql<{ n: string }>`
    with callers as materialized (
      select r.id as resident_id, r.bsn, r.area_code, ${contactDraw} as c from residents r
    ),
    contacts as materialized (
      select callers.*, k, ${md5Of(o.base, `kcc:${o.year}:k`, sql`bsn`, sql`k`)} as d
      from callers cross join lateral generate_series(1, case when ${draw('c', 0)} < 0.10 then 1 + floor(${draw('c', 1)} * 2.5)::int else 0 end) k
    ),
    kcc as (select id from users where username = 'kcc'),
    ins as (
      insert into kcc_contacts (tenant_id, id, resident_id, channel, subject, note, outcome, routed_to_team_id, registered_by, registered_at)
      select ${o.tenantId}, ${uuidFromMd5(sql.raw(`md5(d || ':contact')`))}, resident_id, ${channelSql('d')},
        (${JSON.stringify(SUBJECTS)}::jsonb ->> floor(${draw('d', 1)} * ${SUBJECTS.length})::int), '',
        case when ${draw('d', 2)} < 0.7 then 'answered' else 'routed' end,
        case when ${draw('d', 2)} < 0.7 then null else (select team_id from team_areas ta where ta.area_code = contacts.area_code) end,
        (select id from kcc),
        ${yearStart}::date + floor(${draw('d', 3)} * (${yearEnd}::date - ${yearStart}::date + 1))::int + time '08:30' + make_interval(mins => floor(${draw('c', 2)} * 480)::int)
      from contacts
      on conflict do nothing
      returning 1
    )
    select count(*) as n from ins`.execute(tx);
  return Number(rows[0]!.n);
}

function channelSql(column: string) {
  const u = draw(column, 0);
  return sql`(case ${sql.join(CHANNEL_THRESHOLDS.map((t) => sql`when ${u} < ${sql.lit(t.below)} then ${sql.lit(t.channel)}`), sql` `)} else 'telefoon' end)`;
}
