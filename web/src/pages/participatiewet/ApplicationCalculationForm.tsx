import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { Alert, Button, Heading, SelectField, TextField } from '../../components/ui';
import { parseMoney } from '../../format';
import type { PwApplication } from '../../api/types';
import { incomeKindLabels, leefvormLabels } from './applicationTypes';

interface Housemate {
  key: number;
  birthDate: string;
  exception: string;
}
interface Income {
  key: number;
  kind: string;
  person: string;
  amount: string;
}

let nextKey = 1;
const cents = (text: string) => (text.trim() === '' ? 0 : (parseMoney(text) ?? Number.NaN));

/** Household, income and assets of an application; the API computes the rekenblad from them. */
export function ApplicationCalculationForm({ application }: { application: PwApplication }) {
  const queryClient = useQueryClient();
  const [leefvorm, setLeefvorm] = useState('alleenstaande');
  const [partnerBirthDate, setPartnerBirthDate] = useState('');
  const [children, setChildren] = useState('nee');
  const [youngestChildAge, setYoungestChildAge] = useState('');
  const [peildatum, setPeildatum] = useState(application.appliedOn ?? '');
  const [housemates, setHousemates] = useState<Housemate[]>([]);
  const [income, setIncome] = useState<Income[]>([]);
  const [possessions, setPossessions] = useState('');
  const [debts, setDebts] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api<PwApplication>(`/api/pw/applications/${application.caseId}/calculation`, {
        method: 'PUT',
        body: {
          ...(peildatum.trim() ? { peildatum } : {}),
          household: {
            leefvorm,
            partnerBirthDate: leefvorm === 'gehuwden' ? partnerBirthDate : null,
            dependentChildren: children === 'ja',
            youngestChildAge: children === 'ja' && youngestChildAge.trim() ? Number(youngestChildAge) : null,
            inInrichting: false,
            housemates: housemates.map((h) => ({ birthDate: h.birthDate, exception: h.exception || null })),
          },
          income: income.map((i) => ({ kind: i.kind, person: i.person, cents: cents(i.amount) })),
          workExemptions: { aanvrager: null, partner: null },
          assets: { possessionsCents: cents(possessions), debtsCents: cents(debts), ownHome: null },
        },
      }),
    onSuccess: (data) => queryClient.setQueryData(['pw-application', application.caseId], data),
  });
  const fields = save.error instanceof ApiError ? save.error.fields : [];
  const fieldError = (name: string) => fields.find((f) => f.field === name || f.field.startsWith(`${name}.`) || f.field.startsWith(`${name}[`))?.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" aria-label="Rekenblad" noValidate>
      <Heading level={3}>Huishouden, inkomsten en vermogen</Heading>
      <SelectField label="Leefvorm" value={leefvorm} onChange={setLeefvorm} options={Object.entries(leefvormLabels).map(([value, label]) => ({ value, label }))} error={fieldError('household.leefvorm')} />
      {leefvorm === 'gehuwden' && <TextField label="Geboortedatum partner" description="jjjj-mm-dd" value={partnerBirthDate} onChange={(e) => setPartnerBirthDate(e.target.value)} error={fieldError('household.partnerBirthDate')} />}
      <SelectField label="Kinderen ten laste" value={children} onChange={setChildren} options={[{ value: 'nee', label: 'Nee' }, { value: 'ja', label: 'Ja' }]} />
      {children === 'ja' && <TextField label="Leeftijd jongste kind" value={youngestChildAge} onChange={(e) => setYoungestChildAge(e.target.value)} error={fieldError('household.youngestChildAge')} />}
      <fieldset className="utrecht-form-fieldset koers-card">
        <legend className="utrecht-form-fieldset__legend">Medebewoners (kostendelers)</legend>
        {housemates.map((h, i) => (
          <div key={h.key} className="koers-stack">
            <TextField label={`Geboortedatum medebewoner ${i + 1}`} value={h.birthDate} onChange={(e) => setHousemates((hs) => hs.map((x) => (x.key === h.key ? { ...x, birthDate: e.target.value } : x)))} error={fieldError(`household.housemates[${i}]`)} />
            <SelectField
              label={`Uitzondering medebewoner ${i + 1}`}
              value={h.exception}
              onChange={(v) => setHousemates((hs) => hs.map((x) => (x.key === h.key ? { ...x, exception: v } : x)))}
              options={[
                { value: '', label: 'Geen: telt als kostendeler' },
                { value: 'commerciele-huur', label: 'Commerciële huur' },
                { value: 'commerciele-huur-derde', label: 'Commerciële huur bij een derde' },
                { value: 'onderwijs', label: 'Volgt onderwijs (studiefinanciering)' },
              ]}
            />
          </div>
        ))}
        <Button appearance="secondary-action" onClick={() => setHousemates((hs) => [...hs, { key: nextKey++, birthDate: '', exception: '' }])}>
          Medebewoner toevoegen
        </Button>
      </fieldset>
      <fieldset className="utrecht-form-fieldset koers-card">
        <legend className="utrecht-form-fieldset__legend">Inkomsten per maand (netto)</legend>
        {income.map((item, i) => (
          <div key={item.key} className="koers-stack">
            <SelectField label={`Soort inkomen ${i + 1}`} value={item.kind} onChange={(v) => setIncome((is) => is.map((x) => (x.key === item.key ? { ...x, kind: v } : x)))} options={Object.entries(incomeKindLabels).map(([value, label]) => ({ value, label }))} />
            <SelectField label={`Van wie ${i + 1}`} value={item.person} onChange={(v) => setIncome((is) => is.map((x) => (x.key === item.key ? { ...x, person: v } : x)))} options={[{ value: 'aanvrager', label: 'Aanvrager' }, { value: 'partner', label: 'Partner' }]} />
            <TextField label={`Bedrag inkomen ${i + 1}`} description="in euro's, bijvoorbeeld 250,00" value={item.amount} onChange={(e) => setIncome((is) => is.map((x) => (x.key === item.key ? { ...x, amount: e.target.value } : x)))} error={fieldError(`income[${i}]`) ?? fieldError(`income.${i}`)} />
          </div>
        ))}
        <Button appearance="secondary-action" onClick={() => setIncome((is) => [...is, { key: nextKey++, kind: 'arbeid', person: 'aanvrager', amount: '' }])}>
          Inkomen toevoegen
        </Button>
      </fieldset>
      <TextField label="Vermogen (bezittingen)" description="in euro's" value={possessions} onChange={(e) => setPossessions(e.target.value)} error={fieldError('assets.possessionsCents')} />
      <TextField label="Schulden" description="in euro's" value={debts} onChange={(e) => setDebts(e.target.value)} error={fieldError('assets.debtsCents')} />
      <TextField label="Peildatum" description="een dag in de maand waarvoor u rekent (standaard de aanvraagdatum)" value={peildatum} onChange={(e) => setPeildatum(e.target.value)} error={fieldError('peildatum')} />
      {save.error && <Alert type="error">{fields.length > 0 ? fields.map((f) => f.message).join(' ') : save.error.message}</Alert>}
      <Button type="submit" busy={save.isPending}>
        Rekenblad berekenen
      </Button>
    </form>
  );
}
