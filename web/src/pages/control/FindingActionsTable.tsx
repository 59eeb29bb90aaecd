// A table of follow-up actions of control findings (Mijn bevindingen, Mijn werk): due date (overdue
// marked), the finding it belongs to, and "Afronden" for an open one.
import { Link } from 'react-router';
import type { FindingActionView } from '../../api/types';
import { Overdue, TableScroll } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';
import { ActionDoneForm } from './ControlFindingActionDone';
import { findingCode } from './findingLabels';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';

export function FindingActionsTable({ caption, actions, onDone }: { caption: string; actions: FindingActionView[]; onDone?: () => Promise<void> | void }) {
  return (
    <TableScroll label={caption}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption>{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['Uiterlijk', 'Bevinding', 'Actie', onDone ? 'Afronden' : 'Resultaat'].map((h) => (
              <th key={h} className={th} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {actions.map((a) => (
            <tr key={a.id} className="utrecht-table__row">
              <td className={td}>
                <Overdue overdue={a.overdue}>
                  {formatDate(a.dueDate)}
                  {a.overdue ? ' (te laat)' : ''}
                </Overdue>
              </td>
              <td className={td}>
                <Link to={`/control/bevindingen/${a.findingId}`} className="utrecht-link">
                  {findingCode(a.findingNumber)}: {a.findingTitle}
                </Link>
              </td>
              <td className={td}>{a.description}</td>
              <td className={td}>{onDone && a.status === 'open' ? <ActionDoneForm action={a} onDone={onDone} /> : `${a.result ?? ''}${a.doneAt ? ` (${formatDateTime(a.doneAt)})` : ''}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
