import type { Severity, Signal, SignalStatus } from '../../api/types';
import { formatDate, formatDateTime, formatMoney, formatMonth } from '../../format';

export const statusLabels: Record<SignalStatus, string> = {
  nieuw: 'Nieuw',
  in_behandeling: 'In behandeling',
  afgehandeld: 'Afgehandeld',
  onterecht: 'Onterecht',
  opgelost: 'Opgelost (situatie voorbij)',
};

export const severityLabels: Record<Severity, string> = { laag: 'Laag', middel: 'Middel', hoog: 'Hoog', kritiek: 'Kritiek' };

export const eventLabels: Record<string, string> = {
  geopend: 'Geopend',
  feiten_gewijzigd: 'Feiten gewijzigd',
  toegewezen: 'Toegewezen',
  status: 'Status gewijzigd',
  opgelost: 'Automatisch opgelost',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function factValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  // Amounts in cents may come as a number or, from a bigint column, as a string of digits.
  if (key.endsWith('_cent') && (typeof value === 'number' || (typeof value === 'string' && /^-?\d+$/.test(value)))) return formatMoney(Number(value));
  if (typeof value === 'string') {
    if (DATE.test(value)) return formatDate(value);
    if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return formatMonth(value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' && v !== null ? factsText(v as Record<string, unknown>) : factValue('', v))).join('; ');
  if (typeof value === 'object') return factsText(value as Record<string, unknown>);
  return String(value);
}

export const factLabel = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replaceAll('_', ' ').replace(/ cent$/, '');

export function factEntries(facts: Record<string, unknown>): [string, string][] {
  return Object.entries(facts).map(([k, v]) => [factLabel(k), factValue(k, v)]);
}

export function factsText(facts: Record<string, unknown>): string {
  return factEntries(facts)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** Where the subject of a signal lives in the app. */
export function subjectLink(s: Signal): { to: string; label: string } | null {
  if (s.subject.type === 'case') return { to: `/zaken/${s.subject.id}`, label: 'Naar de zaak' };
  if (s.resident?.related) return { to: `/inwoners/${s.resident.id}`, label: 'Naar het dossier van de inwoner' };
  return null;
}
