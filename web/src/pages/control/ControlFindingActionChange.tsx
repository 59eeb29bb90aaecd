// "Actie wijzigen": the controller gives an open follow-up action another owner or due date, with the
// reason. Earlier changes stay visible under the action (ActionChanges).
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { FindingActionView, FindingOwnerOptions } from '../../api/types';
import { Alert, Button, SelectField, TextArea, TextField } from '../../components/ui';
import { formatDate, formatDateTime } from '../../format';

export function ActionChangeForm({ action, owners, onSaved }: { action: FindingActionView; owners: FindingOwnerOptions; onSaved: () => Promise<void> | void }) {
  const [open, setOpen] = useState(false);
  const [ownerId, setOwnerId] = useState(action.owner.id);
  const [dueDate, setDueDate] = useState(action.dueDate);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () => api(`/api/control/finding-actions/${action.id}`, { method: 'PATCH', body: { ownerId, dueDate, reason } }),
    onSuccess: async () => {
      setOpen(false);
      setReason('');
      await onSaved();
    },
  });
  const fields = save.error instanceof ApiError ? save.error.fields : [];
  const errorOf = (field: string) => fields.find((f) => f.field === field)?.message;
  if (!open)
    return (
      <Button
        appearance="secondary-action"
        aria-label={`Actie wijzigen: ${action.description}`}
        onClick={() => {
          setOwnerId(action.owner.id);
          setDueDate(action.dueDate);
          setOpen(true);
        }}
      >
        Wijzigen
      </Button>
    );
  return (
    <form
      className="koers-stack"
      aria-label={`Actie wijzigen: ${action.description}`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.isError && fields.length === 0 && <Alert type="error">{save.error.message}</Alert>}
      <SelectField label="Eigenaar van de actie" value={ownerId} onChange={setOwnerId} error={errorOf('ownerId')} options={owners.map((o) => ({ value: o.id, label: o.name }))} />
      <TextField label="Uiterlijk" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={errorOf('dueDate')} />
      <TextArea label="Reden van de wijziging" description="De wijziging en de reden blijven zichtbaar bij de actie." value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={2000} error={errorOf('reason')} />
      <div className="koers-search">
        <Button type="submit" busy={save.isPending}>
          Wijziging opslaan
        </Button>
        <Button appearance="secondary-action" onClick={() => setOpen(false)}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}

/** The earlier changes of an action's owner or due date, oldest first. */
export function ActionChanges({ changes }: { changes: FindingActionView['changes'] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="koers-compact-list" aria-label="Eerdere wijzigingen">
      {changes.map((c) => (
        <li key={c.at}>
          {formatDateTime(c.at)}, {c.by}: {c.fromOwner === c.toOwner ? '' : `eigenaar ${c.fromOwner} → ${c.toOwner}`}
          {c.fromOwner !== c.toOwner && c.fromDueDate !== c.toDueDate ? ', ' : ''}
          {c.fromDueDate === c.toDueDate ? '' : `uiterlijk ${formatDate(c.fromDueDate)} → ${formatDate(c.toDueDate)}`} ({c.reason})
        </li>
      ))}
    </ul>
  );
}
