import { useSearchParams } from 'react-router';
import { formatMonth } from '../../format';
import { euro } from '../decisions/decisionTypes';

/** Budget minus forecast: a shortfall is said in words and marked with a sign, not by colour alone (WCAG 1.4.1). */
export function Difference({ cents }: { cents: number | null }) {
  if (cents === null) return <>–</>;
  if (cents >= 0) return <>{euro(cents)}</>;
  return (
    <strong className="koers-overdue">
      <span aria-hidden="true">▼ </span>
      {euro(-cents)} tekort
    </strong>
  );
}

/** An amount or count that is suppressed (fewer than 10 residents) shows as '<10' or a dash. */
export const shownMoney = (cents: number | null): string => (cents === null ? '–' : euro(cents));

/** The budget year from `?jaar=`, this year by default. */
export function useBudgetYear(): [string, (year: string) => void] {
  const [params, setParams] = useSearchParams();
  const year = params.get('jaar') ?? String(new Date().getFullYear());
  return [year, (next) => setParams(next ? { jaar: next } : {}, { replace: true })];
}

export const isYear = (year: string): boolean => /^\d{4}$/.test(year);

/** "Realisatie tot en met september 2026" for the month before the first open month, within the year. */
export function realisedThrough(year: number, firstOpenMonth: string): string {
  if (Number(firstOpenMonth.slice(0, 4)) > year) return `heel ${year} is verstreken`;
  if (firstOpenMonth <= `${year}-01`) return `${year} is nog niet begonnen: nog geen maand verstreken`;
  const [y, m] = [Number(firstOpenMonth.slice(0, 4)), Number(firstOpenMonth.slice(5, 7))];
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return `verstreken tot en met ${formatMonth(last)}`;
}
