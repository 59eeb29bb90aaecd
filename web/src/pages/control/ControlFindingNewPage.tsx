// Nieuwe bevinding (issue #13 §3): from an exception of a control run (?uitzondering=<id>), an item of a
// sample (?steekproef=<id>&positie=<n>) or an own observation. Year and process follow from the source.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { FindingCreated, FindingOwnerOptions } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TextArea, TextField } from '../../components/ui';
import { parseMoney } from '../../format';
import { assessmentLabel, processLabel } from './findingLabels';

export function ControlFindingNewPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const exceptionId = params.get('uitzondering');
  const sampleId = params.get('steekproef');
  const position = params.get('positie');
  const source = exceptionId ? 'uitzondering' : sampleId ? 'steekproef' : 'waarneming';
  const owners = useQuery({ queryKey: ['control-finding-owners'], queryFn: () => api<FindingOwnerOptions>('/api/control/findings/owners') });
  const [process, setProcess] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [controlId, setControlId] = useState('');
  const [title, setTitle] = useState('');
  const [assessment, setAssessment] = useState('');
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [amountError, setAmountError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<FindingCreated>('/api/control/findings', { method: 'POST', body }),
    onSuccess: (created) => navigate(`/control/bevindingen/${created.id}`),
  });
  const fields = create.error instanceof ApiError ? create.error.fields : [];
  const errorOf = (field: string) => fields.find((f) => f.field === field)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = amount.trim() === '' ? undefined : parseMoney(amount);
    if (cents === null) {
      setAmountError('Vul een bedrag in euro in, bijvoorbeeld 1.250,00.');
      return;
    }
    setAmountError(undefined);
    const body: Record<string, unknown> = { source };
    if (source === 'uitzondering') body.exceptionId = exceptionId;
    if (source === 'steekproef') Object.assign(body, { sampleId, position: Number(position) });
    if (source === 'waarneming') Object.assign(body, { year: Number(year), controlId, title });
    if (process) body.process = process;
    if (assessment) Object.assign(body, { assessment, reason });
    if (cents !== undefined) body.amountCents = cents;
    if (ownerId) body.ownerId = ownerId;
    create.mutate(body);
  };
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/control/bevindingen" className="utrecht-link">
          Alle bevindingen
        </Link>
      </Paragraph>
      <Heading level={1}>Bevinding vastleggen</Heading>
      <Paragraph>
        {source === 'uitzondering' && 'Uit een uitzondering van een controlerun. Het jaar is het jaar van de run; het bedrag is standaard het bedrag van de uitzondering.'}
        {source === 'steekproef' && `Uit item ${position ?? ''} van een steekproef. Proces en jaar komen van de steekproef; het bedrag is standaard het bedrag van het item.`}
        {source === 'waarneming' && 'Uit een eigen waarneming: geef het proces, het boekjaar en de beheersmaatregel.'}
      </Paragraph>
      <form onSubmit={submit} className="koers-stack" noValidate aria-label="Bevinding vastleggen">
        {fields.length > 0 && (
          <Alert type="error">
            <Paragraph>Controleer de invoer:</Paragraph>
            <ul>
              {fields.map((f) => (
                <li key={f.field}>{f.message}</li>
              ))}
            </ul>
          </Alert>
        )}
        {create.isError && fields.length === 0 && <Alert type="error">{create.error.message}</Alert>}
        <SelectField
          label="Proces"
          description={source === 'waarneming' ? undefined : 'Alleen nodig als de controle voor meer processen geldt.'}
          value={process}
          onChange={setProcess}
          error={errorOf('process')}
          options={[{ value: '', label: source === 'waarneming' ? 'Kies een proces' : 'Afleiden uit de bron' }, ...Object.entries(processLabel).map(([value, label]) => ({ value, label }))]}
        />
        {source === 'waarneming' && (
          <>
            <TextField label="Boekjaar" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} error={errorOf('year')} />
            <TextField label="Controle of beheersmaatregel" value={controlId} onChange={(e) => setControlId(e.target.value)} maxLength={60} error={errorOf('controlId')} />
            <TextField label="Korte omschrijving" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} error={errorOf('title')} />
          </>
        )}
        <SelectField
          label="Beoordeling"
          description="U kunt ook later beoordelen."
          value={assessment}
          onChange={setAssessment}
          error={errorOf('assessment')}
          options={[{ value: '', label: 'Nog niet beoordelen' }, ...Object.entries(assessmentLabel).map(([value, label]) => ({ value, label }))]}
        />
        {assessment && <TextArea label="Reden van de beoordeling" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} error={errorOf('reason')} />}
        <TextField label="Bedrag in euro" description="Leeg: het bedrag van de bron. Bij geen bevinding is het bedrag 0." inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={amountError ?? errorOf('amountCents')} />
        <SelectField
          label="Eigenaar"
          value={ownerId}
          onChange={setOwnerId}
          error={errorOf('ownerId')}
          options={[{ value: '', label: 'Nog geen eigenaar' }, ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
        />
        <div>
          <Button type="submit" busy={create.isPending}>
            Bevinding vastleggen
          </Button>
        </div>
      </form>
    </div>
  );
}
