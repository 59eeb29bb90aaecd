// Types of the insights API and small helpers.

import type { z } from 'zod';
import type {
  dashboardSchema,
  domainSchema,
  panelSchema,
  portfolioSchema,
  reportSchema,
  reportSummarySchema,
  targetSchema,
} from '../../../../src/modules/insights/insights.schema.js';

// The response types are inferred from the API's zod schemas, so web and server cannot drift apart.
export type Domain = z.infer<typeof domainSchema>;
export type KpiPanel = z.infer<typeof panelSchema>;
export type KpiSeries = KpiPanel['series'][number];
export type ScopeSeries = KpiSeries['scopes'][number];
export type Point = ScopeSeries['points'][number];
export type TrafficLight = KpiSeries['status'];
export type Dashboard = z.infer<typeof dashboardSchema>;
export type Portfolio = z.infer<typeof portfolioSchema>;
export type Target = z.infer<typeof targetSchema>;
export type SteeringReport = z.infer<typeof reportSchema>;
export type ActionPoint = SteeringReport['actionPoints'][number];
export type ReportSummary = z.infer<typeof reportSummarySchema>;

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

export const euro = (cents: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
