// Besluiten: the decisions (beschikkingen) in all cases of the resident, per case; a decision is
// recorded in a case that is in the application stage (aanvraag).
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { Decision } from '../../api/types';
import { FormDisclosure } from '../../components/FormDisclosure';
import { Alert, Heading, Paragraph } from '../../components/ui';
import { dayOf, formatDate } from '../../format';
import { DecisionForm } from '../decisions/DecisionForm';
import { decisionStatus } from '../decisions/DecisionsSection';
import { useCases } from './dossierQueries';

export function ResidentDecisionsSection({ residentId, canWrite }: { residentId: string; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const cases = useCases(residentId);
  const list = cases.data ?? [];
  const decisions = useQueries({ queries: list.map((c) => ({ queryKey: ['decisions', c.id], queryFn: () => api<Decision[]>(`/api/cases/${c.id}/decisions`) })) });
  const refresh = (caseId: string) => {
    void queryClient.invalidateQueries({ queryKey: ['decisions', caseId] });
    void queryClient.invalidateQueries({ queryKey: ['cases', residentId] });
    void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
  };
  return (
    <section aria-labelledby="besluiten" className="koers-stack">
      <Heading level={2} id="besluiten">Besluiten</Heading>
      {cases.isError && <Alert type="error">{cases.error.message}</Alert>}
      {cases.data && list.length === 0 && <Paragraph>Geen zaken, dus nog geen besluiten.</Paragraph>}
      {list.map((c, i) => {
        const ofCase = decisions[i]?.data ?? [];
        return (
          <div key={c.id} className="koers-stack koers-card">
            <Heading level={3}>
              Zaak <Link to={`/zaken/${c.id}`} className="utrecht-link">{c.reference}</Link> ({c.caseType.name})
            </Heading>
            {decisions[i]?.isError && <Alert type="error">{decisions[i]?.error?.message}</Alert>}
            {decisions[i]?.data && ofCase.length === 0 && <Paragraph>Nog geen beschikking in deze zaak.</Paragraph>}
            {ofCase.map((d) => (
              <div key={d.id} className="koers-stack">
                <Paragraph>
                  <b>{decisionStatus[d.status]}</b>, opgesteld {formatDate(dayOf(d.createdAt))} door {d.createdBy}.{' '}
                  <a className="utrecht-link" href={`/api/decisions/${d.id}/letter.html`} target="_blank" rel="noreferrer">
                    Beschikkingsbrief<span className="koers-visually-hidden"> (opent in een nieuw venster)</span>
                  </a>
                </Paragraph>
                <ul className="utrecht-unordered-list">
                  {d.lines.map((l) => (
                    <li key={l.id} className="utrecht-unordered-list__item">
                      {l.outcome === 'granted' ? 'Toegekend' : 'Afgewezen'}: {l.productName}, {formatDate(l.periodStart)} t/m {formatDate(l.periodEnd)}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {canWrite && c.status === 'aanvraag' && (
              <FormDisclosure label={`Besluit vastleggen in ${c.reference}`}>
                {(close) => (
                  <DecisionForm
                    caseId={c.id}
                    onDone={() => {
                      refresh(c.id);
                      close();
                    }}
                  />
                )}
              </FormDisclosure>
            )}
          </div>
        );
      })}
    </section>
  );
}
