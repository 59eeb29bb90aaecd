import type { CaseView } from '../../api/types';
import { Overdue } from '../../components/ui';
import { deadlineText, isOverdue } from './caseTypes';

/** The case's term as text ("beschikking: 8 dagen te laat (…)"), highlighted when it has passed. */
export function Deadline({ c }: { c: Pick<CaseView, 'deadlines'> }) {
  return <Overdue overdue={isOverdue(c)}>{deadlineText(c)}</Overdue>;
}
