// The reads the dossier's summary and tabs share: one query key per API read, so a tab and the summary
// use the same (audited) answer instead of asking twice.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Allocation, CaseView, ContactPerson, Signal } from '../../api/types';

export const isOpenCase = (c: CaseView): boolean => c.status !== 'afgesloten' && c.status !== 'ingetrokken';

/** The period of an allocation: from its first segment's start to its last segment's end. */
export const periodOf = (a: Allocation): { start: string; end: string } => ({ start: a.segments[0]?.start ?? '', end: a.segments.at(-1)?.end ?? '' });

/** The allocation runs on `day` (yyyy-mm-dd). */
export const runsOn = (a: Allocation, day: string): boolean => {
  const p = periodOf(a);
  return p.start !== '' && p.start <= day && day <= p.end;
};

export const useCases = (residentId: string, enabled = true) =>
  useQuery({ queryKey: ['cases', residentId], queryFn: () => api<CaseView[]>(`/api/residents/${residentId}/cases`), enabled });

export const useAllocations = (residentId: string, enabled = true) =>
  useQuery({ queryKey: ['allocations', residentId], queryFn: () => api<Allocation[]>(`/api/residents/${residentId}/allocations`), enabled });

export const useContactPerson = (residentId: string) =>
  useQuery({ queryKey: ['contact-person', residentId], queryFn: () => api<ContactPerson>(`/api/residents/${residentId}/contact-person`) });

export const useResidentSignals = (residentId: string, enabled = true) =>
  useQuery({ queryKey: ['resident-signals', residentId], queryFn: () => api<Signal[]>(`/api/residents/${residentId}/signals`), enabled });
