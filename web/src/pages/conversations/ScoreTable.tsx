import type { Conversation } from '../../api/types';
import { formatDate, TableScroll } from '../../components/ui';
import { dimensionLabels, dimensions } from './conversationLabels';

/** The scores of the latest conversation (and the previous one) as a table, with what the resident wants to talk about. */
export function ScoreTable({ latest, previous }: { latest: Conversation; previous: Conversation | undefined }) {
  return (
    <TableScroll label="Cijfers per dimensie (0 tot en met 10), gegeven door de inwoner">
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption">Cijfers per dimensie (0 tot en met 10), gegeven door de inwoner</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="col">Dimensie</th>
            <th className="utrecht-table__header-cell" scope="col">Gesprek {formatDate(latest.heldOn)}</th>
            {previous && <th className="utrecht-table__header-cell" scope="col">Vorig gesprek {formatDate(previous.heldOn)}</th>}
            <th className="utrecht-table__header-cell" scope="col">Wil hierover praten</th>
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {dimensions.map((d) => (
            <tr key={d} className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="row">{dimensionLabels[d]}</th>
              <td className="utrecht-table__cell utrecht-table__cell--numeric">{latest.scores[d].score}</td>
              {previous && <td className="utrecht-table__cell utrecht-table__cell--numeric">{previous.scores[d].score}</td>}
              <td className="utrecht-table__cell">{latest.scores[d].wantsToTalk ? <strong>Ja</strong> : 'Nee'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
