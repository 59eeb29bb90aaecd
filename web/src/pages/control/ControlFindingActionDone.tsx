// "Actie afronden": the owner of a follow-up action (or the controller) reports what was done.
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { FindingActionView } from '../../api/types';
import { Alert, Button, TextArea } from '../../components/ui';

export function ActionDoneForm({ action, onDone }: { action: Pick<FindingActionView, 'id' | 'description'>; onDone: () => Promise<void> | void }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState('');
  const done = useMutation({
    mutationFn: () => api(`/api/control/finding-actions/${action.id}/done`, { method: 'POST', body: { result } }),
    onSuccess: async () => {
      setOpen(false);
      await onDone();
    },
  });
  const fieldError = done.error instanceof ApiError ? done.error.fields.find((f) => f.field === 'result')?.message : undefined;
  if (!open)
    return (
      <Button appearance="secondary-action" aria-label={`Actie afronden: ${action.description}`} onClick={() => setOpen(true)}>
        Afronden
      </Button>
    );
  return (
    <form
      className="koers-stack"
      aria-label={`Actie afronden: ${action.description}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        done.mutate();
      }}
    >
      {done.isError && !fieldError && <Alert type="error">{done.error.message}</Alert>}
      <TextArea label="Wat is er gedaan?" value={result} onChange={(e) => setResult(e.target.value)} rows={3} maxLength={2000} error={fieldError} />
      <div className="koers-search">
        <Button type="submit" busy={done.isPending}>
          Actie afgerond
        </Button>
        <Button appearance="secondary-action" onClick={() => setOpen(false)}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}
