import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Button, Heading, Paragraph, SelectField, Overdue, TableScroll } from '../../components/ui';
import { formatDate } from '../../format';
import { factsText, severityLabels, statusLabels } from './signalTypes';
import type { AssignResult, Consultant, Rule, TeamOption, Worklist } from '../../api/types';

const PAGE = 50;

interface Filters {
  scope: string;
  rule: string;
  severity: string;
  area: string;
  status: string;
  due: string;
}

function queryString(f: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (f.scope === 'mine') params.set('scope', 'mine');
  else {
    params.set('scope', 'team');
    params.set('teamId', f.scope);
  }
  for (const key of ['rule', 'severity', 'area', 'status', 'due'] as const) if (f[key]) params.set(key, f[key]);
  return params.toString();
}

export function SignalsPage() {
  const client = useQueryClient();
  const [filters, setFilters] = useState<Filters>({ scope: 'mine', rule: '', severity: '', area: '', status: 'open', due: '' });
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string[]>([]);
  const [assignee, setAssignee] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const set = (key: keyof Filters) => (value: string) => {
    setFilters({ ...filters, [key]: value });
    setOffset(0);
    setSelected([]);
  };

  const teams = useQuery({ queryKey: ['signals', 'teams'], queryFn: () => api<TeamOption[]>('/api/signals/teams') });
  const rules = useQuery({ queryKey: ['signals', 'rules'], queryFn: () => api<Rule[]>('/api/signals/rules') });
  const colleagues = useQuery({ queryKey: ['consultants'], queryFn: () => api<Consultant[]>('/api/consultants') });
  const list = useQuery({
    queryKey: ['signals', 'list', filters, offset],
    queryFn: () => api<Worklist>(`/api/signals?${queryString(filters, { limit: String(PAGE), offset: String(offset) })}`),
  });
  const assign = useMutation({
    mutationFn: () => api<AssignResult>('/api/signals/assign', { method: 'POST', body: { ids: selected, userId: assignee } }),
    onSuccess: async (result) => {
      setMessage(`${result.assigned} ${result.assigned === 1 ? 'signaal' : 'signalen'} toegewezen.`);
      setSelected([]);
      await client.invalidateQueries({ queryKey: ['signals'] });
    },
  });

  const items = list.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((i) => selected.includes(i.id));
  const toggle = (id: string) => setSelected(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);

  return (
    <div className="koers-stack">
      <Heading level={1}>Signalen</Heading>
      <Paragraph>
        Situaties die Koers zelf vindt en die actie vragen: termijnen, toewijzingen, terugbelverzoeken en bijstand. Een signaal sluit vanzelf als de situatie voorbij is.
      </Paragraph>
      <form className="koers-filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Werklijst"
          value={filters.scope}
          onChange={set('scope')}
          options={[{ value: 'mine', label: 'Mijn signalen' }, ...(teams.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${t.open} open)` }))]}
        />
        <SelectField label="Regel" value={filters.rule} onChange={set('rule')} options={[{ value: '', label: 'Alle regels' }, ...(rules.data ?? []).map((r) => ({ value: r.id, label: r.title }))]} />
        <SelectField
          label="Ernst"
          value={filters.severity}
          onChange={set('severity')}
          options={[{ value: '', label: 'Alle' }, ...Object.entries(severityLabels).map(([value, label]) => ({ value, label }))]}
        />
        <SelectField
          label="Gebied"
          value={filters.area}
          onChange={set('area')}
          options={[{ value: '', label: 'Alle gebieden' }, ...(list.data?.countsPerArea ?? []).map((a) => ({ value: a.area.code, label: `${a.area.name} (${a.count})` }))]}
        />
        <SelectField
          label="Status"
          value={filters.status}
          onChange={set('status')}
          options={[{ value: 'open', label: 'Open (nieuw en in behandeling)' }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))]}
        />
        <SelectField
          label="Termijn"
          value={filters.due}
          onChange={set('due')}
          options={[
            { value: '', label: 'Alle' },
            { value: 'verlopen', label: 'Verlopen' },
            { value: 'vandaag', label: 'Uiterlijk vandaag' },
            { value: 'week', label: 'Binnen een week' },
          ]}
        />
      </form>

      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {list.data && list.data.countsPerRule.length > 0 && (
        <TableScroll label="Aantal signalen per regel">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">Aantal signalen per regel</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">Regel</th>
                <th className="utrecht-table__header-cell" scope="col">Ernst</th>
                <th className="utrecht-table__header-cell" scope="col">Aantal</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {list.data.countsPerRule.map((c) => (
                <tr key={c.rule.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{c.rule.title}</th>
                  <td className="utrecht-table__cell">{severityLabels[c.rule.severity]}</td>
                  <td className="utrecht-table__cell">{c.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {message && <Alert type="ok">{message}</Alert>}
      {assign.isError && <Alert type="error">{assign.error.message}</Alert>}
      {list.data && list.data.total === 0 && <Paragraph>Geen signalen die aan deze filters voldoen.</Paragraph>}
      {list.data && list.data.total > 0 && (
        <>
          <div className="koers-actions">
            <SelectField
              label="Toewijzen aan"
              value={assignee}
              onChange={setAssignee}
              options={[{ value: '', label: 'Kies een medewerker' }, ...(colleagues.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))]}
            />
            <Button disabled={selected.length === 0 || !assignee || assign.isPending} busy={assign.isPending} onClick={() => assign.mutate()}>
              Toewijzen ({selected.length})
            </Button>
            <a className="utrecht-link" href={`/api/signals/export.csv?${queryString(filters)}`} download>
              Exporteren als CSV
            </a>
          </div>
          <TableScroll label="Signalen">
            <table className="utrecht-table utrecht-table--html-table">
              <caption className="utrecht-table__caption">
                Signalen {offset + 1}–{offset + items.length} van {list.data.total}, eerst de vroegste termijn
              </caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">
                    <input
                      type="checkbox"
                      className="utrecht-checkbox utrecht-checkbox--html-input"
                      aria-label="Alle signalen op deze pagina selecteren"
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? [] : items.map((i) => i.id))}
                    />
                  </th>
                  {['Signaal', 'Ernst', 'Inwoner', 'Gebied', 'Feiten', 'Uiterlijk', 'Status', 'Toegewezen aan'].map((h) => (
                    <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {items.map((s) => (
                  <tr key={s.id} className="utrecht-table__row">
                    <td className="utrecht-table__cell">
                      <input
                        type="checkbox"
                        className="utrecht-checkbox utrecht-checkbox--html-input"
                        aria-label={`Selecteer: ${s.rule.title}${s.resident ? `, ${s.resident.name}` : ''}`}
                        checked={selected.includes(s.id)}
                        onChange={() => toggle(s.id)}
                      />
                    </td>
                    <td className="utrecht-table__cell">
                      <Link to={`/signalen/${s.id}`} className="utrecht-link">{s.rule.title}</Link>
                    </td>
                    <td className="utrecht-table__cell">{severityLabels[s.rule.severity]}</td>
                    <td className="utrecht-table__cell">{s.resident?.name ?? '—'}</td>
                    <td className="utrecht-table__cell">{s.area?.name ?? '—'}</td>
                    <td className="utrecht-table__cell">{factsText(s.facts)}</td>
                    <td className="utrecht-table__cell"><Overdue overdue={s.overdue}>{formatDate(s.dueOn)}{s.overdue ? ' (verlopen)' : ''}</Overdue></td>
                    <td className="utrecht-table__cell">{statusLabels[s.status]}</td>
                    <td className="utrecht-table__cell">{[s.assignee.user?.name, s.assignee.team?.name].filter(Boolean).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="koers-actions">
            <Button appearance="secondary-action" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Vorige</Button>
            <Button appearance="secondary-action" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>Volgende</Button>
          </div>
        </>
      )}
    </div>
  );
}
