// The KPI catalogue as data: one definition per KPI and domain. Numerator and denominator are
// set-based SQL over the modules' tables. Each query returns one row per counted unit (a client in
// a month, a case, a contact, a declaration) with the columns
//   month date, area_code text (null: resident without an area), breakdown text, value numeric, subject uuid
// for the months in the CTE `months (month date, month_end date)` that the aggregation provides.
// The aggregation sums them per month, breakdown and area, and in total (grouping sets).

import { sql, type RawBuilder } from 'kysely';
import type { Law } from '../../db/column-types.js';
import { nonWorkingDatesOfYears } from '../../platform/calendar.js';
import type { Domain } from './insights.tables.js';

export type KpiUnit = 'aantal' | 'procent' | 'dagen' | 'euro';
export type PrivacyCount = 'numerator' | 'denominator' | 'subjects';

export interface KpiDefinition {
  /** `<domain>.<key>`, e.g. `wmo.clients`. */
  id: string;
  key: string;
  domain: Domain;
  law: Law;
  name: string;
  explanation: string;
  unit: KpiUnit;
  period: 'month';
  direction: 'higher' | 'lower';
  /** Units per month, with `value` 1 for counts. */
  numerator: RawBuilder<unknown>;
  /** Units of the denominator; 'subjects' divides by the distinct persons behind the numerator; null for counts. */
  denominator: RawBuilder<unknown> | 'subjects' | null;
  /** The denominator is not split by area (a budget): every area is measured against the total. */
  sharedDenominator: boolean;
  /** What the breakdown column means (product category, budget line); null when there is none. */
  breakdown: string | null;
  /** Counts below the threshold are suppressed; which of the sums are counts of people or cases. */
  privacy: { threshold: number; counts: PrivacyCount[] };
  /** Shown on the portfolio holder's dashboard. */
  portfolio: boolean;
}

export const PRIVACY_THRESHOLD = 10;

export const domains: readonly { id: Domain; law: Law; name: string }[] = [
  { id: 'wmo', law: 'wmo', name: 'Wmo' },
  { id: 'jeugd', law: 'jeugdwet', name: 'Jeugd' },
  { id: 'pw', law: 'participatiewet', name: 'Participatiewet' },
];

const AMS = sql.lit('Europe/Amsterdam');
/** The Amsterdam calendar date of a timestamp column. */
const localDate = (column: string) => sql`(${sql.ref(column)} at time zone ${AMS})::date`;

// --- reusable fragments ---------------------------------------------------------------------------

/** Clients of a law per month: a current allocation segment or a direct-access start overlapping the month. */
function clientUnits(law: Law, months: RawBuilder<unknown>) {
  return sql`
    select distinct mm.month, r.area_code, ''::text as breakdown, 1::numeric as value, a.resident_id as subject
    from ${months} mm
    join allocation_segments s on s.start_date < mm.month_end and s.end_date >= mm.month and s.superseded_at is null
    join allocations a on a.tenant_id = s.tenant_id and a.id = s.allocation_id
    join products p on p.tenant_id = a.tenant_id and p.id = a.product_id and p.law = ${law}
    join residents r on r.tenant_id = a.tenant_id and r.id = a.resident_id
    union
    select mm.month, r.area_code, '', 1, c.resident_id
    from ${months} mm
    join cases c on c.direct_access_start < mm.month_end
      and coalesce(c.closed_on, c.direct_access_start + 91) >= mm.month
      and c.direct_access_start + 91 >= mm.month
    join products p on p.tenant_id = c.tenant_id and p.id = c.direct_access_product_id and p.law = ${law}
    join residents r on r.tenant_id = c.tenant_id and r.id = c.resident_id`;
}

const monthsWithPrevious = sql`(select (month - interval '1 month')::date as month, month as month_end from months union select month, month_end from months)`;

/** Cases of a law, with the resident's area. */
const lawCases = (law: Law) => sql`
  cases c
  join case_types ct on ct.tenant_id = c.tenant_id and ct.code = c.case_type_code and ct.law = ${law}
  join residents r on r.tenant_id = c.tenant_id and r.id = c.resident_id`;

/**
 * KCC contacts of a domain: about a product of the law, or (without a product) from a resident who
 * has a case under that law. Contacts about nothing and nobody belong to no domain.
 */
const domainContact = (law: Law) => sql`(
  exists (select 1 from products p where p.tenant_id = k.tenant_id and p.id = k.product_id and p.law = ${law})
  or (k.product_id is null and exists (
    select 1 from cases c2 join case_types ct2 on ct2.tenant_id = c2.tenant_id and ct2.code = c2.case_type_code
    where c2.tenant_id = k.tenant_id and c2.resident_id = k.resident_id and ct2.law = ${law})))`;

/** Budget lines of a domain: the law's own lines and the lines its products book on. */
const domainBudgetLine = (law: Law) => sql`(b.law = ${law} or exists (
  select 1 from products p where p.tenant_id = b.tenant_id and p.budget_line_code = b.code and p.law = ${law}))`;

// Atw feestdagen and equated days of the years a dashboard can show (24 months back) and the next.
const THIS_YEAR = new Date().getUTCFullYear();
const NON_WORKING_DATES = nonWorkingDatesOfYears(THIS_YEAR - 4, THIS_YEAR + 1);

/**
 * The legal decision deadline as set-based SQL: the case type's decision term from the application
 * (or the notification), plus extensions (verdaging) and suspended days during the decision term;
 * a last day on a Saturday, Sunday or public holiday moves to the next working day (Algemene
 * termijnenwet art. 1), as the case file computes it.
 */
const decisionDeadline = sql`(
  with raw as (
    select (coalesce(c.applied_on, c.notified_on)
      + ct.decision_term::interval
      + coalesce((select sum(e.term::interval) from case_events e where e.tenant_id = c.tenant_id and e.case_id = c.id and e.kind = 'extension'), interval '0 days')
      + make_interval(days => coalesce((
          select sum(e.on_date - (select max(s.on_date) from case_events s where s.tenant_id = e.tenant_id and s.case_id = e.case_id and s.kind = 'suspension_start' and s.on_date <= e.on_date))
          from case_events e where e.tenant_id = c.tenant_id and e.case_id = c.id and e.kind = 'suspension_end'
            and e.on_date >= coalesce(c.applied_on, c.notified_on)), 0)::int))::date as d)
  select (select min(day)::date from generate_series(d, d + 14, interval '1 day') day
          where extract(isodow from day) < 6 and day::date <> all(${NON_WORKING_DATES}::date[]))
  from raw)`;

// --- the unit query builder ------------------------------------------------------------------------

/** The units of a month: what `monthUnits` turns into the unit query every KPI returns. */
interface MonthUnits {
  /** What follows `from months mm`: the joins that find a month's units, and `residents r` for the area. */
  joins: RawBuilder<unknown>;
  /** Conditions a unit must meet, joined with `and`. */
  where?: readonly RawBuilder<unknown>[];
  /** The unit's value (numeric); 1 for a count. */
  value?: RawBuilder<unknown>;
  /** The breakdown (text); '' when the KPI has none. */
  breakdown?: RawBuilder<unknown>;
  /** The column that holds the resident behind the unit. */
  subject: string;
}

/** One row per unit: month, area_code, breakdown, value, subject (see the top of this file). */
function monthUnits({ joins, where = [], value = sql`1::numeric`, breakdown = sql`''::text`, subject }: MonthUnits): RawBuilder<unknown> {
  const filter = where.length === 0 ? sql`` : sql`where ${sql.join(where, sql` and `)}`;
  return sql`
      select mm.month, r.area_code, ${breakdown} as breakdown, ${value} as value, ${sql.ref(subject)} as subject
      from months mm ${joins} ${filter}`;
}

/** The same units, narrowed by one more condition (a numerator within its denominator). */
const narrowed = (units: MonthUnits, condition: RawBuilder<unknown>): MonthUnits => ({ ...units, where: [...(units.where ?? []), condition] });

/** A date expression falls in the month. */
const inMonth = (date: RawBuilder<unknown>) => sql`${date} >= mm.month and ${date} < mm.month_end`;

/** Cases of a law whose date `column` falls in the month. */
const casesBy = (law: Law, column: string): MonthUnits => ({
  joins: sql`join ${lawCases(law)} on ${inMonth(sql.ref(column))}`,
  subject: 'c.resident_id',
});

/** KCC contacts of a domain registered in the month. */
const kccContacts = (law: Law): MonthUnits => ({
  joins: sql`join kcc_contacts k on ${inMonth(localDate('k.registered_at'))}
      left join residents r on r.tenant_id = k.tenant_id and r.id = k.resident_id`,
  where: [domainContact(law)],
  subject: 'k.resident_id',
});

/** Callback tasks of a domain's KCC contacts, done in the month. */
const callbacksDone = (law: Law): MonthUnits => ({
  joins: sql`join callback_tasks t on t.done_at is not null and ${inMonth(localDate('t.done_at'))}
      join kcc_contacts k on k.tenant_id = t.tenant_id and k.id = t.contact_id
      left join residents r on r.tenant_id = k.tenant_id and r.id = k.resident_id`,
  where: [domainContact(law)],
  subject: 'k.resident_id',
});

/** Cases of a law with direct access, closed in the month. */
const directAccessClosed = (law: Law): MonthUnits => narrowed(casesBy(law, 'c.closed_on'), sql`c.direct_access_start is not null`);

/** Conversations in the month, on a case of the law, not corrected by a later one. */
const conversationsHeld = (law: Law, ladderSteps: readonly string[]): MonthUnits => ({
  joins: sql`join conversations v on ${inMonth(sql.ref('v.held_on'))}
      join ${lawCases(law)} on c.tenant_id = v.tenant_id and c.id = v.case_id`,
  where: [
    sql`v.ladder_step in (${sql.join(ladderSteps.map((step) => sql.lit(step)))})`,
    sql`not exists (select 1 from conversations n where n.tenant_id = v.tenant_id and n.corrects_id = v.id)`,
  ],
  subject: 'v.resident_id',
});

// --- the KPI templates, instantiated per domain ----------------------------------------------------

type Template = Omit<KpiDefinition, 'id' | 'domain' | 'law' | 'numerator' | 'denominator' | 'period'> & {
  numerator: (law: Law) => RawBuilder<unknown>;
  denominator: ((law: Law) => RawBuilder<unknown>) | 'subjects' | null;
};

const count = { threshold: PRIVACY_THRESHOLD, counts: ['numerator'] as PrivacyCount[] };
const ratio = { threshold: PRIVACY_THRESHOLD, counts: ['numerator', 'denominator'] as PrivacyCount[] };
const average = { threshold: PRIVACY_THRESHOLD, counts: ['denominator'] as PrivacyCount[] };

const templates: readonly Template[] = [
  {
    key: 'clients',
    name: 'Cliënten',
    explanation: 'Inwoners met in de maand een lopende toewijzing of directe toegang onder deze wet.',
    unit: 'aantal',
    direction: 'lower',
    numerator: (law) => clientUnits(law, sql`months`),
    denominator: null,
    sharedDenominator: false,
    breakdown: null,
    privacy: count,
    portfolio: true,
  },
  {
    key: 'inflow',
    name: 'Instroom',
    explanation: 'Cliënten in de maand die de maand ervoor geen cliënt waren.',
    unit: 'aantal',
    direction: 'lower',
    numerator: (law) => sql`
      select cur.month, cur.area_code, cur.breakdown, cur.value, cur.subject
      from (${clientUnits(law, monthsWithPrevious)}) cur
      where cur.month in (select month from months)
        and not exists (select 1 from (${clientUnits(law, monthsWithPrevious)}) prev
          where prev.subject = cur.subject and prev.month = (cur.month - interval '1 month')::date)`,
    denominator: null,
    sharedDenominator: false,
    breakdown: null,
    privacy: count,
    portfolio: false,
  },
  {
    key: 'outflow',
    name: 'Uitstroom',
    explanation: 'Cliënten van de vorige maand die in deze maand geen cliënt meer zijn.',
    unit: 'aantal',
    direction: 'higher',
    numerator: (law) => sql`
      select (prev.month + interval '1 month')::date as month, prev.area_code, prev.breakdown, prev.value, prev.subject
      from (${clientUnits(law, monthsWithPrevious)}) prev
      where (prev.month + interval '1 month')::date in (select month from months)
        and not exists (select 1 from (${clientUnits(law, monthsWithPrevious)}) cur
          where cur.subject = prev.subject and cur.month = (prev.month + interval '1 month')::date)`,
    denominator: null,
    sharedDenominator: false,
    breakdown: null,
    privacy: count,
    portfolio: false,
  },
  {
    key: 'kcc_first_line',
    name: 'KCC-contacten afgehandeld in de eerste lijn',
    explanation: 'Deel van de KCC-contacten in de maand dat direct is beantwoord, zonder doorzetten.',
    unit: 'procent',
    direction: 'higher',
    numerator: (law) => monthUnits(narrowed(kccContacts(law), sql`k.outcome = 'answered'`)),
    denominator: (law) => monthUnits(kccContacts(law)),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: false,
  },
  {
    key: 'callback_days',
    name: 'Gemiddelde tijd tot terugbellen',
    explanation: 'Gemiddeld aantal dagen (24 uur) tussen het KCC-contact en het afgeronde terugbelverzoek, voor terugbelverzoeken afgerond in de maand.',
    unit: 'dagen',
    direction: 'lower',
    numerator: (law) => monthUnits({ ...callbacksDone(law), value: sql`extract(epoch from (t.done_at - k.registered_at))::numeric / 86400` }),
    denominator: (law) => monthUnits(callbacksDone(law)),
    sharedDenominator: false,
    breakdown: null,
    privacy: average,
    portfolio: false,
  },
  {
    key: 'decided_in_time',
    name: 'Binnen de wettelijke termijn beslist',
    explanation: 'Deel van de zaken met een besluit in de maand waarin binnen de beslistermijn is beslist (termijn plus verdaging en opschorting; eindigt de termijn op een zaterdag, zondag of feestdag, dan telt de eerstvolgende werkdag).',
    unit: 'procent',
    direction: 'higher',
    numerator: (law) => monthUnits(narrowed(casesBy(law, 'c.decided_on'), sql`c.decided_on <= ${decisionDeadline}`)),
    denominator: (law) => monthUnits(casesBy(law, 'c.decided_on')),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: true,
  },
  {
    key: 'days_to_decision',
    name: 'Doorlooptijd melding tot besluit',
    explanation: 'Gemiddeld aantal kalenderdagen van melding tot besluit, voor besluiten in de maand.',
    unit: 'dagen',
    direction: 'lower',
    numerator: (law) => monthUnits({ ...casesBy(law, 'c.decided_on'), value: sql`(c.decided_on - c.notified_on)::numeric` }),
    denominator: (law) => monthUnits(casesBy(law, 'c.decided_on')),
    sharedDenominator: false,
    breakdown: null,
    privacy: average,
    portfolio: false,
  },
  {
    key: 'direct_access_without_decision',
    name: 'Directe toegang afgesloten zonder beschikking',
    explanation: 'Deel van de zaken met directe toegang, afgesloten in de maand, waarin geen formeel besluit nodig was.',
    unit: 'procent',
    direction: 'higher',
    numerator: (law) => monthUnits(narrowed(directAccessClosed(law), sql`c.decided_on is null`)),
    denominator: (law) => monthUnits(directAccessClosed(law)),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: false,
  },
  {
    key: 'cost_per_client',
    name: 'Gemiddelde kosten per cliënt',
    explanation: 'Gedeclareerde kosten in de maand gedeeld door het aantal cliënten met een declaratie, per productcategorie.',
    unit: 'euro',
    direction: 'lower',
    numerator: (law) =>
      monthUnits({
        joins: sql`join declarations d on d.month = mm.month
      join allocations a on a.tenant_id = d.tenant_id and a.id = d.allocation_id
      join products p on p.tenant_id = a.tenant_id and p.id = a.product_id and p.law = ${law}
      join residents r on r.tenant_id = a.tenant_id and r.id = a.resident_id`,
        breakdown: sql`coalesce(p.category_code, p.code)`,
        value: sql`d.cents::numeric`,
        subject: 'a.resident_id',
      }),
    denominator: 'subjects',
    sharedDenominator: false,
    breakdown: 'Productcategorie',
    privacy: { threshold: PRIVACY_THRESHOLD, counts: ['subjects'] },
    portfolio: false,
  },
  {
    key: 'community_share',
    name: 'Voorliggend veld in gespreksuitkomsten',
    explanation: 'Deel van de gesprekken (Positieve Gezondheid) in de maand met als uitkomst het voorliggend veld, ten opzichte van voorliggend veld plus maatwerk.',
    unit: 'procent',
    direction: 'higher',
    numerator: (law) => monthUnits(conversationsHeld(law, ['community'])),
    denominator: (law) => monthUnits(conversationsHeld(law, ['community', 'tailored'])),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: true,
  },
  {
    key: 'renotifications',
    name: 'Herhaalmeldingen binnen 12 maanden',
    explanation: 'Deel van de meldingen in de maand van inwoners van wie een eerdere zaak onder deze wet in de 12 maanden ervoor is afgesloten.',
    unit: 'procent',
    direction: 'lower',
    numerator: (law) =>
      monthUnits(
        narrowed(
          casesBy(law, 'c.notified_on'),
          sql`exists (
        select 1 from cases e join case_types et on et.tenant_id = e.tenant_id and et.code = e.case_type_code and et.law = ${law}
        where e.tenant_id = c.tenant_id and e.resident_id = c.resident_id and e.id <> c.id
          and e.closed_on <= c.notified_on and e.closed_on >= (c.notified_on - interval '12 months')::date)`,
        ),
      ),
    denominator: (law) => monthUnits(casesBy(law, 'c.notified_on')),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: false,
  },
  {
    key: 'budget_exhaustion',
    name: 'Budgetuitputting',
    explanation: 'Gerealiseerd (declaraties tot en met de maand) plus openstaande verplichtingen (stand eind van de maand) als deel van het budget van het jaar, per taakveld.',
    unit: 'procent',
    direction: 'lower',
    numerator: (law) => sql`
      with comm as (
        select mm.month, ch.allocation_id, sum(ch.delta_cents) as cents
        from months mm join commitment_changes ch on ch.year = extract(year from mm.month)::int
          and ch.recorded_at < (mm.month_end::timestamp at time zone ${AMS})
        group by mm.month, ch.allocation_id),
      real as (
        select mm.month, d.allocation_id, sum(d.cents) as cents
        from months mm join declarations d on d.month <= mm.month and d.month >= date_trunc('year', mm.month)::date
        group by mm.month, d.allocation_id),
      per as (
        select coalesce(comm.month, real.month) as month, coalesce(comm.allocation_id, real.allocation_id) as allocation_id,
          greatest(coalesce(comm.cents, 0), coalesce(real.cents, 0)) as cents
        from comm full join real on real.month = comm.month and real.allocation_id = comm.allocation_id)
      select per.month, r.area_code, a.budget_line_code as breakdown, per.cents::numeric as value, a.resident_id as subject
      from per
      join allocations a on a.id = per.allocation_id
      join budget_lines b on b.tenant_id = a.tenant_id and b.code = a.budget_line_code and ${domainBudgetLine(law)}
      join residents r on r.tenant_id = a.tenant_id and r.id = a.resident_id`,
    denominator: (law) => sql`
      select mm.month, null::text as area_code, b.code as breakdown, y.budget_cents::numeric as value, null::uuid as subject
      from months mm
      join budget_line_years y on y.year = extract(year from mm.month)::int
      join budget_lines b on b.tenant_id = y.tenant_id and b.code = y.code and ${domainBudgetLine(law)}`,
    sharedDenominator: true,
    breakdown: 'Taakveld',
    privacy: { threshold: PRIVACY_THRESHOLD, counts: ['subjects'] },
    portfolio: true,
  },
];

// --- Participatiewet: its own KPIs from the benefits, payments and income statements ------------------
// (issue #11 §3). The Pw domain counts benefits (bijstandsuitkeringen), not allocations; the KPIs about
// KCC contacts and cases are shared with the other laws.

/** A benefit of the resident, with the resident's area. */
const pwBenefits = sql`pw_benefits b join residents r on r.tenant_id = b.tenant_id and r.id = b.resident_id`;

/** Applications for bijzondere bijstand (0049) with the applicant's area, by a date (Amsterdam) in the month. */
const specialAssistanceBy = (date: RawBuilder<unknown>, where: RawBuilder<unknown>[] = [], value?: RawBuilder<unknown>): MonthUnits => ({
  joins: sql`join special_assistance_applications sa on ${inMonth(date)} join residents r on r.tenant_id = sa.tenant_id and r.id = sa.resident_id`,
  where,
  ...(value ? { value } : {}),
  subject: 'sa.resident_id',
});
const submittedOn = sql`(sa.submitted_at at time zone 'Europe/Amsterdam')::date`;
const decidedOn = sql`(sa.decided_at at time zone 'Europe/Amsterdam')::date`;

const pwOwnTemplates: readonly Template[] = [
  {
    key: 'clients',
    name: 'Lopende uitkeringen',
    explanation: 'Bijstandsuitkeringen die aan het eind van de maand lopen.',
    unit: 'aantal',
    direction: 'lower',
    numerator: () => monthUnits({ joins: sql`join ${pwBenefits} on b.start_date < mm.month_end and (b.end_date is null or b.end_date >= mm.month_end)`, subject: 'b.resident_id' }),
    denominator: null,
    sharedDenominator: false,
    breakdown: null,
    privacy: count,
    portfolio: true,
  },
  {
    key: 'inflow',
    name: 'Instroom',
    explanation: 'Bijstandsuitkeringen die in de maand zijn ingegaan.',
    unit: 'aantal',
    direction: 'lower',
    numerator: () => monthUnits({ joins: sql`join ${pwBenefits} on ${inMonth(sql.ref('b.start_date'))}`, subject: 'b.resident_id' }),
    denominator: null,
    sharedDenominator: false,
    breakdown: null,
    privacy: count,
    portfolio: false,
  },
  {
    key: 'outflow',
    name: 'Uitstroom',
    explanation: 'Bijstandsuitkeringen die in de maand zijn beëindigd.',
    unit: 'aantal',
    direction: 'higher',
    numerator: () => monthUnits({ joins: sql`join ${pwBenefits} on b.end_date is not null and ${inMonth(sql.ref('b.end_date'))}`, subject: 'b.resident_id' }),
    denominator: null,
    sharedDenominator: false,
    breakdown: null,
    privacy: count,
    portfolio: false,
  },
  {
    key: 'average_payment',
    name: 'Gemiddelde betaling per uitkering',
    explanation: 'Betaald over de maand (alle betaalruns) gedeeld door het aantal uitkeringsgerechtigden dat over de maand is betaald.',
    unit: 'euro',
    direction: 'lower',
    numerator: () => monthUnits({ joins: sql`join pw_payments p on p.period = mm.month join ${pwBenefits} on b.tenant_id = p.tenant_id and b.id = p.benefit_id`, value: sql`p.cents::numeric`, subject: 'b.resident_id' }),
    denominator: 'subjects',
    sharedDenominator: false,
    breakdown: null,
    privacy: { threshold: PRIVACY_THRESHOLD, counts: ['subjects'] },
    portfolio: false,
  },
  {
    key: 'income_beside_benefit',
    name: 'Inkomsten naast de uitkering',
    explanation: 'Deel van de inkomstenopgaven over de maand waarin inkomsten zijn opgegeven.',
    unit: 'procent',
    direction: 'higher',
    numerator: () => monthUnits({ joins: sql`join pw_income_statements s on s.period = mm.month join ${pwBenefits} on b.tenant_id = s.tenant_id and b.id = s.benefit_id`, where: [sql`s.income_cents > 0`], subject: 'b.resident_id' }),
    denominator: () => monthUnits({ joins: sql`join pw_income_statements s on s.period = mm.month join ${pwBenefits} on b.tenant_id = s.tenant_id and b.id = s.benefit_id`, subject: 'b.resident_id' }),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: false,
  },
  {
    key: 'special_assistance_complete',
    name: 'Bijzondere bijstand compleet ontvangen',
    explanation: 'Deel van de aanvragen bijzondere bijstand ontvangen in de maand (e-dienst en balie) waarbij bij ontvangst niets ontbrak: de intake hoefde niets op te vragen.',
    unit: 'procent',
    direction: 'higher',
    numerator: () => monthUnits(specialAssistanceBy(submittedOn, [sql`sa.complete_on_arrival`])),
    denominator: () => monthUnits(specialAssistanceBy(submittedOn)),
    sharedDenominator: false,
    breakdown: null,
    privacy: ratio,
    portfolio: false,
  },
  {
    key: 'special_assistance_days',
    name: 'Bijzondere bijstand: dagen tot besluit',
    explanation: 'Gemiddeld aantal dagen (24 uur) van het indienen van de aanvraag bijzondere bijstand tot het besluit, voor besluiten in de maand.',
    unit: 'dagen',
    direction: 'lower',
    numerator: () => monthUnits(specialAssistanceBy(decidedOn, [sql`sa.decided_at is not null`], sql`extract(epoch from (sa.decided_at - sa.submitted_at))::numeric / 86400`)),
    denominator: () => monthUnits(specialAssistanceBy(decidedOn, [sql`sa.decided_at is not null`])),
    sharedDenominator: false,
    breakdown: null,
    privacy: average,
    portfolio: false,
  },
  {
    key: 'budget_exhaustion',
    name: 'Uitputting BUIG-budget',
    explanation: 'Betaald over de maanden van het jaar tot en met de maand, min terugontvangen aflossingen, als deel van het BUIG-budget van het jaar (het laatst vastgelegde bedrag).',
    unit: 'procent',
    direction: 'lower',
    numerator: () => sql`
      select mm.month, r.area_code, ''::text as breakdown, p.cents::numeric as value, b.resident_id as subject
      from months mm
      join pw_payments p on p.period >= date_trunc('year', mm.month)::date and p.period <= mm.month
      join ${pwBenefits} on b.tenant_id = p.tenant_id and b.id = p.benefit_id
      union all
      select mm.month, r.area_code, '', e.cents::numeric, c.resident_id
      from months mm
      join pw_recovery_entries e on e.kind = 'aflossing' and e.booked_on >= date_trunc('year', mm.month)::date and e.booked_on < mm.month_end
      join pw_recovery_claims c on c.tenant_id = e.tenant_id and c.id = e.claim_id
      join residents r on r.tenant_id = c.tenant_id and r.id = c.resident_id`,
    denominator: () => sql`
      select mm.month, null::text as area_code, ''::text as breakdown, y.budget_cents::numeric as value, null::uuid as subject
      from months mm
      join lateral (select g.budget_cents from pw_buig_budgets g where g.year = extract(year from mm.month)::int
        order by g.recorded_at desc, g.id limit 1) y on true`,
    sharedDenominator: true,
    breakdown: null,
    privacy: { threshold: PRIVACY_THRESHOLD, counts: ['subjects'] },
    portfolio: true,
  },
];

/** The KPIs about KCC contacts and cases that the Participatiewet shares with the other laws. */
const PW_SHARED_KEYS = ['kcc_first_line', 'callback_days', 'decided_in_time', 'days_to_decision', 'renotifications'];
const pwTemplates: readonly Template[] = [...pwOwnTemplates, ...templates.filter((t) => PW_SHARED_KEYS.includes(t.key))];

export const kpiCatalogue: readonly KpiDefinition[] = domains.flatMap((d) =>
  (d.id === 'pw' ? pwTemplates : templates).map((t) => ({
    ...t,
    id: `${d.id}.${t.key}`,
    domain: d.id,
    law: d.law,
    period: 'month' as const,
    numerator: t.numerator(d.law),
    denominator: typeof t.denominator === 'function' ? t.denominator(d.law) : t.denominator,
  })),
);

export function findKpi(id: string): KpiDefinition | undefined {
  return kpiCatalogue.find((k) => k.id === id);
}

export function kpisOfDomain(domain: Domain): KpiDefinition[] {
  return kpiCatalogue.filter((k) => k.domain === domain);
}

/** The KPI's value from its sums: a count, a percentage, an average in days, or euros (from cents). */
export function kpiValue(unit: KpiUnit, numerator: number, denominator: number): number | null {
  if (unit === 'aantal') return numerator;
  if (denominator === 0) return null;
  if (unit === 'procent') return (100 * numerator) / denominator;
  if (unit === 'euro') return numerator / denominator / 100;
  return numerator / denominator;
}
