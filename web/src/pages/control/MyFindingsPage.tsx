// Mijn bevindingen (issue #13 §3–§4): the control findings and follow-up actions the signed-in budget
// holder (or team lead, ...) owns; they report their own actions done here.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { MyFindings } from '../../api/types';
import { Alert, Heading, Paragraph } from '../../components/ui';
import { FindingsTable } from './ControlFindingsPage';
import { FindingActionsTable } from './FindingActionsTable';

export const myFindingsKey = ['my-findings'] as const;

export function MyFindingsPage() {
  const client = useQueryClient();
  const mine = useQuery({ queryKey: myFindingsKey, queryFn: () => api<MyFindings>('/api/control/findings/mine') });
  const open = mine.data?.actions.filter((a) => a.status === 'open') ?? [];
  const done = mine.data?.actions.filter((a) => a.status === 'afgerond') ?? [];
  return (
    <div className="koers-stack">
      <Heading level={1}>Mijn bevindingen</Heading>
      <Paragraph>De bevindingen uit de interne controle waarvan u eigenaar bent, en de opvolgacties die aan u zijn toegewezen. Rond een actie af als die is gedaan.</Paragraph>
      {mine.isError && <Alert type="error">{mine.error.message}</Alert>}
      {mine.data && (
        <>
          <Heading level={2}>Open acties ({open.length})</Heading>
          {open.length === 0 ? <Paragraph>Er staan geen acties voor u open.</Paragraph> : <FindingActionsTable caption="Mijn open acties, de eerste einddatum bovenaan" actions={open} onDone={() => client.invalidateQueries({ queryKey: myFindingsKey })} />}
          <Heading level={2}>Bevindingen ({mine.data.findings.length})</Heading>
          {mine.data.findings.length === 0 ? <Paragraph>U bent van geen bevinding eigenaar.</Paragraph> : <FindingsTable caption="Mijn bevindingen" items={mine.data.findings} />}
          {done.length > 0 && (
            <>
              <Heading level={2}>Afgeronde acties ({done.length})</Heading>
              <FindingActionsTable caption="Mijn afgeronde acties" actions={done} />
            </>
          )}
          <Paragraph>
            <Link to="/" className="utrecht-link">
              Naar de startpagina
            </Link>
          </Paragraph>
        </>
      )}
    </div>
  );
}
