import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, TextField, TableScroll } from '../../components/ui';
import { providerKindLabels } from './providerTypes';
import type { ProviderSummary } from '../../api/types';

/** Providers (aanbieders) with their contracts: this municipality's own and the region's shared ones. */
export function ProvidersPage() {
  const [q, setQ] = useState('');
  const params = new URLSearchParams(q.trim() ? { q: q.trim() } : {});
  const providers = useQuery({
    queryKey: ['providers', params.toString()],
    queryFn: () => api<ProviderSummary[]>(`/api/providers?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="koers-stack">
      <Heading level={1}>Aanbieders en contracten</Heading>
      <Paragraph>
        Gecontracteerde aanbieders met hun AGB-code, tarieven per product per jaar en subsidies. Regionale contracten worden gedeeld door de gemeenten van de regio.
      </Paragraph>
      <form className="koers-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Zoek aanbieder" type="search" value={q} onChange={(e) => setQ(e.target.value)} description="Naam of AGB-code" />
      </form>
      {providers.isError && <Alert type="error">{providers.error.message}</Alert>}
      <div aria-live="polite">{providers.data && <Paragraph>{providers.data.length} aanbieders gevonden.</Paragraph>}</div>
      {providers.data && providers.data.length > 0 && (
        <TableScroll label="Aanbieders">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Aanbieders</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Aanbieder', 'AGB-code', 'Soort', 'Contract', 'Strategisch partner', 'Producten'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {providers.data.map((p) => (
                <tr key={p.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <Link to={`/aanbieders/${p.id}`} className="utrecht-link">{p.name}</Link>
                  </td>
                  <td className="utrecht-table__cell">{p.agbCode}</td>
                  <td className="utrecht-table__cell">{providerKindLabels[p.kind]}</td>
                  <td className="utrecht-table__cell">{p.regionWide ? (p.contractedBy === 'regio' ? 'Regio (andere gemeente)' : 'Regio (deze gemeente)') : 'Gemeente'}</td>
                  <td className="utrecht-table__cell">{p.strategicPartner ? 'Ja' : 'Nee'}</td>
                  <td className="utrecht-table__cell">{p.products}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
