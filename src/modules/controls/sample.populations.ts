// The populations a sample (steekproef) is drawn from: each ONE set-based query over Koers' own data
// for a process and a period (first and last day, inclusive), answering a row per item:
//
// | column | type | meaning |
// |---|---|---|
// | subject_type | text | what the item is: decision, allocation, declaration_line, payment, benefit |
// | subject_id | uuid | its id (the draw orders by a hash of the seed and this id) |
// | resident_id | uuid or null | the resident concerned (personal data: reading it is logged) |
// | amount_cents | bigint | the item's amount (≥ 0), summed as the population's amount |
// | facts | jsonb | what the checker needs to find the item (references, dates), no name |
import { sql, type RawBuilder } from 'kysely';
import { from, until } from './automated/automated-control.js';

export const sampleProcesses = ['wmo', 'jeugd', 'participatiewet'] as const;
export type SampleProcess = (typeof sampleProcesses)[number];

export const populationKindIds = ['beschikkingen', 'toewijzingen', 'declaratieregels', 'pw-betalingen', 'pw-toekenningen'] as const;
export type PopulationKindId = (typeof populationKindIds)[number];

export interface PopulationContext {
  process: SampleProcess;
  start: string;
  end: string;
}

export interface PopulationRow {
  subject_type: string;
  subject_id: string;
  resident_id: string | null;
  amount_cents: string | number;
  facts: Record<string, unknown>;
}

export interface PopulationKind {
  id: PopulationKindId;
  label: string;
  description: string;
  processes: readonly SampleProcess[];
  subjectType: string;
  /** What the amount of an item is. */
  amount: string;
  query(ctx: PopulationContext): RawBuilder<PopulationRow>;
}

/** The law of a care process as catalogue and case types name it. */
const careLaw = (process: SampleProcess) => (process === 'jeugd' ? 'jeugdwet' : process === 'wmo' ? 'wmo' : 'participatiewet');
const standard = (process: SampleProcess) => (process === 'jeugd' ? 'ijw' : 'iwmo');

export const populationKinds: readonly PopulationKind[] = [
  {
    id: 'beschikkingen',
    label: 'Toegekende beschikkingen',
    description: 'Goedgekeurde, niet ingetrokken beschikkingen met ten minste één toegekende regel, vastgesteld (goedgekeurd, of opgesteld als er geen goedkeuring nodig was) in de periode.',
    processes: ['wmo', 'jeugd'],
    subjectType: 'decision',
    amount: 'De verwachte jaarkosten van de beschikking',
    query: ({ process, start, end }) => sql<PopulationRow>`
      select 'decision' as subject_type, d.id as subject_id, d.resident_id, d.expected_annual_cents::bigint as amount_cents,
        jsonb_build_object('zaak', c.reference, 'vastgesteld_op', to_char(coalesce(d.approved_at, d.created_at) at time zone 'Europe/Amsterdam', 'YYYY-MM-DD'),
          'leveringsvorm', d.delivery_form, 'verwachte_jaarkosten_cent', d.expected_annual_cents) as facts
      from decisions d
      join cases c on c.id = d.case_id and c.tenant_id = d.tenant_id
      join case_types ct on ct.code = c.case_type_code and ct.tenant_id = c.tenant_id
      where d.status = 'approved' and ct.law = ${careLaw(process)}
        and coalesce(d.approved_at, d.created_at) >= ${from(start)} and coalesce(d.approved_at, d.created_at) < ${until(end)}
        and exists (select 1 from decision_lines dl where dl.decision_id = d.id and dl.tenant_id = d.tenant_id and dl.outcome = 'granted')
    `,
  },
  {
    id: 'toewijzingen',
    label: 'Nieuwe toewijzingen',
    description: 'Toewijzingen (op beschikking of op verzoek van de aanbieder) waarvan de eerste geldende periode in de periode begint.',
    processes: ['wmo', 'jeugd'],
    subjectType: 'allocation',
    amount: 'De verplichting van de toewijzing in de jaren van de periode',
    query: ({ process, start, end }) => sql<PopulationRow>`
      with first_days as (
        select s.allocation_id, min(s.start_date) as first_day, max(s.end_date) as last_day
        from allocation_segments s where s.superseded_at is null
        group by s.allocation_id
        having min(s.start_date) between ${start}::date and ${end}::date
      )
      select 'allocation' as subject_type, a.id as subject_id, a.resident_id,
        greatest(coalesce((select sum(c.cents) from allocation_commitments c
          where c.allocation_id = a.id and c.tenant_id = a.tenant_id and c.year between extract(year from ${start}::date) and extract(year from ${end}::date)), 0), 0)::bigint as amount_cents,
        jsonb_build_object('product', p.code, 'bron', a.source, 'van', f.first_day, 'tot', f.last_day) as facts
      from first_days f
      join allocations a on a.id = f.allocation_id
      join products p on p.id = a.product_id and p.tenant_id = a.tenant_id
      where p.law = ${careLaw(process)}
    `,
  },
  {
    id: 'declaratieregels',
    label: 'Goedgekeurde declaratieregels',
    description: 'Goedgekeurde declaratieregels (debet) van aanbieders met een ProductPeriode die in de periode begint.',
    processes: ['wmo', 'jeugd'],
    subjectType: 'declaration_line',
    amount: 'Het goedgekeurde bedrag van de regel',
    query: ({ process, start, end }) => sql<PopulationRow>`
      select 'declaration_line' as subject_type, l.id as subject_id, l.resident_id, greatest(coalesce(l.approved_cents, 0), 0)::bigint as amount_cents,
        jsonb_build_object('referentie', l.reference, 'product', l.product_code, 'periode_van', l.period_start, 'periode_tot', l.period_end,
          'volume', l.volume, 'eenheid', l.unit_code) as facts
      from declaration_lines l
      where l.status = 'approved' and l.debit_credit = 'D' and l.standard = ${standard(process)}
        and l.period_start between ${start}::date and ${end}::date
    `,
  },
  {
    id: 'pw-betalingen',
    label: 'Betalingen bijstand',
    description: 'Betalingen van bijstand (regulier, correctie en vakantietoeslag) over een maand in de periode.',
    processes: ['participatiewet'],
    subjectType: 'payment',
    amount: 'Het betaalde bedrag (een terugboeking telt met zijn absolute waarde)',
    query: ({ start, end }) => sql<PopulationRow>`
      select 'payment' as subject_type, p.id as subject_id, b.resident_id, abs(p.cents)::bigint as amount_cents,
        jsonb_build_object('uitkering', b.reference, 'maand', to_char(p.period, 'YYYY-MM'), 'soort', p.kind, 'betaald_op', p.paid_on, 'bedrag_cent', p.cents) as facts
      from pw_payments p
      join pw_benefits b on b.id = p.benefit_id and b.tenant_id = p.tenant_id
      where p.period between ${start}::date and ${end}::date
    `,
  },
  {
    id: 'pw-toekenningen',
    label: 'Toegekende bijstandsuitkeringen',
    description: 'Bijstandsuitkeringen (toekenningen) met een ingangsdatum in de periode.',
    processes: ['participatiewet'],
    subjectType: 'benefit',
    amount: 'Het maandbedrag van de uitkering maal 12',
    query: ({ start, end }) => sql<PopulationRow>`
      select 'benefit' as subject_type, b.id as subject_id, b.resident_id, (greatest(b.monthly_cents, 0) * 12)::bigint as amount_cents,
        jsonb_build_object('uitkering', b.reference, 'norm', b.norm, 'ingangsdatum', b.start_date, 'einddatum', b.end_date, 'maandbedrag_cent', b.monthly_cents) as facts
      from pw_benefits b
      where b.start_date between ${start}::date and ${end}::date
    `,
  },
];

export function populationKind(id: string): PopulationKind | undefined {
  return populationKinds.find((k) => k.id === id);
}
