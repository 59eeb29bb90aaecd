import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useCan } from '../../session';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TableScroll, TextArea, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney } from '../../format';
import { ApplicationCalculationForm } from './ApplicationCalculationForm';
import type { PwApplication } from '../../api/types';
import { decisionStatusLabels } from './applicationTypes';

function useApplicationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: object }) => api<PwApplication>(`/api/pw/applications/${id}/${path}`, { method: 'POST', body: body ?? {} }),
    onSuccess: (data) => {
      queryClient.setQueryData(['pw-application', id], data);
      // The resident's bijstandsdossier lists the application's state and, after a grant, the benefit.
      void queryClient.invalidateQueries({ queryKey: ['pw-file', data.residentId] });
    },
  });
}

const errorOf = (error: unknown, name: string) => (error instanceof ApiError ? error.fields.find((f) => f.field === name)?.message : undefined);
const generalError = (error: unknown) => (error instanceof ApiError && error.fields.length > 0 ? undefined : error instanceof Error ? error.message : undefined);

/** One application for levensonderhoud: terms, rekenblad, advance, and the decision with its letter. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const application = useQuery({ queryKey: ['pw-application', id], queryFn: () => api<PwApplication>(`/api/pw/applications/${encodeURIComponent(id)}`) });
  const submit = useApplicationAction(id);
  const advance = useApplicationAction(id);
  const decide = useApplicationAction(id);
  const approve = useApplicationAction(id);
  const [appliedOn, setAppliedOn] = useState('');
  const [advanceAmount, setAdvanceAmount] = useState('');
  const [advancePaidOn, setAdvancePaidOn] = useState('');
  const [outcome, setOutcome] = useState<'toekenning' | 'afwijzing'>('toekenning');
  const [grantFrom, setGrantFrom] = useState('');
  const [iban, setIban] = useState('');
  const [accountHolder, setAccountHolder] = useState('');
  const [refusalReason, setRefusalReason] = useState('');
  if (application.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (application.isError) return <Alert type="error">{application.error.message}</Alert>;
  const a = application.data;
  const open = a.decision.status === 'open';
  const mayWrite = can('pw:write');
  const on = (e: FormEvent, run: () => void) => {
    e.preventDefault();
    run();
  };
  return (
    <div className="koers-stack">
      <Link to={`/inkomen/inwoners/${a.residentId}`} className="utrecht-link">← Bijstandsdossier</Link>
      <Heading level={1}>Aanvraag levensonderhoud {a.reference}</Heading>
      <DataList
        items={[
          ['Melding', formatDate(a.reportedOn)],
          ['Zoektermijn (jonger dan 27)', a.searchPeriodEndsOn ? `tot en met ${formatDate(a.searchPeriodEndsOn)}; aanvraag vanaf ${formatDate(a.earliestApplicationOn)}` : 'niet van toepassing'],
          ['Aanvraag', a.appliedOn ? formatDate(a.appliedOn) : 'nog niet ontvangen'],
          ['Beslissen uiterlijk', a.decisionDueOn ? formatDate(a.decisionDueOn) : a.decisionTermStatus === 'suspended' ? 'opgeschort (hersteltermijn)' : '—'],
          ['Voorschot uiterlijk', a.advanceDueOn ? formatDate(a.advanceDueOn) : a.advance ? `${formatMoney(a.advance.cents)} betaald op ${formatDate(a.advance.paidOn)}` : '—'],
          ['Besluit', decisionStatusLabels[a.decision.status]],
        ]}
      />
      <Paragraph>
        Ontbreken stukken? Schort de beslistermijn op (hersteltermijn, art. 4:5 Awb) in de <Link className="utrecht-link" to={`/zaken/${a.caseId}`}>zaak</Link>.
      </Paragraph>

      {a.caseStatus === 'melding' && open && mayWrite && (
        <form aria-label="Aanvraag vastleggen" className="koers-stack koers-narrow-form" onSubmit={(e) => on(e, () => submit.mutate({ path: 'submit', body: { appliedOn } }))} noValidate>
          <Heading level={2}>Aanvraag vastleggen</Heading>
          <TextField label="Aanvraagdatum" description={`jjjj-mm-dd, vanaf ${formatDate(a.earliestApplicationOn)}`} value={appliedOn} onChange={(e) => setAppliedOn(e.target.value)} error={errorOf(submit.error, 'appliedOn')} />
          {generalError(submit.error) && <Alert type="error">{generalError(submit.error)}</Alert>}
          <Button type="submit" busy={submit.isPending}>Aanvraag vastleggen</Button>
        </form>
      )}

      <Heading level={2}>Rekenblad</Heading>
      {a.rekenblad ? (
        <>
          <TableScroll label="Rekenblad">
            <table className="utrecht-table" aria-label="Rekenblad">
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell">Regel</th>
                  <th className="utrecht-table__header-cell">Bedrag</th>
                  <th className="utrecht-table__header-cell">Artikel</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {a.rekenblad.lines.map((l, i) => (
                  <tr key={`${l.code}-${i}`} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{l.label}</td>
                    <td className="utrecht-table__cell">{formatMoney(l.cents)}</td>
                    <td className="utrecht-table__cell">{l.article}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {a.rekenblad.reasons.map((r) => <Paragraph key={r}>{r}</Paragraph>)}
          {a.rekenblad.notes.map((n) => <Alert key={n} type="info">{n}</Alert>)}
          <Paragraph>Peildatum {formatDate(a.rekenblad.peildatum)}, normperiode {a.rekenblad.normPeriodId}, normtabel {a.rekenblad.tableVersion}.</Paragraph>
        </>
      ) : (
        <Paragraph>Nog geen rekenblad.</Paragraph>
      )}
      {open && mayWrite && a.appliedOn && <ApplicationCalculationForm application={a} />}

      <Heading level={2}>Voorschot</Heading>
      {a.advance ? (
        <Paragraph>{`Voorschot van ${formatMoney(a.advance.cents)} betaald op ${formatDate(a.advance.paidOn)}.`}</Paragraph>
      ) : open && mayWrite && a.appliedOn ? (
        <form aria-label="Voorschot" className="koers-stack koers-narrow-form" onSubmit={(e) => on(e, () => advance.mutate({ path: 'advance', body: { cents: parseMoney(advanceAmount) ?? Number.NaN, paidOn: advancePaidOn } }))} noValidate>
          <TextField label="Bedrag voorschot" description={a.rekenblad ? `ten hoogste ${formatMoney(a.rekenblad.monthlyPaymentCents)}` : 'maak eerst het rekenblad'} value={advanceAmount} onChange={(e) => setAdvanceAmount(e.target.value)} error={errorOf(advance.error, 'cents')} />
          <TextField label="Betaald op" description="jjjj-mm-dd" value={advancePaidOn} onChange={(e) => setAdvancePaidOn(e.target.value)} error={errorOf(advance.error, 'paidOn')} />
          {generalError(advance.error) && <Alert type="error">{generalError(advance.error)}</Alert>}
          <Button type="submit" busy={advance.isPending}>Voorschot vastleggen</Button>
        </form>
      ) : (
        <Paragraph>Geen voorschot.</Paragraph>
      )}

      <Heading level={2}>Besluit</Heading>
      {a.decision.outcome && (
        <DataList
          items={[
            ['Besluit', a.decision.outcome === 'toekenning' ? `Toekenning vanaf ${formatDate(a.decision.grantFrom)}` : 'Afwijzing'],
            ...(a.decision.refusalReason ? [['Reden', a.decision.refusalReason] as [string, string]] : []),
            ...(a.decision.iban ? [['Rekening', `${a.decision.iban} (${a.decision.accountHolder ?? ''})`] as [string, string]] : []),
            ['Voorgesteld door', a.decision.proposedBy ?? '—'],
            ['Besloten door', a.decision.decidedBy ?? '—'],
          ]}
        />
      )}
      {a.decision.status === 'voorgesteld' && can('decisions:approve') && (
        <div className="koers-stack">
          {generalError(approve.error) && <Alert type="error">{generalError(approve.error)}</Alert>}
          <Button busy={approve.isPending} onClick={() => approve.mutate({ path: 'approve' })}>Besluit goedkeuren</Button>
        </div>
      )}
      {(a.decision.status === 'toegekend' || a.decision.status === 'afgewezen') && (
        <Paragraph>
          <a className="utrecht-link" href={`/api/pw/applications/${a.caseId}/letter.html`} target="_blank" rel="noreferrer">Besluitbrief openen</a>
        </Paragraph>
      )}
      {open && mayWrite && a.caseStatus === 'aanvraag' && (
        <form
          aria-label="Besluit"
          className="koers-stack koers-narrow-form"
          onSubmit={(e) => on(e, () => decide.mutate({ path: 'decision', body: outcome === 'toekenning' ? { outcome, grantFrom, iban, accountHolder } : { outcome, refusalReason } }))}
          noValidate
        >
          <SelectField label="Besluit op de aanvraag" value={outcome} onChange={(v) => setOutcome(v as 'toekenning' | 'afwijzing')} options={[{ value: 'toekenning', label: 'Toekennen' }, { value: 'afwijzing', label: 'Afwijzen' }]} error={errorOf(decide.error, 'outcome')} />
          {outcome === 'toekenning' ? (
            <>
              <TextField label="Ingangsdatum" description="jjjj-mm-dd, in de maand van het rekenblad" value={grantFrom} onChange={(e) => setGrantFrom(e.target.value)} error={errorOf(decide.error, 'grantFrom')} />
              <TextField label="IBAN" value={iban} onChange={(e) => setIban(e.target.value)} error={errorOf(decide.error, 'iban')} />
              <TextField label="Rekeninghouder" value={accountHolder} onChange={(e) => setAccountHolder(e.target.value)} error={errorOf(decide.error, 'accountHolder')} />
            </>
          ) : (
            <TextArea label="Reden van de afwijzing" value={refusalReason} onChange={(e) => setRefusalReason(e.target.value)} error={errorOf(decide.error, 'refusalReason')} />
          )}
          {generalError(decide.error) && <Alert type="error">{generalError(decide.error)}</Alert>}
          <Button type="submit" busy={decide.isPending}>Besluit vastleggen</Button>
        </form>
      )}
    </div>
  );
}
