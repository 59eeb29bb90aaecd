import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { DebtCase } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TextArea, TextField } from '../../components/ui';
import { today } from '../../format';

const flags = [
  ['threatEviction', 'Er dreigt een ontruiming van de woning'],
  ['threatUtilityCutoff', 'Er dreigt afsluiting van gas, elektriciteit, warmte of drinkwater'],
  ['threatInsuranceTermination', 'Er dreigt opzegging van de zorgverzekering'],
] as const;
type Flag = (typeof flags)[number][0];

/** A staff member registers a resident for debt help: the question, and the crisis signals that shorten the term. */
export function DebtRegisterPage() {
  const { residentId = '' } = useParams();
  const navigate = useNavigate();
  const [registeredOn, setRegisteredOn] = useState(today());
  const [helpQuestion, setHelpQuestion] = useState('');
  const [checked, setChecked] = useState<Record<Flag, boolean>>({ threatEviction: false, threatUtilityCutoff: false, threatInsuranceTermination: false });
  const save = useMutation({
    mutationFn: () => api<DebtCase>(`/api/residents/${residentId}/debt-cases`, { method: 'POST', body: { registeredOn, helpQuestion, ...checked } }),
    onSuccess: (c) => void navigate(`/schuldhulp/${c.id}`),
  });
  const fields = save.error instanceof ApiError ? save.error.fields : [];
  const fieldError = (f: string) => fields.find((x) => x.field === f)?.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <div className="koers-stack">
      <Heading level={1}>Aanmelden voor schuldhulp</Heading>
      <Paragraph lead>Leg de hulpvraag vast. Kruis aan wat er dreigt: dan moet het eerste gesprek binnen 3 werkdagen zijn, anders binnen 4 weken.</Paragraph>
      <form className="koers-stack" onSubmit={submit} noValidate aria-label="Aanmelding schuldhulp" aria-busy={save.isPending}>
        <TextField label="Datum van aanmelding" type="date" value={registeredOn} onChange={(e) => setRegisteredOn(e.target.value)} error={fieldError('registeredOn')} />
        <TextArea label="Hulpvraag" description="In de woorden van de inwoner: wat is er aan de hand?" value={helpQuestion} onChange={(e) => setHelpQuestion(e.target.value)} error={fieldError('helpQuestion')} />
        <fieldset className="utrecht-form-fieldset">
          <legend className="utrecht-form-fieldset__legend">Wat dreigt er?</legend>
          {flags.map(([key, label]) => (
            <div key={key} className="utrecht-form-field utrecht-form-field--checkbox">
              <label className="utrecht-form-label utrecht-form-label--checkbox">
                <input type="checkbox" className="utrecht-checkbox utrecht-checkbox--html-input" checked={checked[key]} onChange={(e) => setChecked({ ...checked, [key]: e.target.checked })} /> {label}
              </label>
            </div>
          ))}
        </fieldset>
        {save.isError && fields.length === 0 && <Alert type="error">{save.error.message}</Alert>}
        <div>
          <Button type="submit" busy={save.isPending} disabled={save.isPending}>
            Aanmelding opslaan
          </Button>
        </div>
      </form>
      <Paragraph>
        <Link className="utrecht-link" to={`/inwoners/${residentId}`}>
          Terug naar de inwoner
        </Link>
      </Paragraph>
    </div>
  );
}
