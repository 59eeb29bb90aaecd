// Geweigerde berichten: what came in but was not taken (too large, not XML, another municipality, an
// unknown provider, a machine account sending for another provider), with why and how it came in.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { RefusalList } from '../../api/types';
import { Alert, Heading, Paragraph, TableScroll } from '../../components/ui';
import { formatDateTime } from '../../format';

const channelLabels: Record<RefusalList['items'][number]['channel'], string> = {
  api: 'API van de aanbieder',
  folder: 'Map (KOERS_BERICHTEN_IN)',
  cli: 'Opdrachtregel',
  upload: 'Upload op deze pagina',
};

const size = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`);

export function RefusalsSection() {
  const refusals = useQuery({ queryKey: ['exchange', 'refusals'], queryFn: () => api<RefusalList>('/api/exchange/refusals?limit=50') });
  const items = refusals.data?.items ?? [];
  return (
    <section aria-labelledby="geweigerd" className="koers-stack">
      <Heading level={2} id="geweigerd">Geweigerde berichten</Heading>
      <Paragraph>Berichten die Koers niet heeft aangenomen en dus niet heeft verwerkt. De aanbieder kreeg de reden als antwoord; hier ziet u ze terug.</Paragraph>
      {refusals.isError && <Alert type="error">{refusals.error.message}</Alert>}
      {refusals.data && items.length === 0 && <Paragraph>Geen geweigerde berichten.</Paragraph>}
      {items.length > 0 && (
        <TableScroll label="Geweigerde berichten, nieuwste eerst">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">De laatste {items.length} geweigerde berichten</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Ontvangen', 'Via', 'Afzender', 'Reden', 'Grootte'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {items.map((r) => (
                <tr key={r.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{formatDateTime(r.receivedAt)}</td>
                  <td className="utrecht-table__cell">{channelLabels[r.channel]}{r.fileName && <><br /><span className="koers-muted">{r.fileName}</span></>}</td>
                  <td className="utrecht-table__cell">
                    {r.sender ? `AGB ${r.sender}` : 'Onbekend'}
                    {r.provider && <><br /><span className="koers-muted">token van {r.provider.name}</span></>}
                  </td>
                  <td className="utrecht-table__cell">{r.reason}</td>
                  <td className="utrecht-table__cell">{size(r.sizeBytes)}{r.sha256 && <><br /><span className="koers-muted" title={`SHA-256 ${r.sha256}`}>SHA-256 {r.sha256.slice(0, 12)}…</span></>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
