import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { Heading, Paragraph } from '../../components/ui';
import { statusLabels } from '../cases/caseTypes';
import { dayOf, formatDate, formatDuration } from '../../format';
import type { Allocation, CaseView, Contact, ConversationList } from '../../api/types';

interface Entry {
  date: string;
  what: string;
}

/**
 * Everything that happened around the resident, newest first: contacts, case events, conversations
 * and allocations. Built from the same (audited) reads as the sections above.
 */
export function TimelineSection({ residentId, canCases, canAllocations, canConversations }: { residentId: string; canCases: boolean; canAllocations: boolean; canConversations: boolean }) {
  const contacts = useQuery({ queryKey: ['contacts', residentId], queryFn: () => api<Contact[]>(`/api/residents/${residentId}/contacts`) });
  const cases = useQuery({ queryKey: ['cases', residentId], queryFn: () => api<CaseView[]>(`/api/residents/${residentId}/cases`), enabled: canCases });
  const allocations = useQuery({ queryKey: ['allocations', residentId], queryFn: () => api<Allocation[]>(`/api/residents/${residentId}/allocations`), enabled: canAllocations });
  const conversations = useQuery({
    queryKey: ['conversations-timeline', residentId],
    queryFn: async () => (await api<ConversationList>(`/api/residents/${residentId}/conversations`)).items,
    enabled: canConversations,
  });
  const entries: Entry[] = [
    ...(contacts.data ?? []).map((c) => ({ date: dayOf(c.registeredAt), what: `Klantcontact (${c.channel}): ${c.subject} — ${c.outcome === 'answered' ? 'beantwoord' : 'doorgezet'}` })),
    ...(cases.data ?? []).flatMap((c) =>
      c.events.map((e) => ({
        date: e.onDate,
        what: `${c.reference}: ${e.kind === 'status' && e.toStatus ? statusLabels[e.toStatus as keyof typeof statusLabels] : e.kind === 'extension' ? `verdaagd met ${e.term ? formatDuration(e.term) : ''}` : e.kind === 'suspension_start' ? 'termijn opgeschort' : 'opschorting beëindigd'}${e.reason ? ` — ${e.reason}` : ''}`,
      })),
    ),
    ...(conversations.data ?? []).map((c) => ({ date: c.heldOn, what: 'Gesprek (Positieve Gezondheid)' })),
    ...(allocations.data ?? []).map((a) => ({ date: a.segments[0]?.start ?? '', what: `Toewijzing ${a.productName} aan ${a.provider.name}` })),
  ].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <section aria-labelledby="tijdlijn" className="koers-stack">
      <Heading level={2} id="tijdlijn">Tijdlijn</Heading>
      {entries.length === 0 ? (
        <Paragraph>Nog niets gebeurd.</Paragraph>
      ) : (
        <ol className="utrecht-ordered-list koers-timeline">
          {entries.map((e, i) => (
            <li key={i} className="utrecht-ordered-list__item">
              <time dateTime={e.date}>{formatDate(e.date)}</time>: {e.what}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
