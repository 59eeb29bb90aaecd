// Documenten: the documents on the resident file, then per case what is stored with it (decision
// letters and added documents).
import { Alert, Heading, Paragraph } from '../../components/ui';
import { ResidentFileDocuments } from '../documents/UploadedDocumentsSection';
import { DocumentsSection } from '../letters/DocumentsSection';
import { useCases } from './dossierQueries';

export function ResidentDocumentsSection({ residentId, canWrite, canUpload = false }: { residentId: string; canWrite: boolean; canUpload?: boolean }) {
  const cases = useCases(residentId);
  const list = cases.data ?? [];
  return (
    <section aria-labelledby="documenten" className="koers-stack">
      <Heading level={2} id="documenten">Documenten</Heading>
      <div className="koers-card">
        <ResidentFileDocuments residentId={residentId} canWrite={canUpload} />
      </div>
      {cases.isError && <Alert type="error">{cases.error.message}</Alert>}
      {cases.data && list.length === 0 && <Paragraph>Geen zaken, dus geen documenten bij een zaak.</Paragraph>}
      {list.map((c) => (
        <div key={c.id} className="koers-card">
          <DocumentsSection caseId={c.id} caseReference={c.reference} canWrite={canWrite} canUpload={canUpload} />
        </div>
      ))}
    </section>
  );
}
