import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { PortalCases } from '../../api/types';
import { Heading, Paragraph } from '../../components/ui';
import { formatDate } from '../../format';
import { portalKey, PortalError } from './portal-session';
import { PortalDebtHelpSection } from './PortalDebtHelpPage';

/** "Mijn aanvragen": every case of the resident, with its status and term in plain words. */
export function PortalCasesPage() {
  const cases = useQuery({ queryKey: [...portalKey, 'aanvragen'], queryFn: () => api<PortalCases>('/api/mijn/aanvragen') });
  return (
    <>
      <Heading level={1}>Mijn aanvragen</Heading>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn/bijzondere-bijstand">
          Bijzondere bijstand aanvragen
        </Link>{' '}
        — voor kosten die u niet zelf kunt betalen, zoals een kapotte wasmachine of het eigen risico.
      </Paragraph>
      <PortalDebtHelpSection />
      {cases.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {cases.isError && <PortalError error={cases.error} />}
      {cases.data && cases.data.items.length === 0 && <Paragraph>U heeft geen aanvragen bij de gemeente.</Paragraph>}
      {cases.data && cases.data.items.length > 0 && (
        <ul className="koers-portal-cases">
          {cases.data.items.map((c) => (
            <li key={c.id} className="koers-portal-card">
              <Heading level={2}>
                <Link className="utrecht-link" to={`/mijn/aanvragen/${c.id}`}>
                  {c.title} <span className="koers-visually-hidden">, zaaknummer</span> ({c.reference})
                </Link>
              </Heading>
              <Paragraph>
                <strong>{c.status}.</strong> Gemeld op {formatDate(c.notifiedOn)}.
              </Paragraph>
              <Paragraph>{c.deadline}</Paragraph>
              {c.openRequests > 0 && <Paragraph>Wij hebben nog documenten van u nodig. Open de aanvraag om ze te sturen.</Paragraph>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
