// Bevindingen (issue #13 §3): the findings of the controls with their assessment, amount, owner and
// open follow-up, filtered by year, process, assessment and status.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { FindingList } from '../../api/types';
import { Alert, Heading, Overdue, Paragraph, SelectField, TableScroll } from '../../components/ui';
import { formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';
import { assessmentLabel, findingCode, processLabel } from './findingLabels';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const thisYear = new Date().getFullYear();

export function ControlFindingsPage() {
  const me = useMe();
  const [year, setYear] = useState(String(thisYear));
  const [process, setProcess] = useState('');
  const [assessment, setAssessment] = useState('');
  const [status, setStatus] = useState('');
  const query = new URLSearchParams(Object.entries({ year, process, assessment, status }).filter(([, v]) => v !== '')).toString();
  const list = useQuery({ queryKey: ['control-findings', query], queryFn: () => api<FindingList>(`/api/control/findings?${query}`) });
  return (
    <div className="koers-stack">
      <Heading level={1}>Bevindingen</Heading>
      <Paragraph>
        Een bevinding komt uit een uitzondering van een controlerun, een item van een steekproef of een eigen waarneming. De controller beoordeelt haar als fout, onzekerheid of geen bevinding, met reden en
        bedrag, en legt opvolgacties vast met een eigenaar en einddatum.
      </Paragraph>
      {hasPermission(me.data, 'controls:write') && (
        <Paragraph>
          <Link to="/control/bevindingen/nieuw" className="utrecht-link">
            Nieuwe bevinding uit een eigen waarneming
          </Link>
        </Paragraph>
      )}
      <form className="koers-search" aria-label="Bevindingen filteren" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Jaar" value={year} onChange={setYear} options={[{ value: '', label: 'Alle jaren' }, ...[0, 1, 2, 3].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) }))]} />
        <SelectField label="Proces" value={process} onChange={setProcess} options={[{ value: '', label: 'Alle processen' }, ...Object.entries(processLabel).map(([value, label]) => ({ value, label }))]} />
        <SelectField
          label="Beoordeling"
          value={assessment}
          onChange={setAssessment}
          options={[{ value: '', label: 'Alle' }, ...Object.entries(assessmentLabel).map(([value, label]) => ({ value, label })), { value: 'geen', label: 'Nog niet beoordeeld' }]}
        />
        <SelectField
          label="Status"
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: 'Alle' },
            { value: 'te-beoordelen', label: 'Te beoordelen' },
            { value: 'opvolging-open', label: 'Opvolging open' },
            { value: 'afgerond', label: 'Afgerond' },
          ]}
        />
      </form>
      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {list.data && list.data.items.length === 0 && <Paragraph>Geen bevindingen met deze filters.</Paragraph>}
      {list.data && list.data.items.length > 0 && <FindingsTable caption={`Bevindingen (${list.data.items.length})`} items={list.data.items} />}
    </div>
  );
}

export function FindingsTable({ caption, items }: { caption: string; items: FindingList['items'] }) {
  return (
    <TableScroll label={caption}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption>{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {['Nummer', 'Omschrijving', 'Proces en jaar', 'Beoordeling', 'Bedrag', 'Eigenaar', 'Open acties'].map((h) => (
              <th key={h} className={th} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {items.map((f) => (
            <tr key={f.id} className="utrecht-table__row">
              <th className={th} scope="row">
                <Link to={`/control/bevindingen/${f.id}`} className="utrecht-link">
                  {findingCode(f.number)}
                </Link>
              </th>
              <td className={td}>{f.title}</td>
              <td className={td}>
                {processLabel[f.process]} {f.year}
              </td>
              <td className={td}>{f.assessment ? assessmentLabel[f.assessment] : 'Nog niet beoordeeld'}</td>
              <td className={td}>{formatMoney(f.amountCents)}</td>
              <td className={td}>{f.owner?.name ?? '—'}</td>
              <td className={td}>
                <Overdue overdue={f.overdueActions > 0}>
                  {f.openActions}
                  {f.overdueActions > 0 ? `, waarvan ${f.overdueActions} te laat` : ''}
                </Overdue>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
