// The period of a control run, from what a user types: a year (2026), a quarter (2026-K2) or a month
// (2026-05). Pure; the service refuses what this answers as an error.
import type { PeriodKind } from './control-run.tables.js';

export interface RunPeriod {
  kind: PeriodKind;
  /** First day, 'yyyy-mm-dd'. */
  start: string;
  /** Last day (inclusive), 'yyyy-mm-dd'. */
  end: string;
  /** As shown: 2026, 2026-K2, 2026-05. */
  label: string;
}

const shapes: Record<PeriodKind, { pattern: RegExp; example: string }> = {
  jaar: { pattern: /^(\d{4})$/, example: '2026' },
  kwartaal: { pattern: /^(\d{4})-K([1-4])$/, example: '2026-K2' },
  maand: { pattern: /^(\d{4})-(0[1-9]|1[0-2])$/, example: '2026-05' },
};

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period `text` names for `kind`, or a Dutch message saying what is wrong with it. */
export function parseRunPeriod(kind: PeriodKind, text: string, today: string): RunPeriod | { error: string } {
  const shape = shapes[kind];
  const match = shape.pattern.exec(text.trim());
  if (!match) return { error: `Geef een ${kind} als ${kind === 'jaar' ? 'jjjj' : kind === 'kwartaal' ? 'jjjj-Kn' : 'jjjj-mm'}, bijvoorbeeld ${shape.example}.` };
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return { error: 'Kies een jaar tussen 2000 en 2100.' };
  const firstMonth = kind === 'jaar' ? 1 : kind === 'kwartaal' ? (Number(match[2]) - 1) * 3 + 1 : Number(match[2]);
  const lastMonth = kind === 'jaar' ? 12 : kind === 'kwartaal' ? firstMonth + 2 : firstMonth;
  const start = `${year}-${pad(firstMonth)}-01`;
  const end = `${year}-${pad(lastMonth)}-${pad(lastDay(year, lastMonth))}`;
  if (start > today) return { error: `De periode ${text.trim()} is nog niet begonnen: een controlerun kan alleen over een periode die begonnen of voorbij is.` };
  return { kind, start, end, label: text.trim() };
}

/** The label of a stored period (the inverse of parseRunPeriod). */
export function periodLabel(kind: PeriodKind, start: string): string {
  if (kind === 'jaar') return start.slice(0, 4);
  if (kind === 'maand') return start.slice(0, 7);
  return `${start.slice(0, 4)}-K${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}
