export { statusLabels } from '../../../../src/modules/cases/case.rules.js';
import type { CaseView } from '../../api/types';

/** "nog 12 dagen", "vandaag", "3 dagen te laat", "opgeschort". */
export function deadlineText(c: CaseView): string {
  const current = c.deadlines.current;
  if (!current) return c.deadlines.directAccess ? `directe toegang tot ${c.deadlines.directAccess.end}` : '—';
  const r = current.result;
  const what = current.kind === 'research' ? 'onderzoek' : 'beschikking';
  if (r.status === 'suspended') return `${what}: termijn opgeschort`;
  if (r.daysLeft === null) return '—';
  if (r.daysLeft === 0) return `${what}: vandaag (${r.dueDate})`;
  if (r.daysLeft < 0) return `${what}: ${-r.daysLeft} dagen te laat (${r.dueDate})`;
  return `${what}: nog ${r.daysLeft} dagen (${r.dueDate})`;
}
