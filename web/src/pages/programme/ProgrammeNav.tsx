import { NavLink, useSearchParams } from 'react-router';
import { TextField } from '../../components/ui';
import { useCan } from '../../session';
import { currentMonth, useProgramme } from './programmeApi';

/**
 * The month everything on the programme pages is shown for, kept in the URL (?maand=2023-05).
 * Without one it is the programme's report month (the month of the source report the programme was
 * read from), not today: otherwise every item of an older programme shows as "over tijd".
 * Undefined while that report month is still being fetched.
 */
export function useMonth(): [string | undefined, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const asked = params.get('maand');
  const valid = asked !== null && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : null;
  // The same query the activity page uses for the current state, so it is fetched once.
  const now = useProgramme(valid === null ? currentMonth() : undefined);
  const fallback = now.data?.reportMonth ?? (now.isError ? currentMonth() : undefined);
  return [valid ?? fallback, (m) => setParams(m ? { maand: m } : {}, { replace: true })];
}

export function ProgrammeNav({ month, onMonth }: { month: string | undefined; onMonth: (month: string) => void }) {
  const query = month ? `?maand=${month}` : '';
  const can = useCan();
  return (
    <div className="koers-stack">
      <nav aria-label="Programma">
        <ul className="koers-nav__list koers-subnav">
          <li><NavLink end to={`/programma${query}`} className="utrecht-link">Routekaart</NavLink></li>
          <li><NavLink to={`/programma/status${query}`} className="utrecht-link">Statusbord</NavLink></li>
          <li><NavLink to={`/programma/rapport${query}`} className="utrecht-link">Rapportage</NavLink></li>
          {can('programme:write') && <li><NavLink to={`/programma/uitwisselen${query}`} className="utrecht-link">Importeren en exporteren</NavLink></li>}
        </ul>
      </nav>
      <div className="koers-month">
        <TextField label="Stand per maand" type="month" value={month ?? ''} min="2020-01" onChange={(e) => e.target.value && onMonth(e.target.value)} />
      </div>
    </div>
  );
}
