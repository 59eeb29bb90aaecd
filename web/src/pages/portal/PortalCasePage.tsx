import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, postForm } from '../../api/client';
import type { PortalCase, PortalUploaded } from '../../api/types';
import { Alert, Button, FileField, Heading, Paragraph } from '../../components/ui';
import { formatDate } from '../../format';
import { portalKey, PortalError } from './portal-session';

type DocumentRequest = PortalCase['documentRequests'][number];

/** Sends one document for a request of the municipality; the refusal is shown at the field. */
function SendDocumentForm({ request, caseKey }: { request: DocumentRequest; caseKey: readonly unknown[] }) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const send = useMutation({
    mutationFn: () => {
      const body = new FormData();
      body.append('kind', 'bewijsstuk');
      if (file) body.append('file', file, file.name);
      return postForm<PortalUploaded>(`/api/mijn/verzoeken/${request.id}/documenten`, body);
    },
    onSuccess: () => {
      form.current?.reset();
      setFile(null);
      void queryClient.invalidateQueries({ queryKey: portalKey });
      void queryClient.invalidateQueries({ queryKey: caseKey });
    },
  });
  const serverError = send.error instanceof ApiError ? send.error.fields.find((f) => f.field === 'file')?.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(file ? undefined : 'Kies een bestand om te sturen.');
    if (file) send.mutate();
  };
  return (
    <form ref={form} onSubmit={submit} className="koers-stack" aria-label={`Document sturen: ${request.description}`} noValidate aria-busy={send.isPending}>
      <FileField
        label="Kies het bestand"
        description="Een PDF, een foto (JPEG) of een afbeelding (PNG)."
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        error={localError ?? serverError}
      />
      {send.isError && !serverError && <Alert type="error">{send.error.message}</Alert>}
      {send.isSuccess && <Alert type="ok">Wij hebben uw document ontvangen. Dank u wel.</Alert>}
      {send.isPending && <p className="utrecht-paragraph" role="status">Uw document wordt verstuurd…</p>}
      <div>
        <Button type="submit" busy={send.isPending} disabled={send.isPending}>
          Document sturen
        </Button>
      </div>
    </form>
  );
}

/** One case: status and term in plain words, the letters (PDF) and the requests for documents. */
export function PortalCasePage() {
  const { id = '' } = useParams();
  const caseKey = [...portalKey, 'aanvragen', id] as const;
  const found = useQuery({ queryKey: caseKey, queryFn: () => api<PortalCase>(`/api/mijn/aanvragen/${id}`) });
  const c = found.data;
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn/aanvragen">
          ← Terug naar Mijn aanvragen
        </Link>
      </Paragraph>
      {found.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {found.isError && (
        <>
          <Heading level={1}>Aanvraag</Heading>
          <PortalError error={found.error} />
        </>
      )}
      {c && (
        <>
          <Heading level={1}>{c.title}</Heading>
          <Paragraph>Zaaknummer {c.reference}. Gemeld op {formatDate(c.notifiedOn)}.</Paragraph>
          <Paragraph>
            <strong>{c.status}.</strong> {c.deadline}
          </Paragraph>

          <Heading level={2}>Documenten die wij nog nodig hebben</Heading>
          {c.documentRequests.length === 0 && <Paragraph>Wij hebben geen documenten van u nodig.</Paragraph>}
          {c.documentRequests.map((r) => (
            <section key={r.id} className="koers-portal-card" aria-label={r.description}>
              <Paragraph>
                <strong>{r.description}</strong>
              </Paragraph>
              <Paragraph>{r.received ? 'Wij hebben een document van u ontvangen.' : r.open ? r.dueInWords : `De termijn was ${formatDate(r.dueOn)}. Neem contact op met de gemeente.`}</Paragraph>
              {r.open && <SendDocumentForm request={r} caseKey={caseKey} />}
            </section>
          ))}

          <Heading level={2}>Brieven</Heading>
          {c.letters.length === 0 ? (
            <Paragraph>Er zijn nog geen brieven.</Paragraph>
          ) : (
            <ul>
              {c.letters.map((l) => (
                <li key={l.id}>
                  <a className="utrecht-link" href={`/api/mijn/brieven/${l.id}`} target="_blank" rel="noopener">
                    {l.title} (PDF, {formatDate(l.createdAt)})<span className="koers-visually-hidden"> opent in een nieuw venster</span>
                  </a>
                </li>
              ))}
            </ul>
          )}

          {c.sentDocuments.length > 0 && (
            <>
              <Heading level={2}>Wat u ons stuurde</Heading>
              <ul>
                {c.sentDocuments.map((d) => (
                  <li key={d.id}>
                    {d.fileName} ({formatDate(d.uploadedAt)})
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </>
  );
}
