import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Heading, Paragraph, SelectField, SimpleTable } from '../../components/ui';
import { formatDate, formatMoney } from '../../format';
import { claimSourceLabels, claimStatusLabels } from './RecoveryShared';
import type { PwClaim, PwResidentClaims } from '../../api/types';

/** All recovery claims (terugvorderingen) of residents the employee has a relation with, with filters. */
export function RecoveryPage() {
  const [status, setStatus] = useState('');
  const [source, setSource] = useState('');
  const [open, setOpen] = useState('');
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(source ? { source } : {}), ...(open ? { open } : {}) }).toString();
  const claims = useQuery({ queryKey: ['pw-claims', query], queryFn: () => api<PwClaim[]>(`/api/pw/claims${query ? `?${query}` : ''}`) });
  return (
    <div className="koers-stack">
      <Heading level={1}>Vorderingen</Heading>
      <Paragraph lead>Terugvorderingen van bijstand (artikel 58 Participatiewet): concepten die op vaststelling wachten en vastgestelde vorderingen met hun saldo.</Paragraph>
      <div className="koers-stack">
        <SelectField label="Status" value={status} onChange={setStatus} options={[{ value: '', label: 'Alle' }, ...Object.entries(claimStatusLabels).map(([value, label]) => ({ value, label }))]} />
        <SelectField label="Bron" value={source} onChange={setSource} options={[{ value: '', label: 'Alle' }, ...Object.entries(claimSourceLabels).map(([value, label]) => ({ value, label }))]} />
        <SelectField label="Saldo" value={open} onChange={setOpen} options={[{ value: '', label: 'Alle' }, { value: 'ja', label: 'Alleen openstaand' }]} />
      </div>
      {claims.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {claims.isError && <Alert type="error">{claims.error.message}</Alert>}
      {claims.data && claims.data.length === 0 && <Paragraph>Geen vorderingen met deze filters.</Paragraph>}
      {claims.data && claims.data.length > 0 && (
        <SimpleTable
          label="Vorderingen, nieuwste eerst"
          headers={['Vordering', 'Inwoner', 'Grond', 'Bron', 'Status', 'Bedrag', 'Saldo', 'Per maand']}
          rows={claims.data.map((c) => ({
            key: c.id,
            cells: [
              <Link key="l" className="utrecht-link" to={`/inkomen/vorderingen/${c.id}`}>{c.reference}</Link>,
              c.residentName,
              c.groundLabel,
              claimSourceLabels[c.source] ?? c.source,
              claimStatusLabels[c.status],
              formatMoney(c.principalCents),
              formatMoney(c.balanceCents),
              formatMoney(c.monthlyInstalmentCents),
            ],
          }))}
        />
      )}
    </div>
  );
}

/** A resident's benefits (to their income statements and re-examinations), claims and open balance, for the resident's page. */
export function RecoveryResidentSection({ residentId }: { residentId: string }) {
  const data = useQuery({
    queryKey: ['pw-resident-claims', residentId],
    queryFn: () => api<PwResidentClaims>(`/api/residents/${residentId}/pw-claims`),
  });
  if (data.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (data.isError) return <Alert type="error">{data.error.message}</Alert>;
  return (
    <section className="koers-stack" aria-labelledby="pw-claims-heading">
      <Heading level={2} id="pw-claims-heading">Bijstand</Heading>
      {/* The one entry to the Participatiewet from the resident's file: the dossier (applications, new application, benefits). */}
      <Paragraph>
        <Link className="utrecht-link" to={`/inkomen/inwoners/${residentId}`}>Bijstandsdossier (Participatiewet)</Link>: aanvragen levensonderhoud, een nieuwe aanvraag en de uitkeringen met hun berekening.
      </Paragraph>
      {data.data.benefits.length === 0 && <Paragraph>Geen bijstandsuitkering.</Paragraph>}
      {data.data.benefits.map((b) => (
        <Paragraph key={b.id}>
          Uitkering {b.reference} vanaf {formatDate(b.startDate)}
          {b.endDate ? ` tot en met ${formatDate(b.endDate)}` : ''}:{' '}
          <Link className="utrecht-link" to={`/inkomen/uitkeringen/${b.id}/inkomstenopgaven`}>inkomstenopgaven</Link> ·{' '}
          <Link className="utrecht-link" to={`/inkomen/uitkeringen/${b.id}/heronderzoek`}>heronderzoek</Link>
        </Paragraph>
      ))}
      <Heading level={3}>Vorderingen</Heading>
      {data.data.claims.length === 0 ? (
        <Paragraph>Geen vorderingen.</Paragraph>
      ) : (
        <>
          <Paragraph>Openstaand saldo: {formatMoney(data.data.balanceCents)}.</Paragraph>
          <SimpleTable
            label="Vorderingen van deze inwoner"
            headers={['Vordering', 'Grond', 'Status', 'Bedrag', 'Saldo']}
            rows={data.data.claims.map((c) => ({
              key: c.id,
              cells: [<Link key="l" className="utrecht-link" to={`/inkomen/vorderingen/${c.id}`}>{c.reference}</Link>, c.groundLabel, claimStatusLabels[c.status], formatMoney(c.principalCents), formatMoney(c.balanceCents)],
            }))}
          />
        </>
      )}
    </section>
  );
}
