// Controleruns (issue #13 §2): the controller runs the automated controls of a process over a month,
// quarter or year; every run is kept as a version, with its population, exceptions and amounts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { ControlRun, ControlRunCreated, ControlRunList } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { formatDateTime, formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
export const scopeLabel = { alle: 'Alle processen', wmo: 'Wmo', jeugd: 'Jeugd', participatiewet: 'Participatiewet' } as const;
export const kindLabel = { maand: 'Maand', kwartaal: 'Kwartaal', jaar: 'Jaar' } as const;
const examples = { maand: 'jjjj-mm, bijvoorbeeld 2026-05', kwartaal: 'jjjj-Kn, bijvoorbeeld 2026-K2', jaar: 'jjjj, bijvoorbeeld 2026' } as const;

function lastQuarter(): string {
  const now = new Date();
  const q = Math.floor(now.getMonth() / 3);
  return q === 0 ? `${now.getFullYear() - 1}-K4` : `${now.getFullYear()}-K${q}`;
}

export function ControlRunsPage() {
  const me = useMe();
  const client = useQueryClient();
  const runs = useQuery({ queryKey: ['control-runs'], queryFn: () => api<ControlRunList>('/api/control/runs?limit=100') });
  const [periodKind, setPeriodKind] = useState<keyof typeof kindLabel>('kwartaal');
  const [period, setPeriod] = useState(lastQuarter());
  const [scope, setScope] = useState<keyof typeof scopeLabel>('wmo');
  const [created, setCreated] = useState<ControlRunCreated | null>(null);
  const start = useMutation({
    mutationFn: () => api<ControlRunCreated>('/api/control/runs', { method: 'POST', body: { periodKind, period, scope } }),
    onSuccess: async (run) => {
      setCreated(run);
      await client.invalidateQueries({ queryKey: ['control-runs'] });
    },
  });
  const fields = start.error instanceof ApiError ? (start.error.fields ?? []) : [];
  const errorOf = (field: string) => fields.find((f) => f.field === field)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    start.mutate();
  };
  return (
    <div className="koers-stack">
      <Heading level={1}>Controleruns</Heading>
      <Paragraph>
        Een controlerun voert de geautomatiseerde controles uit op de gegevens van Koers over een maand, kwartaal of jaar: per controle de omvang van de populatie, de uitzonderingen met hun feiten en het bedrag
        aan fouten en onzekerheden. Een run wordt nooit overschreven: opnieuw draaien geeft een nieuwe versie. De controller tekent een run af.
      </Paragraph>
      {hasPermission(me.data, 'controls:write') && (
        <form onSubmit={submit} className="koers-stack" noValidate aria-label="Nieuwe controlerun">
          <Heading level={2}>Nieuwe controlerun</Heading>
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
          <SelectField label="Soort periode" value={periodKind} onChange={(v) => setPeriodKind(v as keyof typeof kindLabel)} options={Object.entries(kindLabel).map(([value, label]) => ({ value, label }))} error={errorOf('periodKind')} />
          <TextField label="Periode" description={examples[periodKind]} name="period" value={period} onChange={(e) => setPeriod(e.target.value)} error={errorOf('period')} />
          <SelectField label="Proces" value={scope} onChange={(v) => setScope(v as keyof typeof scopeLabel)} options={Object.entries(scopeLabel).map(([value, label]) => ({ value, label }))} error={errorOf('scope')} />
          <div>
            <Button type="submit" busy={start.isPending}>
              Controles uitvoeren
            </Button>
          </div>
          {start.isError && fields.length === 0 && <Alert type="error">{start.error.message}</Alert>}
          {created && (
            <Alert type="ok">
              De controlerun is uitgevoerd (versie {created.version}). <Link to={`/control/runs/${created.id}`}>Bekijk de uitkomst</Link>.
            </Alert>
          )}
        </form>
      )}
      {runs.isError && <Alert type="error">{runs.error.message}</Alert>}
      <TableScroll label="Controleruns">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Controleruns, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Periode</th>
              <th className={th} scope="col">Proces</th>
              <th className={th} scope="col">Versie</th>
              <th className={th} scope="col">Uitgevoerd</th>
              <th className={th} scope="col">Populatie</th>
              <th className={th} scope="col">Uitzonderingen</th>
              <th className={th} scope="col">Fouten</th>
              <th className={th} scope="col">Onzekerheden</th>
              <th className={th} scope="col">Afgetekend</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(runs.data?.items ?? []).map((r: ControlRun) => (
              <tr className="utrecht-table__row" key={r.id}>
                <td className={td}>
                  <Link to={`/control/runs/${r.id}`}>
                    {kindLabel[r.periodKind]} {r.period}
                  </Link>
                </td>
                <td className={td}>{scopeLabel[r.scope]}</td>
                <td className={td}>{r.version}</td>
                <td className={td}>
                  {formatDateTime(r.runAt)} door {r.runBy}
                </td>
                <td className={td}>{r.population}</td>
                <td className={td}>{r.exceptions}</td>
                <td className={td}>{formatMoney(r.amountErrorCents)}</td>
                <td className={td}>{formatMoney(r.amountUncertainCents)}</td>
                <td className={td}>{r.signedOffAt ? `${formatDateTime(r.signedOffAt)} door ${r.signedOffBy ?? ''}` : 'nee'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
