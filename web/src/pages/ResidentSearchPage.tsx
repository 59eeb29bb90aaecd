import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import type { ResidentSearchResult } from '../api/types';
import { Alert, Heading, Paragraph, TextField, formatDate, TableScroll } from '../components/ui';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const kindLabel = { name: 'naam', address: 'adres', postcode: 'postcode', birthDate: 'geboortedatum', bsn: 'BSN' } as const;

export function ResidentSearchPage() {
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim(), 250);
  // POST, so a BSN typed here never ends up in a URL, browser history or access log.
  const search = useQuery({
    queryKey: ['residents', 'search', term],
    queryFn: () => api<ResidentSearchResult>('/api/residents/search', { method: 'POST', body: { q: term, limit: 25 } }),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
  const fieldError = search.error instanceof ApiError ? search.error.fields.find((f) => f.field === 'q')?.message : undefined;

  return (
    <div className="koers-stack">
      <Heading level={1}>Inwoners zoeken</Heading>
      <form className="koers-search" role="search" onSubmit={(e) => e.preventDefault()}>
        <TextField
          label="Zoek inwoner"
          description="Naam, straat (eventueel met huisnummer), postcode (6211, 6211 AB of 6211 AB 12), geboortedatum (dd-mm-jjjj) of BSN (9 cijfers). Resultaten verschijnen tijdens het typen."
          type="search"
          value={q}
          autoComplete="off"
          onChange={(e) => setQ(e.target.value)}
          error={fieldError}
        />
      </form>
      <div aria-live="polite" aria-atomic="true">
        {term.length >= 2 && search.data && (
          <Paragraph>
            {search.data.items.length === 0
              ? `Geen inwoners gevonden op ${kindLabel[search.data.kind]}.`
              : `${search.data.items.length} inwoner${search.data.items.length === 1 ? '' : 's'} gevonden op ${kindLabel[search.data.kind]}.`}
          </Paragraph>
        )}
      </div>
      {search.isError && !fieldError && <Alert type="error">{search.error.message}</Alert>}
      {term.length >= 2 && search.data && search.data.items.length > 0 && (
        <TableScroll label="Zoekresultaten">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Zoekresultaten</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell" scope="col">Naam</th>
                <th className="utrecht-table__header-cell" scope="col">Geboortedatum</th>
                <th className="utrecht-table__header-cell" scope="col">BSN</th>
                <th className="utrecht-table__header-cell" scope="col">Adres</th>
                <th className="utrecht-table__header-cell" scope="col">Wijk</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {search.data.items.map((r) => (
                <tr key={r.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <Link to={`/inwoners/${r.id}`} className="utrecht-link">
                      {r.fullName}
                    </Link>
                  </td>
                  <td className="utrecht-table__cell">{formatDate(r.birthDate)}</td>
                  <td className="utrecht-table__cell">
                    <span aria-label={`BSN eindigend op ${r.bsnMasked.slice(-4)}`}>{r.bsnMasked}</span>
                  </td>
                  <td className="utrecht-table__cell">{r.address}</td>
                  <td className="utrecht-table__cell">{r.areaName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
