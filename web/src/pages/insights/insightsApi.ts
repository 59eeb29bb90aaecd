// Labels and small helpers of the insights pages.

import { formatMoney } from '../../format';
import type { ActionPoint, Domain, KpiPanel, TrafficLight } from '../../api/types';

export const domainOptions: { value: Domain; label: string }[] = [
  { value: 'wmo', label: 'Wmo' },
  { value: 'jeugd', label: 'Jeugd' },
  { value: 'pw', label: 'Participatiewet' },
];

export const statusLabels: Record<TrafficLight, string> = { green: 'op koers', amber: 'let op', red: 'uit koers', none: 'geen norm' };
export const actionStatusLabels: Record<ActionPoint['status'], string> = { open: 'open', in_progress: 'loopt', done: 'afgerond', cancelled: 'vervallen' };
export const unitLabels: Record<KpiPanel['unit'], string> = { aantal: 'aantal', procent: '%', dagen: 'dagen', euro: 'euro' };

/** The last complete month as 'yyyy-mm' (dashboards and reports default to it). */
export function lastCompleteMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
export function shortMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export const euro = (cents: number) => formatMoney(cents, { whole: true });
