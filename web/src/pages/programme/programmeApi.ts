import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type Status = 'AF' | 'LOOPT' | 'NIEUW';

export interface Activity {
  id: string;
  line: number;
  lineTitle: string;
  theme: string;
  text: string;
  status: Status;
  plannedQuarter: string | null;
  doneQuarter: string | null;
  replannedFrom: string | null;
  firstPlannedQuarter: string | null;
  slipped: boolean;
  overdue: boolean;
  owner: string | null;
  note: string | null;
  bullet: string;
  letterIds: string[];
}

export interface Programme {
  id: string;
  name: string;
  reportMonth: string;
  month: string;
  lines: { id: string; number: number; title: string; track: string; objective: string; result: string; themes: { id: string; title: string; result: string; activities: Activity[] }[] }[];
  councilLetters: { id: string; date: string; dateEnd: string | null; number: string | null; title: string }[];
}

export interface LineSummary {
  line: number;
  title: string;
  themes: number;
  activities: number;
  AF: number;
  LOOPT: number;
  NIEUW: number;
  slipped: number;
  overdue: number;
}

export const statusLabel: Record<Status, string> = { AF: 'Af', LOOPT: 'Loopt', NIEUW: 'Nieuw' };

/** This month in Amsterdam (the municipality's calendar), as 'yyyy-mm'. */
export function currentMonth(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit' }).format(new Date());
}

/** '2023-Q3' → 'Q3 2023'. */
export function formatQuarter(quarter: string | null): string {
  return quarter ? `${quarter.slice(5)} ${quarter.slice(0, 4)}` : '—';
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
export function formatMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;
}

export function useProgramme(month: string) {
  return useQuery({ queryKey: ['programme', month], queryFn: () => api<Programme>(`/api/programme?month=${month}`) });
}

export function useProgrammeSummary(month: string) {
  return useQuery({ queryKey: ['programme', 'summary', month], queryFn: () => api<LineSummary[]>(`/api/programme/summary?month=${month}`) });
}
