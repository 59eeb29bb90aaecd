import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useCan } from '../../session';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TextField, TableScroll } from '../../components/ui';
import { statusLabels } from './caseTypes';
import { Deadline } from './Deadline';
import { count, formatDate, formatDuration, today as todayInAmsterdam } from '../../format';
import { DecisionsSection } from '../decisions/DecisionsSection';
import { CaseConversationsSection } from '../conversations/CaseConversationsSection';
import { CaseNotesSection } from './CaseNotesSection';
import { DocumentsSection } from '../letters/DocumentsSection';
import type { CaseView } from '../../api/types';

const eventLabels: Record<string, string> = { status: 'Status', suspension_start: 'Opgeschort', suspension_end: 'Opschorting beëindigd', extension: 'Verdaagd', assignment: 'Toegewezen' };

function useCaseAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) => api<CaseView>(`/api/cases/${id}/${path}`, { method: 'POST', body }),
    onSuccess: (data) => queryClient.setQueryData(['case', id], data),
  });
}

export function CasePage() {
  const { id = '' } = useParams();
  const can = useCan();
  const kase = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseView>(`/api/cases/${encodeURIComponent(id)}`) });
  const action = useCaseAction(id);
  const [reason, setReason] = useState('');
  const [termCount, setTermCount] = useState('2');
  const [termUnit, setTermUnit] = useState<'W' | 'D'>('W');
  const term = `P${termCount.trim()}${termUnit}`;
  const canWrite = can('cases:write') && kase.data?.careAccess === true;
  if (kase.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (kase.isError) return <Alert type="error">{kase.error.message}</Alert>;
  const c = kase.data;
  const current = c.deadlines.current;
  const suspended = current?.result.status === 'suspended';
  const today = todayInAmsterdam();
  const act = (path: string, body: object) => (e?: FormEvent) => {
    e?.preventDefault();
    action.mutate({ path, body });
  };
  const fieldError = action.error instanceof ApiError ? action.error.fields[0]?.message : undefined;
  return (
    <div className="koers-stack">
      <Link to={`/inwoners/${c.resident.id}`} className="utrecht-link">← {c.resident.fullName}</Link>
      <Heading level={1}>Zaak {c.reference}</Heading>
      <DataList
        items={[
          ['Zaaktype', c.caseType.name],
          ['Grondslag', c.caseType.legalBasis],
          ['Status', statusLabels[c.status]],
          ['Melding', formatDate(c.notifiedOn)],
          ['Aanvraag', formatDate(c.appliedOn)],
          ['Termijn', <Deadline key="termijn" c={c} />],
          ...(current?.result.atwShiftedFrom ? [['Algemene termijnenwet', `verschoven van ${formatDate(current.result.atwShiftedFrom)} (weekend of feestdag)`] as [string, string]] : []),
          ...(c.deadlines.directAccess ? [['Directe toegang', `${formatDate(c.deadlines.directAccess.start)} t/m ${formatDate(c.deadlines.directAccess.end)} (nog ${count(c.deadlines.directAccess.daysLeft, 'dag', 'dagen')})`] as [string, string]] : []),
          ['Consulent', c.consultant?.displayName ?? '—'],
        ]}
      />
      {c.deadlines.directAccess?.endsWithinTwoWeeks && <Alert type="warning">Directe toegang eindigt binnen twee weken: neem een besluit of sluit de zaak af.</Alert>}
      {current?.result.status === 'overdue' && <Alert type="error">De wettelijke termijn is verstreken.</Alert>}
      {canWrite && c.allowedTransitions.length > 0 && (
        <section aria-labelledby="acties" className="koers-stack">
          <Heading level={2} id="acties">Acties</Heading>
          {action.isError && <Alert type="error">{fieldError ?? action.error.message}</Alert>}
          <TextField label="Reden of toelichting" value={reason} onChange={(e) => setReason(e.target.value)} />
          <div className="koers-actions">
            {c.allowedTransitions.map((to) => (
              <Button key={to} appearance="secondary-action" onClick={act('status', { to, reason: reason || undefined })}>
                Naar {statusLabels[to].toLowerCase()}
              </Button>
            ))}
            {current && !suspended && (
              <Button appearance="secondary-action" onClick={act('suspensions', { from: today, reason })}>
                Termijn opschorten
              </Button>
            )}
            {suspended && (
              <Button appearance="secondary-action" onClick={act('suspensions/end', { on: today, reason: reason || undefined })}>
                Opschorting beëindigen
              </Button>
            )}
          </div>
          {current && (
            <form className="koers-search" onSubmit={act('extensions', { term, reason })} aria-label="Termijn verdagen">
              <TextField label="Verdagen met" type="number" min={1} inputMode="numeric" value={termCount} onChange={(e) => setTermCount(e.target.value)} />
              <SelectField
                label="Eenheid"
                value={termUnit}
                onChange={(v) => setTermUnit(v === 'D' ? 'D' : 'W')}
                options={[
                  { value: 'W', label: 'weken' },
                  { value: 'D', label: 'dagen' },
                ]}
              />
              <Button type="submit" appearance="secondary-action">Verdagen</Button>
            </form>
          )}
        </section>
      )}
      {c.careAccess ? (
        <>
          <DecisionsSection
            caseId={c.id}
            residentId={c.resident.id}
            canWrite={can('decisions:write')}
            canApprove={can('decisions:approve')}
            canDecide={c.status === 'aanvraag'}
          />
          <DocumentsSection caseId={c.id} canWrite={can('decisions:write')} canUpload={canWrite} />
        </>
      ) : (
        <Paragraph>Beschikkingen, toewijzingen, gesprekken en notities in deze zaak zijn voor de eerste lijn afgeschermd; verwijs de inwoner naar de contactpersoon.</Paragraph>
      )}
      {c.careAccess && can('conversations:read') && <CaseConversationsSection caseId={c.id} residentId={c.resident.id} />}
      {c.careAccess && <CaseNotesSection caseId={c.id} canWrite={canWrite} />}
      <Heading level={2}>Verloop</Heading>
      <TableScroll label="Gebeurtenissen in deze zaak">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="koers-visually-hidden">Gebeurtenissen in deze zaak</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Datum', 'Gebeurtenis', 'Toelichting', 'Door'].map((h) => (
                <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {c.events.map((e, i) => (
              <tr key={i} className="utrecht-table__row">
                <td className="utrecht-table__cell">{formatDate(e.onDate)}</td>
                <td className="utrecht-table__cell">
                  {eventLabels[e.kind] ?? e.kind}
                  {e.toStatus ? `: ${statusLabels[e.toStatus as keyof typeof statusLabels]}` : ''}
                  {e.term ? ` met ${formatDuration(e.term)}` : ''}
                </td>
                <td className="utrecht-table__cell">{e.reason ?? ''}</td>
                <td className="utrecht-table__cell">{e.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
