import { NavLink, useSearchParams } from 'react-router';
import { TextField } from '../../components/ui';
import { lastCompleteMonth } from './insightsApi';

/** The month of the dashboards, kept in the URL (?maand=2025-03). */
export function useInsightsMonth(): [string, (month: string) => void] {
  const [params, setParams] = useSearchParams();
  const month = params.get('maand') ?? lastCompleteMonth();
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : lastCompleteMonth();
  return [valid, (m) => setParams(m ? { maand: m } : {}, { replace: true })];
}

export function InsightsNav({ month, onMonth, permissions }: { month: string; onMonth?: (month: string) => void; permissions: string[] }) {
  const query = `?maand=${month}`;
  return (
    <div className="koers-stack">
      <nav aria-label="Stuurinformatie">
        <ul className="koers-nav__list koers-subnav">
          <li><NavLink to={`/stuurinformatie/wmo${query}`} className="utrecht-link">Wmo</NavLink></li>
          <li><NavLink to={`/stuurinformatie/jeugd${query}`} className="utrecht-link">Jeugd</NavLink></li>
          <li><NavLink to={`/stuurinformatie/pw${query}`} className="utrecht-link">Participatiewet</NavLink></li>
          <li><NavLink to={`/stuurinformatie/wethouder${query}`} className="utrecht-link">Wethouder</NavLink></li>
          <li><NavLink to="/stuurinformatie/sturingsgesprek" className="utrecht-link">Sturingsgesprek</NavLink></li>
          {permissions.includes('insights:targets') && <li><NavLink to="/stuurinformatie/normen" className="utrecht-link">Normen</NavLink></li>}
        </ul>
      </nav>
      {onMonth && (
        <div className="koers-month">
          <TextField label="Maand" type="month" value={month} min="2020-01" onChange={(e) => e.target.value && onMonth(e.target.value)} />
        </div>
      )}
    </div>
  );
}
