import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, SimpleTable } from '../../components/ui';
import { formatDate, formatMoney } from '../../format';
import type { OpenApplication } from '../../api/types';


const statusLabels: Record<OpenApplication['decisionStatus'], string> = { open: 'Nog geen besluit', voorgesteld: 'Besluit wacht op goedkeuring' };

/** The Participatiewet applications without a final decision, of residents the employee has a relation with. */
export function ApplicationsPage() {
  const list = useQuery({ queryKey: ['pw-applications'], queryFn: () => api<OpenApplication[]>('/api/pw/applications') });
  return (
    <div className="koers-stack">
      <Heading level={1}>Aanvragen bijstand</Heading>
      <Paragraph lead>
        Aanvragen levensonderhoud (Participatiewet) waarop nog geen besluit is genomen, de oudste melding eerst. Een nieuwe aanvraag registreert u in het
        bijstandsdossier van de inwoner (tabblad Bijstand).
      </Paragraph>
      {list.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {list.data && list.data.length === 0 && <Paragraph>Geen open aanvragen.</Paragraph>}
      {list.data && list.data.length > 0 && (
        <SimpleTable
          label="Open aanvragen bijstand, oudste melding eerst"
          headers={['Aanvraag', 'Inwoner', 'Melding', 'Aanvraag op', 'Status', 'Voorschot', 'Consulent']}
          rows={list.data.map((a) => ({
            key: a.caseId,
            cells: [
              <Link key="a" className="utrecht-link" to={`/inkomen/aanvragen/${a.caseId}`}>{a.reference}</Link>,
              <Link key="r" className="utrecht-link" to={`/inkomen/inwoners/${a.residentId}`}>{a.residentName}</Link>,
              formatDate(a.reportedOn),
              a.appliedOn ? formatDate(a.appliedOn) : 'Zoektermijn loopt',
              statusLabels[a.decisionStatus],
              a.advanceCents === null ? '—' : formatMoney(a.advanceCents),
              a.consultantName ?? '—',
            ],
          }))}
        />
      )}
    </div>
  );
}
