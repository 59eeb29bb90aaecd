import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { GrantResult, ProviderRequest, ProviderRequestList, RefusalResult } from '../../api/types';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TableScroll, TextArea } from '../../components/ui';
import { count, formatDate, formatDateTime, formatMoney } from '../../format';
import { useCan } from '../../session';
import { myWorkKey } from '../work/MyWorkPage';

/** LDT_TypeVerwijzer. */
const referrerLabels: Record<string, string> = {
  '01': 'Gemeente',
  '02': 'Huisarts',
  '03': 'Jeugdarts',
  '04': 'Gecertificeerde instelling',
  '05': 'Medisch specialist',
  '06': 'Zelfverwijzer / geen verwijzer',
  '08': 'Rechter, Officier van Justitie, functionaris JJI',
};

/** LDT_RedenAfwijzingVerzoek. */
const refusalLabels: Record<string, string> = {
  '1': 'Geen wijziging maar nieuwe aanvraag',
  '2': 'Past niet binnen budget',
  '3': 'Geen contract',
  '4': 'Past niet binnen contract',
  '5': 'Andere gemeente',
  '6': 'Stapeling',
  '7': 'Zorginhoudelijke afkeur',
  '8': 'Woonplaatsbeginsel',
  '9': 'Leeftijdsgrens is bereikt',
};

const statusLabels: Record<ProviderRequest['status'], string> = { open: 'Open', pending_approval: 'Wacht op goedkeuring (vier ogen)', granted: 'Toegekend', refused: 'Afgewezen' };
const unitLabels: Record<string, string> = { '01': 'minuten', '04': 'uur', '14': 'etmalen', '16': 'dagdelen', '82': 'stuks', '83': 'euro', '84': 'stuks' };
const frequencyLabels: Record<string, string> = { '1': 'per dag', '2': 'per week', '4': 'per maand', '6': 'in totaal' };

const requestsKey = ['exchange', 'requests'] as const;

function referrerText(r: ProviderRequest): string {
  if (!r.referrer) return '—';
  return `${referrerLabels[r.referrer.type] ?? r.referrer.type}${r.referrer.name ? ` ${r.referrer.name}` : ''}${r.referrer.code ? ` (AGB ${r.referrer.code})` : ''}`;
}

function productText(p: ProviderRequest['products'][number]): string {
  const what = p.kind === 'new' ? (p.productName ?? `categorie ${p.category ?? '?'}${p.code ? `, code ${p.code}` : ''}`) : `toewijzing ${p.allocationNumber ?? '?'}`;
  const volume = p.volume !== null ? `, ${p.volume} ${unitLabels[p.unitCode ?? ''] ?? p.unitCode} ${frequencyLabels[p.frequencyCode ?? ''] ?? ''}` : '';
  const period = p.start ? `, vanaf ${formatDate(p.start)}${p.end ? ` tot en met ${formatDate(p.end)}` : ''}` : '';
  const kind = p.kind === 'change' ? 'Wijzigen: ' : p.kind === 'unchanged' ? 'Ongewijzigd: ' : '';
  return `${kind}${what}${volume}${period}`;
}

function RequestTable({ caption, items }: { caption: string; items: ProviderRequest[] }) {
  return (
    <TableScroll label={caption}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="koers-visually-hidden">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['Verzoek', 'Inwoner', 'Aanbieder', 'Gevraagd', 'Verwijzer', 'Team', 'Status'].map((h) => (
              <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {items.map((r) => (
            <tr key={r.id} className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">
                <Link to={`/verzoeken/${r.id}`}>{r.label}</Link>
                <br />
                <span className="koers-muted">{r.reference} · {formatDateTime(r.createdAt)}</span>
              </th>
              <td className="utrecht-table__cell">{r.resident?.name ?? 'Woont niet in deze gemeente'}</td>
              <td className="utrecht-table__cell">{r.provider.name}</td>
              <td className="utrecht-table__cell">{r.products.map((p, i) => <div key={i}>{productText(p)}</div>)}</td>
              <td className="utrecht-table__cell">{referrerText(r)}</td>
              <td className="utrecht-table__cell">{r.team?.name ?? '—'}</td>
              <td className="utrecht-table__cell">
                {statusLabels[r.status]}
                {r.refusalReason && <><br /><span className="koers-muted">{refusalLabels[r.refusalReason]}</span></>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The area team's worklist of provider requests: open ones to decide, then the decided ones. */
export function RequestsPage() {
  const open = useQuery({ queryKey: [...requestsKey, 'open'], queryFn: () => api<ProviderRequestList>('/api/exchange/requests?status=open&limit=200') });
  const pending = useQuery({ queryKey: [...requestsKey, 'pending'], queryFn: () => api<ProviderRequestList>('/api/exchange/requests?status=pending_approval&limit=200') });
  const all = useQuery({ queryKey: [...requestsKey, 'all'], queryFn: () => api<ProviderRequestList>('/api/exchange/requests?limit=100') });
  const decided = (all.data?.items ?? []).filter((r) => r.status === 'granted' || r.status === 'refused');
  return (
    <div className="koers-stack">
      <Heading level={1}>Verzoeken van aanbieders</Heading>
      <Paragraph>
        Een aanbieder vraagt om een toewijzing (315), bijvoorbeeld na een verwijzing door de huisarts of jeugdarts, of om een wijziging (317).
        Koers controleert het verzoek en zet het retourbericht klaar; het gebiedsteam van de inwoner kent het toe of wijst het af. Een
        toekenning gaat als toewijzingsbericht (301) naar de aanbieder, een afwijzing als antwoordbericht (319).
      </Paragraph>
      {open.isError && <Alert type="error">{open.error.message}</Alert>}
      <section aria-labelledby="open-verzoeken" className="koers-stack">
        <Heading level={2} id="open-verzoeken">Open verzoeken{open.data ? ` (${open.data.items.length})` : ''}</Heading>
        {open.data && open.data.items.length === 0 && <Paragraph>Er wachten geen verzoeken op een besluit.</Paragraph>}
        {open.data && open.data.items.length > 0 && <RequestTable caption="Open verzoeken, oudste eerst" items={open.data.items} />}
      </section>
      {pending.isError && <Alert type="error">{pending.error.message}</Alert>}
      {pending.data && pending.data.items.length > 0 && (
        <section aria-labelledby="wacht-op-goedkeuring" className="koers-stack">
          <Heading level={2} id="wacht-op-goedkeuring">Wacht op goedkeuring ({pending.data.items.length})</Heading>
          <Paragraph>Deze toekenningen kosten meer dan de vier-ogengrens. Een andere teamleider dan wie ze voorstelde keurt ze goed.</Paragraph>
          <RequestTable caption="Toekenningen die wachten op goedkeuring, oudste eerst" items={pending.data.items} />
        </section>
      )}
      {decided.length > 0 && (
        <section aria-labelledby="besloten-verzoeken" className="koers-stack">
          <Heading level={2} id="besloten-verzoeken">Besloten</Heading>
          <RequestTable caption="Besloten verzoeken, nieuwste eerst" items={decided} />
        </section>
      )}
    </div>
  );
}

function Decide({ request }: { request: ProviderRequest }) {
  const client = useQueryClient();
  const can = useCan();
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['exchange'] });
    await client.invalidateQueries({ queryKey: myWorkKey });
  };
  const grant = useMutation({ mutationFn: () => api<GrantResult>(`/api/exchange/requests/${request.id}/grant`, { method: 'POST' }), onSuccess: refresh });
  const refuse = useMutation({
    mutationFn: () => api<RefusalResult>(`/api/exchange/requests/${request.id}/refuse`, { method: 'POST', body: { reason, ...(note.trim() ? { note } : {}) } }),
    onSuccess: refresh,
  });
  const submitRefusal = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setReasonError('Kies een reden van afwijzing.');
      return;
    }
    setReasonError(undefined);
    refuse.mutate();
  };
  const waiting = request.status === 'pending_approval';
  // Four eyes: a proposed grant is approved by a team lead other than the one who proposed it.
  const mayGrant = !waiting || (can('decisions:approve') && !request.proposal?.byViewer);
  // Once decided the section stays for the outcome of this decision; a request decided earlier has none.
  if (request.status !== 'open' && !waiting && !grant.data && !refuse.data) return null;
  return (
    <section aria-labelledby="besluiten" className="koers-stack">
      <Heading level={2} id="besluiten">Besluiten</Heading>
      <div role="status" aria-live="polite">
        {grant.data?.pendingApproval && (
          <Alert type="info">
            Voorgesteld: de verwachte kosten ({formatMoney(grant.data.expectedAnnualCents)} per jaar) liggen boven de vier-ogengrens. Een andere
            teamleider keurt de toekenning goed; tot dan is er niets toegewezen of verstuurd.
          </Alert>
        )}
        {grant.data && !grant.data.pendingApproval && (
          <Alert type={grant.data.outbox.invalid > 0 ? 'warning' : 'ok'}>
            Toegekend: {count(grant.data.allocationIds.length, 'toewijzing', 'toewijzingen')} met de verplichting op de begrotingspost;{' '}
            {count(grant.data.outbox.messages, 'toewijzingsbericht (301) staat', 'toewijzingsberichten (301) staan')} klaar in het <Link to="/berichten">berichtenverkeer</Link>.
          </Alert>
        )}
        {refuse.data && <Alert type="ok">Afgewezen: het antwoordbericht (319) staat klaar in het <Link to="/berichten">berichtenverkeer</Link>.</Alert>}
      </div>
      {grant.isError && <Alert type="error">{grant.error.message}</Alert>}
      {refuse.isError && <Alert type="error">{refuse.error.message}</Alert>}
      {!grant.data && !refuse.data && (
        <>
          {waiting && request.proposal && (
            <Paragraph>
              Voorgesteld door {request.proposal.by} op {formatDateTime(request.proposal.at)}; verwachte kosten{' '}
              {formatMoney(request.expectedAnnualCents ?? 0)} per jaar.{' '}
              {mayGrant ? 'Keur de toekenning goed of wijs het verzoek af.' : 'Een andere teamleider keurt de toekenning goed.'}
            </Paragraph>
          )}
          {mayGrant && (
            <div>
              <Button onClick={() => grant.mutate()} busy={grant.isPending} disabled={grant.isPending || refuse.isPending}>
                {waiting ? 'Goedkeuren en toekennen' : 'Toekennen'}
              </Button>
            </div>
          )}
          <form onSubmit={submitRefusal} className="koers-stack" noValidate aria-labelledby="afwijzen-kop">
            <Heading level={3} id="afwijzen-kop">Afwijzen</Heading>
            <SelectField
              label="Reden van afwijzing"
              value={reason}
              onChange={setReason}
              error={reasonError}
              options={[{ value: '', label: 'Kies een reden' }, ...Object.entries(refusalLabels).map(([value, label]) => ({ value, label: `${value}. ${label}` }))]}
            />
            <TextArea label="Toelichting voor het dossier (niet verplicht; gaat niet mee in het bericht)" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={1000} />
            <div>
              <Button type="submit" appearance="secondary-action" busy={refuse.isPending} disabled={grant.isPending || refuse.isPending}>Afwijzen</Button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

/** One request: what was asked, by whom, on whose referral, what Koers found; and the decision. */
export function RequestPage() {
  const { id } = useParams();
  const request = useQuery({ queryKey: [...requestsKey, id], queryFn: () => api<ProviderRequest>(`/api/exchange/requests/${id}`) });
  const r = request.data;
  return (
    <div className="koers-stack">
      <Paragraph><Link to="/verzoeken">Terug naar de verzoeken</Link></Paragraph>
      {request.isError && <Alert type="error">{request.error.message}</Alert>}
      {r && (
        <>
          <Heading level={1}>{r.label}</Heading>
          <DataList
            items={[
              ['Status', `${statusLabels[r.status]}${r.refusalReason ? `: ${refusalLabels[r.refusalReason]}` : ''}`],
              ['Inwoner', r.resident ? <Link to={`/inwoners/${r.resident.id}`}>{r.resident.name}</Link> : 'Geen inwoner met dit BSN in deze gemeente'],
              ['Aanbieder', `${r.provider.name} (AGB ${r.provider.agbCode})`],
              ['Referentie aanbieder', r.reference],
              ['Verwijzer', referrerText(r)],
              ['Gebiedsteam', r.team?.name ?? '—'],
              ['Ontvangen', formatDateTime(r.createdAt)],
              ...(r.proposal ? [['Toekenning voorgesteld', `${formatDateTime(r.proposal.at)} door ${r.proposal.by}`] as [string, string]] : []),
              ...(r.expectedAnnualCents !== null ? [['Verwachte kosten per jaar', formatMoney(r.expectedAnnualCents)] as [string, string]] : []),
              ...(r.decidedAt ? [['Besloten', `${formatDateTime(r.decidedAt)} door ${r.decidedBy ?? '—'}`] as [string, string]] : []),
              ...(r.refusalNote ? [['Toelichting', r.refusalNote] as [string, string]] : []),
              ...(r.comment ? [['Commentaar aanbieder', r.comment] as [string, string]] : []),
            ]}
          />
          <section aria-labelledby="gevraagd" className="koers-stack">
            <Heading level={2} id="gevraagd">Gevraagd</Heading>
            <ul>
              {r.products.map((p, i) => (
                <li key={i}>
                  {productText(p)}
                  {p.budgetLine && <span className="koers-muted"> · begrotingspost {p.budgetLine}</span>}
                </li>
              ))}
            </ul>
          </section>
          {r.findings.length > 0 && (
            <Alert type="warning">
              Let op bij dit verzoek:
              <ul>
                {r.findings.map((f, i) => <li key={i}>{f.text}</li>)}
              </ul>
            </Alert>
          )}
          <Decide request={r} />
        </>
      )}
    </div>
  );
}
