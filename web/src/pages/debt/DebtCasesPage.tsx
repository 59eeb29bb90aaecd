import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { DebtCase } from '../../api/types';
import { Alert, Heading, Overdue, Paragraph, SimpleTable } from '../../components/ui';
import { formatDate } from '../../format';
import { isLate, stageLabels, termStatusLabels } from './debtShared';

/** The debt-help registrations of residents the employee has a relation with; open ones first, by the term of the first conversation. */
export function DebtCasesPage() {
  const list = useQuery({ queryKey: ['debt-cases'], queryFn: () => api<DebtCase[]>('/api/debt/cases') });
  return (
    <div className="koers-stack">
      <Heading level={1}>Schuldhulp</Heading>
      <Paragraph lead>
        Aanmeldingen voor schuldhulp. Het eerste gesprek moet binnen 4 weken zijn, of binnen 3 werkdagen als er een ontruiming, afsluiting van energie of water of
        opzegging van de zorgverzekering dreigt. Een nieuwe aanmelding legt u vast vanuit het dossier van de inwoner.
      </Paragraph>
      <Paragraph>
        <Link className="utrecht-link" to="/vroegsignalering">
          Naar vroegsignalering (betalingsachterstanden)
        </Link>
      </Paragraph>
      {list.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {list.data && list.data.length === 0 && <Paragraph>Er zijn geen aanmeldingen van inwoners met wie u een relatie heeft.</Paragraph>}
      {list.data && list.data.length > 0 && (
        <SimpleTable
          label="Aanmeldingen schuldhulp, lopende eerst"
          headers={['Inwoner', 'Aangemeld', 'Crisis', 'Eerste gesprek uiterlijk', 'Stand', 'Fase']}
          rows={list.data.map((c) => ({
            key: c.id,
            cells: [
              <Link key="r" className="utrecht-link" to={`/schuldhulp/${c.id}`}>
                {c.residentName ?? 'Inwoner'}
              </Link>,
              c.channel === 'inwoner' ? `${formatDate(c.registeredOn)} (online)` : formatDate(c.registeredOn),
              c.firstConversation.termCode === 'eerste-gesprek-crisis' ? 'Ja' : 'Nee',
              formatDate(c.firstConversation.due),
              <Overdue key="s" overdue={!c.decision && isLate(c.firstConversation.status)}>
                {termStatusLabels[c.firstConversation.status]}
              </Overdue>,
              stageLabels[c.stage],
            ],
          }))}
        />
      )}
    </div>
  );
}
