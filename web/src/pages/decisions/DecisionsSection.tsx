import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { AllocationChangeForm } from './AllocationChangeForm';
import { DecisionForm } from './DecisionForm';
import { FormDisclosure } from '../../components/FormDisclosure';
import { api, ApiError } from '../../api/client';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll } from '../../components/ui';
import { frequencyLabels, unitLabels } from '../catalogue/catalogueTypes';
import { euro } from './decisionTypes';
import { formatDate } from '../../format';
import type { Allocation, Decision, Product } from '../../api/types';

export const decisionStatus = { approved: 'Afgegeven', pending_approval: 'Wacht op goedkeuring (vier ogen)', withdrawn: 'Ingetrokken' } as const;

/** A change that waits for four eyes: a team lead (not the requester) approves it; the requester or a team lead withdraws it. */
function PendingChange({ allocation, canApprove, canWrite, onDone }: { allocation: Allocation; canApprove: boolean; canWrite: boolean; onDone: () => void }) {
  const change = allocation.pendingChange!;
  const url = `/api/allocations/${allocation.id}/changes/${change.id}`;
  const approve = useMutation({ mutationFn: () => api<Allocation>(`${url}/approve`, { method: 'POST', body: {} }), onSuccess: onDone });
  const withdraw = useMutation({ mutationFn: () => api<Allocation>(`${url}/withdraw`, { method: 'POST', body: {} }), onSuccess: onDone });
  const error = approve.error ?? withdraw.error;
  const what = [change.volume !== null ? `omvang ${change.volume}` : null, change.end ? `einddatum ${formatDate(change.end)}` : null].filter(Boolean).join(', ');
  return (
    <div className="koers-stack">
      <Paragraph>
        <b>Wijziging wacht op goedkeuring (vier ogen)</b>: met ingang van {formatDate(change.effectiveFrom)} {what} ({change.reason}), aangevraagd door {change.requestedBy}. Verwachte kosten 12 maanden: {euro(change.expectedAnnualCents)}.
      </Paragraph>
      <div className="koers-search">
        {canApprove && (
          <Button onClick={() => approve.mutate()} busy={approve.isPending} disabled={approve.isPending || withdraw.isPending}>
            Wijziging goedkeuren
          </Button>
        )}
        {(canWrite || canApprove) && (
          <Button appearance="secondary-action" onClick={() => withdraw.mutate()} busy={withdraw.isPending} disabled={approve.isPending || withdraw.isPending}>
            Wijziging intrekken
          </Button>
        )}
      </div>
      {error && <Alert type="error">{error.message}</Alert>}
    </div>
  );
}

function AllocateForm({ decision, line, onDone }: { decision: Decision; line: Decision['lines'][number]; onDone: () => void }) {
  const product = useQuery({ queryKey: ['catalogue', 'product', line.productId, line.periodStart.slice(0, 4)], queryFn: () => api<Product>(`/api/catalogue/products/${line.productId}?year=${line.periodStart.slice(0, 4)}`) });
  const [providerId, setProviderId] = useState('');
  const allocate = useMutation({
    mutationFn: () => api<Allocation>(`/api/decisions/${decision.id}/allocations`, { method: 'POST', body: { lineId: line.id, providerId } }),
    onSuccess: onDone,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    allocate.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-search" aria-label={`${line.productName} toewijzen`}>
      <SelectField
        label={`Aanbieder voor ${line.productName}`}
        value={providerId}
        onChange={setProviderId}
        options={[{ value: '', label: 'Kies een gecontracteerde aanbieder' }, ...(product.data?.providers ?? []).map((p) => ({ value: p.id, label: `${p.name} (${euro(p.centsPerUnit)} per ${unitLabels[product.data!.unit]})` }))]}
      />
      <Button type="submit" appearance="secondary-action" disabled={providerId === '' || allocate.isPending}>
        Toewijzen
      </Button>
      {allocate.isError && <Alert type="error">{allocate.error instanceof ApiError ? (allocate.error.fields[0]?.message ?? allocate.error.message) : allocate.error.message}</Alert>}
    </form>
  );
}

export function DecisionsSection({ caseId, residentId, canWrite, canApprove, canDecide }: { caseId: string; residentId: string; canWrite: boolean; canApprove: boolean; canDecide: boolean }) {
  const queryClient = useQueryClient();
  const decisions = useQuery({ queryKey: ['decisions', caseId], queryFn: () => api<Decision[]>(`/api/cases/${caseId}/decisions`) });
  const allocations = useQuery({ queryKey: ['allocations', residentId], queryFn: () => api<Allocation[]>(`/api/residents/${residentId}/allocations`) });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['decisions', caseId] });
    void queryClient.invalidateQueries({ queryKey: ['allocations', residentId] });
    void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    // A decision that became final gets its letter stored with the case.
    void queryClient.invalidateQueries({ queryKey: ['documents', caseId] });
    // Allocating, changing or ending moves the commitments on the budget lines.
    void queryClient.invalidateQueries({ queryKey: ['budget-lines'] });
  };
  const approve = useMutation({ mutationFn: (id: string) => api<Decision>(`/api/decisions/${id}/approve`, { method: 'POST', body: {} }), onSuccess: refresh });
  const withdraw = useMutation({ mutationFn: (id: string) => api<Decision>(`/api/decisions/${id}/withdraw`, { method: 'POST', body: {} }), onSuccess: refresh });
  const caseAllocations = (allocations.data ?? []).filter((a) => a.caseId === caseId);
  return (
    <section aria-labelledby="beschikkingen" className="koers-stack">
      <Heading level={2} id="beschikkingen">Beschikkingen en toewijzingen</Heading>
      {decisions.data?.length === 0 && <Paragraph>Nog geen beschikking.</Paragraph>}
      {decisions.data?.map((d) => (
        <div key={d.id} className="koers-stack koers-card">
          <Paragraph>
            <b>{decisionStatus[d.status]}</b> — opgesteld door {d.createdBy}
            {d.approvedBy ? `, goedgekeurd door ${d.approvedBy}` : ''}
            {d.withdrawnBy ? `, ingetrokken door ${d.withdrawnBy}` : ''}. Verwachte kosten eerste 12 maanden: {euro(d.expectedAnnualCents)}.{' '}
            <a className="utrecht-link" href={`/api/decisions/${d.id}/letter.html`} target="_blank" rel="noreferrer">
              Brief bekijken en printen{d.status === 'approved' ? '' : ' (concept)'}
            </a>{' '}
            ·{' '}
            <a className="utrecht-link" href={`/api/decisions/${d.id}/letter.pdf`} target="_blank" rel="noreferrer">
              Brief als PDF{d.status === 'approved' ? '' : ' (concept)'}
            </a>
          </Paragraph>
          <ul className="utrecht-unordered-list">
            {d.lines.map((l) => (
              <li key={l.id} className="utrecht-unordered-list__item">
                {l.outcome === 'granted' ? 'Toegekend' : 'Afgewezen'}: {l.productName}
                {l.volume !== null ? `, ${l.volume} ${l.unit === 'hour' ? 'uur' : l.unit} ${l.frequency ? frequencyLabels[l.frequency as keyof typeof frequencyLabels] : ''}` : ''}, {formatDate(l.periodStart)} t/m {formatDate(l.periodEnd)}
                {l.refusalReason ? ` — reden: ${l.refusalReason}` : ''}
              </li>
            ))}
          </ul>
          {d.status === 'pending_approval' && canApprove && (
            <Button onClick={() => approve.mutate(d.id)} busy={approve.isPending}>
              Goedkeuren
            </Button>
          )}
          {d.status === 'pending_approval' && canWrite && (
            <Button appearance="secondary-action" onClick={() => withdraw.mutate(d.id)} busy={withdraw.isPending}>
              Beschikking intrekken
            </Button>
          )}
          {approve.isError && <Alert type="error">{approve.error.message}</Alert>}
          {withdraw.isError && <Alert type="error">{withdraw.error.message}</Alert>}
          {d.status === 'approved' &&
            canWrite &&
            d.lines
              .filter((l) => l.outcome === 'granted' && !caseAllocations.some((a) => a.productName === l.productName))
              .map((l) => <AllocateForm key={l.id} decision={d} line={l} onDone={refresh} />)}
        </div>
      ))}
      {caseAllocations.length > 0 && (
        <TableScroll label="Toewijzingen en verplichtingen">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">Toewijzingen en verplichtingen</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Product', 'Aanbieder', 'Periode', 'Taakveld', 'Verplichting per jaar', 'Historie'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {caseAllocations.map((a) => (
                <tr key={a.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{a.productName}</td>
                  <td className="utrecht-table__cell">{a.provider.name} (AGB {a.provider.agbCode})</td>
                  <td className="utrecht-table__cell">{formatDate(a.segments[0]?.start)} t/m {formatDate(a.segments.at(-1)?.end)}</td>
                  <td className="utrecht-table__cell">{a.budgetLine}</td>
                  <td className="utrecht-table__cell">{a.commitment.map((c) => `${c.year}: ${euro(c.cents)}`).join('; ')}</td>
                  <td className="utrecht-table__cell">
                    <ul className="utrecht-unordered-list">
                      {a.segments.map((seg) => (
                        <li key={`${seg.start}-${seg.end}`} className="utrecht-unordered-list__item">
                          {formatDate(seg.start)} t/m {formatDate(seg.end)}: {seg.volume} {frequencyLabels[seg.frequency as keyof typeof frequencyLabels] ?? seg.frequency} ({seg.reason})
                        </li>
                      ))}
                    </ul>
                    {a.pendingChange && <PendingChange allocation={a} canApprove={canApprove} canWrite={canWrite} onDone={refresh} />}
                    {canWrite && (
                      <details>
                        <summary>Wijzigen of beëindigen</summary>
                        <AllocationChangeForm allocation={a} onDone={refresh} />
                      </details>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canDecide && canWrite && (
        <FormDisclosure label="Besluit vastleggen" appearance="primary-action">
          {(close) => (
            <DecisionForm
              caseId={caseId}
              onDone={() => {
                refresh();
                close();
              }}
            />
          )}
        </FormDisclosure>
      )}
    </section>
  );
}
