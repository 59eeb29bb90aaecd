// Betaalruns bijstand (issue #11 §2): compute the run for a month that is over, review its totals, the
// blocked benefits with their reason and the lines with their components, approve it (a second team lead
// or finance employee: four eyes) and download its pain.001 file for the bank.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Alert, Button, DataList, Heading, Paragraph, TableScroll, TextField } from '../../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';
import type { PwPaymentRun as PaymentRun, PwPaymentRunDetail as RunDetail, PwPaymentRunList } from '../../api/types';


const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const statusLabel = { berekend: 'Berekend, wacht op goedkeuring', goedgekeurd: 'Goedgekeurd', ingetrokken: 'Ingetrokken' } as const;
const kindLabel = { regulier: 'Bijstand', correctie: 'Correctie', vakantietoeslag: 'Vakantietoeslag' } as const;
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const monthLabel = (period: string) => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;

function lastMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

export function PaymentRunsPage() {
  const me = useMe();
  const client = useQueryClient();
  const runs = useQuery({ queryKey: ['pw-payment-runs'], queryFn: () => api<PwPaymentRunList>('/api/pw/payment-runs') });
  const [period, setPeriod] = useState(lastMonth());
  const [created, setCreated] = useState<PaymentRun | null>(null);
  const compute = useMutation({
    mutationFn: () => api<RunDetail>('/api/pw/payment-runs', { method: 'POST', body: { period } }),
    onSuccess: async (detail) => {
      setCreated(detail.run);
      await client.invalidateQueries({ queryKey: ['pw-payment-runs'] });
    },
  });
  const fieldError = compute.error instanceof ApiError ? compute.error.fields?.find((f) => f.field === 'period')?.message : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    compute.mutate();
  };
  return (
    <div className="koers-stack">
      <Heading level={1}>Betaalruns bijstand</Heading>
      <Paragraph>
        De bijstand over een maand wordt achteraf betaald, in de betaalrun voor die maand. Een run wordt berekend, door een tweede medewerker gecontroleerd en goedgekeurd, en levert dan het betaalbestand
        (SEPA) voor de bank. Een tweede run voor dezelfde maand betaalt alleen nog correcties.
      </Paragraph>
      {hasPermission(me.data, 'pw_payments:run') && (
        <form onSubmit={submit} className="koers-stack" noValidate>
          <Heading level={2}>Nieuwe betaalrun</Heading>
          <TextField label="Maand (jjjj-mm)" name="period" value={period} onChange={(e) => setPeriod(e.target.value)} error={fieldError} />
          <div>
            <Button type="submit" busy={compute.isPending}>
              Betaalrun berekenen
            </Button>
          </div>
          {compute.isError && !fieldError && <Alert type="error">{compute.error.message}</Alert>}
          {created && (
            <Alert type="ok">
              Betaalrun <Link to={`/inkomen/betaalruns/${created.id}`}>{created.reference}</Link> is berekend: {created.paymentsCount} betalingen, {formatMoney(created.totalCents)}.
            </Alert>
          )}
        </form>
      )}
      {runs.isError && <Alert type="error">{runs.error.message}</Alert>}
      <TableScroll label="Betaalruns">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Betaalruns, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Run</th>
              <th className={th} scope="col">Maand</th>
              <th className={th} scope="col">Status</th>
              <th className={th} scope="col">Betalingen</th>
              <th className={th} scope="col">Geblokkeerd</th>
              <th className={th} scope="col">Totaal</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(runs.data?.runs ?? []).map((r) => (
              <tr className="utrecht-table__row" key={r.id}>
                <td className={td}>
                  <Link to={`/inkomen/betaalruns/${r.id}`}>{r.reference}</Link>
                </td>
                <td className={td}>{monthLabel(r.period)}</td>
                <td className={td}>{statusLabel[r.status]}</td>
                <td className={td}>{r.paymentsCount}</td>
                <td className={td}>{r.blockedCount}</td>
                <td className={td}>{formatMoney(r.totalCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

export function PaymentRunPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const [status, setStatus] = useState<'geblokkeerd' | 'betalen'>('geblokkeerd');
  const detail = useQuery({ queryKey: ['pw-payment-run', id, status], queryFn: () => api<RunDetail>(`/api/pw/payment-runs/${id}?status=${status}&limit=200`) });
  const refresh = () => client.invalidateQueries({ queryKey: ['pw-payment-run', id] }).then(() => client.invalidateQueries({ queryKey: ['pw-payment-runs'] }));
  const approve = useMutation({ mutationFn: () => api<RunDetail>(`/api/pw/payment-runs/${id}/approve`, { method: 'POST' }), onSuccess: refresh });
  const withdraw = useMutation({ mutationFn: () => api<RunDetail>(`/api/pw/payment-runs/${id}/withdraw`, { method: 'POST' }), onSuccess: refresh });
  const run = detail.data?.run;
  const ownRun = detail.data?.computedByYou === true;
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/inkomen/betaalruns">Alle betaalruns</Link>
      </Paragraph>
      {detail.isError && <Alert type="error">{detail.error.message}</Alert>}
      {run && (
        <>
          <Heading level={1}>
            Betaalrun {run.reference}: bijstand {monthLabel(run.period)}
          </Heading>
          <DataList
            items={[
              ['Status', statusLabel[run.status]],
              ['Berekend', `${formatDateTime(run.computedAt)}${run.computedBy ? ` door ${run.computedBy}` : ''}`],
              ['Goedgekeurd', run.approvedAt ? `${formatDateTime(run.approvedAt)}${run.approvedBy ? ` door ${run.approvedBy}` : ''}` : 'nog niet'],
              ['Uitvoerdatum bank', run.executionDate ? formatDate(run.executionDate) : 'bij goedkeuring'],
              ['Aantal betalingen', String(run.paymentsCount)],
              ['Geblokkeerde uitkeringen', String(run.blockedCount)],
              ['Bijstand', formatMoney(run.bijstandCents)],
              ['Gereserveerde vakantietoeslag', formatMoney(run.vtReserveCents)],
              ['Uitbetaalde vakantietoeslag', formatMoney(run.vtPaidCents)],
              ['Verrekend met vorderingen', formatMoney(run.instalmentsCents)],
              ['Totaal naar de bank', formatMoney(run.totalCents)],
            ]}
          />
          {run.status === 'berekend' && hasPermission(me.data, 'pw_payments:approve') && (
            <div className="koers-stack">
              {ownRun ? (
                <Alert type="info">U heeft deze run zelf berekend. Een andere teamleider of financieel medewerker keurt hem goed (vier ogen).</Alert>
              ) : (
                <div>
                  <Button type="button" onClick={() => approve.mutate()} busy={approve.isPending}>
                    Betaalrun goedkeuren
                  </Button>
                </div>
              )}
              {approve.isError && <Alert type="error">{approve.error.message}</Alert>}
            </div>
          )}
          {run.status === 'berekend' && hasPermission(me.data, 'pw_payments:run') && (
            <div>
              <Button type="button" appearance="secondary-action" onClick={() => withdraw.mutate()} busy={withdraw.isPending}>
                Run intrekken
              </Button>
              {withdraw.isError && <Alert type="error">{withdraw.error.message}</Alert>}
            </div>
          )}
          {run.status === 'goedgekeurd' && run.hasFile && hasPermission(me.data, 'pw_payments:approve') && (
            <Paragraph>
              <a href={`/api/pw/payment-runs/${run.id}/pain.001.xml`} download={`${run.reference}.xml`}>
                Betaalbestand downloaden (pain.001)
              </a>{' '}
              (SHA-256 {run.fileSha256?.slice(0, 16)}…)
            </Paragraph>
          )}
          <Heading level={2}>Regels</Heading>
          <div className="koers-cluster">
            <Button type="button" appearance={status === 'geblokkeerd' ? 'primary-action' : 'secondary-action'} onClick={() => setStatus('geblokkeerd')}>
              Geblokkeerd
            </Button>
            <Button type="button" appearance={status === 'betalen' ? 'primary-action' : 'secondary-action'} onClick={() => setStatus('betalen')}>
              Te betalen
            </Button>
          </div>
          <TableScroll label="Regels van de betaalrun">
            <table className="utrecht-table utrecht-table--html-table">
              <caption>
                {status === 'geblokkeerd' ? 'Geblokkeerde uitkeringen met de reden' : 'Betalingen met hun onderdelen'} ({detail.data?.lineCount ?? 0}
                {detail.data && detail.data.lineCount > detail.data.lines.length ? `, de eerste ${detail.data.lines.length} getoond` : ''})
              </caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className={th} scope="col">Uitkering</th>
                  <th className={th} scope="col">Inwoner</th>
                  <th className={th} scope="col">Soort</th>
                  <th className={th} scope="col">Bijstand</th>
                  <th className={th} scope="col">Inkomsten verrekend</th>
                  <th className={th} scope="col">Reservering VT</th>
                  <th className={th} scope="col">Aflossing</th>
                  <th className={th} scope="col">Bedrag</th>
                  <th className={th} scope="col">{status === 'geblokkeerd' ? 'Reden' : 'IBAN'}</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {(detail.data?.lines ?? []).map((l) => (
                  <tr className="utrecht-table__row" key={`${l.benefitId}-${l.kind}`}>
                    <td className={td}>{l.benefitReference}</td>
                    <td className={td}>
                      <Link to={`/inwoners/${l.residentId}`}>{l.residentName}</Link>
                    </td>
                    <td className={td}>{kindLabel[l.kind]}</td>
                    <td className={td}>{formatMoney(l.bijstandCents)}</td>
                    <td className={td}>{formatMoney(l.offsetCents)}</td>
                    <td className={td}>{formatMoney(l.vtReserveCents)}</td>
                    <td className={td}>{formatMoney(l.instalmentsCents)}</td>
                    <td className={td}>{formatMoney(l.cents)}</td>
                    <td className={td}>{status === 'geblokkeerd' ? l.blockReason : l.iban}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}
