// BUIG-prognose (financieel model Participatiewet): the monthly figures of the benefits and payments,
// the forecast of the year's spending against the BUIG budget, a scenario (inflow and outflow changed
// by a percentage) and saving it with the steering report. Aggregates only: counts below 10 show "<10".

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { BuigBudget, BuigForecastView, Me, SavedForecastScenario } from '../../api/types';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { formatMoney, parseMoney } from '../../format';
import { hasPermission } from '../../session';
import { lastCompleteMonth, shortMonth } from '../insights/insightsApi';

const euro = (cents: number | null) => (cents === null ? '–' : formatMoney(cents, { whole: true }));
const count = (n: number | null) => (n === null ? '<10' : new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(n));
const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.fields.find((f) => f.field === field)?.message : undefined);

/** '10', '-5', '2,5' → a number; anything else is sent as typed, so the API answers with its Dutch message. */
function percentValue(text: string): number | string {
  const n = Number(text.trim().replace(',', '.').replace('%', ''));
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function ForecastPage({ me }: { me: Me }) {
  const [inflow, setInflow] = useState('0');
  const [outflow, setOutflow] = useState('0');
  const [year, setYear] = useState('');
  const [scenario, setScenario] = useState({ year: '', inflow: '0', outflow: '0' });
  const query = `${scenario.year ? `year=${encodeURIComponent(scenario.year)}&` : ''}inflowPercent=${encodeURIComponent(scenario.inflow.replace(',', '.'))}&outflowPercent=${encodeURIComponent(scenario.outflow.replace(',', '.'))}`;
  const forecast = useQuery({ queryKey: ['pw-forecast', query], queryFn: () => api<BuigForecastView>(`/api/pw/forecast?${query}`), retry: false });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setScenario({ year: year.trim(), inflow: inflow.trim() || '0', outflow: outflow.trim() || '0' });
  };
  const data = forecast.data;
  return (
    <div className="koers-stack">
      <Heading level={1}>BUIG-prognose Participatiewet</Heading>
      <Paragraph>
        De uitkeringen en betalingen per maand, en de verwachte lasten van het jaar tegenover het BUIG-budget. Met een scenario ziet u wat een hogere of lagere instroom of uitstroom betekent voor het saldo aan
        het eind van het jaar. <Link className="utrecht-link" to="/stuurinformatie/sturingsgesprek">Naar het sturingsgesprek</Link>.
      </Paragraph>
      <form className="koers-stack" onSubmit={submit} aria-label="Scenario">
        <Heading level={2}>Scenario</Heading>
        <TextField label="Jaar" description="Leeg: het jaar van de laatste volledige maand." inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={fieldError(forecast.error, 'year')} />
        <TextField label="Instroom (%)" description="Bijvoorbeeld 10 voor 10 % meer nieuwe uitkeringen per maand, of -5." inputMode="decimal" value={inflow} onChange={(e) => setInflow(e.target.value)} error={fieldError(forecast.error, 'inflowPercent')} />
        <TextField label="Uitstroom (%)" description="Bijvoorbeeld 10 voor een 10 % hogere kans per maand dat een uitkering eindigt." inputMode="decimal" value={outflow} onChange={(e) => setOutflow(e.target.value)} error={fieldError(forecast.error, 'outflowPercent')} />
        <p>
          <Button type="submit" busy={forecast.isFetching}>Doorrekenen</Button>
        </p>
      </form>
      {forecast.isError && <Alert type="error">{forecast.error.message}</Alert>}
      {data && <Outcome data={data} />}
      {data && hasPermission(me, 'reports:write') && <SaveScenario inflow={percentValue(scenario.inflow)} outflow={percentValue(scenario.outflow)} />}
      {data && <Months data={data} />}
      {hasPermission(me, 'insights:targets') && <BudgetForm year={data?.year ?? Number(lastCompleteMonth().slice(0, 4))} />}
    </div>
  );
}

function Outcome({ data }: { data: BuigForecastView }) {
  const f = data.forecast;
  const b = data.baseline;
  const scenarioText = `instroom ${f.scenario.inflowPercent > 0 ? '+' : ''}${f.scenario.inflowPercent} %, uitstroom ${f.scenario.outflowPercent > 0 ? '+' : ''}${f.scenario.outflowPercent} %`;
  return (
    <section className="koers-stack" aria-labelledby="uitkomst">
      <Heading level={2} id="uitkomst">Uitkomst {data.year}</Heading>
      <DataList
        items={[
          ['BUIG-budget', data.budget ? `${euro(data.budget.budgetCents)} (${data.budget.stageLabel.toLowerCase()})` : 'Nog niet vastgelegd'],
          ['Werkelijk', `${euro(f.actualCents)} tot en met ${f.lastActualMonth.slice(0, 4) === String(data.year) ? shortMonth(f.lastActualMonth.slice(0, 7)) : 'nog geen maand van dit jaar'}`],
          ['Rekenbasis', `${count(f.rates.inflowPerMonth)} nieuwe uitkeringen per maand, ${(f.rates.outflowRate * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} % van de lopende uitkeringen eindigt per maand (uit ${f.rates.basisMonths} maanden)`],
        ]}
      />
      <TableScroll label="Jaareinde zonder en met scenario">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Jaareinde {data.year}: zonder scenario en met {scenarioText}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">Bedrag</th>
              <th className="utrecht-table__header-cell" scope="col">Zonder scenario</th>
              <th className="utrecht-table__header-cell" scope="col">Met scenario</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">Verwachte lasten jaar</th>
              <td className="utrecht-table__cell">{euro(b.yearTotalCents)}</td>
              <td className="utrecht-table__cell">{euro(f.yearTotalCents)}</td>
            </tr>
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">Saldo jaareinde</th>
              <td className="utrecht-table__cell">{euro(b.balanceCents)}</td>
              <td className="utrecht-table__cell" data-testid="saldo-scenario">{euro(f.balanceCents)}</td>
            </tr>
          </tbody>
        </table>
      </TableScroll>
      <Paragraph>Saldo = BUIG-budget min verwachte lasten: positief is een overschot, negatief een tekort.</Paragraph>
    </section>
  );
}

function SaveScenario({ inflow, outflow }: { inflow: number | string; outflow: number | string }) {
  const client = useQueryClient();
  const [month, setMonth] = useState(lastCompleteMonth());
  const [name, setName] = useState('');
  const save = useMutation({
    mutationFn: () => api<SavedForecastScenario>('/api/pw/forecast/scenarios', { method: 'POST', body: { month, name, inflowPercent: inflow, outflowPercent: outflow } }),
    onSuccess: () => {
      setName('');
      void client.invalidateQueries({ queryKey: ['steering-report'] });
    },
  });
  return (
    <form
      className="koers-stack"
      aria-label="Scenario bewaren"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Heading level={2}>Scenario bewaren bij het sturingsgesprek</Heading>
      <TextField label="Naam van het scenario" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(save.error, 'name')} />
      <TextField label="Maand van het sturingsverslag" type="month" value={month} onChange={(e) => setMonth(e.target.value)} error={fieldError(save.error, 'month')} />
      <p>
        <Button type="submit" busy={save.isPending}>Scenario bewaren</Button>
      </p>
      {save.isError && <Alert type="error">{save.error.message}{fieldError(save.error, 'inflowPercent') ? ` ${fieldError(save.error, 'inflowPercent')}` : ''}{fieldError(save.error, 'outflowPercent') ? ` ${fieldError(save.error, 'outflowPercent')}` : ''}</Alert>}
      {save.isSuccess && <Alert type="ok">Scenario “{save.data.name}” is bewaard bij het sturingsverslag van {shortMonth(save.data.month)}.</Alert>}
    </form>
  );
}

function Months({ data }: { data: BuigForecastView }) {
  const actual = new Map(data.months.map((m) => [m.month, m]));
  return (
    <section className="koers-stack" aria-labelledby="per-maand">
      <Heading level={2} id="per-maand">Per maand</Heading>
      <TableScroll label="Uitkeringen en lasten per maand">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Per maand {data.year}: werkelijk tot en met de laatste betaalde maand, daarna prognose (met het scenario)</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Maand', 'Soort', 'Lopend eind maand', 'Instroom', 'Uitstroom', 'Met inkomsten', 'Gemiddelde betaling', 'Teruggevorderd', 'Lasten', 'Lasten tot en met maand'].map((h) => (
                <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {data.forecast.months.map((m) => {
              const a = actual.get(m.month);
              return (
                <tr key={m.month} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{shortMonth(m.month.slice(0, 7))}</th>
                  <td className="utrecht-table__cell">{m.kind === 'actual' ? 'werkelijk' : 'prognose'}</td>
                  <td className="utrecht-table__cell">{count(m.stock)}</td>
                  <td className="utrecht-table__cell">{count(m.inflow)}</td>
                  <td className="utrecht-table__cell">{count(m.outflow)}</td>
                  <td className="utrecht-table__cell">{m.kind === 'actual' && a ? count(a.withIncome) : '–'}</td>
                  <td className="utrecht-table__cell">{m.averagePaymentCents === null ? '–' : formatMoney(m.averagePaymentCents)}</td>
                  <td className="utrecht-table__cell">{m.kind === 'actual' && a ? euro(a.recoveredCents) : '–'}</td>
                  <td className="utrecht-table__cell">{euro(m.spendingCents)}</td>
                  <td className="utrecht-table__cell">{euro(m.cumulativeCents)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

const stageOptions = [
  { value: 'voorlopig', label: 'Voorlopig budget (najaar jaar ervoor)' },
  { value: 'nader-voorlopig', label: 'Nader voorlopig budget (voorjaar)' },
  { value: 'definitief', label: 'Definitief budget (najaar)' },
  { value: 'eigen-raming', label: 'Eigen raming gemeente' },
];

function BudgetForm({ year: initialYear }: { year: number }) {
  const client = useQueryClient();
  const [year, setYear] = useState(String(initialYear));
  const [amount, setAmount] = useState('');
  const [stage, setStage] = useState('voorlopig');
  const [note, setNote] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const budgets = useQuery({ queryKey: ['buig-budgets'], queryFn: () => api<BuigBudget[]>('/api/pw/buig-budgets') });
  const save = useMutation({
    mutationFn: (cents: number) => api<BuigBudget>('/api/pw/buig-budgets', { method: 'POST', body: { year: Number(year), budgetCents: cents, stage, note } }),
    onSuccess: () => {
      setAmount('');
      setNote('');
      void client.invalidateQueries({ queryKey: ['buig-budgets'] });
      void client.invalidateQueries({ queryKey: ['pw-forecast'] });
    },
  });
  return (
    <form
      className="koers-stack"
      aria-label="BUIG-budget"
      onSubmit={(e) => {
        e.preventDefault();
        const cents = parseMoney(amount);
        setAmountError(cents === null ? 'Vul het BUIG-budget in euro’s in, bijvoorbeeld 12.500.000.' : undefined);
        if (cents !== null) save.mutate(cents);
      }}
    >
      <Heading level={2}>BUIG-budget vastleggen</Heading>
      <Paragraph>Het bedrag uit de beschikking van SZW (voorlopig, nader voorlopig of definitief) of een eigen raming. Een nieuw bedrag vervangt het vorige voor dat jaar; de geschiedenis blijft bewaard.</Paragraph>
      <TextField label="Jaar" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={fieldError(save.error, 'year')} />
      <TextField label="BUIG-budget (euro)" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={amountError ?? fieldError(save.error, 'budgetCents')} />
      <SelectField label="Soort bedrag" value={stage} onChange={setStage} options={stageOptions} error={fieldError(save.error, 'stage')} />
      <TextField label="Toelichting" description="Bijvoorbeeld de brief of beschikking waar het bedrag uit komt." value={note} onChange={(e) => setNote(e.target.value)} error={fieldError(save.error, 'note')} />
      <p>
        <Button type="submit" busy={save.isPending}>BUIG-budget vastleggen</Button>
      </p>
      {save.isError && <Alert type="error">{save.error.message}</Alert>}
      {budgets.data && budgets.data.length > 0 && (
        <DataList items={budgets.data.map((b): [string, string] => [`${b.year}, ${new Date(b.recordedAt).toLocaleString("nl-NL")}`, `${euro(b.budgetCents)} – ${b.stageLabel}: ${b.note} (${b.recordedBy})`])} />
      )}
    </form>
  );
}
