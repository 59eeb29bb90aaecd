import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, SimpleTable } from '../../components/ui';
import { formatDate, formatMoney } from '../../format';
import type { OpenSpecialAssistance } from '../../api/types';

export const proposalLabels: Record<OpenSpecialAssistance['proposalOutcome'], string> = {
  toekennen: 'Toekennen',
  afwijzen: 'Afwijzen',
  aanvullen: 'Wacht op aanvulling',
};

/** The applications for bijzondere bijstand without a decision, fast track first, with the intake's proposal. */
export function SpecialAssistanceListPage() {
  const list = useQuery({ queryKey: ['special-assistance'], queryFn: () => api<OpenSpecialAssistance[]>('/api/pw/special-assistance') });
  return (
    <div className="koers-stack">
      <Heading level={1}>Bijzondere bijstand</Heading>
      <Paragraph lead>
        Aanvragen bijzondere bijstand zonder besluit. Koers heeft bij ontvangst de volledigheid gecontroleerd, de draagkracht berekend en een voorstel gedaan; u
        besluit. Aanvragen voor snelle afhandeling staan bovenaan.
      </Paragraph>
      {list.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {list.data && list.data.length === 0 && <Paragraph>Geen open aanvragen.</Paragraph>}
      {list.data && list.data.length > 0 && (
        <SimpleTable
          label="Open aanvragen bijzondere bijstand, snelle afhandeling eerst"
          headers={['Aanvraag', 'Inwoner', 'Kosten voor', 'Bedrag', 'Ontvangen', 'Kanaal', 'Voorstel']}
          rows={list.data.map((a) => ({
            key: a.caseId,
            cells: [
              <Link key="a" className="utrecht-link" to={`/inkomen/bijzondere-bijstand/${a.caseId}`}>{a.reference}</Link>,
              a.residentName,
              a.categoryName,
              formatMoney(a.costsCents),
              formatDate(a.submittedAt.slice(0, 10)),
              a.channel === 'e-dienst' ? 'E-dienst' : 'Balie',
              `${proposalLabels[a.proposalOutcome]}${a.proposalOutcome === 'toekennen' ? ` ${formatMoney(a.proposalGrantCents)}` : ''}${a.fastTrack ? ' (snelle afhandeling)' : ''}${a.missingCount > 0 ? ` — ${a.missingCount} ontbreekt` : ''}`,
            ],
          }))}
        />
      )}
    </div>
  );
}
