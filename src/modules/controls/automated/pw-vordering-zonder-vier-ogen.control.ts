import { sql } from 'kysely';
import { from, until, type AutomatedControl } from './automated-control.js';

/**
 * A recovery claim established in the period was established by someone other than who drafted it
 * (a decision: four eyes). A claim taken over from another system (source 'migratie', no author) is left out.
 */
export const pwVorderingZonderVierOgen: AutomatedControl = {
  id: 'pw-vordering-zonder-vier-ogen',
  title: 'Terugvordering vastgesteld zonder vier ogen',
  explanation: 'Een terugvordering is een besluit: een andere medewerker dan de opsteller moet haar vaststellen. Bij een uitzondering is de hoofdsom onzeker.',
  norm: 'Participatiewet art. 58 en 60; mandaatbesluit en AO/IC-norm (vier ogen op besluiten tot terugvordering)',
  processes: ['participatiewet'],
  impact: 'onzekerheid',
  reads: ['pw_recovery_claims'],
  test: ({ start, end }) => sql`
    select 'recovery_claim' as subject_type, c.id as subject_id, c.resident_id,
      case when c.established_by is null or c.established_by = c.created_by then
        jsonb_build_object('vordering', c.reference, 'grond', c.ground, 'artikel', c.article, 'hoofdsom_cent', c.principal_cents,
          'opgesteld_door', c.created_by, 'vastgesteld_door', c.established_by,
          'bevinding', case when c.established_by is null then 'vaststeller onbekend' else 'vastgesteld door de opsteller zelf' end) end as facts,
      c.principal_cents::bigint as amount_cents
    from pw_recovery_claims c
    where c.status = 'vastgesteld' and c.source <> 'migratie' and c.established_at >= ${from(start)} and c.established_at < ${until(end)}
  `,
};
