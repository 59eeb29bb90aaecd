import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Me, Tenant } from '../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TextField } from '../components/ui';

export function LoginPage() {
  const queryClient = useQueryClient();
  const tenants = useQuery({ queryKey: ['tenants'], queryFn: () => api<Tenant[]>('/api/tenants') });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('GM0935');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('/api/auth/login', { method: 'POST', body: { username, password, tenant } });
      queryClient.setQueryData(['me'], me);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', 'Inloggen is niet gelukt.'));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => error?.fields.find((f) => f.field === field)?.message;

  return (
    <main className="koers-login koers-stack" id="inhoud">
      <Heading level={1}>Inloggen bij Koers</Heading>
      <Paragraph>Het sociaal domein van uw gemeente in één systeem.</Paragraph>
      {error && <Alert type="error">{error.message}</Alert>}
      <form onSubmit={(e) => void submit(e)} className="koers-stack" noValidate>
        {tenants.data && tenants.data.length > 1 && (
          <SelectField
            label="Gemeente"
            value={tenant}
            onChange={setTenant}
            options={tenants.data.map((t) => ({ value: t.id, label: t.name }))}
          />
        )}
        <TextField
          label="Gebruikersnaam"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldError('username')}
          required
        />
        <TextField
          label="Wachtwoord"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError('password')}
          required
        />
        <Button type="submit" busy={busy} disabled={busy}>
          Inloggen
        </Button>
      </form>
    </main>
  );
}
