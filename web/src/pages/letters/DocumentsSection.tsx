import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CaseDocuments, StoredDocument, UploadedDocument } from '../../api/types';
import { FormDisclosure } from '../../components/FormDisclosure';
import { Alert, Button, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime } from '../../format';
import { DocumentUploadForm } from '../documents/DocumentUploadForm';
import { fileSize, typeLabel, uploadKindLabel } from '../documents/UploadedDocumentsSection';

const kindLabels: Record<string, string> = { decision_letter: 'Besluitbrief', request_letter: 'Verzoek om gegevens' };

/** One row of the shared list: a generated letter or an uploaded document. */
interface Row {
  id: string;
  href: string;
  name: string;
  type: string;
  size: number;
  kind: string;
  at: string;
  by: string;
}

/**
 * The documents of a case in one list: the decision letters Koers stored (PDF) and the documents
 * employees added (PDF, JPEG, PNG), with download links; a missing letter can be made again, and with
 * `canUpload` a document can be added.
 */
export function DocumentsSection({
  caseId,
  canWrite,
  canUpload = false,
  caseReference,
}: {
  caseId: string;
  canWrite: boolean;
  canUpload?: boolean;
  /** In the dossier (several cases on one page): the case's reference, shown in a level-3 heading. */
  caseReference?: string;
}) {
  const headingId = `documenten-${caseId}`;
  const tableLabel = caseReference ? `Documenten bij zaak ${caseReference}` : 'Documenten bij deze zaak';
  const queryClient = useQueryClient();
  const documents = useQuery({
    queryKey: ['documents', caseId],
    queryFn: () => api<CaseDocuments>(`/api/cases/${caseId}/documents`),
    // A letter is printed just after the decision became final: look again until it is there.
    refetchInterval: (query) => (query.state.data?.missingLetters.some((m) => m.lastError === null) ? 2000 : false),
  });
  const regenerate = useMutation({
    mutationFn: (decisionId: string) => api<StoredDocument>(`/api/decisions/${decisionId}/letter`, { method: 'POST', body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['documents', caseId] }),
  });
  const uploads = useQuery({ queryKey: ['uploads', 'case', caseId], queryFn: () => api<UploadedDocument[]>(`/api/cases/${caseId}/uploads`) });
  const data = documents.data;
  const rows: Row[] | undefined =
    data && uploads.data
      ? [
          ...data.documents.map((d) => ({ id: d.id, href: `/api/documents/${d.id}`, name: d.title, type: 'PDF', size: d.size, kind: kindLabels[d.kind] ?? d.kind, at: d.createdAt, by: d.createdBy })),
          ...uploads.data.map((d) => ({ id: d.id, href: `/api/uploads/${d.id}`, name: d.fileName, type: typeLabel(d.mediaType), size: d.size, kind: uploadKindLabel(d.kind), at: d.uploadedAt, by: d.uploadedBy })),
        ].sort((a, b) => b.at.localeCompare(a.at))
      : undefined;
  return (
    <section aria-labelledby={headingId} className="koers-stack">
      <Heading level={caseReference ? 3 : 2} id={headingId}>
        {caseReference ? `Zaak ${caseReference}` : 'Documenten'}
      </Heading>
      {canUpload && (
        <FormDisclosure label={caseReference ? `Document toevoegen aan zaak ${caseReference}` : 'Document toevoegen'}>
          {(close) => <DocumentUploadForm url={`/api/cases/${caseId}/uploads`} queryKeys={[['uploads']]} label={caseReference ? `Document toevoegen aan zaak ${caseReference}` : 'Document toevoegen aan deze zaak'} onSaved={close} />}
        </FormDisclosure>
      )}
      {(documents.isPending || uploads.isPending) && <Paragraph>Bezig met laden…</Paragraph>}
      {documents.isError && <Alert type="error">{documents.error.message}</Alert>}
      {uploads.isError && <Alert type="error">{uploads.error.message}</Alert>}
      {data?.missingLetters.map((m) => (
        <Alert key={m.decisionId} type={m.lastError ? 'warning' : 'info'}>
          {m.lastError ? `De brief van een beschikking is niet gemaakt. ${m.lastError}` : 'De brief van een beschikking wordt gemaakt…'}
          {m.lastError && canWrite && (
            <>
              {' '}
              <Button appearance="secondary-action" onClick={() => regenerate.mutate(m.decisionId)} busy={regenerate.isPending}>
                Brief opnieuw maken
              </Button>
            </>
          )}
        </Alert>
      ))}
      {regenerate.isError && <Alert type="error">{regenerate.error.message}</Alert>}
      {rows && rows.length === 0 && <Paragraph>Nog geen documenten bij deze zaak.</Paragraph>}
      {rows && rows.length > 0 && (
        <TableScroll label={tableLabel}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">{tableLabel}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Document', 'Soort', 'Gemaakt', 'Door'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {rows.map((d) => (
                <tr key={d.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link" href={d.href} download>
                      {d.name}
                    </a>{' '}
                    <span className="koers-muted">({d.type}, {fileSize(d.size)})</span>
                  </td>
                  <td className="utrecht-table__cell">{d.kind}</td>
                  <td className="utrecht-table__cell">{formatDateTime(d.at)}</td>
                  <td className="utrecht-table__cell">{d.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
