import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, SimpleTable, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney } from '../../format';
import { useCan } from '../../session';
import { claimSourceLabels, claimStatusLabels, entryKindLabels } from './RecoveryShared';
import type { PwClaimDetail as ClaimDetail } from '../../api/types';

/** One recovery claim: its facts, establishing it (four eyes), its ledger and bookings, and its letter. */
export function RecoveryClaimPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const queryClient = useQueryClient();
  const claim = useQuery({ queryKey: ['pw-claim', id], queryFn: () => api<ClaimDetail>(`/api/pw/claims/${id}`) });
  const [instalment, setInstalment] = useState('');
  const [instalmentError, setInstalmentError] = useState<string | undefined>();
  const [entry, setEntry] = useState({ kind: 'aflossing', amount: '', note: '' });
  const [entryError, setEntryError] = useState<string | undefined>();
  const [withdrawReason, setWithdrawReason] = useState('');
  const done = (data: ClaimDetail) => {
    queryClient.setQueryData(['pw-claim', id], data);
    void queryClient.invalidateQueries({ queryKey: ['pw-claims'] });
  };
  const establish = useMutation({ mutationFn: (cents: number) => api<ClaimDetail>(`/api/pw/claims/${id}/establish`, { method: 'POST', body: { monthlyInstalmentCents: cents } }), onSuccess: done });
  const book = useMutation({
    mutationFn: (body: object) => api<ClaimDetail>(`/api/pw/claims/${id}/entries`, { method: 'POST', body }),
    onSuccess: (data) => {
      done(data);
      setEntry({ kind: 'aflossing', amount: '', note: '' });
    },
  });
  const withdraw = useMutation({ mutationFn: () => api<ClaimDetail>(`/api/pw/claims/${id}/withdraw`, { method: 'POST', body: { reason: withdrawReason } }), onSuccess: done });
  const err = (m: { error: unknown }, field: string) => (m.error instanceof ApiError ? m.error.fields.find((f) => f.field === field)?.message : undefined);

  if (claim.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (claim.isError) return <Alert type="error">{claim.error.message}</Alert>;
  const c = claim.data;
  const submitEstablish = (e: FormEvent) => {
    e.preventDefault();
    const cents = instalment.trim() === '' ? 0 : parseMoney(instalment);
    setInstalmentError(cents === null ? 'Vul een bedrag in euro in, bijvoorbeeld 50,00.' : undefined);
    if (cents !== null) establish.mutate(cents);
  };
  const submitEntry = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseMoney(entry.amount.replace(/^-/, ''));
    setEntryError(cents === null ? 'Vul een bedrag in euro in.' : undefined);
    if (cents === null) return;
    book.mutate({ kind: entry.kind, cents: entry.kind === 'correctie' && entry.amount.trim().startsWith('-') ? -cents : cents, ...(entry.note ? { note: entry.note } : {}) });
  };
  return (
    <div className="koers-stack">
      <Heading level={1}>Vordering {c.reference}</Heading>
      <Paragraph>
        <Link className="utrecht-link" to="/inkomen/vorderingen">Alle vorderingen</Link> ·{' '}
        <Link className="utrecht-link" to={`/inwoners/${c.residentId}`}>Naar het dossier van {c.residentName}</Link>
      </Paragraph>
      <DataList
        items={[
          ['Status', claimStatusLabels[c.status]],
          ['Grond', c.groundLabel],
          ['Artikel', c.article],
          ['Bron', claimSourceLabels[c.source] ?? c.source],
          ['Periode', c.periodFrom ? `${formatDate(c.periodFrom)} tot en met ${formatDate(c.periodTo)}` : '–'],
          ['Bedrag', formatMoney(c.principalCents)],
          ['Saldo', formatMoney(c.balanceCents)],
          ['Aflossing per maand', formatMoney(c.monthlyInstalmentCents)],
          ['Reden', c.reason],
        ]}
      />
      {c.status === 'concept' && can('pw_recovery:establish') && (
        <form onSubmit={submitEstablish} noValidate className="koers-stack">
          <Heading level={2}>Vaststellen</Heading>
          <Paragraph>Vier ogen: wie de vordering opstelde, kan haar niet zelf vaststellen. De betaalrun verrekent de aflossing per maand met de bijstand.</Paragraph>
          <TextField label="Aflossing per maand (euro)" inputMode="decimal" value={instalment} onChange={(e) => setInstalment(e.target.value)} error={instalmentError ?? err(establish, 'monthlyInstalmentCents')} />
          <div>
            <Button type="submit" busy={establish.isPending}>
              Vordering vaststellen
            </Button>
          </div>
          {establish.isError && !(establish.error instanceof ApiError && establish.error.fields.length > 0) && <Alert type="error">{establish.error.message}</Alert>}
        </form>
      )}
      {c.status === 'vastgesteld' && (
        <Paragraph>
          <a className="utrecht-link" href={`/api/pw/claims/${c.id}/letter.html`} target="_blank" rel="noreferrer">
            Brief bij deze vordering (besluit tot terugvordering)
          </a>
        </Paragraph>
      )}
      <Heading level={2}>Grootboek</Heading>
      {c.entries.length === 0 ? (
        <Paragraph>Nog geen boekingen: een concept wordt pas bij vaststelling geboekt.</Paragraph>
      ) : (
        <SimpleTable
          label="Grootboek van de vordering"
          headers={['Datum', 'Soort', 'Bedrag', 'Toelichting', 'Door']}
          rows={c.entries.map((e) => ({ key: e.id, cells: [formatDate(e.bookedOn), entryKindLabels[e.kind] ?? e.kind, formatMoney(e.cents), e.note ?? '', e.recordedBy ?? 'Koers'] }))}
        />
      )}
      {c.status === 'vastgesteld' && can('pw:write') && (
        <form onSubmit={submitEntry} noValidate className="koers-stack">
          <Heading level={2}>Boeken</Heading>
          <SelectField
            label="Soort boeking"
            value={entry.kind}
            onChange={(kind) => setEntry({ ...entry, kind })}
            options={[
              { value: 'aflossing', label: 'Aflossing (betaald door de inwoner)' },
              { value: 'kwijtschelding', label: 'Kwijtschelding (met reden)' },
              { value: 'correctie', label: 'Correctie (met reden; min voor een verlaging)' },
            ]}
          />
          <TextField label="Bedrag (euro)" inputMode="decimal" value={entry.amount} onChange={(e) => setEntry({ ...entry, amount: e.target.value })} error={entryError ?? err(book, 'cents')} />
          <TextField label="Toelichting of reden" value={entry.note} onChange={(e) => setEntry({ ...entry, note: e.target.value })} error={err(book, 'note')} />
          <div>
            <Button type="submit" busy={book.isPending}>
              Boeken
            </Button>
          </div>
          {book.isError && !(book.error instanceof ApiError && book.error.fields.length > 0) && <Alert type="error">{book.error.message}</Alert>}
        </form>
      )}
      {c.status !== 'ingetrokken' && can('pw:write') && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            withdraw.mutate();
          }}
          noValidate
          className="koers-stack"
        >
          <Heading level={2}>Intrekken</Heading>
          <TextField label="Reden van de intrekking" value={withdrawReason} onChange={(e) => setWithdrawReason(e.target.value)} error={err(withdraw, 'reason')} />
          <div>
            <Button type="submit" appearance="secondary-action" busy={withdraw.isPending}>
              Vordering intrekken
            </Button>
          </div>
          {withdraw.isError && !(withdraw.error instanceof ApiError && withdraw.error.fields.length > 0) && <Alert type="error">{withdraw.error.message}</Alert>}
        </form>
      )}
    </div>
  );
}
