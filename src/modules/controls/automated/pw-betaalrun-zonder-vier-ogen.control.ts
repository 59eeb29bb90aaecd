import { sql } from 'kysely';
import { from, until, type AutomatedControl } from './automated-control.js';

/**
 * A payment run approved in the period was approved by a known employee other than who computed it. The
 * service and a check constraint (0029) prevent one's own approval; this detective control shows that the
 * preventive one held, and finds runs whose approver is missing (e.g. taken over from another system).
 * A run computed by the system (computed_by empty) may be approved by anyone entitled.
 */
export const pwBetaalrunZonderVierOgen: AutomatedControl = {
  id: 'pw-betaalrun-zonder-vier-ogen',
  title: 'Betaalrun goedgekeurd door wie hem berekende',
  explanation: 'Een betaalrun bijstand moet worden goedgekeurd door een andere medewerker dan degene die hem berekende. Bij een uitzondering is het hele bedrag van de run onzeker.',
  norm: 'Participatiewet art. 45; AO/IC-norm functiescheiding (berekenen en goedkeuren van betalingen door verschillende personen)',
  processes: ['participatiewet'],
  impact: 'onzekerheid',
  reads: ['pw_payment_runs'],
  test: ({ start, end }) => sql`
    select 'payment_run' as subject_type, r.id as subject_id, null::uuid as resident_id,
      case when r.approved_by is null or r.approved_by = r.computed_by then
        jsonb_build_object('betaalrun', r.reference, 'maand', to_char(r.period, 'YYYY-MM'), 'berekend_door', r.computed_by, 'goedgekeurd_door', r.approved_by,
          'betalingen', r.payments_count, 'totaal_cent', r.total_cents,
          'bevinding', case when r.approved_by is null then 'goedkeurder onbekend' else 'berekend en goedgekeurd door dezelfde medewerker' end) end as facts,
      r.total_cents::bigint as amount_cents
    from pw_payment_runs r
    where r.status = 'goedgekeurd' and r.approved_at >= ${from(start)} and r.approved_at < ${until(end)}
  `,
};
