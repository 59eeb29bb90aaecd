import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import type { Me } from '../api/types';
import { Alert, Button, Heading, Paragraph, TextField } from '../components/ui';

const MIN_LENGTH = 12;

/**
 * Choose an own password: required after signing in with the administrator's one-time password
 * (`required`: the only page until it is done, then on to the start page), and open to every
 * signed-in employee at /wachtwoord.
 */
export function ChangePasswordPage({ required = false }: { required?: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  // After a refusal the first field with an error gets the focus (its message is read with it).
  useEffect(() => {
    if (error) (formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? formRef.current?.querySelector<HTMLElement>('input'))?.focus();
  }, [error]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (newPassword !== repeat) {
      setError(new ApiError(400, 'VALIDATION_FAILED', 'De invoer is niet geldig. Controleer de gemarkeerde velden.', [{ field: 'repeat', message: 'Het herhaalde wachtwoord is niet hetzelfde als het nieuwe wachtwoord.' }]));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      queryClient.setQueryData(['me'], me);
      if (required) await navigate('/', { replace: true });
      else setDone(true);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNKNOWN', 'Het wachtwoord wijzigen is niet gelukt. Probeer het opnieuw.'));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => error?.fields.find((f) => f.field === field)?.message;

  return (
    <div className="koers-stack koers-narrow-form">
      <Heading level={1}>{required ? 'Kies een eigen wachtwoord' : 'Wachtwoord wijzigen'}</Heading>
      {required ? (
        <Paragraph>
          U bent ingelogd met een tijdelijk wachtwoord van de beheerder. Kies eerst een eigen wachtwoord. Daarna kunt u verder werken.
        </Paragraph>
      ) : (
        <Paragraph>Na het wijzigen wordt u op andere apparaten uitgelogd. Hier blijft u ingelogd.</Paragraph>
      )}
      {done && (
        <div ref={doneRef} tabIndex={-1}>
          <Alert type="ok">Uw wachtwoord is gewijzigd. U bent op andere apparaten uitgelogd.</Alert>
        </div>
      )}
      {error && <Alert type="error">{error.message}</Alert>}
      <form ref={formRef} onSubmit={(e) => void submit(e)} className="koers-stack" noValidate>
        <TextField
          label={required ? 'Tijdelijk wachtwoord van de beheerder' : 'Huidig wachtwoord'}
          name="current-password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={fieldError('currentPassword')}
          required
        />
        <TextField
          label="Nieuw wachtwoord"
          description={`Minstens ${MIN_LENGTH} tekens. Een zin van een paar woorden is makkelijk te onthouden en moeilijk te raden.`}
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          error={fieldError('newPassword')}
          required
        />
        <TextField
          label="Herhaal het nieuwe wachtwoord"
          name="repeat-password"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          error={fieldError('repeat')}
          required
        />
        <div>
          <Button type="submit" busy={busy} disabled={busy}>
            {required ? 'Wachtwoord opslaan en verder' : 'Wachtwoord wijzigen'}
          </Button>
        </div>
      </form>
    </div>
  );
}
