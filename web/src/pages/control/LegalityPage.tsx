// Rechtmatigheid (issue #13 §4): the legality statement of a book year. The controller sets the council's
// verantwoordingsgrens and reporting tolerance, reads per law the expenditure, errors and uncertainties
// against the grens, downloads the report (PDF, Excel, HTML), stores a version and signs it off.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { LegalityOverview, LegalityStatementVersion, LegalityYear } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TableScroll, TextField } from '../../components/ui';
import { formatDateTime, formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const lastYear = String(new Date().getFullYear() - 1);
const number = (text: string) => Number(text.trim().replace(/\./g, '').replace(',', '.'));
const decimal = (text: string) => Number(text.trim().replace(',', '.'));

function YearForm({ year, current }: { year: string; current: LegalityYear | undefined }) {
  const client = useQueryClient();
  const [pct, setPct] = useState('');
  const [tolerance, setTolerance] = useState('');
  const [source, setSource] = useState('');
  useEffect(() => {
    setPct(current ? String(current.thresholdPct).replace('.', ',') : '');
    setTolerance(current ? String(current.reportingToleranceCents / 100).replace('.', ',') : '');
    setSource(current?.source ?? '');
  }, [current]);
  const save = useMutation({
    mutationFn: () => {
      const euros = number(tolerance);
      return api<LegalityYear>(`/api/control/legality/years/${encodeURIComponent(year)}`, {
        method: 'PUT',
        body: { thresholdPct: pct.trim() === '' ? undefined : decimal(pct), reportingToleranceCents: tolerance.trim() === '' || Number.isNaN(euros) ? undefined : Math.round(euros * 100), source },
      });
    },
    onSuccess: async () => client.invalidateQueries({ queryKey: ['legality'] }),
  });
  const fields = save.error instanceof ApiError ? (save.error.fields ?? []) : [];
  const errorOf = (field: string) => fields.find((f) => f.field === field)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" noValidate aria-label={`Verantwoordingsgrens ${year}`}>
      <Heading level={2}>Verantwoordingsgrens {year}</Heading>
      <Paragraph>De raad stelt de verantwoordingsgrens vast als percentage van de totale lasten (ten hoogste 3 %). Bevindingen vanaf de rapporteringstolerantie worden afzonderlijk toegelicht.</Paragraph>
      {fields.length > 0 && (
        <Alert type="error">
          <Paragraph>Controleer de invoer:</Paragraph>
          <ul>
            {fields.map((f) => (
              <li key={f.field}>{f.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      <TextField label="Verantwoordingsgrens (% van de lasten)" description="Bijvoorbeeld 1 of 0,5" name="thresholdPct" inputMode="decimal" value={pct} onChange={(e) => setPct(e.target.value)} error={errorOf('thresholdPct')} />
      <TextField label="Rapporteringstolerantie (euro)" description="Bevindingen vanaf dit bedrag worden afzonderlijk toegelicht" name="reportingTolerance" inputMode="decimal" value={tolerance} onChange={(e) => setTolerance(e.target.value)} error={errorOf('reportingToleranceCents')} />
      <TextField label="Bron" description="Bijvoorbeeld het raadsbesluit of de kadernota" name="source" value={source} onChange={(e) => setSource(e.target.value)} error={errorOf('source')} />
      <div>
        <Button type="submit" busy={save.isPending}>
          Vastleggen
        </Button>
      </div>
      {save.isError && fields.length === 0 && <Alert type="error">{save.error.message}</Alert>}
      {save.isSuccess && <Alert type="ok">De verantwoordingsgrens voor {year} is vastgelegd.</Alert>}
    </form>
  );
}

function Versions({ year, versions, canWrite }: { year: string; versions: LegalityStatementVersion[]; canWrite: boolean }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['legality'] });
  const store = useMutation({ mutationFn: () => api<LegalityStatementVersion>(`/api/control/legality/${year}/statements`, { method: 'POST' }), onSuccess: refresh });
  const signOff = useMutation({ mutationFn: (version: number) => api<LegalityStatementVersion>(`/api/control/legality/${year}/statements/${version}/sign-off`, { method: 'POST' }), onSuccess: refresh });
  return (
    <section className="koers-stack" aria-labelledby="versies">
      <Heading level={2} id="versies">
        Opgeslagen versies
      </Heading>
      <Paragraph>Een opgeslagen versie legt de verantwoording vast zoals ze nu is berekend (met een vingerafdruk). Opnieuw opslaan geeft een nieuwe versie; een eerdere versie blijft ongewijzigd.</Paragraph>
      {canWrite && (
        <div>
          <Button type="button" busy={store.isPending} onClick={() => store.mutate()}>
            Versie opslaan
          </Button>
        </div>
      )}
      {store.isError && <Alert type="error">{store.error.message}</Alert>}
      {store.isSuccess && <Alert type="ok">Versie {store.data.version} is opgeslagen.</Alert>}
      {signOff.isError && <Alert type="error">{signOff.error.message}</Alert>}
      {signOff.isSuccess && <Alert type="ok">Versie {signOff.data.version} is afgetekend.</Alert>}
      {versions.length === 0 ? (
        <Paragraph>Er is nog geen versie opgeslagen.</Paragraph>
      ) : (
        <TableScroll label="Opgeslagen versies">
          <table className="utrecht-table utrecht-table--html-table">
            <caption>Opgeslagen versies van de verantwoording {year}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className={th} scope="col">Versie</th>
                <th className={th} scope="col">Opgeslagen</th>
                <th className={th} scope="col">Vingerafdruk (sha256)</th>
                <th className={th} scope="col">Afgetekend</th>
                <th className={th} scope="col">Downloaden</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {versions.map((v) => (
                <tr className="utrecht-table__row" key={v.version}>
                  <th className={th} scope="row">
                    {v.version}
                  </th>
                  <td className={td}>
                    {formatDateTime(v.createdAt)} door {v.createdBy}
                  </td>
                  <td className={td}>
                    <code>{v.contentSha256.slice(0, 16)}…</code>
                  </td>
                  <td className={td}>
                    {v.signedOffAt ? (
                      `${formatDateTime(v.signedOffAt)} door ${v.signedOffBy ?? ''}`
                    ) : canWrite ? (
                      <Button type="button" busy={signOff.isPending && signOff.variables === v.version} onClick={() => signOff.mutate(v.version)}>
                        Versie {v.version} aftekenen
                      </Button>
                    ) : (
                      'nee'
                    )}
                  </td>
                  <td className={td}>
                    <a className="utrecht-link" href={`/api/control/legality/${year}/report.pdf?version=${v.version}`} download>
                      PDF
                    </a>{' '}
                    <a className="utrecht-link" href={`/api/control/legality/${year}/report.xlsx?version=${v.version}`} download>
                      Excel
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

export function LegalityPage() {
  const me = useMe();
  const canWrite = hasPermission(me.data, 'controls:write');
  const [input, setInput] = useState(lastYear);
  const [year, setYear] = useState(lastYear);
  const valid = /^\d{4}$/.test(year);
  const settings = useQuery({ queryKey: ['legality', 'year', year], queryFn: () => api<LegalityYear>(`/api/control/legality/years/${year}`), enabled: valid, retry: false });
  const overview = useQuery({ queryKey: ['legality', 'statement', year], queryFn: () => api<LegalityOverview>(`/api/control/legality/${year}`), enabled: valid, retry: false });
  const s = overview.data?.statement;
  const choose = (event: FormEvent) => {
    event.preventDefault();
    setYear(input.trim());
  };
  return (
    <div className="koers-stack">
      <Heading level={1}>Rechtmatigheid</Heading>
      <Paragraph>
        De rechtmatigheidsverantwoording van een boekjaar: per wet de lasten, de fouten en onzekerheden uit de controles en steekproeven, vergeleken met de verantwoordingsgrens van de raad, en de bevindingen vanaf de
        rapporteringstolerantie met hun toelichting en maatregelen.
      </Paragraph>
      <form onSubmit={choose} className="koers-stack" noValidate aria-label="Boekjaar kiezen">
        <TextField label="Boekjaar" name="year" inputMode="numeric" value={input} onChange={(e) => setInput(e.target.value)} error={valid ? undefined : 'Geef een jaartal van vier cijfers, bijvoorbeeld 2025.'} />
        <div>
          <Button type="submit">Toon</Button>
        </div>
      </form>
      {canWrite && valid && <YearForm year={year} current={settings.data} />}
      {overview.isError && <Alert type={overview.error instanceof ApiError && overview.error.status === 404 ? 'warning' : 'error'}>{overview.error.message}</Alert>}
      {s && (
        <section className="koers-stack" aria-labelledby="per-wet">
          <Heading level={2} id="per-wet">
            Verantwoording {s.year}
          </Heading>
          <Paragraph>
            Verantwoordingsgrens {String(s.thresholdPct).replace('.', ',')} % van de lasten: {formatMoney(s.total.thresholdCents)} over {formatMoney(s.total.expenditureCents)} (bron: {s.source}). Fouten{' '}
            {formatMoney(s.total.errorsCents)} en onzekerheden {formatMoney(s.total.uncertaintiesCents)}, samen {formatMoney(s.total.totalCents)}:{' '}
            <strong>{s.total.aboveThreshold ? 'boven de verantwoordingsgrens' : 'binnen de verantwoordingsgrens'}</strong>.
          </Paragraph>
          <Paragraph>
            <a className="utrecht-link" href={`/api/control/legality/${s.year}/report.pdf`} download>
              Verantwoording als PDF
            </a>{' '}
            ·{' '}
            <a className="utrecht-link" href={`/api/control/legality/${s.year}/report.xlsx`} download>
              Verantwoording als Excel
            </a>{' '}
            ·{' '}
            <a className="utrecht-link" href={`/api/control/legality/${s.year}/report.html`} target="_blank" rel="noreferrer">
              Printbare versie
            </a>
          </Paragraph>
          <TableScroll label="Per wet">
            <table className="utrecht-table utrecht-table--html-table">
              <caption>Lasten, fouten en onzekerheden per wet in {s.year}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className={th} scope="col">Wet</th>
                  <th className={th} scope="col">Lasten</th>
                  <th className={th} scope="col">Bron van de lasten</th>
                  <th className={th} scope="col">Fouten</th>
                  <th className={th} scope="col">Onzekerheden</th>
                  <th className={th} scope="col">Grens</th>
                  <th className={th} scope="col">Oordeel</th>
                  <th className={th} scope="col">Nog te beoordelen</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {s.processes.map((p) => (
                  <tr className="utrecht-table__row" key={p.process}>
                    <th className={th} scope="row">
                      {p.label}
                    </th>
                    <td className={td}>{formatMoney(p.expenditureCents)}</td>
                    <td className={td}>{p.expenditureSourceLabel}</td>
                    <td className={td}>{formatMoney(p.errorsCents)}</td>
                    <td className={td}>
                      {formatMoney(p.uncertaintiesCents)}
                      {p.projectedUncertaintyCents > 0 && ` (waarvan extrapolatie steekproeven ${formatMoney(p.projectedUncertaintyCents)})`}
                    </td>
                    <td className={td}>{formatMoney(p.thresholdCents)}</td>
                    <td className={td}>{p.aboveThreshold ? 'Boven de grens' : 'Binnen de grens'}</td>
                    <td className={td}>
                      {p.toAssess.exceptions} uitzonderingen ({formatMoney(p.toAssess.amountCents)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Heading level={2}>Bevindingen vanaf de rapporteringstolerantie ({formatMoney(s.reportingToleranceCents)})</Heading>
          {s.findingsAboveTolerance.length === 0 ? (
            <Paragraph>Er zijn geen bevindingen vanaf de rapporteringstolerantie.</Paragraph>
          ) : (
            <TableScroll label="Bevindingen vanaf de rapporteringstolerantie">
              <table className="utrecht-table utrecht-table--html-table">
                <caption>Bevindingen met toelichting en maatregelen</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th className={th} scope="col">Nr.</th>
                    <th className={th} scope="col">Bevinding</th>
                    <th className={th} scope="col">Soort</th>
                    <th className={th} scope="col">Bedrag</th>
                    <th className={th} scope="col">Toelichting</th>
                    <th className={th} scope="col">Maatregelen</th>
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {s.findingsAboveTolerance.map((f) => (
                    <tr className="utrecht-table__row" key={f.number}>
                      <th className={th} scope="row">
                        {f.number}
                      </th>
                      <td className={td}>{f.title}</td>
                      <td className={td}>{f.assessment === 'fout' ? 'Fout' : 'Onzekerheid'}</td>
                      <td className={td}>{formatMoney(f.amountCents)}</td>
                      <td className={td}>{f.reason}</td>
                      <td className={td}>
                        {f.actions.length === 0 ? (
                          'Nog geen maatregel vastgelegd.'
                        ) : (
                          <ul>
                            {f.actions.map((a, i) => (
                              <li key={i}>
                                {a.description} ({a.status === 'afgerond' ? `afgerond: ${a.result ?? ''}` : `open, uiterlijk ${a.dueDate}`})
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          <Versions year={String(s.year)} versions={overview.data?.versions ?? []} canWrite={canWrite} />
        </section>
      )}
    </div>
  );
}
