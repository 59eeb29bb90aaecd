import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { ActionPoint, Domain, Me, ReportSummary, SteeringReport } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TextField, TableScroll } from '../../components/ui';
import { actionStatusLabels, domainOptions, euro, lastCompleteMonth, shortMonth } from './insightsApi';
import { InsightsNav } from './InsightsNav';
import { TrafficLightBadge } from './TrafficLightBadge';
import { hasPermission } from '../../session';
import { Difference } from '../finance/financeFormat';
import { ForecastReportSection } from '../participatiewet/ForecastReportSection';

/** The monthly steering conversation: generate the report, explain the budget lines, agree and follow up action points. */
export function SteeringReportPage({ me }: { me: Me }) {
  const [params, setParams] = useSearchParams();
  const [domain, setDomain] = useState<Domain>('wmo');
  const [month, setMonth] = useState(lastCompleteMonth());
  const reportId = params.get('verslag');
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['steering-reports'], queryFn: () => api<ReportSummary[]>('/api/insights/reports') });
  const report = useQuery({ queryKey: ['steering-report', reportId], queryFn: () => api<SteeringReport>(`/api/insights/reports/${reportId}`), enabled: reportId !== null });
  const generate = useMutation({
    mutationFn: () => api<SteeringReport>('/api/insights/reports', { method: 'POST', body: { domain, month } }),
    onSuccess: (r) => {
      client.setQueryData(['steering-report', r.id], r);
      void client.invalidateQueries({ queryKey: ['steering-reports'] });
      setParams({ verslag: r.id });
    },
  });
  const canWrite = hasPermission(me, 'reports:write');
  return (
    <div className="koers-stack">
      <Heading level={1}>Sturingsgesprek</Heading>
      <InsightsNav month={month} permissions={me.permissions} />
      {canWrite && (
        <form
          className="koers-stack"
          onSubmit={(e) => {
            e.preventDefault();
            generate.mutate();
          }}
        >
          <SelectField label="Domein" value={domain} onChange={(v) => setDomain(v as Domain)} options={domainOptions} />
          <TextField label="Maand van het verslag" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
          <p>
            <Button type="submit" busy={generate.isPending}>
              Verslag maken
            </Button>
          </p>
          {generate.isError && <Alert type="error">{generate.error.message}</Alert>}
        </form>
      )}
      {list.data && list.data.length > 0 && (
        <nav aria-label="Eerdere verslagen">
          <Heading level={2}>Verslagen</Heading>
          <ul>
            {list.data.map((r) => (
              <li key={r.id}>
                <a className="utrecht-link" href={`?verslag=${r.id}`} onClick={(e) => { e.preventDefault(); setParams({ verslag: r.id }); }}>
                  {r.domainName} {shortMonth(r.month)}
                </a>
                {r.finalisedAt ? ' (vastgesteld)' : ' (concept)'}
              </li>
            ))}
          </ul>
        </nav>
      )}
      {report.isError && <Alert type="error">{report.error.message}</Alert>}
      {report.data && <ReportView report={report.data} me={me} />}
    </div>
  );
}

function ReportView({ report, me }: { report: SteeringReport; me: Me }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['steering-report', report.id] });
  const open = report.finalisedAt === null;
  const finalise = useMutation({ mutationFn: () => api(`/api/insights/reports/${report.id}/finalise`, { method: 'POST' }), onSuccess: refresh });
  const base = `/api/insights/reports/${report.id}`;
  return (
    <article className="koers-stack" aria-labelledby="verslag-titel">
      <Heading level={2} id="verslag-titel">
        Verslag {report.domainName} {shortMonth(report.month)}
      </Heading>
      <Paragraph>
        Gemaakt door {report.generatedBy}. {report.finalisedAt ? `Vastgesteld door ${report.finalisedBy}: dit verslag verandert niet meer.` : 'Concept: nog niet vastgesteld.'}
      </Paragraph>
      <p className="koers-actions">
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/report.html`} target="_blank" rel="noreferrer">Printbare versie</a>{' '}
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/report.pdf`} download>PDF</a>{' '}
        <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${base}/report.xlsx`} download>Excel</a>
      </p>
      {!report.hasData && <Alert type="info">Voor {report.domainName} zijn nog geen gegevens in Koers.</Alert>}
      <TableScroll label="Kpi's: laatste drie maanden, norm en status">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Kpi's: laatste drie maanden, norm en status</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">Kpi</th>
              {report.months.slice(-3).map((m) => <th key={m} className="utrecht-table__header-cell" scope="col">{shortMonth(m)}</th>)}
              <th className="utrecht-table__header-cell" scope="col">Norm</th>
              <th className="utrecht-table__header-cell" scope="col">Status</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {report.kpis.map((k) => (
              <tr key={`${k.id}-${k.breakdownName}`} className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">{k.breakdownName ? `${k.name} – ${k.breakdownName}` : k.name}</th>
                {k.trend.slice(-3).map((p) => <td key={p.month} className="utrecht-table__cell">{p.display}</td>)}
                <td className="utrecht-table__cell">{k.target ?? '–'}</td>
                <td className="utrecht-table__cell"><TrafficLightBadge status={k.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Heading level={3}>Mini-BRAP {report.month.slice(0, 4)}</Heading>
      <TableScroll label="Mini-BRAP per taakveld">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Per taakveld: budget, gerealiseerd, verplichtingen, prognose jaareinde en afwijking</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Taakveld', 'Budget', 'Gerealiseerd', 'Verplichtingen', 'Prognose', 'Afwijking', 'Toelichting'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {report.brap.map((b) => (
              <tr key={b.code} className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">{b.code} {b.name}</th>
                <td className="utrecht-table__cell">{euro(b.budgetCents)}</td>
                <td className="utrecht-table__cell">{euro(b.realisedCents)}</td>
                <td className="utrecht-table__cell">{euro(b.committedCents)}</td>
                <td className="utrecht-table__cell">{euro(b.forecastCents)}</td>
                <td className="utrecht-table__cell"><Difference cents={b.deviationCents} /></td>
                <td className="utrecht-table__cell">
                  {open && hasPermission(me, 'reports:explain') ? <ExplanationForm reportId={report.id} code={b.code} name={b.name} initial={b.explanation?.text ?? ''} onSaved={refresh} /> : (b.explanation?.text ?? '–')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <ControlFindingsSection report={report} />
      <ForecastReportSection report={report} />
      <ActionPoints report={report} canWrite={open && hasPermission(me, 'reports:write')} onChange={refresh} />
      {open && hasPermission(me, 'reports:write') && (
        <p>
          <Button appearance="secondary-action" busy={finalise.isPending} onClick={() => finalise.mutate()}>
            Verslag vaststellen
          </Button>
        </p>
      )}
      {finalise.isError && <Alert type="error">{finalise.error.message}</Alert>}
    </article>
  );
}

/** "Opvolging controlbevindingen": the control findings of the year by assessment and the open follow-up (aggregates only). */
function ControlFindingsSection({ report }: { report: SteeringReport }) {
  const f = report.controlFindings;
  if (!f) return null;
  return (
    <>
      <Heading level={3}>Opvolging controlbevindingen {f.year}</Heading>
      <TableScroll label="Controlbevindingen per beoordeling">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Bevindingen {f.processName} {f.year} per beoordeling, met hun bedrag (aantallen onder 10 als &lt;10)</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Beoordeling', 'Bevindingen', 'Bedrag'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {f.byAssessment.map((b) => (
              <tr key={b.assessment} className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="row">{b.label}</th>
                <td className="utrecht-table__cell">{b.findings}</td>
                <td className="utrecht-table__cell">{euro(b.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        Open opvolgacties: {f.openActions}; waarvan over de einddatum: {f.overdueActions}.
      </p>
    </>
  );
}

function ExplanationForm({ reportId, code, name, initial, onSaved }: { reportId: string; code: string; name: string; initial: string; onSaved: () => void }) {
  const [text, setText] = useState(initial);
  const save = useMutation({ mutationFn: () => api(`/api/insights/reports/${reportId}/explanations/${code}`, { method: 'PUT', body: { text } }), onSuccess: onSaved });
  return (
    <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <TextField label={`Toelichting ${code} ${name}`} value={text} onChange={(e) => setText(e.target.value)} error={save.isError ? save.error.message : undefined} />
      <Button type="submit" appearance="subtle" busy={save.isPending}>Opslaan</Button>
    </form>
  );
}

function ActionPoints({ report, canWrite, onChange }: { report: SteeringReport; canWrite: boolean; onChange: () => void }) {
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const add = useMutation({
    mutationFn: () => api(`/api/insights/reports/${report.id}/action-points`, { method: 'POST', body: { text, owner } }),
    onSuccess: () => {
      setText('');
      setOwner('');
      onChange();
    },
  });
  const follow = useMutation({
    mutationFn: (input: { id: string; status: ActionPoint['status'] }) => api(`/api/insights/action-points/${input.id}`, { method: 'PATCH', body: { reportId: report.id, status: input.status } }),
    onSuccess: onChange,
  });
  return (
    <section className="koers-stack" aria-labelledby="actiepunten">
      <Heading level={3} id="actiepunten">Actiepunten</Heading>
      {report.actionPoints.length === 0 ? (
        <Paragraph>Geen actiepunten.</Paragraph>
      ) : (
        <TableScroll label="Actiepunten met eigenaar en status">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Actiepunten met eigenaar en status</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Actiepunt', 'Eigenaar', 'Afgesproken', 'Status'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {report.actionPoints.map((a) => (
                <tr key={a.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{a.text}</th>
                  <td className="utrecht-table__cell">{a.owner}</td>
                  <td className="utrecht-table__cell">{shortMonth(a.agreedMonth)}</td>
                  <td className="utrecht-table__cell">
                    {canWrite ? (
                      <SelectField
                        label={`Status van ${a.text}`}
                        value={a.status}
                        onChange={(status) => follow.mutate({ id: a.id, status: status as ActionPoint['status'] })}
                        options={Object.entries(actionStatusLabels).map(([value, label]) => ({ value, label }))}
                      />
                    ) : (
                      actionStatusLabels[a.status]
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {follow.isError && <Alert type="error">{follow.error.message}</Alert>}
      {canWrite && (
        <form className="koers-stack" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
          <TextField label="Nieuw actiepunt" value={text} onChange={(e) => setText(e.target.value)} />
          <TextField label="Eigenaar" value={owner} onChange={(e) => setOwner(e.target.value)} />
          <p><Button type="submit" busy={add.isPending}>Actiepunt toevoegen</Button></p>
          {add.isError && <Alert type="error">{add.error.message}</Alert>}
        </form>
      )}
    </section>
  );
}
