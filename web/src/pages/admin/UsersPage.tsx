// Medewerkers: accounts with roles and team; create with a one-time password, change, switch off and on, new password.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { OneTimePassword, StaffUser, TeamsOverview } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { roleLabels } from '../../navigation';
import { AdminNav, ChangesSection, changesKey, fieldError, formError } from './AdminNav';

const staffRoles = (Object.keys(roleLabels) as (keyof typeof roleLabels)[]).filter((r) => r !== 'resident');

export function UsersPage({ myUsername }: { myUsername: string }) {
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: () => api<StaffUser[]>('/api/admin/users') });
  const teams = useQuery({ queryKey: ['admin-teams'], queryFn: () => api<TeamsOverview>('/api/admin/teams') });
  const [issued, setIssued] = useState<OneTimePassword | null>(null);
  const [editing, setEditing] = useState<StaffUser | null>(null);
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['admin-users'] });
    await client.invalidateQueries({ queryKey: changesKey('users') });
  };
  const action = useMutation({
    mutationFn: async ({ user, what }: { user: StaffUser; what: 'deactivate' | 'reactivate' | 'password' }): Promise<OneTimePassword | null> => {
      if (what === 'password') return api<OneTimePassword>(`/api/admin/users/${user.id}/password`, { method: 'POST' });
      await api<StaffUser>(`/api/admin/users/${user.id}/${what}`, { method: 'POST' });
      return null;
    },
    onSuccess: async (result) => {
      setIssued(result);
      await refresh();
    },
  });
  const teamOptions = [{ value: '', label: 'Geen team' }, ...(teams.data?.teams ?? []).map((t) => ({ value: t.id, label: t.name }))];
  return (
    <div className="koers-stack">
      <Heading level={1}>Medewerkers</Heading>
      <AdminNav />
      <Paragraph>Accounts van medewerkers met hun rollen en team. Een nieuw account krijgt een eenmalig wachtwoord; dat ziet u maar één keer.</Paragraph>
      {issued && (
        <Alert type="ok">
          Eenmalig wachtwoord voor {issued.user.displayName} ({issued.user.username}): <code className="koers-password">{issued.oneTimePassword}</code>. Geef het veilig door; het wordt niet nog een keer getoond.
        </Alert>
      )}
      {action.isError && <Alert type="error">{action.error.message}</Alert>}
      {users.isError && <Alert type="error">{users.error.message}</Alert>}
      {users.data && (
        <TableScroll label="Medewerkers">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">{users.data.length} medewerkers</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Naam', 'Functie', 'Rollen', 'Team', 'Account', 'Acties'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {users.data.map((u) => (
                <tr key={u.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{u.displayName}<br /><small>{u.username}</small></th>
                  <td className="utrecht-table__cell">{u.jobTitle || '—'}</td>
                  <td className="utrecht-table__cell">{u.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join(', ')}</td>
                  <td className="utrecht-table__cell">{u.team?.name ?? '—'}</td>
                  <td className="utrecht-table__cell">{u.active ? 'Actief' : 'Uitgeschakeld'}</td>
                  <td className="utrecht-table__cell">
                    <span className="koers-actions">
                      <Button appearance="subtle" onClick={() => setEditing(u)} aria-label={`${u.displayName} wijzigen`}>Wijzigen</Button>
                      {u.username !== myUsername && (
                        <Button appearance="subtle" onClick={() => action.mutate({ user: u, what: u.active ? 'deactivate' : 'reactivate' })} aria-label={`${u.displayName} ${u.active ? 'uitschakelen' : 'activeren'}`}>
                          {u.active ? 'Uitschakelen' : 'Activeren'}
                        </Button>
                      )}
                      {/* Your own password you change under "Wachtwoord wijzigen": a one-time password would lock this session until then. */}
                      {u.username !== myUsername && (
                        <Button appearance="subtle" onClick={() => action.mutate({ user: u, what: 'password' })} aria-label={`Nieuw wachtwoord voor ${u.displayName}`}>Nieuw wachtwoord</Button>
                      )}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {editing ? (
        <UserForm key={editing.id} user={editing} teamOptions={teamOptions} onDone={async () => { setEditing(null); await refresh(); }} onCancel={() => setEditing(null)} />
      ) : (
        <UserForm teamOptions={teamOptions} onDone={async (result) => { if (result) setIssued(result); await refresh(); }} />
      )}
      <ChangesSection section="users" />
    </div>
  );
}

function UserForm({ user, teamOptions, onDone, onCancel }: { user?: StaffUser; teamOptions: { value: string; label: string }[]; onDone: (issued?: OneTimePassword) => Promise<void>; onCancel?: () => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [jobTitle, setJobTitle] = useState(user?.jobTitle ?? '');
  const [roles, setRoles] = useState<string[]>(user?.roles ?? []);
  const [teamId, setTeamId] = useState(user?.team?.id ?? '');
  const save = useMutation({
    mutationFn: () =>
      user
        ? api<StaffUser>(`/api/admin/users/${user.id}`, { method: 'PATCH', body: { displayName, jobTitle, roles, teamId: teamId || null } }).then(() => undefined)
        : api<OneTimePassword>('/api/admin/users', { method: 'POST', body: { username, displayName, jobTitle, roles, teamId: teamId || null } }),
    onSuccess: async (result) => {
      if (!user) {
        setUsername('');
        setDisplayName('');
        setJobTitle('');
        setRoles([]);
        setTeamId('');
      }
      await onDone(result);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const rolesError = fieldError(save.error, 'roles');
  const general = formError(save.error, ['username', 'displayName', 'jobTitle', 'roles', 'teamId']);
  const title = user ? `${user.displayName} wijzigen` : 'Nieuwe medewerker';
  return (
    <section aria-labelledby="medewerker-form" className="koers-stack">
      <Heading level={2} id="medewerker-form">{title}</Heading>
      <form onSubmit={submit} className="koers-stack" noValidate>
        {!user && <TextField label="Gebruikersnaam" description="Kleine letters, cijfers, punt of streepje; bijvoorbeeld j.jansen." autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} error={fieldError(save.error, 'username')} />}
        <TextField label="Volledige naam" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={fieldError(save.error, 'displayName')} />
        <TextField label="Functie" value={jobTitle} onChange={(e) => setJobTitle(e.target.value)} error={fieldError(save.error, 'jobTitle')} />
        <fieldset className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${rolesError ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={rolesError ? 'rollen-fout' : undefined}>
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">Rollen</legend>
          {rolesError && <div className="utrecht-form-field-error-message" id="rollen-fout">{rolesError}</div>}
          {staffRoles.map((r) => (
            <div key={r} className="utrecht-form-field utrecht-form-field--checkbox">
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label utrecht-form-label--checkbox">
                  <span className="utrecht-form-field__input">
                    <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} />
                  </span>
                  {roleLabels[r]}
                </label>
              </div>
            </div>
          ))}
        </fieldset>
        <SelectField label="Team" value={teamId} onChange={setTeamId} options={teamOptions} />
        {fieldError(save.error, 'teamId') && <Alert type="error">{fieldError(save.error, 'teamId')}</Alert>}
        {general && <Alert type="error">{general}</Alert>}
        <span className="koers-actions">
          <Button type="submit" busy={save.isPending}>{user ? 'Opslaan' : 'Medewerker aanmaken'}</Button>
          {onCancel && <Button appearance="secondary-action" onClick={onCancel}>Annuleren</Button>}
        </span>
      </form>
    </section>
  );
}
