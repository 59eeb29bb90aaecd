import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client';
import type { AccessGrant } from '../../api/types';
import { Alert, Button, Paragraph, TextField } from '../../components/ui';


/**
 * Shown instead of a resident's file when the employee has no relation with the resident
 * (contact person, case, area team, KCC): access is possible for a stated reason that is logged
 * and reviewed by the privacy officer (break-glass, DESIGN.md §5).
 */
export function BreakGlassForm({ residentId, message }: { residentId: string; message: string }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const grant = useMutation({
    mutationFn: () => api<AccessGrant>(`/api/residents/${encodeURIComponent(residentId)}/access-grants`, { method: 'POST', body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(residentId) }),
  });
  const fieldError = grant.error instanceof ApiError ? grant.error.fields.find((f) => f.field === 'reason')?.message : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    grant.mutate();
  };
  return (
    <form className="koers-stack" onSubmit={submit} noValidate aria-labelledby="doorbraak">
      <Alert type="warning">{message}</Alert>
      <h2 className="utrecht-heading-2" id="doorbraak">
        Doorbraak: toegang met een reden
      </h2>
      <Paragraph>
        Heeft u dit dossier nodig voor uw werk, bijvoorbeeld omdat u een collega vervangt of een spoedmelding behandelt? Vermeld waarom. Uw toegang geldt 8 uur; de
        reden komt in het logboek dataverwerkingen en wordt door de privacyfunctionaris gecontroleerd.
      </Paragraph>
      <TextField
        label="Reden voor toegang"
        description="Minstens 10 tekens, bijvoorbeeld: vervanging van de vaste contactpersoon tijdens verlof."
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fieldError}
        maxLength={500}
        required
      />
      {grant.isError && !fieldError && <Alert type="error">{grant.error.message}</Alert>}
      <div>
        <Button type="submit" busy={grant.isPending} disabled={grant.isPending}>
          Toegang vastleggen en dossier openen
        </Button>
      </div>
    </form>
  );
}
