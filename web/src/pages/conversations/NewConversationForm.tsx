// The form to record a new conversation: a mark per dimension, the ladder step with its rationale, and
// the agreements. The server checks everything; its field errors are shown beside the fields.
import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import type { Conversation, Dimension, LadderStepId } from '../../api/types';
import { Alert, Button, Heading, SelectField, TextArea, TextField } from '../../components/ui';
import { statusLabels } from '../cases/caseTypes';
import { isOpenCase, useCases } from '../dossier/dossierQueries';
import { dimensionLabels, dimensionStatements, dimensions, ladderLabels, ladderSteps } from './conversationLabels';

function Fieldset({ legend, error, children }: { legend: string; error?: string | undefined; children: ReactNode }) {
  const errorId = useId();
  return (
    <fieldset className={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`} aria-describedby={error ? errorId : undefined}>
      <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{legend}</legend>
      {error && <div className="utrecht-form-field-error-message" id={errorId}>{error}</div>}
      {children}
    </fieldset>
  );
}

// The conversation date is a Dutch date: 'today' in Amsterdam, also between 00:00 and 02:00.
const amsterdamDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
const today = () => amsterdamDate.format(new Date());
const emptyScores = () => Object.fromEntries(dimensions.map((d) => [d, { score: '', wantsToTalk: false }])) as Record<Dimension, { score: string; wantsToTalk: boolean }>;

export function NewConversationForm({ residentId, onSaved }: { residentId: string; onSaved: () => void }) {
  const [heldOn, setHeldOn] = useState(today);
  const [scores, setScores] = useState(emptyScores);
  const [step, setStep] = useState<LadderStepId | ''>('');
  const [rationale, setRationale] = useState('');
  const [agreements, setAgreements] = useState('');
  const ladderId = useId();
  // The case the conversation is the research report of: by default the resident's only open case.
  const cases = useCases(residentId);
  const open = (cases.data ?? []).filter(isOpenCase);
  const [chosenCase, setChosenCase] = useState<string | null>(null);
  const caseId = chosenCase ?? (open.length === 1 ? open[0]!.id : '');
  const save = useMutation({
    mutationFn: () =>
      api<Conversation>(`/api/residents/${encodeURIComponent(residentId)}/conversations`, {
        method: 'POST',
        body: {
          heldOn,
          ...(caseId ? { caseId } : {}),
          scores: Object.fromEntries(
            dimensions.map((d) => [d, { score: scores[d].score.trim() === '' ? null : Number(scores[d].score), wantsToTalk: scores[d].wantsToTalk }]),
          ),
          ladder: { step: step || null, rationale },
          agreements: agreements.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
        },
      }),
    onSuccess: () => {
      setScores(emptyScores());
      setStep('');
      setRationale('');
      setAgreements('');
      onSaved();
    },
  });
  const fieldError = (field: string) => {
    if (!(save.error instanceof ApiError)) return undefined;
    const messages = save.error.fields.filter((f) => f.field === field || f.field.startsWith(`${field}.`)).map((f) => f.message);
    return messages.length ? [...new Set(messages)].join(' ') : undefined;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" noValidate aria-labelledby="nieuw-gesprek">
      <Heading level={3} id="nieuw-gesprek">Nieuw gesprek vastleggen</Heading>
      {save.isError && <Alert type="error">{save.error.message}</Alert>}
      {save.isSuccess && <Alert type="ok">Het gesprek is opgeslagen.</Alert>}
      <SelectField
        label="Zaak"
        description="Het gesprek is het onderzoeksverslag bij deze zaak."
        value={caseId}
        onChange={setChosenCase}
        error={fieldError('caseId')}
        options={[{ value: '', label: 'Geen zaak' }, ...(cases.data ?? []).map((c) => ({ value: c.id, label: `${c.reference} (${c.caseType.name}, ${statusLabels[c.status].toLowerCase()})` }))]}
      />
      <TextField label="Datum van het gesprek" type="date" value={heldOn} max={today()} onChange={(e) => setHeldOn(e.target.value)} error={fieldError('heldOn')} />
      <Fieldset legend="Positieve Gezondheid: cijfer van de inwoner per dimensie (0 tot en met 10)">
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(16rem, 1fr))', gap: '1rem 1.5rem' }}>
          {dimensions.map((d) => (
            <div key={d}>
              <TextField
                label={dimensionLabels[d]}
                description={`“${dimensionStatements[d]}”`}
                type="number"
                inputMode="numeric"
                min={0}
                max={10}
                step={1}
                value={scores[d].score}
                onChange={(e) => setScores({ ...scores, [d]: { ...scores[d], score: e.target.value } })}
                error={fieldError(`scores.${d}`)}
              />
              <div className="utrecht-form-field utrecht-form-field--checkbox">
                <div className="utrecht-form-field__label">
                  <label className="utrecht-form-label utrecht-form-label--checkbox">
                    <span className="utrecht-form-field__input">
                      <input
                        type="checkbox"
                        className="utrecht-checkbox utrecht-checkbox--html-input"
                        checked={scores[d].wantsToTalk}
                        onChange={(e) => setScores({ ...scores, [d]: { ...scores[d], wantsToTalk: e.target.checked } })}
                      />
                    </span>
                    Wil praten over {dimensionLabels[d].toLowerCase()}
                  </label>
                </div>
              </div>
            </div>
          ))}
        </div>
      </Fieldset>
      <Fieldset legend="Zelfredzaamheidsladder: wat is nodig?" error={fieldError('ladder.step')}>
        {ladderSteps.map((s) => (
          <div key={s} className="utrecht-form-field utrecht-form-field--radio">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label utrecht-form-label--radio">
                <span className="utrecht-form-field__input">
                  <input
                    type="radio"
                    name="ladder-step"
                    value={s}
                    className="utrecht-radio-button utrecht-radio-button--html-input"
                    checked={step === s}
                    onChange={() => setStep(s)}
                    aria-describedby={`${ladderId}-${s}`}
                  />
                </span>
                {ladderLabels[s].label}
              </label>
            </div>
            <div className="utrecht-form-field__description utrecht-form-field-description" id={`${ladderId}-${s}`}>
              {ladderLabels[s].description}
            </div>
          </div>
        ))}
      </Fieldset>
      <TextArea
        label="Onderbouwing van de gekozen trede"
        description="Wat kan de inwoner zelf, wat kan het netwerk en wat biedt het voorliggend veld?"
        value={rationale}
        onChange={(e) => setRationale(e.target.value)}
        error={fieldError('ladder.rationale')}
      />
      <TextArea
        label="Afspraken"
        description="Eén afspraak per regel; minstens één."
        value={agreements}
        onChange={(e) => setAgreements(e.target.value)}
        error={fieldError('agreements')}
      />
      <Button type="submit" busy={save.isPending} disabled={save.isPending}>Gesprek opslaan</Button>
    </form>
  );
}
