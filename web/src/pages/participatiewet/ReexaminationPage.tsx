import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { Alert, Button, Heading, Paragraph, SelectField, SimpleTable, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney, today } from '../../format';
import { useCan } from '../../session';
import type { PwReexaminations as Reexaminations } from '../../api/types';


const outcomeLabels: Record<string, string> = { ongewijzigd: 'Ongewijzigd', wijziging: 'Wijziging', beeindiging: 'Beëindiging' };
const riskLabels: Record<string, string> = { laag: 'Laag', midden: 'Gemiddeld', hoog: 'Hoog' };

/** The re-examinations (heronderzoek) of one benefit and the form to record one. */
export function ReexaminationPage() {
  const { id = '' } = useParams();
  const can = useCan();
  const queryClient = useQueryClient();
  const data = useQuery({ queryKey: ['pw-reexaminations', id], queryFn: () => api<Reexaminations>(`/api/pw/benefits/${id}/reexaminations`) });
  const [form, setForm] = useState({ heldOn: today(), riskProfile: 'midden', outcome: 'ongewijzigd', validFrom: '', leefvorm: 'alleenstaande', applicantBirthDate: '', partnerBirthDate: '', fixedIncome: '', endDate: '', endReason: '', overpaid: '', overFrom: '', overTo: '', overReason: '' });
  const [done, setDone] = useState<Record<string, boolean>>({});
  const [moneyError, setMoneyError] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: (body: object) => api<Reexaminations>(`/api/pw/benefits/${id}/reexaminations`, { method: 'POST', body }),
    onSuccess: (d) => queryClient.setQueryData(['pw-reexaminations', id], d),
  });
  const err = (field: string) => (record.error instanceof ApiError ? record.error.fields.find((f) => f.field === field)?.message : undefined);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });

  if (data.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (data.isError) return <Alert type="error">{data.error.message}</Alert>;
  const b = data.data.benefit;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fixed = form.fixedIncome.trim() === '' ? 0 : parseMoney(form.fixedIncome);
    const overpaid = form.overpaid.trim() === '' ? null : parseMoney(form.overpaid);
    const errors: Record<string, string> = {};
    if (fixed === null) errors.fixedIncome = 'Vul een bedrag in euro in.';
    if (form.overpaid.trim() !== '' && overpaid === null) errors.overpaid = 'Vul een bedrag in euro in.';
    setMoneyError(errors);
    if (Object.keys(errors).length > 0) return;
    record.mutate({
      heldOn: form.heldOn,
      riskProfile: form.riskProfile,
      outcome: form.outcome,
      checks: data.data.checklist.map((c) => ({ code: c.code, done: done[c.code] ?? false })),
      ...(form.outcome === 'wijziging'
        ? {
            change: {
              validFrom: form.validFrom ? `${form.validFrom}-01` : '',
              entitlement: {
                household: { leefvorm: form.leefvorm, applicantBirthDate: form.applicantBirthDate, partnerBirthDate: form.leefvorm === 'gehuwden' ? form.partnerBirthDate : null, dependentChildren: form.leefvorm === 'alleenstaande-ouder', youngestChildAge: null, inInrichting: false, housemates: [] },
                income: fixed ? [{ kind: 'alimentatie', person: 'aanvrager', cents: fixed }] : [],
                workExemptions: { aanvrager: null, partner: null },
                assets: { possessionsCents: 0, debtsCents: 0, ownHome: null },
              },
            },
          }
        : {}),
      ...(form.outcome === 'beeindiging' ? { end: { endDate: form.endDate, endReason: form.endReason } } : {}),
      ...(overpaid ? { overpayment: { cents: overpaid, periodFrom: form.overFrom, periodTo: form.overTo, reason: form.overReason } } : {}),
    });
  };

  return (
    <div className="koers-stack">
      <Heading level={1}>Heronderzoek {b.reference}</Heading>
      <Paragraph>
        <Link className="utrecht-link" to={`/inwoners/${b.residentId}`}>Naar het dossier van de inwoner</Link> ·{' '}
        <Link className="utrecht-link" to={`/inkomen/uitkeringen/${b.id}/inkomstenopgaven`}>Inkomstenopgaven</Link>
      </Paragraph>
      <Paragraph>
        Laatste heronderzoek: {b.lastReexaminationOn ? formatDate(b.lastReexaminationOn) : 'nog geen'}; volgende uiterlijk {formatDate(b.nextReexaminationOn)}. Termijn per risicoprofiel:{' '}
        {Object.entries(data.data.intervals).map(([k, v]) => `${riskLabels[k] ?? k} ${v} maanden`).join(', ')}.
      </Paragraph>
      {can('pw:write') && !b.endDate && (
        <form onSubmit={submit} noValidate className="koers-stack">
          <Heading level={2}>Heronderzoek vastleggen</Heading>
          <TextField label="Datum heronderzoek" type="date" value={form.heldOn} onChange={(e) => set('heldOn')(e.target.value)} error={err('heldOn')} />
          <SelectField label="Risicoprofiel" value={form.riskProfile} onChange={set('riskProfile')} options={Object.entries(riskLabels).map(([value, label]) => ({ value, label }))} error={err('riskProfile')} />
          <fieldset>
            <legend>Controles</legend>
            {data.data.checklist.map((c) => (
              <div key={c.code}>
                <label>
                  <input type="checkbox" checked={done[c.code] ?? false} onChange={(e) => setDone({ ...done, [c.code]: e.target.checked })} /> {c.label} <span className="koers-muted">({c.source})</span>
                </label>
              </div>
            ))}
            {err('checks') && <Alert type="error">{err('checks')}</Alert>}
          </fieldset>
          <SelectField label="Uitkomst" value={form.outcome} onChange={set('outcome')} options={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))} error={err('outcome')} />
          {form.outcome === 'wijziging' && (
            <>
              <TextField label="Geldt vanaf maand" type="month" value={form.validFrom} onChange={(e) => set('validFrom')(e.target.value)} error={err('change.validFrom')} />
              <SelectField label="Leefvorm" value={form.leefvorm} onChange={set('leefvorm')} options={[{ value: 'alleenstaande', label: 'Alleenstaande' }, { value: 'alleenstaande-ouder', label: 'Alleenstaande ouder' }, { value: 'gehuwden', label: 'Gehuwden of samenwonenden' }]} />
              <TextField label="Geboortedatum aanvrager" type="date" value={form.applicantBirthDate} onChange={(e) => set('applicantBirthDate')(e.target.value)} error={err('household.applicantBirthDate')} />
              {form.leefvorm === 'gehuwden' && <TextField label="Geboortedatum partner" type="date" value={form.partnerBirthDate} onChange={(e) => set('partnerBirthDate')(e.target.value)} error={err('household.partnerBirthDate')} />}
              <TextField label="Vaste inkomsten per maand, bijvoorbeeld alimentatie (euro)" inputMode="decimal" value={form.fixedIncome} onChange={(e) => set('fixedIncome')(e.target.value)} error={moneyError.fixedIncome ?? err('income[0].cents')} />
            </>
          )}
          {form.outcome === 'beeindiging' && (
            <>
              <TextField label="Einddatum" type="date" value={form.endDate} onChange={(e) => set('endDate')(e.target.value)} error={err('end.endDate')} />
              <TextField label="Reden van de beëindiging" value={form.endReason} onChange={(e) => set('endReason')(e.target.value)} error={err('end.endReason')} />
            </>
          )}
          <fieldset className="koers-stack">
            <legend>Te veel betaald (optioneel: wordt een conceptvordering)</legend>
            <TextField label="Te veel betaald (euro)" inputMode="decimal" value={form.overpaid} onChange={(e) => set('overpaid')(e.target.value)} error={moneyError.overpaid ?? err('overpayment.cents')} />
            {form.overpaid.trim() !== '' && (
              <>
                <TextField label="Periode vanaf" type="date" value={form.overFrom} onChange={(e) => set('overFrom')(e.target.value)} error={err('overpayment.periodFrom')} />
                <TextField label="Periode tot en met" type="date" value={form.overTo} onChange={(e) => set('overTo')(e.target.value)} error={err('overpayment.periodTo')} />
                <TextField label="Waarom te veel betaald" value={form.overReason} onChange={(e) => set('overReason')(e.target.value)} error={err('overpayment.reason')} />
              </>
            )}
          </fieldset>
          <div>
            <Button type="submit" busy={record.isPending}>
              Heronderzoek vastleggen
            </Button>
          </div>
          {record.isError && !(record.error instanceof ApiError && record.error.fields.length > 0) && <Alert type="error">{record.error.message}</Alert>}
          {record.error instanceof ApiError && record.error.fields.length > 0 && <Alert type="error">Het heronderzoek is niet vastgelegd. Controleer de gemarkeerde velden.</Alert>}
        </form>
      )}
      <Heading level={2}>Eerdere heronderzoeken</Heading>
      {data.data.reexaminations.length === 0 ? (
        <Paragraph>Nog geen heronderzoeken.</Paragraph>
      ) : (
        <SimpleTable
          label="Heronderzoeken, nieuwste eerst"
          headers={['Datum', 'Risico', 'Uitkomst', 'Gevolg', 'Volgende', 'Brief']}
          rows={data.data.reexaminations.map((r) => ({
            key: r.id,
            cells: [
              formatDate(r.heldOn),
              riskLabels[r.riskProfile] ?? r.riskProfile,
              outcomeLabels[r.outcome] ?? r.outcome,
              r.outcome === 'wijziging' ? `Vanaf ${formatDate(r.validFrom)}: ${formatMoney(r.monthlyPaymentCents ?? 0)} per maand` : r.outcome === 'beeindiging' ? `Beëindigd per ${formatDate(r.endDate)}` : '–',
              r.nextOn ? formatDate(r.nextOn) : '–',
              r.outcome === 'ongewijzigd' ? '–' : (
                <a key="a" className="utrecht-link" href={`/api/pw/reexaminations/${r.id}/letter.html`} target="_blank" rel="noreferrer">
                  Brief
                </a>
              ),
            ],
          }))}
        />
      )}
    </div>
  );
}
