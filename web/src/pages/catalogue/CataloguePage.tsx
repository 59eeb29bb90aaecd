import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, SelectField, TextField, TableScroll } from '../../components/ui';
import { frequencyLabels, kindLabels, lawLabels, unitLabels } from './catalogueTypes';
import type { ProductSummary } from '../../api/types';

export function CataloguePage() {
  const [q, setQ] = useState('');
  const [law, setLaw] = useState('');
  const [kind, setKind] = useState('');
  const params = new URLSearchParams({ ...(q.trim() ? { q: q.trim() } : {}), ...(law ? { law } : {}), ...(kind ? { kind } : {}) });
  const products = useQuery({
    queryKey: ['catalogue', params.toString()],
    queryFn: () => api<ProductSummary[]>(`/api/catalogue/products?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="koers-stack">
      <Heading level={1}>Producten en diensten</Heading>
      <Paragraph>
        Eerst wat de inwoner zelf, met zijn netwerk of met het voorliggend veld kan; daarna maatwerk. Het voorliggend veld staat daarom bovenaan.
      </Paragraph>
      <form className="koers-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Zoek in de catalogus" type="search" value={q} onChange={(e) => setQ(e.target.value)} description="Bijvoorbeeld huishouden, begeleiding, mantelzorg of een productcode" />
        <SelectField label="Wet" value={law} onChange={setLaw} options={[{ value: '', label: 'Alle wetten' }, ...Object.entries(lawLabels).map(([value, label]) => ({ value, label }))]} />
        <SelectField label="Soort" value={kind} onChange={setKind} options={[{ value: '', label: 'Alle soorten' }, ...Object.entries(kindLabels).map(([value, label]) => ({ value, label }))]} />
      </form>
      {products.isError && <Alert type="error">{products.error.message}</Alert>}
      <div aria-live="polite">{products.data && <Paragraph>{products.data.length} producten en diensten gevonden.</Paragraph>}</div>
      {products.data && products.data.length > 0 && (
        <TableScroll label="Producten en diensten">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Producten en diensten</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Product', 'Soort', 'Wet', 'Eenheid', 'Beschikking', 'Directe toegang'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {products.data.map((p) => (
                <tr key={p.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <Link to={`/catalogus/${p.id}`} className="utrecht-link">{p.name}</Link>
                  </td>
                  <td className="utrecht-table__cell">{kindLabels[p.kind]}</td>
                  <td className="utrecht-table__cell">{lawLabels[p.law]}</td>
                  <td className="utrecht-table__cell">{unitLabels[p.unit]} {frequencyLabels[p.frequency]}</td>
                  <td className="utrecht-table__cell">{p.requiresDecision ? 'Ja' : 'Nee'}</td>
                  <td className="utrecht-table__cell">{p.directAccess ? `Ja, max. ${p.directAccessMaxWeeks} weken` : 'Nee'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
