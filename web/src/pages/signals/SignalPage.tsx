import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Alert, Button, DataList, Heading, Paragraph, TextArea, Overdue, TableScroll } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { eventLabels, factEntries, severityLabels, statusLabels, subjectLink } from './signalTypes';
import type { SignalDetail } from '../../api/types';

function CloseForm({ id, action, label, button, field }: { id: string; action: 'handle' | 'reject'; label: string; button: string; field: 'note' | 'reason' }) {
  const client = useQueryClient();
  const [text, setText] = useState('');
  const close = useMutation({
    mutationFn: () => api<SignalDetail>(`/api/signals/${id}/${action}`, { method: 'POST', body: { [field]: text } }),
    onSuccess: async (signal) => {
      client.setQueryData(['signals', 'detail', id], signal);
      await client.invalidateQueries({ queryKey: ['signals'] });
    },
  });
  const error = close.error instanceof ApiError ? close.error.fields.find((f) => f.field === field)?.message : undefined;
  return (
    <form
      className="koers-stack"
      onSubmit={(e) => {
        e.preventDefault();
        close.mutate();
      }}
    >
      <TextArea label={label} rows={3} value={text} onChange={(e) => setText(e.target.value)} error={error} />
      {close.isError && !error && <Alert type="error">{close.error.message}</Alert>}
      <div>
        <Button type="submit" appearance="secondary-action" busy={close.isPending} disabled={close.isPending}>{button}</Button>
      </div>
    </form>
  );
}

export function SignalPage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const signal = useQuery({ queryKey: ['signals', 'detail', id], queryFn: () => api<SignalDetail>(`/api/signals/${id}`) });
  const pickUp = useMutation({
    mutationFn: () => api<SignalDetail>(`/api/signals/${id}/pick-up`, { method: 'POST' }),
    onSuccess: async (s) => {
      client.setQueryData(['signals', 'detail', id], s);
      await client.invalidateQueries({ queryKey: ['signals'] });
    },
  });
  if (signal.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (signal.isError) return <Alert type="error">{signal.error.message}</Alert>;
  const s = signal.data;
  const link = subjectLink(s);
  const open = s.status === 'nieuw' || s.status === 'in_behandeling';
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/signalen" className="utrecht-link">Terug naar de signalen</Link>
      </Paragraph>
      <Heading level={1}>{s.rule.title}</Heading>
      <Paragraph lead>{s.explanation}</Paragraph>
      <DataList
        items={[
          ['Status', statusLabels[s.status]],
          ['Ernst', severityLabels[s.rule.severity]],
          ['Inwoner', s.resident?.name ?? '—'],
          ['Gebied', s.area?.name ?? '—'],
          ['Uiterlijk oppakken', <Overdue key="due" overdue={s.overdue}>{`${formatDate(s.dueOn)}${s.overdue ? ' (verlopen)' : ''}`}</Overdue>],
          ['Toegewezen aan', [s.assignee.user?.name, s.assignee.team?.name].filter(Boolean).join(', ') || '—'],
          ['Wettelijke basis', s.law],
          ...(s.closedNote ? ([['Toelichting bij sluiten', s.closedNote]] as [string, string][]) : []),
        ]}
      />
      {link && (
        <Paragraph>
          <Link to={link.to} className="utrecht-link">{link.label}</Link>
        </Paragraph>
      )}
      <Heading level={2}>Waarom dit signaal</Heading>
      <DataList items={factEntries(s.facts)} />
      <Heading level={2}>Wat te doen</Heading>
      <Paragraph>{s.suggestedAction}</Paragraph>
      {open && (
        <>
          {s.status === 'nieuw' && (
            <div>
              <Button busy={pickUp.isPending} onClick={() => pickUp.mutate()}>Oppakken</Button>
            </div>
          )}
          {pickUp.isError && <Alert type="error">{pickUp.error.message}</Alert>}
          <Heading level={2}>Afhandelen</Heading>
          <CloseForm id={s.id} action="handle" field="note" label="Wat is er gedaan?" button="Afgehandeld" />
          <Heading level={2}>Onterecht signaal</Heading>
          <Paragraph>Het signaal blijft dan gesloten tot de feiten veranderen.</Paragraph>
          <CloseForm id={s.id} action="reject" field="reason" label="Waarom is dit signaal onterecht?" button="Onterecht verklaren" />
        </>
      )}
      <Heading level={2}>Historie</Heading>
      <TableScroll label="Historie van het signaal">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="koers-visually-hidden">Historie van het signaal</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Moment', 'Wat', 'Door', 'Toelichting'].map((h) => (
                <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {s.history.map((e, i) => (
              <tr key={i} className="utrecht-table__row">
                <td className="utrecht-table__cell">{formatDateTime(e.at)}</td>
                <td className="utrecht-table__cell">
                  {eventLabels[e.kind] ?? e.kind}
                  {e.toStatus ? `: ${statusLabels[e.toStatus]}` : ''}
                  {e.assignee ? ` aan ${e.assignee}` : ''}
                </td>
                <td className="utrecht-table__cell">{e.actor ?? 'Koers (automatisch)'}</td>
                <td className="utrecht-table__cell">{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
