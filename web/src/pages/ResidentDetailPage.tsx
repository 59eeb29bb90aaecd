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
import { ResidentDocumentsSection } from './dossier/ResidentDocumentsSection';
import { Tabs, type TabDefinition } from '../components/Tabs';
import { DossierSummary } from './dossier/DossierSummary';
import { ProvisionsSection } from './dossier/ProvisionsSection';
import { ResidentDecisionsSection } from './dossier/ResidentDecisionsSection';
import { RecoveryResidentSection } from './participatiewet/RecoveryPage';
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
  const canCases = can('cases:read');
  // One line per tab; a tab the employee may not see is left out (no 403s on the page).
  const tabs: (TabDefinition | false)[] = [
    { id: 'contacten', label: 'Contacten', render: () => <><ContactPersonSection residentId={r.id} canAssign={can('contact_person:assign')} /><ContactsSection residentId={r.id} canRegister={can('residents:write')} /></> },
    canCases && { id: 'zaken', label: 'Zaken', render: () => <CasesSection residentId={r.id} canStart={can('cases:write') && care} /> },
    care && can('conversations:read') && { id: 'gesprekken', label: 'Gesprekken', render: () => <ConversationsSection residentId={r.id} /> },
    care && canCases && { id: 'besluiten', label: 'Besluiten', render: () => <ResidentDecisionsSection residentId={r.id} canWrite={can('decisions:write')} /> },
    care && canCases && { id: 'voorzieningen', label: 'Voorzieningen', render: () => <ProvisionsSection residentId={r.id} /> },
    care && canCases && { id: 'documenten', label: 'Documenten', render: () => <ResidentDocumentsSection residentId={r.id} canWrite={can('decisions:write')} canUpload={can('cases:write')} /> },
    care && can('pw:read') && { id: 'bijstand', label: 'Bijstand', render: () => <RecoveryResidentSection residentId={r.id} /> },
    { id: 'tijdlijn', label: 'Tijdlijn', render: () => <TimelineSection residentId={r.id} canCases={canCases} canAllocations={canCases && care} canConversations={can('conversations:read') && care} /> },
  ];
  const person = (
    <DataList
      items={[
        ['BSN', r.bsn],
        ['Geboren', `${formatDate(r.birthDate)} (${age(r.birthDate)} jaar)`],
        ['Geslacht', genderLabel[r.gender]],
        ['Adres', `${a.street} ${a.houseNumber}${a.houseLetter ?? ''}${a.houseNumberAddition ? `-${a.houseNumberAddition}` : ''}, ${a.postcode} ${a.city}`],
        ['Wijk', r.area?.name ?? '—'],
        [
          'Huishouden',
          r.household.members.length === 0
            ? 'Woont alleen'
            : r.household.members.map((m, i) => (
                <span key={m.id}>
                  {i > 0 && ', '}
                  <Link to={`/inwoners/${m.id}`} className="utrecht-link">{m.fullName}</Link> (geboren {formatDate(m.birthDate)})
                </span>
              )),
        ],
      ]}
    />
  );
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
      {care && can('debt:write') && (
        <Paragraph>
          <Link to={`/schuldhulp/aanmelden/${r.id}`} className="utrecht-link">Aanmelden voor schuldhulp</Link>
        </Paragraph>
      )}
      <DossierSummary residentId={r.id} person={person} canCases={canCases} care={care} canSignals={can('signals:read')} />
      <Tabs label="Dossier" tabs={tabs.filter((t): t is TabDefinition => t !== false)} initial={care ? 'zaken' : 'contacten'} />
      <Paragraph>
        Elke raadpleging van deze gegevens wordt vastgelegd in het logboek dataverwerkingen.
      </Paragraph>
    </div>
  );
}
