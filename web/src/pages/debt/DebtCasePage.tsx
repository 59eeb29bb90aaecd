import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { DebtCase } from '../../api/types';
import { Alert, Button, DataList, Heading, Overdue, Paragraph, SelectField, TextArea, TextField } from '../../components/ui';
import { formatDate, today } from '../../format';
import { useCan } from '../../session';
import { channelLabels, contactText, isLate, stageLabels, termStatusLabels } from './debtShared';

/** One step form: posts to `path` and refreshes the registration. */
function useStep(id: string, path: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api<DebtCase>(`/api/debt/cases/${id}/${path}`, { method: 'POST', body }),
    onSuccess: (c) => {
      queryClient.setQueryData(['debt-case', id], c);
      void queryClient.invalidateQueries({ queryKey: ['debt-cases'] });
    },
  });
}
const fieldErrorOf = (error: Error | null) => (field: string) => (error instanceof ApiError ? error.fields.find((f) => f.field === field)?.message : undefined);
const otherError = (error: Error | null) => (error && !(error instanceof ApiError && error.fields.length > 0) ? <Alert type="error">{error.message}</Alert> : null);

function FirstConversationForm({ id }: { id: string }) {
  const [on, setOn] = useState(today());
  const step = useStep(id, 'first-conversation');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ on });
  };
  return (
    <form className="koers-stack" onSubmit={submit} noValidate aria-label="Eerste gesprek vastleggen" aria-busy={step.isPending}>
      <TextField label="Datum van het eerste gesprek" type="date" value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrorOf(step.error)('on')} />
      {otherError(step.error)}
      <div>
        <Button type="submit" busy={step.isPending} disabled={step.isPending}>
          Eerste gesprek vastleggen
        </Button>
      </div>
    </form>
  );
}

function PlanForm({ id }: { id: string }) {
  const [on, setOn] = useState(today());
  const [summary, setSummary] = useState('');
  const step = useStep(id, 'plan');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ on, summary });
  };
  return (
    <form className="koers-stack" onSubmit={submit} noValidate aria-label="Plan van aanpak vastleggen" aria-busy={step.isPending}>
      <TextField label="Datum van het plan van aanpak" type="date" value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrorOf(step.error)('on')} />
      <TextArea label="Plan van aanpak" description="Wat gaat er gebeuren, door wie, en wanneer?" value={summary} onChange={(e) => setSummary(e.target.value)} error={fieldErrorOf(step.error)('summary')} />
      {otherError(step.error)}
      <div>
        <Button type="submit" busy={step.isPending} disabled={step.isPending}>
          Plan van aanpak vastleggen
        </Button>
      </div>
    </form>
  );
}

function DecisionForm({ id, hasPlan }: { id: string; hasPlan: boolean }) {
  const [decision, setDecision] = useState(hasPlan ? 'toegelaten' : 'afgewezen');
  const [on, setOn] = useState(today());
  const [reason, setReason] = useState('');
  const step = useStep(id, 'decision');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ decision, on, ...(reason.trim() ? { reason } : {}) });
  };
  const options = [...(hasPlan ? [{ value: 'toegelaten', label: 'Toegelaten tot schuldhulp' }] : []), { value: 'afgewezen', label: 'Afgewezen' }];
  return (
    <form className="koers-stack" onSubmit={submit} noValidate aria-label="Besluit vastleggen" aria-busy={step.isPending}>
      <SelectField label="Besluit" value={decision} onChange={setDecision} options={options} error={fieldErrorOf(step.error)('decision')} />
      <TextField label="Datum van het besluit" type="date" value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrorOf(step.error)('on')} />
      {decision === 'afgewezen' && <TextArea label="Reden van de afwijzing" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrorOf(step.error)('reason')} />}
      {otherError(step.error)}
      <div>
        <Button type="submit" busy={step.isPending} disabled={step.isPending}>
          Besluit vastleggen
        </Button>
      </div>
    </form>
  );
}

/** The end of the help after admission: from this day the registration is kept 5 years (Selectielijst 8.1.9 / 8.3.5). */
function EndForm({ id }: { id: string }) {
  const [result, setResult] = useState('afgerond');
  const [on, setOn] = useState(today());
  const step = useStep(id, 'end');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    step.mutate({ result, on });
  };
  const options = [
    { value: 'afgerond', label: 'Afgerond: de hulp is tot het einde gegeven' },
    { value: 'voortijdig-beeindigd', label: 'Voortijdig beëindigd' },
  ];
  return (
    <form className="koers-stack" onSubmit={submit} noValidate aria-label="Einde van de hulp vastleggen" aria-busy={step.isPending}>
      <SelectField label="Hoe eindigde de hulp?" value={result} onChange={setResult} options={options} error={fieldErrorOf(step.error)('result')} />
      <TextField label="Datum van het einde" type="date" value={on} onChange={(e) => setOn(e.target.value)} error={fieldErrorOf(step.error)('on')} />
      {otherError(step.error)}
      <div>
        <Button type="submit" busy={step.isPending} disabled={step.isPending}>
          Einde van de hulp vastleggen
        </Button>
      </div>
    </form>
  );
}

/** One registration for debt help: the term of the first conversation, then the steps in order. */
export function DebtCasePage() {
  const { id = '' } = useParams();
  const can = useCan();
  const item = useQuery({ queryKey: ['debt-case', id], queryFn: () => api<DebtCase>(`/api/debt/cases/${id}`) });
  if (item.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (item.isError) return <Alert type="error">{item.error.message}</Alert>;
  const c = item.data;
  const crisis = [c.crisis.threatEviction && 'dreigende ontruiming', c.crisis.threatUtilityCutoff && 'dreigende afsluiting van energie of water', c.crisis.threatInsuranceTermination && 'dreigende opzegging van de zorgverzekering'].filter(Boolean).join(', ');
  const write = can('debt:write') && !c.decision;
  return (
    <div className="koers-stack">
      <Heading level={1}>Schuldhulp: {c.residentName ?? 'inwoner'}</Heading>
      <DataList
        items={[
          ['Inwoner', <Link key="r" className="utrecht-link" to={`/inwoners/${c.residentId}`}>{c.residentName ?? 'Inwoner'}</Link>],
          ['Aangemeld op', formatDate(c.registeredOn)],
          ['Aangemeld', channelLabels[c.channel]],
          ...(c.channel === 'inwoner' ? [['Bereikbaar', contactText(c.contact)] as [string, string]] : []),
          ['Hulpvraag', c.helpQuestion],
          ['Crisis', crisis || 'Geen'],
          ['Termijn eerste gesprek', c.firstConversation.term],
          ['Eerste gesprek uiterlijk', formatDate(c.firstConversation.due)],
          ['Stand', <Overdue key="s" overdue={!c.decision && isLate(c.firstConversation.status)}>{termStatusLabels[c.firstConversation.status]}</Overdue>],
          ['Fase', stageLabels[c.stage]],
          ['Eerste gesprek', c.firstConversation.heldOn ? formatDate(c.firstConversation.heldOn) : 'Nog niet gehouden'],
          ['Plan van aanpak', c.plan ? `${formatDate(c.plan.on)}: ${c.plan.summary}` : 'Nog niet vastgelegd'],
          ['Besluit', c.decision ? `${c.decision.decision === 'toegelaten' ? 'Toegelaten' : 'Afgewezen'} op ${formatDate(c.decision.on)}${c.decision.reason ? ` (${c.decision.reason})` : ''}` : 'Nog geen besluit'],
          ...(c.ended ? [['Einde van de hulp', `${c.ended.result === 'afgerond' ? 'Afgerond' : 'Voortijdig beëindigd'} op ${formatDate(c.ended.on)} (bewaard tot 5 jaar daarna)`] as [string, string]] : []),
        ]}
      />
      <Paragraph>Bron van de termijn: {c.firstConversation.termSource}.</Paragraph>
      {write && !c.firstConversation.heldOn && (
        <section className="koers-stack" aria-labelledby="stap-gesprek">
          <Heading level={2} id="stap-gesprek">Eerste gesprek</Heading>
          <FirstConversationForm id={c.id} />
        </section>
      )}
      {write && c.firstConversation.heldOn && !c.plan && (
        <section className="koers-stack" aria-labelledby="stap-plan">
          <Heading level={2} id="stap-plan">Plan van aanpak</Heading>
          <PlanForm id={c.id} />
        </section>
      )}
      {write && c.firstConversation.heldOn && (
        <section className="koers-stack" aria-labelledby="stap-besluit">
          <Heading level={2} id="stap-besluit">Besluit</Heading>
          <DecisionForm id={c.id} hasPlan={c.plan !== null} />
        </section>
      )}
      {can('debt:write') && c.decision?.decision === 'toegelaten' && !c.ended && (
        <section className="koers-stack" aria-labelledby="stap-einde">
          <Heading level={2} id="stap-einde">Einde van de hulp</Heading>
          <EndForm id={c.id} />
        </section>
      )}
      <Paragraph>
        <Link className="utrecht-link" to="/schuldhulp">
          Terug naar de aanmeldingen
        </Link>
      </Paragraph>
    </div>
  );
}
