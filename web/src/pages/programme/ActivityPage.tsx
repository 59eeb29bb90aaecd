import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useCan } from '../../session';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TextField, TableScroll } from '../../components/ui';
import { useMonth } from './ProgrammeNav';
import { currentMonth, formatQuarter, statusLabel, useProgramme } from './programmeApi';
import type { Activity, ActivityChange, ActivityStatus, Programme } from '../../api/types';


const fieldLabel: Record<string, string> = { status: 'Status', planned_quarter: 'Gepland kwartaal', done_quarter: 'Gereed-kwartaal', text: 'Omschrijving', owner: 'Eigenaar', note: 'Opmerking' };
import { formatDateTime } from '../../format';

function EditForm({ activity, onSaved }: { activity: Activity; onSaved: () => void }) {
  const [status, setStatus] = useState<ActivityStatus>(activity.status);
  const [planned, setPlanned] = useState(activity.plannedQuarter ?? '');
  const [done, setDone] = useState(activity.doneQuarter ?? '');
  const [owner, setOwner] = useState(activity.owner ?? '');
  const [reason, setReason] = useState('');
  // Only what the user changed is sent, so a save can never undo someone else's later edit of another field.
  const changes = () => {
    const next = { status, plannedQuarter: planned.trim() || null, doneQuarter: status === 'AF' ? done.trim() || null : null, owner: owner.trim() || null };
    const current = { status: activity.status, plannedQuarter: activity.plannedQuarter, doneQuarter: activity.doneQuarter, owner: activity.owner };
    return Object.fromEntries(Object.entries(next).filter(([key, value]) => current[key as keyof typeof current] !== value));
  };
  const save = useMutation({
    mutationFn: () => api<Activity>(`/api/programme/activities/${activity.id}`, { method: 'PATCH', body: { ...changes(), reason: reason.trim() || null } }),
    onSuccess: onSaved,
  });
  const fieldError = (f: string) => (save.error instanceof ApiError ? save.error.fields.find((e) => e.field === f)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" noValidate>
      <Heading level={2}>Bijwerken</Heading>
      {save.isError && <Alert type="error">{save.error.message}</Alert>}
      <SelectField label="Status" value={status} onChange={(v) => setStatus(v as ActivityStatus)} options={(['AF', 'LOOPT', 'NIEUW'] as const).map((s) => ({ value: s, label: `${s} — ${statusLabel[s]}` }))} />
      <TextField label="Gepland kwartaal" description="Vorm JJJJ-Qn, bijvoorbeeld 2024-Q1" value={planned} onChange={(e) => setPlanned(e.target.value)} error={fieldError('plannedQuarter')} />
      {status === 'AF' && <TextField label="Gereed-kwartaal" description="Vorm JJJJ-Qn" value={done} onChange={(e) => setDone(e.target.value)} error={fieldError('doneQuarter')} />}
      <TextField label="Eigenaar" value={owner} onChange={(e) => setOwner(e.target.value)} error={fieldError('owner')} />
      <TextField label="Reden van de wijziging" description="Bijvoorbeeld waarom een activiteit is herpland" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError('reason')} />
      <Button type="submit" busy={save.isPending} disabled={save.isPending}>Opslaan</Button>
    </form>
  );
}

type Letter = Programme['councilLetters'][number];

function LetterLinks({ activity, letters, canEdit, onSaved }: { activity: Activity; letters: Letter[]; canEdit: boolean; onSaved: () => void }) {
  const [selected, setSelected] = useState<string[]>(activity.letterIds);
  const save = useMutation({
    mutationFn: () => api<Activity>(`/api/programme/activities/${activity.id}/letters`, { method: 'PUT', body: { letterIds: selected } }),
    onSuccess: onSaved,
  });
  const label = (l: Letter) => `${l.date.split('-').reverse().join('-')}${l.number ? ` (${l.number})` : ''}: ${l.title}`;
  const linked = letters.filter((l) => activity.letterIds.includes(l.id));
  if (!canEdit) {
    return linked.length ? (
      <ul className="utrecht-unordered-list">{linked.map((l) => <li key={l.id} className="utrecht-unordered-list__item">{label(l)}</li>)}</ul>
    ) : (
      <Paragraph>Geen raadsinformatie gekoppeld.</Paragraph>
    );
  }
  return (
    <form
      className="koers-stack"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="utrecht-form-fieldset koers-letters">
        <legend className="utrecht-form-fieldset__legend">Gekoppelde raadsinformatiebrieven</legend>
        {letters.map((l) => (
          <div key={l.id} className="utrecht-form-field utrecht-form-field--checkbox">
            <label className="utrecht-form-label utrecht-form-label--checkbox">
              <input
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input"
                checked={selected.includes(l.id)}
                onChange={(e) => setSelected(e.target.checked ? [...selected, l.id] : selected.filter((id) => id !== l.id))}
              />{' '}
              {label(l)}
            </label>
          </div>
        ))}
      </fieldset>
      {save.isError && <Alert type="error">{save.error.message}</Alert>}
      {save.isSuccess && <Alert type="ok">De koppelingen zijn opgeslagen.</Alert>}
      <Button type="submit" appearance="secondary-action" busy={save.isPending} disabled={save.isPending}>
        Koppelingen opslaan
      </Button>
    </form>
  );
}

export function ActivityPage() {
  const { id = '' } = useParams();
  const [month] = useMonth();
  const can = useCan();
  const queryClient = useQueryClient();
  const programme = useProgramme(month);
  // Edits start from the activity as it is now, whatever month is being viewed.
  const now = useProgramme(currentMonth());
  const history = useQuery({ queryKey: ['programme', 'history', id], queryFn: () => api<ActivityChange[]>(`/api/programme/activities/${encodeURIComponent(id)}/history`) });
  const find = (data: typeof programme.data) => data?.lines.flatMap((l) => l.themes.flatMap((t) => t.activities)).find((a) => a.id === id);
  const activity = find(programme.data);
  const currentActivity = find(now.data);
  const canEdit = can('programme:write');
  // Kept outside the form: the form is re-created from the saved state, the confirmation must stay.
  const [saved, setSaved] = useState(false);
  if (programme.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (!activity) return <Alert type="error">{programme.error?.message ?? history.error?.message ?? 'Activiteit is niet gevonden.'}</Alert>;
  return (
    <div className="koers-stack">
      <Link to={`/programma?maand=${month}`} className="utrecht-link">← Terug naar de routekaart</Link>
      <Heading level={1}>{activity.text}</Heading>
      <DataList
        items={[
          ['Programmalijn', `${activity.line}. ${activity.lineTitle}`],
          ['Thema', activity.theme],
          ['Status', `${activity.status} — ${statusLabel[activity.status]}`],
          ['Gepland', activity.replannedFrom ? `${formatQuarter(activity.plannedQuarter)} (was ${formatQuarter(activity.replannedFrom)})` : formatQuarter(activity.plannedQuarter)],
          ['Gereed', formatQuarter(activity.doneQuarter)],
          ['Oorspronkelijk gepland', formatQuarter(activity.firstPlannedQuarter)],
          ['Eigenaar', activity.owner ?? '—'],
          ['In de rapportage', activity.bullet],
        ]}
      />
      {activity.slipped && <Alert type="warning">Deze activiteit is later af of gepland dan oorspronkelijk.</Alert>}
      {activity.overdue && <Alert type="warning">Het geplande kwartaal is voorbij en de activiteit is nog niet af.</Alert>}
      {saved && <Alert type="ok">De wijziging is opgeslagen en staat in de historie.</Alert>}
      {canEdit && currentActivity && (
        <EditForm
          key={`${currentActivity.id}:${currentActivity.status}:${currentActivity.plannedQuarter}:${currentActivity.doneQuarter}:${currentActivity.owner}`}
          activity={currentActivity}
          onSaved={() => {
            setSaved(true);
            void queryClient.invalidateQueries({ queryKey: ['programme'] });
          }}
        />
      )}
      <Heading level={2}>Raadsinformatie</Heading>
      <LetterLinks
        activity={activity}
        letters={programme.data?.councilLetters ?? []}
        canEdit={canEdit}
        onSaved={() => void queryClient.invalidateQueries({ queryKey: ['programme'] })}
      />
      <Heading level={2}>Historie</Heading>
      {history.data && history.data.length === 0 && <Paragraph>Nog geen wijzigingen.</Paragraph>}
      {history.data && history.data.length > 0 && (
        <TableScroll label="Wijzigingen van deze activiteit">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Wijzigingen van deze activiteit</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Wanneer', 'Wie', 'Wat', 'Van', 'Naar', 'Reden'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {history.data.map((c) => (
                <tr key={c.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{formatDateTime(c.changedAt)}</td>
                  <td className="utrecht-table__cell">{c.changedByName ?? 'bronrapport'}</td>
                  <td className="utrecht-table__cell">{fieldLabel[c.field] ?? c.field}</td>
                  <td className="utrecht-table__cell">{c.oldValue ? <del>{c.oldValue}</del> : '—'}</td>
                  <td className="utrecht-table__cell">{c.newValue ?? '—'}</td>
                  <td className="utrecht-table__cell">{c.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
