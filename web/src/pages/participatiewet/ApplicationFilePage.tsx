import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useCan } from '../../session';
import { Alert, Button, Heading, Paragraph, TableScroll, TextField } from '../../components/ui';
import { formatDate, formatMoney } from '../../format';
import type { PwApplication, PwFile } from '../../api/types';
import { decisionStatusLabels, leefvormLabels } from './applicationTypes';

/** A resident's Participatiewet file: the applications with their terms, the benefits, and a new application. */
export function ApplicationFilePage() {
  const { residentId = '' } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const file = useQuery({ queryKey: ['pw-file', residentId], queryFn: () => api<PwFile>(`/api/residents/${encodeURIComponent(residentId)}/pw`) });
  const [reportedOn, setReportedOn] = useState('');
  const [appliedOn, setAppliedOn] = useState('');
  const register = useMutation({
    mutationFn: () => api<PwApplication>(`/api/residents/${residentId}/pw/applications`, { method: 'POST', body: { reportedOn, ...(appliedOn.trim() ? { appliedOn } : {}) } }),
    onSuccess: (made) => void navigate(`/inkomen/aanvragen/${made.caseId}`),
  });
  const fieldError = (name: string) => (register.error instanceof ApiError ? register.error.fields.find((f) => f.field === name)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  if (file.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (file.isError) return <Alert type="error">{file.error.message}</Alert>;
  const { applications, benefits } = file.data;
  return (
    <div className="koers-stack">
      <Link to={`/inwoners/${residentId}`} className="utrecht-link">← Inwoner</Link>
      <Heading level={1}>Bijstandsdossier</Heading>
      <Heading level={2}>Uitkeringen</Heading>
      {benefits.length === 0 ? (
        <Paragraph>Geen bijstandsuitkering.</Paragraph>
      ) : (
        <TableScroll label="Uitkeringen">
          <table className="utrecht-table" aria-label="Uitkeringen">
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className="utrecht-table__header-cell">Kenmerk</th>
                <th className="utrecht-table__header-cell">Leefvorm</th>
                <th className="utrecht-table__header-cell">Vanaf</th>
                <th className="utrecht-table__header-cell">Tot</th>
                <th className="utrecht-table__header-cell">Per maand</th>
                <th className="utrecht-table__header-cell">Norm incl. vakantietoeslag</th>
                <th className="utrecht-table__header-cell">Vaste inkomsten</th>
                <th className="utrecht-table__header-cell">Rekening</th>
                <th className="utrecht-table__header-cell">Heronderzoek</th>
                <th className="utrecht-table__header-cell">Verder</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {benefits.map((b) => (
                <tr key={b.id} className="utrecht-table__row">
                  <td className="utrecht-table__cell">{b.reference}</td>
                  <td className="utrecht-table__cell">{leefvormLabels[b.norm] ?? b.norm}</td>
                  <td className="utrecht-table__cell">{formatDate(b.startDate)}</td>
                  <td className="utrecht-table__cell">{b.endDate ? formatDate(b.endDate) : 'lopend'}</td>
                  <td className="utrecht-table__cell">{formatMoney(b.monthlyCents)}</td>
                  <td className="utrecht-table__cell">{b.basis ? formatMoney(b.basis.normInclVtCents) : '—'}</td>
                  <td className="utrecht-table__cell">{b.basis ? formatMoney(b.basis.fixedOffsetCents) : '—'}</td>
                  <td className="utrecht-table__cell">{b.iban ? `${b.iban} (${b.accountHolder ?? ''})` : '—'}</td>
                  <td className="utrecht-table__cell">{formatDate(b.nextReexaminationOn)}</td>
                  <td className="utrecht-table__cell">
                    <Link className="utrecht-link" to={`/inkomen/uitkeringen/${b.id}/inkomstenopgaven`}>Inkomstenopgaven</Link> ·{' '}
                    <Link className="utrecht-link" to={`/inkomen/uitkeringen/${b.id}/heronderzoek`}>Heronderzoek</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Heading level={2}>Aanvragen levensonderhoud</Heading>
      {applications.length === 0 ? (
        <Paragraph>Geen aanvragen.</Paragraph>
      ) : (
        <ul className="utrecht-unordered-list">
          {applications.map((a) => (
            <li key={a.caseId}>
              <Link className="utrecht-link" to={`/inkomen/aanvragen/${a.caseId}`}>
                {a.reference}
              </Link>{' '}
              — melding {formatDate(a.reportedOn)}, {a.appliedOn ? `aanvraag ${formatDate(a.appliedOn)}` : `aanvraag mogelijk vanaf ${formatDate(a.earliestApplicationOn)}`}: {decisionStatusLabels[a.decision.status]}
            </li>
          ))}
        </ul>
      )}
      {can('pw:write') && (
        <form onSubmit={submit} className="koers-stack koers-narrow-form" aria-label="Nieuwe aanvraag" noValidate>
          <Heading level={3}>Nieuwe melding of aanvraag</Heading>
          <TextField label="Meldingsdatum" description="jjjj-mm-dd" value={reportedOn} onChange={(e) => setReportedOn(e.target.value)} error={fieldError('reportedOn')} />
          <TextField
            label="Aanvraagdatum"
            description="jjjj-mm-dd; leeg laten zolang de zoektermijn van 4 weken loopt (jonger dan 27 jaar)"
            value={appliedOn}
            onChange={(e) => setAppliedOn(e.target.value)}
            error={fieldError('appliedOn')}
          />
          {register.error && !(register.error instanceof ApiError && register.error.fields.length > 0) && <Alert type="error">{register.error.message}</Alert>}
          <Button type="submit" busy={register.isPending}>
            Aanvraag registreren
          </Button>
        </form>
      )}
    </div>
  );
}
