import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { Alert, Button, TextField } from '../../components/ui';
import type { Allocation } from '../../api/types';

/**
 * Change or end an allocation from a date: a new volume, an earlier or later end, or both, with
 * the reason. The API recomputes the commitment per budget year and keeps the history; a raise
 * above the four-eyes threshold or step comes back as a pending change that waits for a team lead.
 */
export function AllocationChangeForm({ allocation, onDone }: { allocation: Allocation; onDone: () => void }) {
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [volume, setVolume] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: () =>
      api<Allocation>(`/api/allocations/${allocation.id}`, {
        method: 'PATCH',
        body: { effectiveFrom, reason, ...(volume.trim() ? { volume: Number(volume) } : {}), ...(end ? { end } : {}) },
      }),
    onSuccess: () => {
      setEffectiveFrom('');
      setVolume('');
      setEnd('');
      setReason('');
      onDone();
    },
  });
  const fields = change.error instanceof ApiError ? change.error.fields : [];
  const fieldError = (name: string) => fields.find((f) => f.field === name)?.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" aria-label={`${allocation.productName} wijzigen of beëindigen`} noValidate>
      <TextField label="Met ingang van" type="date" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} error={fieldError('effectiveFrom')} />
      <TextField
        label="Nieuwe omvang"
        description={`Laat leeg om de omvang te houden (nu ${allocation.segments.at(-1)?.volume ?? '—'}).`}
        type="number"
        min={0}
        inputMode="decimal"
        value={volume}
        onChange={(e) => setVolume(e.target.value)}
        error={fieldError('volume')}
      />
      <TextField
        label="Nieuwe einddatum"
        description="Vul een eerdere datum in om te beëindigen; laat leeg om de einddatum te houden."
        type="date"
        value={end}
        onChange={(e) => setEnd(e.target.value)}
        error={fieldError('end')}
      />
      <TextField label="Reden van de wijziging" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError('reason')} />
      {change.isError && fields.length === 0 && <Alert type="error">{change.error.message}</Alert>}
      {change.isSuccess &&
        (change.data.pendingChange ? (
          <Alert type="ok">De wijziging wacht op goedkeuring door een teamleider (vier ogen). De verplichting verandert pas na goedkeuring.</Alert>
        ) : (
          <Alert type="ok">De toewijzing is gewijzigd en de verplichting opnieuw berekend.</Alert>
        ))}
      <div>
        <Button type="submit" appearance="secondary-action" busy={change.isPending} disabled={change.isPending}>
          Wijziging vastleggen
        </Button>
      </div>
    </form>
  );
}
