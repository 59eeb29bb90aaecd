// The conversations (gesprekken) on a resident's file: the spinnenweb of the latest conversation next
// to the previous one, the scores as a table, the list with printable reports, and the form to record
// a new conversation. Health data: the API answers only consultants and team leads.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ConversationList as ConversationListBody } from '../../api/types';
import { Alert, Heading, Paragraph } from '../../components/ui';
import { useCan } from '../../session';
import { ConversationList } from './ConversationList';
import { ConversationRadar } from './ConversationRadar';
import { NewConversationForm } from './NewConversationForm';
import { FormDisclosure } from '../../components/FormDisclosure';
import { useCases } from '../dossier/dossierQueries';
import { ScoreTable } from './ScoreTable';

export function ConversationsSection({ residentId }: { residentId: string }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const conversations = useQuery({
    queryKey: ['conversations', residentId],
    queryFn: () => api<ConversationListBody>(`/api/residents/${encodeURIComponent(residentId)}/conversations`),
  });
  const canWrite = can('conversations:write');
  const cases = useCases(residentId);
  const caseReference = (caseId: string) => cases.data?.find((c) => c.id === caseId)?.reference;
  // A corrected conversation no longer counts: compare the two latest that still stand.
  const standing = conversations.data?.items.filter((c) => c.correctedById === null) ?? [];
  const [latest, previous] = standing;
  return (
    <section aria-labelledby="gesprekken" className="koers-stack">
      <Heading level={2} id="gesprekken">Gesprekken (Positieve Gezondheid)</Heading>
      {conversations.isPending && <Paragraph>Gesprekken laden…</Paragraph>}
      {conversations.isError && <Alert type="error">{conversations.error.message}</Alert>}
      {conversations.data && conversations.data.items.length === 0 && <Paragraph>Er zijn nog geen gesprekken vastgelegd.</Paragraph>}
      {latest && (
        <>
          <Paragraph>
            Het spinnenweb is een gespreksinstrument, geen meetinstrument: de inwoner geeft de cijfers zelf.
            {previous ? ' De gestippelde lijn is het vorige gesprek.' : ''}
          </Paragraph>
          <ConversationRadar latest={latest} previous={previous} />
          <ScoreTable latest={latest} previous={previous} />
        </>
      )}
      {conversations.data && conversations.data.items.length > 0 && <ConversationList conversations={conversations.data.items} caseReference={caseReference} />}
      {canWrite && (
        <FormDisclosure label="Nieuw gesprek" appearance="primary-action">
          {() => (
            <NewConversationForm
              residentId={residentId}
              onSaved={() => {
                void queryClient.invalidateQueries({ queryKey: ['conversations', residentId] });
                void queryClient.invalidateQueries({ queryKey: ['conversations-timeline', residentId] });
                void queryClient.invalidateQueries({ queryKey: ['case-conversations'] });
              }}
            />
          )}
        </FormDisclosure>
      )}
    </section>
  );
}
