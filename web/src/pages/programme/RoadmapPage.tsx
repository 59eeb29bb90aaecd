import { Link } from 'react-router';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { ProgrammeNav, useMonth } from './ProgrammeNav';
import { formatMonth, formatQuarter, statusLabel, useProgramme } from './programmeApi';
import type { Activity } from '../../api/types';

function quarterRange(first: string, last: string): string[] {
  const out: string[] = [];
  let year = Number(first.slice(0, 4));
  let q = Number(first.slice(6));
  while (`${year}-Q${q}` <= last) {
    out.push(`${year}-Q${q}`);
    q = q === 4 ? 1 : q + 1;
    if (q === 1) year += 1;
  }
  return out;
}

const placeOf = (a: Activity) => (a.status === 'AF' ? a.doneQuarter : a.plannedQuarter);

function Chip({ activity, month }: { activity: Activity; month: string }) {
  return (
    <li className={`koers-chip koers-chip--${activity.status.toLowerCase()}`}>
      <Link to={`/programma/activiteiten/${activity.id}?maand=${month}`} className="koers-chip__link">
        <span className="koers-chip__status">{statusLabel[activity.status]}</span> {activity.text}
      </Link>
      {activity.replannedFrom && <span className="koers-chip__meta"> (was {formatQuarter(activity.replannedFrom)})</span>}
      {activity.overdue && <span className="koers-chip__meta"> — over tijd</span>}
    </li>
  );
}

/** The "Routekaart": quarters across, programme lines down, each activity where it is done or due. */
export function RoadmapPage() {
  const [month, setMonth] = useMonth();
  const programme = useProgramme(month);
  const activities = programme.data?.lines.flatMap((l) => l.themes.flatMap((t) => t.activities)) ?? [];
  const quarters = activities.map(placeOf).filter((q): q is string => q !== null).sort();
  const columns = quarters.length ? quarterRange(quarters[0]!, quarters.at(-1)!) : [];
  return (
    <div className="koers-stack">
      <Heading level={1}>Routekaart {programme.data?.name ?? 'programma'}</Heading>
      <ProgrammeNav month={month} onMonth={setMonth} />
      {programme.isError && <Alert type="error">{programme.error.message}</Alert>}
      {programme.data && month && (
        <>
          <Paragraph>
            Stand eind {formatMonth(month)}: {activities.length} activiteiten, waarvan {activities.filter((a) => a.status === 'AF').length} af,{' '}
            {activities.filter((a) => a.status === 'LOOPT').length} lopend en {activities.filter((a) => a.status === 'NIEUW').length} nieuw. Een activiteit staat
            in het kwartaal waarin zij af was of af moet zijn.
          </Paragraph>
          <TableScroll label="Routekaart">
            <table className="utrecht-table utrecht-table--html-table koers-roadmap">
              <caption className="koers-visually-hidden">Activiteiten per programmalijn en kwartaal</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">Programmalijn</th>
                  {columns.map((q) => (
                    <th key={q} className="utrecht-table__header-cell" scope="col">{formatQuarter(q)}</th>
                  ))}
                  <th className="utrecht-table__header-cell" scope="col">Zonder kwartaal</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {programme.data.lines.map((line) => {
                  const own = line.themes.flatMap((t) => t.activities);
                  const cell = (items: Activity[]) =>
                    items.length ? (
                      <ul className="koers-chips">
                        {items.map((a) => <Chip key={a.id} activity={a} month={month} />)}
                      </ul>
                    ) : null;
                  return (
                    <tr key={line.id} className="utrecht-table__row">
                      <th className="utrecht-table__header-cell" scope="row">{line.number}. {line.title}</th>
                      {columns.map((q) => (
                        <td key={q} className="utrecht-table__cell">{cell(own.filter((a) => placeOf(a) === q))}</td>
                      ))}
                      <td className="utrecht-table__cell">{cell(own.filter((a) => placeOf(a) === null))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}
