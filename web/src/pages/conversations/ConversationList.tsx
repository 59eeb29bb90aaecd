import type { Conversation } from '../../api/types';
import { formatDate, TableScroll } from '../../components/ui';

/** All conversations, newest first, with their ladder step, agreements and a link to the printable report. */
export function ConversationList({ conversations, caseReference }: { conversations: Conversation[]; caseReference?: (caseId: string) => string | undefined }) {
  const headers = ['Datum', 'Gevoerd door', ...(caseReference ? ['Zaak'] : []), 'Trede', 'Afspraken', 'Verslag'];
  return (
    <TableScroll label="Alle gesprekken, nieuwste eerst">
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption">Alle gesprekken, nieuwste eerst</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {headers.map((h) => (
              <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {conversations.map((c) => (
            <tr key={c.id} className="utrecht-table__row">
              <td className="utrecht-table__cell">
                {formatDate(c.heldOn)}
                {c.correctedById && ' (gecorrigeerd)'}
                {c.correctsId && ' (correctie)'}
              </td>
              <td className="utrecht-table__cell">{c.conductedBy.displayName}</td>
              {caseReference && <td className="utrecht-table__cell">{c.caseId ? (caseReference(c.caseId) ?? '—') : 'Geen zaak'}</td>}
              <td className="utrecht-table__cell">{c.ladder.stepLabel}</td>
              <td className="utrecht-table__cell">
                <ul className="utrecht-unordered-list">
                  {c.agreements.map((a, i) => (
                    <li key={i} className="utrecht-unordered-list__item">{a}</li>
                  ))}
                </ul>
              </td>
              <td className="utrecht-table__cell">
                <a className="utrecht-link" href={`/api/conversations/${c.id}/report.html`} target="_blank" rel="noreferrer">
                  Gespreksverslag {formatDate(c.heldOn)}
                  <span className="koers-visually-hidden"> (opent in een nieuw venster)</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
