// Adding a document (PDF, JPEG or PNG) to a case or to the resident file: the kind, the file, and the
// server's Dutch refusal shown at the field it is about.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, postForm } from '../../api/client';
import type { UploadedDocument } from '../../api/types';
import { Alert, Button, FileField, SelectField } from '../../components/ui';

export const documentKindLabels: Record<string, string> = {
  aanvraag: 'Aanvraag',
  bewijsstuk: 'Bewijsstuk',
  medisch: 'Medische gegevens',
  correspondentie: 'Brief of e-mail',
  overig: 'Overig',
};

const kindOptions = [{ value: '', label: 'Kies het soort document' }, ...Object.entries(documentKindLabels).map(([value, label]) => ({ value, label }))];

export function DocumentUploadForm({ url, queryKeys, label, onSaved }: { url: string; queryKeys: unknown[][]; label: string; onSaved: () => void }) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const upload = useMutation({
    mutationFn: () => {
      const body = new FormData();
      body.append('kind', kind);
      if (file) body.append('file', file, file.name);
      return postForm<UploadedDocument>(url, body);
    },
    onSuccess: () => {
      form.current?.reset();
      setKind('');
      setFile(null);
      for (const key of queryKeys) void queryClient.invalidateQueries({ queryKey: key });
      onSaved();
    },
  });
  const serverFields = upload.error instanceof ApiError ? upload.error.fields : [];
  const fieldError = (field: string) => local[field] ?? serverFields.find((f) => f.field === field)?.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!kind) errors.kind = 'Kies het soort document.';
    if (!file) errors.file = 'Kies een bestand om toe te voegen.';
    setLocal(errors);
    if (Object.keys(errors).length === 0) upload.mutate();
  };
  return (
    <form ref={form} onSubmit={submit} className="koers-stack" aria-label={label} noValidate aria-busy={upload.isPending}>
      <SelectField label="Soort document" value={kind} onChange={setKind} options={kindOptions} error={fieldError('kind')} />
      <FileField
        label="Bestand"
        description="Een PDF, JPEG (foto) of PNG (afbeelding)."
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        error={fieldError('file')}
      />
      {upload.isError && serverFields.length === 0 && <Alert type="error">{upload.error.message}</Alert>}
      {upload.isPending && <p className="utrecht-paragraph" role="status">Het document wordt verstuurd…</p>}
      <div>
        <Button type="submit" busy={upload.isPending} disabled={upload.isPending}>
          Document toevoegen
        </Button>
      </div>
    </form>
  );
}
