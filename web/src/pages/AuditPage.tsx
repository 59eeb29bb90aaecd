import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { AuditRecordList } from '../api/types';
import { Alert, Button, Heading, Paragraph, TextField, TableScroll } from '../components/ui';


import { formatDateTime } from '../format';

export function AuditPage() {
  const [input, setInput] = useState('');
  const [resident, setResident] = useState('');
  const records = useQuery({
    queryKey: ['audit', resident],
    queryFn: () => api<AuditRecordList>(`/api/audit?resident=${encodeURIComponent(resident)}`),
    enabled: resident !== '',
    staleTime: 0,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setResident(input.trim());
  };
  const fieldError = records.error instanceof ApiError ? records.error.fields.find((f) => f.field === 'resident')?.message : undefined;
  return (
    <div className="koers-stack">
      <Heading level={1}>Logboek dataverwerkingen</Heading>
      <Paragraph>Wie heeft de gegevens van een inwoner verwerkt, wanneer, met welk doel en op welke grondslag. Uw inzage wordt zelf ook vastgelegd.</Paragraph>
      <form onSubmit={submit} className="koers-search">
        <TextField label="Inwoner-id" description="Het id uit het verzoek of dossier (geen BSN)." value={input} onChange={(e) => setInput(e.target.value)} error={fieldError} />
        <Button type="submit">Toon verwerkingen</Button>
      </form>
      {records.isError && !fieldError && <Alert type="error">{records.error.message}</Alert>}
      {records.data && (
        <TableScroll label={`${records.data.items.length} verwerkingen`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="utrecht-table__caption">{records.data.items.length} verwerkingen</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">Tijdstip</th>
                <th className="utrecht-table__header-cell" scope="col">Medewerker</th>
                <th className="utrecht-table__header-cell" scope="col">Handeling</th>
                <th className="utrecht-table__header-cell" scope="col">Verwerkingsactiviteit en grondslag</th>
                <th className="utrecht-table__header-cell" scope="col">Status</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {records.data.items.map((r) => (
                <tr key={r.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{formatDateTime(r.startTime, { seconds: true })}</td>
                  <td className="utrecht-table__cell">{r.actor.displayName ?? r.actor.username ?? 'Koers (automatisch)'}</td>
                  <td className="utrecht-table__cell">{r.name}</td>
                  <td className="utrecht-table__cell">
                    {r.processingActivity.name}
                    <br />
                    <small>{r.processingActivity.legalBasis}</small>
                  </td>
                  <td className="utrecht-table__cell">{r.status === 'OK' ? 'Gelukt' : 'Mislukt'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
