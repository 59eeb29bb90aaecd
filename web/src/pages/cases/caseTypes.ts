export { statusLabels } from '../../../../src/modules/cases/case.rules.js';
import type { CaseView } from '../../api/types';
import { count, formatDate } from '../../format';

/** "nog 12 dagen", "vandaag", "3 dagen te laat", "opgeschort". */
export function deadlineText(c: Pick<CaseView, 'deadlines'>): string {
  const current = c.deadlines.current;
  if (!current) return c.deadlines.directAccess ? `directe toegang tot ${formatDate(c.deadlines.directAccess.end)}` : '—';
  const r = current.result;
  const what = current.kind === 'research' ? 'onderzoek' : 'beschikking';
  if (r.status === 'suspended') return `${what}: termijn opgeschort`;
  if (r.daysLeft === null) return '—';
  if (r.daysLeft === 0) return `${what}: vandaag (${formatDate(r.dueDate)})`;
  if (r.daysLeft < 0) return `${what}: ${count(-r.daysLeft, 'dag', 'dagen')} te laat (${formatDate(r.dueDate)})`;
  return `${what}: nog ${count(r.daysLeft, 'dag', 'dagen')} (${formatDate(r.dueDate)})`;
}

/** The legal term has passed (not while it is suspended). */
export function isOverdue(c: Pick<CaseView, 'deadlines'>): boolean {
  const r = c.deadlines.current?.result;
  return r !== undefined && r.status !== 'suspended' && r.daysLeft !== null && r.daysLeft < 0;
}
