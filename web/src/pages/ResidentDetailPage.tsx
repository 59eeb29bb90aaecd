import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/client';
import type { Resident } from '../api/types';
import { BreakGlassForm } from './access/BreakGlassForm';
import { useCan } from '../session';
import { ConversationsSection } from './conversations/ConversationsSection';
import { ContactPersonSection } from './access/ContactPersonSection';
import { ContactsSection } from './access/ContactsSection';
import { CasesSection } from './cases/CasesSection';
import { TimelineSection } from './access/TimelineSection';
import { Alert, DataList, Heading, Paragraph, formatDate } from '../components/ui';

const genderLabel = { M: 'Man', V: 'Vrouw', X: 'Onbekend / anders' } as const;

function age(birthDate: string, today = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let years = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) years -= 1;
  return years;
}

export function ResidentDetailPage() {
  const { id = '' } = useParams();
  const resident = useQuery({ queryKey: ['resident', id], queryFn: () => api<Resident>(`/api/residents/${encodeURIComponent(id)}`) });
  const can = useCan();
  if (resident.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (resident.isError) {
    if (resident.error instanceof ApiError && resident.error.code === 'NO_RELATION') {
      return (
        <div className="koers-stack">
          <Link to="/inwoners" className="utrecht-link">
            ← Terug naar zoeken
          </Link>
          <Heading level={1}>Dossier afgeschermd</Heading>
          <BreakGlassForm residentId={id} message={resident.error.message} />
        </div>
      );
    }
    return (
      <div className="koers-stack">
        <Heading level={1}>Inwoner</Heading>
        <Alert type="error">{resident.error.message}</Alert>
        <Link to="/inwoners" className="utrecht-link">Terug naar zoeken</Link>
      </div>
    );
  }
  const r = resident.data;
  const a = r.address;
  // The server refuses the care parts to the KCC's first line; the page does not ask for them.
  const care = r.access?.care === true;
  return (
    <div className="koers-stack">
      <Link to="/inwoners" className="utrecht-link">
        ← Terug naar zoeken
      </Link>
      <Heading level={1}>{r.fullName}</Heading>
      {r.access && (
        <Paragraph>
          U ziet dit dossier als {r.access.label}.{r.access.relation === 'break_glass' ? ' Deze doorbraak is met uw reden vastgelegd in het logboek.' : ''}
        </Paragraph>
      )}
      <ContactPersonSection residentId={r.id} canAssign={can('contact_person:assign')} />
      <section aria-labelledby="persoon" className="koers-stack">
        <Heading level={2} id="persoon">Persoonsgegevens</Heading>
        <DataList
          items={[
            ['BSN', r.bsn],
            ['Geboortedatum', `${formatDate(r.birthDate)} (${age(r.birthDate)} jaar)`],
            ['Geslacht', genderLabel[r.gender]],
            ['Adres', `${a.street} ${a.houseNumber}${a.houseLetter ?? ''}${a.houseNumberAddition ? `-${a.houseNumberAddition}` : ''}`],
            ['Postcode en woonplaats', `${a.postcode} ${a.city}`],
            ['Wijk', r.area?.name ?? '—'],
          ]}
        />
      </section>
      <section aria-labelledby="huishouden" className="koers-stack">
        <Heading level={2} id="huishouden">Huishouden</Heading>
        {r.household.members.length === 0 ? (
          <Paragraph>Deze inwoner woont alleen.</Paragraph>
        ) : (
          <ul className="utrecht-unordered-list">
            {r.household.members.map((m) => (
              <li key={m.id} className="utrecht-unordered-list__item">
                <Link to={`/inwoners/${m.id}`} className="utrecht-link">
                  {m.fullName}
                </Link>{' '}
                (geboren {formatDate(m.birthDate)})
              </li>
            ))}
          </ul>
        )}
      </section>
      {can('cases:read') && <CasesSection residentId={r.id} canStart={can('cases:write') && care} />}
      {!care && (
        <Paragraph>
          Als eerste lijn ziet u of er een zaak loopt, de status, de termijn en de contactpersoon. Beschikkingen, toewijzingen en gesprekken zijn voor u afgeschermd; verwijs
          de inwoner daarvoor naar de contactpersoon.
        </Paragraph>
      )}
      {can('conversations:read') && care && <ConversationsSection residentId={r.id} />}
      <ContactsSection residentId={r.id} canRegister={can('residents:write')} />
      <TimelineSection residentId={r.id} canCases={can('cases:read')} canAllocations={can('cases:read') && care} canConversations={can('conversations:read') && care} />
      <Paragraph>
        Elke raadpleging van deze gegevens wordt vastgelegd in het logboek dataverwerkingen.
      </Paragraph>
    </div>
  );
}
