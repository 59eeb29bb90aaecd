import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ActivityStatus, LineSummary, Programme } from '../../api/types';

export const statusLabel: Record<ActivityStatus, string> = { AF: 'Af', LOOPT: 'Loopt', NIEUW: 'Nieuw' };

export { currentMonth, formatMonth } from '../../format';

/** '2023-Q3' → 'Q3 2023'. */
export function formatQuarter(quarter: string | null): string {
  return quarter ? `${quarter.slice(5)} ${quarter.slice(0, 4)}` : '—';
}


export function useProgramme(month: string) {
  return useQuery({ queryKey: ['programme', month], queryFn: () => api<Programme>(`/api/programme?month=${month}`) });
}

export function useProgrammeSummary(month: string) {
  return useQuery({ queryKey: ['programme', 'summary', month], queryFn: () => api<LineSummary[]>(`/api/programme/summary?month=${month}`) });
}
