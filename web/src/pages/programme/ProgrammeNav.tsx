import { NavLink, useSearchParams } from 'react-router';
import { TextField } from '../../components/ui';
import { currentMonth } from './programmeApi';

/** The month everything on the programme pages is shown for, kept in the URL (?maand=2023-05). */
export function useMonth(): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const month = params.get('maand') ?? currentMonth();
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : currentMonth();
  return [valid, (m) => setParams(m ? { maand: m } : {}, { replace: true })];
}

export function ProgrammeNav({ month, onMonth }: { month: string; onMonth: (month: string) => void }) {
  const query = `?maand=${month}`;
  return (
    <div className="koers-stack">
      <nav aria-label="Programma">
        <ul className="koers-nav__list koers-subnav">
          <li><NavLink end to={`/programma${query}`} className="utrecht-link">Routekaart</NavLink></li>
          <li><NavLink to={`/programma/status${query}`} className="utrecht-link">Statusbord</NavLink></li>
          <li><NavLink to={`/programma/rapport${query}`} className="utrecht-link">Rapportage</NavLink></li>
        </ul>
      </nav>
      <div className="koers-month">
        <TextField label="Stand per maand" type="month" value={month} min="2020-01" onChange={(e) => e.target.value && onMonth(e.target.value)} />
      </div>
    </div>
  );
}
