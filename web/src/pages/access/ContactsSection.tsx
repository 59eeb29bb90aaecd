import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Contact } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TextField, TableScroll } from '../../components/ui';
import { FormDisclosure } from '../../components/FormDisclosure';


import { formatDateTime } from '../../format';

export function ContactsSection({ residentId, canRegister }: { residentId: string; canRegister: boolean }) {
  const queryClient = useQueryClient();
  const contacts = useQuery({ queryKey: ['contacts', residentId], queryFn: () => api<Contact[]>(`/api/residents/${residentId}/contacts`) });
  const [channel, setChannel] = useState('telefoon');
  const [subject, setSubject] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<'answered' | 'routed'>('answered');
  const [routeTo, setRouteTo] = useState('area_team');
  const register = useMutation({
    mutationFn: () =>
      api<Contact>(`/api/residents/${residentId}/contacts`, {
        method: 'POST',
        body: { channel, subject, note, outcome, ...(outcome === 'routed' ? { routeTo } : {}) },
      }),
    onSuccess: () => {
      setSubject('');
      setNote('');
      void queryClient.invalidateQueries({ queryKey: ['contacts', residentId] });
    },
  });
  const fieldError = (f: string) => (register.error instanceof ApiError ? register.error.fields.find((e) => e.field === f)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <section aria-labelledby="contacten" className="koers-stack">
      <Heading level={2} id="contacten">Klantcontacten</Heading>
      {canRegister && (
        <FormDisclosure label="Contact vastleggen" appearance="primary-action">
          {() => (
            <form onSubmit={submit} className="koers-stack" aria-label="Klantcontact vastleggen" noValidate>
              <SelectField label="Kanaal" value={channel} onChange={setChannel} options={['telefoon', 'balie', 'e-mail', 'web'].map((c) => ({ value: c, label: c }))} />
              <TextField label="Onderwerp" value={subject} onChange={(e) => setSubject(e.target.value)} error={fieldError('subject')} />
              <TextField label="Notitie" value={note} onChange={(e) => setNote(e.target.value)} error={fieldError('note')} />
              <SelectField
                label="Afhandeling"
                value={outcome}
                onChange={(v) => setOutcome(v as 'answered' | 'routed')}
                options={[
                  { value: 'answered', label: 'Beantwoord in de eerste lijn' },
                  { value: 'routed', label: 'Doorgezet, met terugbelverzoek' },
                ]}
              />
              {outcome === 'routed' && (
                <SelectField
                  label="Doorzetten naar"
                  value={routeTo}
                  onChange={setRouteTo}
                  options={[
                    { value: 'area_team', label: 'Het gebiedsteam van de wijk' },
                    { value: 'contact_person', label: 'De vaste contactpersoon' },
                  ]}
                />
              )}
              {register.isError && <Alert type="error">{fieldError('routeTo') ?? register.error.message}</Alert>}
              {register.isSuccess && <Alert type="ok">Het contact is vastgelegd.</Alert>}
              <div>
                <Button type="submit" busy={register.isPending} disabled={register.isPending}>
                  Contact opslaan
                </Button>
              </div>
            </form>
          )}
        </FormDisclosure>
      )}
      {contacts.data && contacts.data.length === 0 && <Paragraph>Nog geen klantcontacten.</Paragraph>}
      {contacts.data && contacts.data.length > 0 && (
        <TableScroll label="Klantcontacten, nieuwste eerst">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Klantcontacten, nieuwste eerst</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Moment', 'Kanaal', 'Onderwerp', 'Afhandeling', 'Vastgelegd door'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {contacts.data.map((c) => (
                <tr key={c.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{formatDateTime(c.registeredAt)}</td>
                  <td className="utrecht-table__cell">{c.channel}</td>
                  <td className="utrecht-table__cell">{c.subject}</td>
                  <td className="utrecht-table__cell">
                    {c.outcome === 'answered'
                      ? 'Beantwoord in de eerste lijn'
                      : `Doorgezet naar ${c.routedTo ?? '—'}; terugbellen uiterlijk ${c.callback ? formatDateTime(c.callback.dueAt) : '—'}${c.callback?.doneAt ? ' (gedaan)' : ''}`}
                  </td>
                  <td className="utrecht-table__cell">{c.registeredBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
