import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { Alert, DataList, Heading, Paragraph, TableScroll } from '../../components/ui';
import { frequencyLabels, kindLabels, lawLabels, unitLabels } from './catalogueTypes';
import type { Product } from '../../api/types';

import { formatMoney } from '../../format';

export function ProductPage() {
  const { id = '' } = useParams();
  const product = useQuery({ queryKey: ['catalogue', 'product', id], queryFn: () => api<Product>(`/api/catalogue/products/${encodeURIComponent(id)}`) });
  if (product.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (product.isError) return <Alert type="error">{product.error.message}</Alert>;
  const p = product.data;
  return (
    <div className="koers-stack">
      <Link to="/catalogus" className="utrecht-link">← Terug naar de catalogus</Link>
      <Heading level={1}>{p.name}</Heading>
      <Paragraph lead>{p.description}</Paragraph>
      <DataList
        items={[
          ['Soort', kindLabels[p.kind]],
          ['Wet', lawLabels[p.law]],
          ['Voor wie', p.eligibility],
          ['Eenheid', `${unitLabels[p.unit]} ${frequencyLabels[p.frequency]}`],
          ['Beschikking nodig', p.requiresDecision ? 'Ja' : 'Nee'],
          ['Directe toegang', p.directAccess ? `Ja, zonder beschikking tot ${p.directAccessMaxWeeks} weken` : 'Nee'],
          ['iWmo/iJw', p.categoryCode ? `categorie ${p.categoryCode}${p.productCode ? `, product ${p.productCode}` : ''}` : '—'],
          ['Taakveld', p.budgetLine],
          ['Gebieden', p.areas.length ? p.areas.map((a) => a.name).join(', ') : '—'],
        ]}
      />
      <Heading level={2}>Gecontracteerde aanbieders</Heading>
      {p.providers.length === 0 ? (
        <Paragraph>Geen aanbieders met een tarief voor dit jaar{p.kind === 'community' ? ' (het voorliggend veld wordt gesubsidieerd)' : ''}.</Paragraph>
      ) : (
        <TableScroll label="Aanbieders en tarieven">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Aanbieders en tarieven</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Aanbieder', 'AGB-code', `Tarief per ${unitLabels[p.unit]}`, 'Contract'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {p.providers.map((pr) => (
                <tr key={pr.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{pr.name}</td>
                  <td className="utrecht-table__cell">{pr.agbCode}</td>
                  <td className="utrecht-table__cell">{formatMoney(pr.centsPerUnit)}</td>
                  <td className="utrecht-table__cell">{pr.regionWide ? 'Regio' : 'Gemeente'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
