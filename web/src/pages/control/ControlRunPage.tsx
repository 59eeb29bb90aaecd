// One control run: per control the population, exceptions and amounts; the exceptions with their facts
// (a page at a time; the residents on the page are logged by the server). The controller signs it off.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { ControlRunDetail } from '../../api/types';
import { Alert, Button, DataList, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime, formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';
import { kindLabel, scopeLabel } from './ControlRunsPage';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const PAGE = 50;
const impactLabel = { fout: 'Fout', onzekerheid: 'Onzekerheid' } as const;

function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ControlRunPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const [control, setControl] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const query = `offset=${offset}&limit=${PAGE}${control ? `&control=${encodeURIComponent(control)}` : ''}`;
  const detail = useQuery({ queryKey: ['control-run', id, query], queryFn: () => api<ControlRunDetail>(`/api/control/runs/${id}?${query}`) });
  const signOff = useMutation({
    mutationFn: () => api<ControlRunDetail>(`/api/control/runs/${id}/sign-off`, { method: 'POST' }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['control-run', id] });
      await client.invalidateQueries({ queryKey: ['control-runs'] });
    },
  });
  const data = detail.data;
  const run = data?.run;
  const titles = new Map((data?.results ?? []).map((r) => [r.controlId, r.title]));
  const show = (controlId: string | null) => {
    setControl(controlId);
    setOffset(0);
  };
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/control/runs">Alle controleruns</Link>
      </Paragraph>
      {detail.isError && <Alert type="error">{detail.error.message}</Alert>}
      {run && data && (
        <>
          <Heading level={1}>
            Controlerun {scopeLabel[run.scope]}, {kindLabel[run.periodKind].toLowerCase()} {run.period} (versie {run.version})
          </Heading>
          <DataList
            items={[
              ['Periode', `${run.periodStart} tot en met ${run.periodEnd}`],
              ['Uitgevoerd', `${formatDateTime(run.runAt)} door ${run.runBy}`],
              ['Versie van de controles', run.controlsVersion],
              ['Populatie (som over de controles)', String(run.population)],
              ['Uitzonderingen', String(run.exceptions)],
              ['Fouten', formatMoney(run.amountErrorCents)],
              ['Onzekerheden', formatMoney(run.amountUncertainCents)],
              ['Afgetekend', run.signedOffAt ? `${formatDateTime(run.signedOffAt)} door ${run.signedOffBy ?? ''}` : 'nog niet'],
            ]}
          />
          {!run.signedOffAt && hasPermission(me.data, 'controls:write') && (
            <div>
              <Button type="button" busy={signOff.isPending} onClick={() => signOff.mutate()}>
                Controlerun aftekenen
              </Button>
            </div>
          )}
          {signOff.isError && <Alert type="error">{signOff.error.message}</Alert>}
          <TableScroll label="Uitkomst per controle">
            <table className="utrecht-table utrecht-table--html-table">
              <caption>Uitkomst per controle</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className={th} scope="col">Controle</th>
                  <th className={th} scope="col">Norm</th>
                  <th className={th} scope="col">Soort</th>
                  <th className={th} scope="col">Populatie</th>
                  <th className={th} scope="col">Uitzonderingen</th>
                  <th className={th} scope="col">Fouten</th>
                  <th className={th} scope="col">Onzekerheden</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.results.map((r) => (
                  <tr className="utrecht-table__row" key={r.controlId}>
                    <th className={th} scope="row">
                      {r.title}
                    </th>
                    <td className={td}>{r.norm}</td>
                    <td className={td}>{impactLabel[r.impact]}</td>
                    <td className={td}>{r.population}</td>
                    <td className={td}>
                      {r.exceptions > 0 ? (
                        <Button type="button" appearance="subtle" onClick={() => show(r.controlId)} aria-label={`Toon de ${r.exceptions} uitzonderingen van ${r.title}`}>
                          {String(r.exceptions)}
                        </Button>
                      ) : (
                        '0'
                      )}
                    </td>
                    <td className={td}>{formatMoney(r.amountErrorCents)}</td>
                    <td className={td}>{formatMoney(r.amountUncertainCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Heading level={2}>Uitzonderingen{control ? `: ${titles.get(control) ?? control}` : ''}</Heading>
          {control && (
            <div>
              <Button type="button" appearance="secondary-action" onClick={() => show(null)}>
                Alle uitzonderingen tonen
              </Button>
            </div>
          )}
          {data.exceptions.total === 0 ? (
            <Paragraph>Geen uitzonderingen.</Paragraph>
          ) : (
            <>
              <TableScroll label="Uitzonderingen">
                <table className="utrecht-table utrecht-table--html-table">
                  <caption>
                    Uitzonderingen {data.exceptions.offset + 1} tot en met {data.exceptions.offset + data.exceptions.items.length} van {data.exceptions.total}
                  </caption>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <th className={th} scope="col">Controle</th>
                      <th className={th} scope="col">Feiten</th>
                      <th className={th} scope="col">Bedrag</th>
                      <th className={th} scope="col">Bevinding</th>
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {data.exceptions.items.map((e) => (
                      <tr className="utrecht-table__row" key={e.id}>
                        <td className={td}>{titles.get(e.controlId) ?? e.controlId}</td>
                        <td className={td}>
                          <dl className="koers-data-list">
                            {Object.entries(e.facts).map(([k, v]) => (
                              <div key={k}>
                                <dt>{k.replaceAll('_', ' ')}</dt>
                                <dd>{factText(v)}</dd>
                              </div>
                            ))}
                          </dl>
                        </td>
                        <td className={td}>{formatMoney(e.amountCents)}</td>
                        <td className={td}>
                          {e.finding ? (
                            <Link to={`/control/bevindingen/${e.finding.id}`}>Bevinding B-{e.finding.number}</Link>
                          ) : hasPermission(me.data, 'controls:write') ? (
                            <Link to={`/control/bevindingen/nieuw?uitzondering=${e.id}`} aria-label={`Bevinding vastleggen: ${titles.get(e.controlId) ?? e.controlId}, ${formatMoney(e.amountCents)}`}>
                              Bevinding vastleggen
                            </Link>
                          ) : (
                            '—'
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <div>
                {offset > 0 && (
                  <Button type="button" appearance="secondary-action" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                    Vorige pagina
                  </Button>
                )}
                {offset + PAGE < data.exceptions.total && (
                  <Button type="button" appearance="secondary-action" onClick={() => setOffset(offset + PAGE)}>
                    Volgende pagina
                  </Button>
                )}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
