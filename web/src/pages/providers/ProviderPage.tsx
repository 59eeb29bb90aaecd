import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { Alert, DataList, Heading, Paragraph, TableScroll } from '../../components/ui';
import { unitLabels } from '../catalogue/catalogueTypes';
import { euro } from '../decisions/decisionTypes';
import { providerKindLabels } from './providerTypes';
import type { Provider } from '../../api/types';
import { hasPermission, useMe } from '../../session';

export function ProviderPage() {
  const { id = '' } = useParams();
  const provider = useQuery({ queryKey: ['provider', id], queryFn: () => api<Provider>(`/api/providers/${encodeURIComponent(id)}`) });
  const me = useMe();
  if (provider.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (provider.isError) {
    return (
      <div className="koers-stack">
        <Heading level={1}>Aanbieder</Heading>
        <Alert type="error">{provider.error.message}</Alert>
        <Link to="/aanbieders" className="utrecht-link">Terug naar aanbieders</Link>
      </div>
    );
  }
  const p = provider.data;
  const years = [...new Set(p.tariffs.map((t) => t.year))].sort((a, b) => b - a);
  return (
    <div className="koers-stack">
      <Link to="/aanbieders" className="utrecht-link">← Terug naar aanbieders</Link>
      <Heading level={1}>{p.name}</Heading>
      <DataList
        items={[
          ['AGB-code', p.agbCode],
          ['Soort', providerKindLabels[p.kind]],
          ['Contract', p.regionWide ? `Regionaal, afgesloten door ${p.contractedBy === 'regio' ? 'een andere gemeente namens de regio' : 'deze gemeente namens de regio'}` : 'Eigen contract van de gemeente'],
          ['Strategisch partner', p.strategicPartner ? 'Ja' : 'Nee'],
        ]}
      />
      {(hasPermission(me.data, 'exchange:read') || hasPermission(me.data, 'contracts:read')) && (
        <Paragraph>
          {hasPermission(me.data, 'exchange:read') && (
            <Link to={`/berichten?aanbieder=${encodeURIComponent(p.id)}`} className="utrecht-link">Berichten met deze aanbieder</Link>
          )}
          {hasPermission(me.data, 'exchange:read') && hasPermission(me.data, 'contracts:read') && ' · '}
          {hasPermission(me.data, 'contracts:read') && (
            <Link to="/contractbeheer" className="utrecht-link">Prestaties van aanbieders</Link>
          )}
        </Paragraph>
      )}
      <section aria-labelledby="tarieven" className="koers-stack">
        <Heading level={2} id="tarieven">Tarieven per product</Heading>
        {p.tariffs.length === 0 && <Paragraph>Geen inkoopcontract: deze aanbieder werkt met subsidie.</Paragraph>}
        {years.map((year) => (
          <TableScroll key={year} label={`Tarieven ${year}`}>
            <table className="utrecht-table utrecht-table--html-table">
              <caption className="utrecht-table__caption">Tarieven {year}</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  {['Product', 'Code', 'Tarief', 'Eenheid'].map((h) => (
                    <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {p.tariffs
                  .filter((t) => t.year === year)
                  .map((t) => (
                    <tr key={`${t.productCode}-${t.year}`} className="utrecht-table__row">
                      <td className="utrecht-table__cell">{t.productName ?? '—'}</td>
                      <td className="utrecht-table__cell">{t.productCode}</td>
                      <td className="utrecht-table__cell">{euro(t.centsPerUnit)}</td>
                      <td className="utrecht-table__cell">per {unitLabels[t.unit]}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </TableScroll>
        ))}
      </section>
      <section aria-labelledby="subsidies" className="koers-stack">
        <Heading level={2} id="subsidies">Subsidies</Heading>
        {p.subsidies.length === 0 ? (
          <Paragraph>Geen subsidie.</Paragraph>
        ) : (
          <TableScroll label="Subsidies">
            <table className="utrecht-table utrecht-table--html-table">
              <caption className="koers-visually-hidden">Subsidies</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  {['Jaar', 'Bedrag', 'Doel'].map((h) => (
                    <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {p.subsidies.map((s) => (
                  <tr key={`${s.year}-${s.purpose}`} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{s.year}</td>
                    <td className="utrecht-table__cell">{euro(s.amountCents)}</td>
                    <td className="utrecht-table__cell">{s.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}
