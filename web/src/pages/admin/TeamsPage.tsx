// Sociale teams en wijken: teams with their areas; create and rename a team, give it its areas.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { AdminTeam, TeamsOverview } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { AdminNav, ChangesSection, changesKey, fieldError, formError } from './AdminNav';

const kindLabels: Record<AdminTeam['kind'], string> = { area_team: 'Sociaal wijkteam', kcc: 'KCC', specialist: 'Specialistisch team' };

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: ['admin-teams'] });
    await client.invalidateQueries({ queryKey: changesKey('teams') });
  };
}

export function TeamsPage() {
  const overview = useQuery({ queryKey: ['admin-teams'], queryFn: () => api<TeamsOverview>('/api/admin/teams') });
  const [editing, setEditing] = useState<string | null>(null);
  const areaName = new Map((overview.data?.areas ?? []).map((a) => [a.code, a.name]));
  const team = overview.data?.teams.find((t) => t.id === editing);
  return (
    <div className="koers-stack">
      <Heading level={1}>Sociale teams en wijken</Heading>
      <AdminNav />
      <Paragraph>Elke wijk hoort bij één team. Medewerkers van dat team hebben een relatie met de inwoners van hun wijken.</Paragraph>
      {overview.isError && <Alert type="error">{overview.error.message}</Alert>}
      {overview.data && (
        <TableScroll label="Teams">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">{overview.data.teams.length} teams met hun wijken</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Team', 'Soort', 'Wijken', 'Acties'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {overview.data.teams.map((t) => (
                <tr key={t.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{t.name}</th>
                  <td className="utrecht-table__cell">{kindLabels[t.kind]}</td>
                  <td className="utrecht-table__cell">{t.areas.length ? t.areas.map((c) => areaName.get(c) ?? c).join(', ') : '—'}</td>
                  <td className="utrecht-table__cell"><Button appearance="subtle" onClick={() => setEditing(t.id)} aria-label={`${t.name} wijzigen`}>Wijzigen</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {team && overview.data ? <TeamForm key={team.id} team={team} areas={overview.data.areas} teams={overview.data.teams} onClose={() => setEditing(null)} /> : <NewTeamForm />}
      <ChangesSection section="teams" />
    </div>
  );
}

function NewTeamForm() {
  const refresh = useRefresh();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<AdminTeam['kind']>('area_team');
  const save = useMutation({
    mutationFn: () => api<AdminTeam>('/api/admin/teams', { method: 'POST', body: { name, kind } }),
    onSuccess: async () => {
      setName('');
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="nieuw-team" className="koers-stack">
      <Heading level={2} id="nieuw-team">Nieuw team</Heading>
      <form onSubmit={submit} className="koers-stack koers-form-narrow" noValidate>
        <TextField label="Naam van het team" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(save.error, 'name')} />
        <SelectField label="Soort team" value={kind} onChange={(v) => setKind(v as AdminTeam['kind'])} options={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))} />
        {formError(save.error, ['name', 'kind']) && <Alert type="error">{formError(save.error, ['name', 'kind'])}</Alert>}
        <div><Button type="submit" busy={save.isPending}>Team aanmaken</Button></div>
        {save.isSuccess && <span role="status">Team aangemaakt.</span>}
      </form>
    </section>
  );
}

function TeamForm({ team, areas, teams, onClose }: { team: AdminTeam; areas: TeamsOverview['areas']; teams: AdminTeam[]; onClose: () => void }) {
  const refresh = useRefresh();
  const [name, setName] = useState(team.name);
  const [chosen, setChosen] = useState<string[]>(team.areas);
  const owner = new Map(teams.flatMap((t) => t.areas.map((a) => [a, t] as const)));
  const rename = useMutation({ mutationFn: () => api<AdminTeam>(`/api/admin/teams/${team.id}`, { method: 'PATCH', body: { name } }), onSuccess: refresh });
  const setAreas = useMutation({ mutationFn: () => api<AdminTeam>(`/api/admin/teams/${team.id}/areas`, { method: 'PUT', body: { areaCodes: chosen } }), onSuccess: refresh });
  return (
    <section aria-labelledby="team-wijzigen" className="koers-stack">
      <Heading level={2} id="team-wijzigen">{team.name} wijzigen</Heading>
      <form onSubmit={(e) => { e.preventDefault(); rename.mutate(); }} className="koers-target" noValidate>
        <TextField label="Naam van het team" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(rename.error, 'name') ?? formError(rename.error, ['name'])} />
        <Button type="submit" appearance="secondary-action" busy={rename.isPending}>Naam opslaan</Button>
        {rename.isSuccess && <span role="status"> Opgeslagen.</span>}
      </form>
      <form onSubmit={(e) => { e.preventDefault(); setAreas.mutate(); }} className="koers-stack" noValidate>
        <fieldset className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Wijken van dit team</legend>
          <div className="koers-columns">
            {areas.map((a) => {
              const other = owner.get(a.code);
              return (
                <div key={a.code} className="utrecht-form-field utrecht-form-field--checkbox">
                  <div className="utrecht-form-field__label">
                    <label className="utrecht-form-label utrecht-form-label--checkbox">
                      <span className="utrecht-form-field__input">
                        <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={chosen.includes(a.code)} onChange={(e) => setChosen(e.target.checked ? [...chosen, a.code] : chosen.filter((c) => c !== a.code))} />
                      </span>
                      {a.name}
                      {other && other.id !== team.id && <small> (nu {other.name})</small>}
                    </label>
                  </div>
                </div>
              );
            })}
          </div>
        </fieldset>
        {setAreas.isError && <Alert type="error">{fieldError(setAreas.error, 'areaCodes') ?? setAreas.error.message}</Alert>}
        <span className="koers-actions">
          <Button type="submit" busy={setAreas.isPending}>Wijken opslaan</Button>
          <Button appearance="secondary-action" onClick={onClose}>Sluiten</Button>
        </span>
        {setAreas.isSuccess && <span role="status">Wijken opgeslagen.</span>}
      </form>
    </section>
  );
}
