// Machineaccounts: API tokens with which a provider's software sends and fetches messages (/api/berichten).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { CreatedMachineAccount, MachineAccount, ProviderSummary } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { formatDateTime } from '../../format';
import { AdminNav, ChangesSection, changesKey, fieldError, formError } from './AdminNav';

export function MachineAccountsPage() {
  const client = useQueryClient();
  const accounts = useQuery({ queryKey: ['admin-api-tokens'], queryFn: () => api<MachineAccount[]>('/api/admin/api-tokens') });
  const providers = useQuery({ queryKey: ['providers'], queryFn: () => api<ProviderSummary[]>('/api/providers') });
  const [issued, setIssued] = useState<CreatedMachineAccount | null>(null);
  const [providerId, setProviderId] = useState('');
  const [label, setLabel] = useState('');
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['admin-api-tokens'] });
    await client.invalidateQueries({ queryKey: changesKey('api_tokens') });
  };
  const create = useMutation({
    mutationFn: () => api<CreatedMachineAccount>('/api/admin/api-tokens', { method: 'POST', body: { providerId, label } }),
    onSuccess: async (created) => {
      setIssued(created);
      setLabel('');
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<MachineAccount>(`/api/admin/api-tokens/${id}/revoke`, { method: 'POST' }),
    onSuccess: async () => {
      setIssued(null);
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const providerOptions = [{ value: '', label: 'Kies een aanbieder' }, ...(providers.data ?? []).map((p) => ({ value: p.id, label: `${p.name} (AGB ${p.agbCode})` }))];
  return (
    <div className="koers-stack">
      <Heading level={1}>Machineaccounts van aanbieders</Heading>
      <AdminNav />
      <Paragraph>
        Met een machineaccount levert de software van een aanbieder berichten aan (start en stop zorg) en haalt zij de berichten van de
        gemeente op, via de API onder /api/berichten. Het token ziet u maar één keer; Koers bewaart alleen een vingerafdruk ervan.
      </Paragraph>
      {issued && (
        <Alert type="ok">
          Token voor {issued.account.provider.name} ({issued.account.label}): <code className="koers-password">{issued.token}</code>. Geef het veilig door aan de
          aanbieder; het wordt niet nog een keer getoond.
        </Alert>
      )}
      {accounts.isError && <Alert type="error">{accounts.error.message}</Alert>}
      {revoke.isError && <Alert type="error">{revoke.error.message}</Alert>}
      {accounts.data && accounts.data.length === 0 && <Paragraph>Nog geen machineaccounts.</Paragraph>}
      {accounts.data && accounts.data.length > 0 && (
        <TableScroll label="Machineaccounts">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">{accounts.data.length} machineaccounts</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Aanbieder', 'Omschrijving', 'Aangemaakt', 'Laatst gebruikt', 'Status'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {accounts.data.map((a) => (
                <tr key={a.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{a.provider.name}<br /><span className="koers-muted">AGB {a.provider.agbCode}</span></th>
                  <td className="utrecht-table__cell">{a.label}</td>
                  <td className="utrecht-table__cell">{formatDateTime(a.createdAt)}<br /><span className="koers-muted">door {a.createdBy}</span></td>
                  <td className="utrecht-table__cell">{a.lastUsedAt ? formatDateTime(a.lastUsedAt) : 'Nog niet'}</td>
                  <td className="utrecht-table__cell">
                    {a.revokedAt ? (
                      `Ingetrokken op ${formatDateTime(a.revokedAt)}`
                    ) : (
                      <Button appearance="subtle" onClick={() => revoke.mutate(a.id)} busy={revoke.isPending && revoke.variables === a.id} aria-label={`Machineaccount ${a.label} van ${a.provider.name} intrekken`}>
                        Intrekken
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <section aria-labelledby="nieuw-machineaccount" className="koers-stack">
        <Heading level={2} id="nieuw-machineaccount">Nieuw machineaccount</Heading>
        <form onSubmit={submit} className="koers-stack" noValidate>
          <SelectField label="Aanbieder" value={providerId} onChange={setProviderId} options={providerOptions} error={fieldError(create.error, 'providerId')} />
          <TextField label="Omschrijving" description="Waarvoor het account is, bijvoorbeeld ‘Koppeling zorgsysteem’." value={label} onChange={(e) => setLabel(e.target.value)} error={fieldError(create.error, 'label')} />
          {formError(create.error, ['providerId', 'label']) && <Alert type="error">{formError(create.error, ['providerId', 'label'])}</Alert>}
          <div>
            <Button type="submit" busy={create.isPending}>Machineaccount aanmaken</Button>
          </div>
        </form>
      </section>
      <ChangesSection section="api_tokens" />
    </div>
  );
}
