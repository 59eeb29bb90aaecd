// The conversations (onderzoeksverslagen) linked to one case, on the case page.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ConversationList as ConversationListBody } from '../../api/types';
import { Alert, Heading, Paragraph } from '../../components/ui';
import { ConversationList } from './ConversationList';

export function CaseConversationsSection({ caseId, residentId }: { caseId: string; residentId: string }) {
  const conversations = useQuery({ queryKey: ['case-conversations', caseId], queryFn: () => api<ConversationListBody>(`/api/cases/${caseId}/conversations`) });
  return (
    <section aria-labelledby="zaak-gesprekken" className="koers-stack">
      <Heading level={2} id="zaak-gesprekken">Gesprekken bij deze zaak</Heading>
      {conversations.isError && <Alert type="error">{conversations.error.message}</Alert>}
      {conversations.data && conversations.data.items.length === 0 && (
        <Paragraph>
          Nog geen gesprek bij deze zaak. Een gesprek legt u vast in het{' '}
          <Link to={`/inwoners/${residentId}?tab=gesprekken`} className="utrecht-link">dossier van de inwoner</Link>.
        </Paragraph>
      )}
      {conversations.data && conversations.data.items.length > 0 && <ConversationList conversations={conversations.data.items} />}
    </section>
  );
}
