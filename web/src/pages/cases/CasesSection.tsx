import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll } from '../../components/ui';
import { statusLabels } from './caseTypes';
import { Deadline } from './Deadline';
import { FormDisclosure } from '../../components/FormDisclosure';
import { today as todayInAmsterdam } from '../../format';
import type { CaseType, CaseView, Product, ProductSummary } from '../../api/types';

export function CasesSection({ residentId, canStart }: { residentId: string; canStart: boolean }) {
  const queryClient = useQueryClient();
  const cases = useQuery({ queryKey: ['cases', residentId], queryFn: () => api<CaseView[]>(`/api/residents/${residentId}/cases`) });
  const types = useQuery({ queryKey: ['case-types'], queryFn: () => api<CaseType[]>('/api/case-types'), enabled: canStart });
  const [type, setType] = useState('WMO-MAATWERK');
  const [direct, setDirect] = useState('');
  const [provider, setProvider] = useState('');
  const directProducts = useQuery({
    queryKey: ['catalogue', 'direct-access'],
    queryFn: async () => (await api<ProductSummary[]>('/api/catalogue/products?law=wmo&kind=tailored')).filter((p) => p.directAccess),
    enabled: canStart,
  });
  const directProduct = useQuery({ queryKey: ['catalogue', 'product', direct], queryFn: () => api<Product>(`/api/catalogue/products/${direct}`), enabled: direct !== '' });
  const today = todayInAmsterdam();
  const start = useMutation({
    mutationFn: () =>
      api<CaseView>(`/api/residents/${residentId}/cases`, {
        method: 'POST',
        body: { caseTypeCode: type, ...(direct && provider ? { directAccess: { productId: direct, providerId: provider, start: today } } : {}) },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['cases', residentId] });
      void queryClient.invalidateQueries({ queryKey: ['contact-person', residentId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate();
  };
  return (
    <section aria-labelledby="zaken" className="koers-stack">
      <Heading level={2} id="zaken">Zaken</Heading>
      {cases.isError && <Alert type="error">{cases.error.message}</Alert>}
      {cases.data && cases.data.length === 0 && <Paragraph>Geen zaken.</Paragraph>}
      {cases.data && cases.data.length > 0 && (
        <TableScroll label="Zaken van deze inwoner">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Zaken van deze inwoner</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Zaak', 'Zaaktype', 'Status', 'Termijn', 'Consulent'].map((h) => (
                  <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {cases.data.map((c) => (
                <tr key={c.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">
                    <Link to={`/zaken/${c.id}`} className="utrecht-link">{c.reference}</Link>
                  </td>
                  <td className="utrecht-table__cell">{c.caseType.name}</td>
                  <td className="utrecht-table__cell">{statusLabels[c.status]}</td>
                  <td className="utrecht-table__cell"><Deadline c={c} /></td>
                  <td className="utrecht-table__cell">{c.consultant?.displayName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canStart && types.data && (
        <FormDisclosure label="Nieuwe zaak" appearance="primary-action">
          {() => (
            <form onSubmit={submit} className="koers-search" aria-label="Zaak starten">
              <SelectField label="Zaaktype" value={type} onChange={setType} options={types.data.map((t) => ({ value: t.code, label: t.name }))} />
              {type === 'WMO-MAATWERK' && (
                <SelectField
                  label="Directe toegang (zonder beschikking, max. 13 weken)"
                  value={direct}
                  onChange={(v) => {
                    setDirect(v);
                    setProvider('');
                  }}
                  options={[{ value: '', label: 'Geen directe toegang' }, ...(directProducts.data ?? []).map((p) => ({ value: p.id, label: p.name }))]}
                />
              )}
              {direct && (
                <SelectField
                  label="Aanbieder"
                  value={provider}
                  onChange={setProvider}
                  options={[{ value: '', label: 'Kies een gecontracteerde aanbieder' }, ...(directProduct.data?.providers ?? []).map((p) => ({ value: p.id, label: p.name }))]}
                />
              )}
              <Button type="submit" appearance="secondary-action" busy={start.isPending} disabled={start.isPending || (direct !== '' && provider === '')}>
                Melding registreren
              </Button>
            </form>
          )}
        </FormDisclosure>
      )}
      {start.isError && <Alert type="error">{start.error instanceof ApiError && start.error.fields[0] ? start.error.fields[0].message : start.error.message}</Alert>}
    </section>
  );
}
