// Controlkaders: the five control frameworks (Wmo, Jeugd, Participatiewet, Beschermd Wonen, Wsw/MTB) with
// their current version; when the municipality has none yet, the controller loads Koers' standard ones.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ControlFrameworkOverview } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime } from '../../format';
import { hasPermission, useMe } from '../../session';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
export const frameworksKey = ['control-frameworks'] as const;

export function FrameworksPage() {
  const me = useMe();
  const client = useQueryClient();
  const frameworks = useQuery({ queryKey: frameworksKey, queryFn: () => api<ControlFrameworkOverview>('/api/control/frameworks') });
  const load = useMutation({
    mutationFn: () => api<ControlFrameworkOverview>('/api/control/frameworks/standard', { method: 'POST' }),
    onSuccess: (data) => client.setQueryData(frameworksKey, data),
  });
  const missing = (frameworks.data ?? []).filter((f) => f.current === null);
  return (
    <div className="koers-stack">
      <Heading level={1}>Controlkaders</Heading>
      <Paragraph>
        Per proces de processtappen, de risico’s voor de rechtmatigheid per stap en de beheersmaatregelen die ze afdekken: soort, frequentie, eigenaar, de getoetste norm en of een fout of onzekerheid
        het gevolg is. Een wijziging wordt een nieuwe versie; eerdere versies blijven bewaard.
      </Paragraph>
      {frameworks.isError && <Alert type="error">{frameworks.error.message}</Alert>}
      {missing.length > 0 && hasPermission(me.data, 'controls:write') && (
        <section aria-labelledby="standaardkaders" className="koers-stack">
          <Heading level={2} id="standaardkaders">Standaardkaders</Heading>
          <Paragraph>Nog niet geladen: {missing.map((f) => f.name).join(', ')}. Koers levert voor elk proces een ingevuld kader mee dat u daarna kunt aanpassen.</Paragraph>
          {load.isError && <Alert type="error">{load.error.message}</Alert>}
          <div><Button busy={load.isPending} onClick={() => load.mutate()}>Standaardkaders laden</Button></div>
        </section>
      )}
      {frameworks.data && (
        <TableScroll label="Controlkaders">
          <table className="utrecht-table utrecht-table--html-table">
            <caption>De controlkaders per proces</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className={th} scope="col">Proces</th>
                <th className={th} scope="col">Versie</th>
                <th className={th} scope="col">Stappen</th>
                <th className={th} scope="col">Risico’s</th>
                <th className={th} scope="col">Maatregelen (geautomatiseerd)</th>
                <th className={th} scope="col">Laatst gewijzigd</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {frameworks.data.map((f) => (
                <tr key={f.process} className="utrecht-table__row">
                  <th className={th} scope="row">
                    {f.current ? <Link className="utrecht-link" to={`/control/kaders/${f.process}`}>{f.name}</Link> : f.name}
                  </th>
                  {f.current ? (
                    <>
                      <td className={td}>{f.current.version}</td>
                      <td className={td}>{f.current.steps}</td>
                      <td className={td}>{f.current.risks}</td>
                      <td className={td}>{f.current.controls} ({f.current.automatedControls})</td>
                      <td className={td}>{formatDateTime(f.current.createdAt)}{f.current.createdBy ? `, ${f.current.createdBy.displayName}` : ''}</td>
                    </>
                  ) : (
                    <td className={td} colSpan={5}>Nog niet geladen</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
