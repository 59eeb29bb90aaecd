import { Link } from 'react-router';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { ProgrammeNav, useMonth } from './ProgrammeNav';
import { formatMonth, formatQuarter, statusLabel, useProgramme, useProgrammeSummary } from './programmeApi';

/** Per programme line: counts per status, and the activities that slipped or are overdue. */
export function StatusBoardPage() {
  const [month, setMonth] = useMonth();
  const summary = useProgrammeSummary(month);
  const programme = useProgramme(month);
  const attention = programme.data?.lines.flatMap((l) => l.themes.flatMap((t) => t.activities)).filter((a) => a.slipped || a.overdue) ?? [];
  const error = summary.error ?? programme.error;
  return (
    <div className="koers-stack">
      <Heading level={1}>Statusbord programma</Heading>
      <ProgrammeNav month={month} onMonth={setMonth} />
      {error && <Alert type="error">{error.message}</Alert>}
      {summary.data && month && (
        <TableScroll label={`Stand per programmalijn, eind ${formatMonth(month)}`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">Stand per programmalijn, eind {formatMonth(month)}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Programmalijn', "Thema's", 'Activiteiten', 'Af', 'Loopt', 'Nieuw', 'Verschoven', 'Over tijd'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {summary.data.map((l) => (
                <tr key={l.line} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{l.line}. {l.title}</th>
                  {[l.themes, l.activities, l.AF, l.LOOPT, l.NIEUW, l.slipped, l.overdue].map((n, i) => (
                    <td key={i} className="utrecht-table__cell utrecht-table__cell--numeric-column">{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Heading level={2}>Verschoven of over tijd</Heading>
      {programme.data && attention.length === 0 && <Paragraph>Geen activiteiten verschoven of over tijd.</Paragraph>}
      {attention.length > 0 && (
        <ul className="utrecht-unordered-list">
          {attention.map((a) => (
            <li key={a.id} className="utrecht-unordered-list__item">
              <Link to={`/programma/activiteiten/${a.id}?maand=${month}`} className="utrecht-link">{a.text}</Link> — lijn {a.line}, {statusLabel[a.status]};{' '}
              {a.slipped && `eerst gepland ${formatQuarter(a.firstPlannedQuarter)}, nu ${formatQuarter(a.status === 'AF' ? a.doneQuarter : a.plannedQuarter)}`}
              {a.slipped && a.overdue && '; '}
              {a.overdue && `gepland ${formatQuarter(a.plannedQuarter)} en nog niet af`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
