import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useCan } from '../../session';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TableScroll, TextArea, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney } from '../../format';
import type { SpecialAssistance } from '../../api/types';
import { proposalLabels } from './SpecialAssistanceListPage';

const errorOf = (error: unknown, name: string) => (error instanceof ApiError ? error.fields.find((f) => f.field === name)?.message : undefined);
const generalError = (error: unknown) => (error instanceof ApiError && error.fields.length > 0 ? undefined : error instanceof Error ? error.message : undefined);

const leefvormLabels: Record<SpecialAssistance['household']['leefvorm'], string> = { alleenstaande: 'Alleenstaande', 'alleenstaande-ouder': 'Alleenstaande ouder', gehuwden: 'Gehuwd of samenwonend' };
const decisionLabels: Record<SpecialAssistance['decision']['status'], string> = { open: 'Nog geen besluit', toegekend: 'Toegekend', afgewezen: 'Afgewezen' };

/** One application for bijzondere bijstand: what was asked, the intake (completeness, draagkracht, proposal), and the decision. */
export function SpecialAssistancePage() {
  const { id = '' } = useParams();
  const can = useCan();
  const queryClient = useQueryClient();
  const application = useQuery({ queryKey: ['special-assistance', id], queryFn: () => api<SpecialAssistance>(`/api/pw/special-assistance/${encodeURIComponent(id)}`) });
  const action = useMutation({
    mutationFn: ({ path, body }: { path: string; body: object }) => api<SpecialAssistance>(`/api/pw/special-assistance/${encodeURIComponent(id)}/${path}`, { method: 'POST', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['special-assistance', id], data);
      void queryClient.invalidateQueries({ queryKey: ['special-assistance'], exact: true });
    },
  });
  const [outcome, setOutcome] = useState<'toekennen' | 'afwijzen'>('toekennen');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [received, setReceived] = useState('');
  if (application.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (application.isError) return <Alert type="error">{application.error.message}</Alert>;
  const a = application.data;
  const open = a.decision.status === 'open';
  const mayWrite = can('pw:write');
  const missingDocuments = a.missing.filter((m) => m.code !== 'iban');
  const submit = (e: FormEvent, path: string, body: object) => {
    e.preventDefault();
    action.mutate({ path, body });
  };
  return (
    <div className="koers-stack">
      <Link to="/inkomen/bijzondere-bijstand" className="utrecht-link">← Bijzondere bijstand</Link>
      <Heading level={1}>Aanvraag bijzondere bijstand {a.reference}</Heading>
      <DataList
        items={[
          ['Kosten voor', `${a.category.name}: ${a.description}`],
          ['Bedrag', `${formatMoney(a.costsCents)} (datum ${formatDate(a.costDate)})`],
          ['Ontvangen', `${formatDate(a.submittedAt.slice(0, 10))} via ${a.channel === 'e-dienst' ? 'de e-dienst' : 'de balie'}${a.completeOnArrival ? ', compleet' : ', niet compleet'}`],
          ['Huishouden', `${leefvormLabels[a.household.leefvorm]}${a.household.children > 0 ? `, ${a.household.children} kind(eren)` : ''}`],
          ['Netto inkomen per maand', formatMoney(a.monthlyIncomeCents)],
          ['Vermogen', formatMoney(a.assetsCents)],
          ['Collectieve zorgverzekering', a.hasCollectiveInsurance ? 'Ja' : 'Nee'],
          ['Rekening', a.iban ? `${a.iban} (${a.accountHolder ?? ''})` : 'Ontbreekt'],
          ['Beslissen uiterlijk', a.decisionDueOn ? formatDate(a.decisionDueOn) : a.recoveryTermEndsOn ? `opgeschort: hersteltermijn tot en met ${formatDate(a.recoveryTermEndsOn)}` : '—'],
          ['Besluit', decisionLabels[a.decision.status]],
        ]}
      />

      <Heading level={2}>Documenten</Heading>
      <ul className="utrecht-unordered-list">
        {a.documents.map((d) => (
          <li key={`${d.code}-${d.documentId ?? ''}`} className="utrecht-unordered-list__item">
            {d.label}: {d.given ? 'ontvangen' : 'ontbreekt'}
          </li>
        ))}
      </ul>
      {open && mayWrite && missingDocuments.length > 0 && (
        <form aria-label="Aanvulling ontvangen" className="koers-stack koers-narrow-form" onSubmit={(e) => submit(e, 'supplement', { documents: received ? [{ code: received, documentId: null }] : [] })} noValidate>
          <SelectField label="Ontvangen document" value={received} onChange={setReceived} options={[{ value: '', label: 'Kies een document' }, ...missingDocuments.map((m) => ({ value: m.code, label: m.label }))]} error={errorOf(action.error, 'documents')} />
          <Button type="submit" busy={action.isPending}>Aanvulling vastleggen</Button>
        </form>
      )}

      <Heading level={2}>Draagkracht</Heading>
      <TableScroll label="Draagkrachtberekening">
        <table className="utrecht-table" aria-label="Draagkrachtberekening">
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">Regel</th>
              <th className="utrecht-table__header-cell" scope="col">Bedrag</th>
              <th className="utrecht-table__header-cell" scope="col">Grond</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {a.calculation.lines.map((l, i) => (
              <tr key={`${l.code}-${i}`} className="utrecht-table__row">
                <td className="utrecht-table__cell">{l.label}</td>
                <td className="utrecht-table__cell">{formatMoney(l.cents)}</td>
                <td className="utrecht-table__cell">{l.article}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <Heading level={2}>Voorstel</Heading>
      <Paragraph>
        <strong>
          {proposalLabels[a.proposal.outcome]}
          {a.proposal.outcome !== 'afwijzen' && a.proposal.grantCents > 0 ? `: ${formatMoney(a.proposal.grantCents)}` : ''}
        </strong>
        {a.proposal.fastTrack ? ' — snelle afhandeling volgens het beleid' : ''}
      </Paragraph>
      <ul className="utrecht-unordered-list">
        {a.proposal.reasons.map((r) => (
          <li key={r} className="utrecht-unordered-list__item">{r}</li>
        ))}
      </ul>
      <Paragraph>Het voorstel is berekend; een medewerker besluit (AVG art. 22).</Paragraph>

      <Heading level={2}>Besluit</Heading>
      {!open && (
        <DataList
          items={[
            ['Besluit', a.decision.status === 'toegekend' ? `Toegekend: ${formatMoney(a.decision.grantCents ?? 0)}` : 'Afgewezen'],
            ...(a.decision.reason ? [['Reden', a.decision.reason] as [string, string]] : []),
            ['Voorstel gevolgd', a.decision.followedProposal ? 'Ja' : 'Nee'],
            ['Besloten door', a.decision.decidedBy ?? '—'],
          ]}
        />
      )}
      {!open && (
        <Paragraph>
          De besluitbrief (PDF) staat bij de <Link className="utrecht-link" to={`/zaken/${a.caseId}`}>zaak</Link>.
        </Paragraph>
      )}
      {open && mayWrite && (
        <div className="koers-stack">
          {a.proposal.outcome !== 'aanvullen' && (
            <Button busy={action.isPending} onClick={() => action.mutate({ path: 'decision', body: { outcome: 'voorstel-volgen' } })}>
              {a.proposal.outcome === 'toekennen' ? `Voorstel volgen: ${formatMoney(a.proposal.grantCents)} toekennen` : 'Voorstel volgen: afwijzen'}
            </Button>
          )}
          <form
            aria-label="Anders besluiten"
            className="koers-stack koers-narrow-form"
            onSubmit={(e) => submit(e, 'decision', outcome === 'toekennen' ? { outcome, grantCents: parseMoney(amount) ?? Number.NaN, reason } : { outcome, reason })}
            noValidate
          >
            <Heading level={3}>Anders besluiten</Heading>
            <SelectField label="Besluit" value={outcome} onChange={(v) => setOutcome(v as 'toekennen' | 'afwijzen')} options={[{ value: 'toekennen', label: 'Toekennen' }, { value: 'afwijzen', label: 'Afwijzen' }]} error={errorOf(action.error, 'outcome')} />
            {outcome === 'toekennen' && <TextField label="Bedrag" description={`ten hoogste ${formatMoney(a.costsCents)}`} value={amount} onChange={(e) => setAmount(e.target.value)} error={errorOf(action.error, 'grantCents')} />}
            <TextArea label={outcome === 'toekennen' ? 'Waarom wijkt u af van het voorstel?' : 'Reden van de afwijzing'} value={reason} onChange={(e) => setReason(e.target.value)} error={errorOf(action.error, 'reason')} />
            <Button type="submit" busy={action.isPending}>Besluit vastleggen</Button>
          </form>
        </div>
      )}
      {generalError(action.error) && <Alert type="error">{generalError(action.error)}</Alert>}
    </div>
  );
}
