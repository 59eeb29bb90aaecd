import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ActivityStatus, LineSummary, Programme } from '../../api/types';

export const statusLabel: Record<ActivityStatus, string> = { AF: 'Af', LOOPT: 'Loopt', NIEUW: 'Nieuw' };

export { currentMonth, formatMonth } from '../../format';

/** '2023-Q3' → 'Q3 2023'. */
export function formatQuarter(quarter: string | null): string {
  return quarter ? `${quarter.slice(5)} ${quarter.slice(0, 4)}` : '—';
}


/** The programme as it stood at the end of `month`; waits while the month is not known yet. */
export function useProgramme(month: string | undefined) {
  return useQuery({ queryKey: ['programme', month], queryFn: () => api<Programme>(`/api/programme?month=${month}`), enabled: month !== undefined });
}

export function useProgrammeSummary(month: string | undefined) {
  return useQuery({ queryKey: ['programme', 'summary', month], queryFn: () => api<LineSummary[]>(`/api/programme/summary?month=${month}`), enabled: month !== undefined });
}
