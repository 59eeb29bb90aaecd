import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Consultant, ContactPerson } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TextField, formatDate } from '../../components/ui';
import { FormDisclosure } from '../../components/FormDisclosure';


export function ContactPersonSection({ residentId, canAssign }: { residentId: string; canAssign: boolean }) {
  const queryClient = useQueryClient();
  const person = useQuery({ queryKey: ['contact-person', residentId], queryFn: () => api<ContactPerson>(`/api/residents/${residentId}/contact-person`) });
  const consultants = useQuery({ queryKey: ['consultants'], queryFn: () => api<Consultant[]>('/api/consultants'), enabled: canAssign });
  const [consultantId, setConsultantId] = useState('');
  const [reason, setReason] = useState('');
  const assign = useMutation({
    mutationFn: () => api<ContactPerson>(`/api/residents/${residentId}/contact-person`, { method: 'PUT', body: { consultantId, reason } }),
    onSuccess: (data) => {
      queryClient.setQueryData(['contact-person', residentId], data);
      setReason('');
    },
  });
  const fieldError = (f: string) => (assign.error instanceof ApiError ? assign.error.fields.find((e) => e.field === f)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate();
  };
  return (
    <section aria-labelledby="contactpersoon" className="koers-stack">
      <Heading level={2} id="contactpersoon">Vaste contactpersoon</Heading>
      {person.isError && <Alert type="error">{person.error.message}</Alert>}
      {person.data && (
        <Paragraph>
          {person.data.current
            ? `${person.data.current.displayName}, sinds ${formatDate(person.data.current.since)} (${person.data.current.reason}).`
            : 'Nog geen vaste contactpersoon.'}
        </Paragraph>
      )}
      {canAssign && consultants.data && (
        <FormDisclosure label={person.data?.current ? 'Contactpersoon wisselen' : 'Contactpersoon toewijzen'}>
          {() => (
            <form onSubmit={submit} className="koers-search" aria-label="Contactpersoon toewijzen of wisselen">
              <SelectField
                label={person.data?.current ? 'Nieuwe contactpersoon' : 'Contactpersoon'}
                value={consultantId}
                onChange={setConsultantId}
                options={[{ value: '', label: 'Kies een consulent' }, ...consultants.data.map((c) => ({ value: c.id, label: c.displayName }))]}
              />
              <TextField label="Reden" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldError('reason')} />
              <Button type="submit" appearance="secondary-action" busy={assign.isPending} disabled={assign.isPending || consultantId === ''}>
                Toewijzen
              </Button>
            </form>
          )}
        </FormDisclosure>
      )}
      {assign.isError && !fieldError('reason') && <Alert type="error">{assign.error.message}</Alert>}
    </section>
  );
}
