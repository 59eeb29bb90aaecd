// Zaaknotities: working notes on a case, newest first, with author and moment; append-only.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { CaseNote } from '../../api/types';
import { FormDisclosure } from '../../components/FormDisclosure';
import { Alert, Button, Heading, Paragraph, TextArea } from '../../components/ui';
import { formatDateTime } from '../../format';

const MAX = 4000;

function NoteForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const save = useMutation({
    mutationFn: () => api<CaseNote>(`/api/cases/${caseId}/notes`, { method: 'POST', body: { body } }),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['case-notes', caseId] });
      onSaved();
    },
  });
  const fieldError = save.error instanceof ApiError ? save.error.fields.find((f) => f.field === 'body')?.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" aria-label="Notitie toevoegen" noValidate>
      <TextArea label="Notitie" description={`Hoogstens ${MAX.toLocaleString('nl-NL')} tekens. Een notitie kan niet worden gewijzigd.`} value={body} onChange={(e) => setBody(e.target.value)} maxLength={MAX} error={fieldError} />
      {save.isError && !fieldError && <Alert type="error">{save.error.message}</Alert>}
      <div>
        <Button type="submit" busy={save.isPending} disabled={save.isPending}>
          Notitie opslaan
        </Button>
      </div>
    </form>
  );
}

export function CaseNotesSection({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const notes = useQuery({ queryKey: ['case-notes', caseId], queryFn: () => api<CaseNote[]>(`/api/cases/${caseId}/notes`) });
  return (
    <section aria-labelledby="notities" className="koers-stack">
      <Heading level={2} id="notities">Notities</Heading>
      {canWrite && <FormDisclosure label="Notitie toevoegen">{(close) => <NoteForm caseId={caseId} onSaved={close} />}</FormDisclosure>}
      {notes.isError && <Alert type="error">{notes.error.message}</Alert>}
      {notes.data && notes.data.length === 0 && <Paragraph>Nog geen notities bij deze zaak.</Paragraph>}
      {notes.data && notes.data.length > 0 && (
        <ol className="koers-notes" aria-label="Notities, nieuwste eerst">
          {notes.data.map((n) => (
            <li key={n.id} className="koers-card">
              <p className="utrecht-paragraph koers-muted">
                <b>{n.author.name}</b>, <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
              </p>
              <p className="utrecht-paragraph koers-note__body">{n.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
