import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Alert, Button, Heading, Paragraph, SelectField, SimpleTable, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney } from '../../format';
import { useCan } from '../../session';
import type { PwIncomeKind as IncomeKind, PwStatementOutcome as Outcome, PwStatements as Statements } from '../../api/types';

interface Row {
  kind: string;
  person: string;
  amount: string;
}

const monthLabel = (period: string) => new Intl.DateTimeFormat('nl-NL', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${period}T00:00:00Z`));

/** The income statements (inkomstenopgaven) of one benefit, and the form to enter the one of a month. */
export function IncomeStatementPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ['pw-statements', id], queryFn: () => api<Statements>(`/api/pw/benefits/${id}/income-statements`) });
  const kinds = useQuery({ queryKey: ['pw-income-kinds'], queryFn: () => api<IncomeKind[]>('/api/pw/income-kinds') });
  const [month, setMonth] = useState('');
  const [rows, setRows] = useState<Row[]>([{ kind: 'arbeid', person: 'aanvrager', amount: '' }]);
  const [amountErrors, setAmountErrors] = useState<Record<number, string>>({});
  const enter = useMutation({
    mutationFn: (body: object) => api<Outcome>(`/api/pw/benefits/${id}/income-statements`, { method: 'POST', body }),
    onSuccess: () => {
      setRows([{ kind: 'arbeid', person: 'aanvrager', amount: '' }]);
      void queryClient.invalidateQueries({ queryKey: ['pw-statements', id] });
    },
  });
  const confirm = useMutation({
    mutationFn: (submissionId: string) => api<Outcome>(`/api/pw/benefits/${id}/income-submissions/${submissionId}/confirm`, { method: 'POST', body: {} }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['pw-statements', id] }),
  });
  const fieldError = (field: string) => (enter.error instanceof ApiError ? enter.error.fields.find((f) => f.field === field)?.message : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<number, string> = {};
    const items = rows
      .filter((r) => r.amount.trim() !== '')
      .map((r, i) => {
        const cents = parseMoney(r.amount);
        if (cents === null) errors[i] = 'Vul een bedrag in euro in, bijvoorbeeld 250,00.';
        return { kind: r.kind, person: r.person, cents: cents ?? 0 };
      });
    setAmountErrors(errors);
    if (Object.keys(errors).length > 0) return;
    enter.mutate({ period: month ? `${month}-01` : '', items });
  };

  if (data.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (data.isError) return <Alert type="error">{data.error.message}</Alert>;
  const b = data.data.benefit;
  const kindOptions = (kinds.data ?? []).map((k) => ({ value: k.kind, label: k.label }));
  return (
    <div className="koers-stack">
      <Heading level={1}>Inkomstenopgaven {b.reference}</Heading>
      <Paragraph>
        <Link className="utrecht-link" to={`/inwoners/${b.residentId}`}>Naar het dossier van de inwoner</Link> ·{' '}
        <Link className="utrecht-link" to={`/inkomen/uitkeringen/${b.id}/heronderzoek`}>Heronderzoek</Link>
      </Paragraph>
      <Paragraph>
        Uitkering vanaf {formatDate(b.startDate)}
        {b.endDate ? ` tot en met ${formatDate(b.endDate)}` : ''}; laatst berekend {formatMoney(b.monthlyCents)} per maand.
      </Paragraph>
      {can('pw:write') && (
        <form onSubmit={submit} noValidate className="koers-stack">
          <Heading level={2}>Inkomstenopgave vastleggen</Heading>
          <TextField label="Maand" type="month" value={month} onChange={(e) => setMonth(e.target.value)} error={fieldError('period')} description="De maand waarover de inwoner inkomsten opgeeft." />
          {rows.map((r, i) => (
            <fieldset key={i} className="koers-stack">
              <legend>Inkomstenpost {i + 1}</legend>
              <SelectField label={`Soort inkomen (post ${i + 1})`} value={r.kind} onChange={(v) => setRows(rows.map((x, j) => (j === i ? { ...x, kind: v } : x)))} options={kindOptions} error={fieldError(`items[${i}].kind`)} />
              <SelectField
                label={`Van wie (post ${i + 1})`}
                value={r.person}
                onChange={(v) => setRows(rows.map((x, j) => (j === i ? { ...x, person: v } : x)))}
                options={[
                  { value: 'aanvrager', label: 'Aanvrager' },
                  { value: 'partner', label: 'Partner' },
                ]}
                error={fieldError(`items[${i}].person`)}
              />
              <TextField label={`Bedrag netto per maand (post ${i + 1})`} inputMode="decimal" value={r.amount} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))} error={amountErrors[i] ?? fieldError(`items[${i}].cents`)} />
            </fieldset>
          ))}
          <div>
            <Button appearance="secondary-action" onClick={() => setRows([...rows, { kind: 'arbeid', person: 'aanvrager', amount: '' }])}>
              Nog een inkomstenpost
            </Button>{' '}
            <Button type="submit" busy={enter.isPending}>
              Opgave vastleggen
            </Button>
          </div>
          {enter.isError && !(enter.error instanceof ApiError && enter.error.fields.length > 0) && <Alert type="error">{enter.error.message}</Alert>}
          {enter.data && (
            <Alert type={enter.data.draftClaim ? 'warning' : 'ok'}>
              Opgave over {monthLabel(enter.data.period)} vastgelegd: te verrekenen inkomen {formatMoney(enter.data.offsetCents)}, recht {formatMoney(enter.data.dueNetCents)}.
              {enter.data.draftClaim && (
                <>
                  {' '}
                  Die maand is al betaald ({formatMoney(enter.data.paidCents ?? 0)}): er is {formatMoney(enter.data.draftClaim.cents)} te veel betaald.{' '}
                  <Link className="utrecht-link" to={`/inkomen/vorderingen/${enter.data.draftClaim.id}`}>
                    Conceptvordering {enter.data.draftClaim.reference}
                  </Link>
                </>
              )}
              {enter.data.correctionCents > 0 && ` Er is ${formatMoney(enter.data.correctionCents)} te weinig betaald; de volgende correctierun betaalt dat.`}
            </Alert>
          )}
        </form>
      )}
      {data.data.submissions.length > 0 && (
        <section className="koers-stack" aria-labelledby="door-inwoner">
          <Heading level={2} id="door-inwoner">
            Door inwoner doorgegeven
          </Heading>
          <Paragraph>Wat de inwoner zelf in Mijn gemeente doorgaf. Het telt pas mee voor de betaling als u het na controle bevestigt.</Paragraph>
          {confirm.isError && <Alert type="error">{confirm.error.message}</Alert>}
          <SimpleTable
            label="Door inwoner doorgegeven inkomsten, nieuwste maand eerst"
            headers={['Maand', 'Doorgegeven', 'Inkomsten (netto)', 'Documenten', 'Stand']}
            rows={data.data.submissions.map((s) => ({
              key: s.id,
              cells: [
                <>
                  {monthLabel(s.period)} <strong>(door inwoner doorgegeven)</strong>
                </>,
                formatDate(s.submittedAt.slice(0, 10)),
                s.hadIncome ? s.items.map((i) => `${i.label}${i.person === 'partner' ? ' (partner)' : ''}: ${formatMoney(i.netCents)}${i.grossCents !== null ? ` (bruto ${formatMoney(i.grossCents)})` : ''}`).join('; ') : 'Geen inkomsten',
                s.documents.length === 0
                  ? '—'
                  : s.documents.map((d) => (
                      <a key={d.id} className="utrecht-link" href={`/api/uploads/${d.id}`} download>
                        {d.fileName}
                      </a>
                    )),
                s.status === 'verwerkt' ? (
                  `Bevestigd door ${s.processedBy ?? 'onbekend'}`
                ) : can('pw:write') ? (
                  <Button busy={confirm.isPending && confirm.variables === s.id} onClick={() => confirm.mutate(s.id)}>
                    Bevestigen<span className="koers-visually-hidden"> opgave {monthLabel(s.period)}</span>
                  </Button>
                ) : (
                  'Wacht op bevestiging'
                ),
              ],
            }))}
          />
          {confirm.data && (
            <Alert type={confirm.data.draftClaim ? 'warning' : 'ok'}>
              Opgave over {monthLabel(confirm.data.period)} bevestigd: te verrekenen inkomen {formatMoney(confirm.data.offsetCents)}, recht {formatMoney(confirm.data.dueNetCents)}.
              {confirm.data.draftClaim && ` Die maand is al betaald: er is ${formatMoney(confirm.data.draftClaim.cents)} te veel betaald (conceptvordering ${confirm.data.draftClaim.reference}).`}
            </Alert>
          )}
        </section>
      )}
      <Heading level={2}>Opgaven</Heading>
      {data.data.statements.length === 0 ? (
        <Paragraph>Nog geen inkomstenopgaven.</Paragraph>
      ) : (
        <SimpleTable
          label="Inkomstenopgaven, nieuwste maand eerst"
          headers={['Maand', 'Ontvangen', 'Inkomsten', 'Te verrekenen', 'Vastgelegd door']}
          rows={data.data.statements.map((s) => ({ key: s.period, cells: [monthLabel(s.period), formatDate(s.receivedOn), formatMoney(s.incomeCents), formatMoney(s.offsetCents), s.source === 'inwoner' ? `Door inwoner doorgegeven${s.enteredBy ? `, bevestigd door ${s.enteredBy}` : ''}` : (s.enteredBy ?? 'Overgenomen')] }))}
        />
      )}
    </div>
  );
}
