import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ActivityStatus, LineSummary, Programme } from '../../api/types';

export const statusLabel: Record<ActivityStatus, string> = { AF: 'Af', LOOPT: 'Loopt', NIEUW: 'Nieuw' };

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
