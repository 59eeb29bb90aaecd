import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CaseDocuments, StoredDocument } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime } from '../../format';

const kindLabels: Record<string, string> = { decision_letter: 'Beschikkingsbrief' };

const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`);

/** The documents stored with a case (decision letters as PDF), with download links; a missing letter can be made again. */
export function DocumentsSection({
  caseId,
  canWrite,
  caseReference,
}: {
  caseId: string;
  canWrite: boolean;
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
  const data = documents.data;
  return (
    <section aria-labelledby={headingId} className="koers-stack">
      <Heading level={caseReference ? 3 : 2} id={headingId}>
        {caseReference ? `Zaak ${caseReference}` : 'Documenten'}
      </Heading>
      {documents.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {documents.isError && <Alert type="error">{documents.error.message}</Alert>}
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
      {data && data.documents.length === 0 && <Paragraph>Nog geen documenten bij deze zaak.</Paragraph>}
      {data && data.documents.length > 0 && (
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
              {data.documents.map((d) => (
                <tr key={d.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link" href={`/api/documents/${d.id}`} download>
                      {d.title}
                    </a>{' '}
                    <span className="koers-muted">(PDF, {size(d.size)})</span>
                  </td>
                  <td className="utrecht-table__cell">{kindLabels[d.kind] ?? d.kind}</td>
                  <td className="utrecht-table__cell">{formatDateTime(d.createdAt)}</td>
                  <td className="utrecht-table__cell">{d.createdBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
