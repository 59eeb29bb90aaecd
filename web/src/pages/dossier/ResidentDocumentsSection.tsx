// Documenten: what is stored with each case of the resident (decision letters as PDF), per case.
import { Alert, Heading, Paragraph } from '../../components/ui';
import { DocumentsSection } from '../letters/DocumentsSection';
import { useCases } from './dossierQueries';

export function ResidentDocumentsSection({ residentId, canWrite }: { residentId: string; canWrite: boolean }) {
  const cases = useCases(residentId);
  const list = cases.data ?? [];
  return (
    <section aria-labelledby="documenten" className="koers-stack">
      <Heading level={2} id="documenten">Documenten</Heading>
      {cases.isError && <Alert type="error">{cases.error.message}</Alert>}
      {cases.data && list.length === 0 && <Paragraph>Geen zaken, dus nog geen documenten.</Paragraph>}
      {list.map((c) => (
        <div key={c.id} className="koers-card">
          <DocumentsSection caseId={c.id} caseReference={c.reference} canWrite={canWrite} />
        </div>
      ))}
    </section>
  );
}
