// The top of the dossier: who the contact person is, which cases are open (with their legal term),
// which provisions run today and which signals are open. The KCC's first line sees the first two only:
// the page does not ask for what its scope does not allow.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Heading, Overdue, Paragraph } from '../../components/ui';
import { formatDate, today as todayInAmsterdam } from '../../format';
import { statusLabels } from '../cases/caseTypes';
import { Deadline } from '../cases/Deadline';
import { isOpenCase, periodOf, runsOn, useAllocations, useCases, useContactPerson, useResidentSignals } from './dossierQueries';

export function DossierSummary({ residentId, person: personData, canCases, care, canSignals }: { residentId: string; person: ReactNode; canCases: boolean; care: boolean; canSignals: boolean }) {
  const person = useContactPerson(residentId);
  const cases = useCases(residentId, canCases);
  const allocations = useAllocations(residentId, canCases && care);
  const signals = useResidentSignals(residentId, care && canSignals);
  const today = todayInAmsterdam();
  const open = (cases.data ?? []).filter(isOpenCase);
  const running = (allocations.data ?? []).filter((a) => runsOn(a, today));
  return (
    <section aria-labelledby="samenvatting" className="koers-stack">
      <Heading level={2} id="samenvatting">Samenvatting</Heading>
      <div className="koers-summary">
        <div className="koers-card">
          <Heading level={3}>Persoon</Heading>
          {personData}
        </div>
        <div className="koers-card">
          <Heading level={3}>Vaste contactpersoon</Heading>
          <Paragraph>
            {person.isError ? 'Niet beschikbaar.' : !person.data ? 'Laden…' : person.data.current ? `${person.data.current.displayName}, sinds ${formatDate(person.data.current.since)}` : 'Nog geen vaste contactpersoon.'}
          </Paragraph>
        </div>
        {canCases && (
          <div className="koers-card">
            <Heading level={3}>Open zaken</Heading>
            {cases.data && open.length === 0 && <Paragraph>Geen open zaken.</Paragraph>}
            {open.length > 0 && (
              <ul className="utrecht-unordered-list" aria-label="Open zaken">
                {open.map((c) => (
                  <li key={c.id} className="utrecht-unordered-list__item">
                    <Link to={`/zaken/${c.id}`} className="utrecht-link">{c.reference}</Link>: {statusLabels[c.status]}
                    {c.deadlines.current || c.deadlines.directAccess ? (
                      <>
                        ; <Deadline c={c} />
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {canCases && care && (
          <div className="koers-card">
            <Heading level={3}>Lopende voorzieningen</Heading>
            {allocations.data && running.length === 0 && <Paragraph>Geen voorzieningen die vandaag lopen.</Paragraph>}
            {running.length > 0 && (
              <ul className="utrecht-unordered-list" aria-label="Lopende voorzieningen">
                {running.map((a) => (
                  <li key={a.id} className="utrecht-unordered-list__item">
                    {a.productName}, {a.provider.name}, {formatDate(periodOf(a).start)} t/m {formatDate(periodOf(a).end)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {care && canSignals && (
          <div className="koers-card">
            <Heading level={3}>Open signalen</Heading>
            {signals.data && signals.data.length === 0 && <Paragraph>Geen open signalen.</Paragraph>}
            {signals.data && signals.data.length > 0 && (
              <ul className="utrecht-unordered-list" aria-label="Open signalen">
                {signals.data.map((s) => (
                  <li key={s.id} className="utrecht-unordered-list__item">
                    <Link to={`/signalen/${s.id}`} className="utrecht-link">{s.rule.title}</Link>,{' '}
                    <Overdue overdue={s.overdue}>uiterlijk {formatDate(s.dueOn)}{s.overdue ? ' (te laat)' : ''}</Overdue>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {!care && (
        <Paragraph>
          Als eerste lijn ziet u of er een zaak loopt, de status, de termijn en de contactpersoon. Beschikkingen, toewijzingen en gesprekken zijn voor u afgeschermd; verwijs de
          inwoner daarvoor naar de contactpersoon.
        </Paragraph>
      )}
    </section>
  );
}
