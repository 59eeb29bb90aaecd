// Documenten on the resident file (not with a case): the list and the form to add one.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { UploadedDocument } from '../../api/types';
import { FormDisclosure } from '../../components/FormDisclosure';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime } from '../../format';
import { DocumentUploadForm, documentKindLabels } from './DocumentUploadForm';

export const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} kB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`);
export const typeLabel = (mediaType: string) => ({ 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' })[mediaType] ?? mediaType;
export const uploadKindLabel = (kind: string) => documentKindLabels[kind] ?? kind;

export const residentUploadsKey = (residentId: string) => ['uploads', 'resident', residentId];

export function ResidentFileDocuments({ residentId, canWrite }: { residentId: string; canWrite: boolean }) {
  const uploads = useQuery({ queryKey: residentUploadsKey(residentId), queryFn: () => api<UploadedDocument[]>(`/api/residents/${residentId}/uploads`) });
  const onFile = (uploads.data ?? []).filter((d) => d.caseId === null);
  const label = 'Documenten in het dossier';
  return (
    <section aria-labelledby="documenten-dossier" className="koers-stack">
      <Heading level={3} id="documenten-dossier">Dossier (niet bij een zaak)</Heading>
      {canWrite && (
        <FormDisclosure label="Document toevoegen aan het dossier">
          {(close) => <DocumentUploadForm url={`/api/residents/${residentId}/uploads`} queryKeys={[residentUploadsKey(residentId)]} label="Document toevoegen aan het dossier" onSaved={close} />}
        </FormDisclosure>
      )}
      {uploads.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {uploads.isError && <Alert type="error">{uploads.error.message}</Alert>}
      {uploads.data && onFile.length === 0 && <Paragraph>Nog geen documenten in het dossier.</Paragraph>}
      {onFile.length > 0 && (
        <TableScroll label={label}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">{label}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Document', 'Soort', 'Gemaakt', 'Door'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {onFile.map((d) => (
                <tr key={d.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <a className="utrecht-link" href={`/api/uploads/${d.id}`} download>
                      {d.fileName}
                    </a>{' '}
                    <span className="koers-muted">({typeLabel(d.mediaType)}, {fileSize(d.size)})</span>
                  </td>
                  <td className="utrecht-table__cell">{uploadKindLabel(d.kind)}</td>
                  <td className="utrecht-table__cell">{formatDateTime(d.uploadedAt)}</td>
                  <td className="utrecht-table__cell">{d.uploadedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
