// Zaaktypen: the statutory terms per case type, shown in words ('8 weken') and changed in days or weeks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { AdminCaseType } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TextField } from '../../components/ui';
import { formatDuration } from '../../format';
import { AdminNav, ChangesSection, changesKey, fieldError } from './AdminNav';

type Unit = 'days' | 'weeks';
const unitOptions = [{ value: 'weeks', label: 'weken' }, { value: 'days', label: 'dagen' }];

/** 'P8W' → 8 weeks; 'P10D' → 10 days; 'P1W3D' → 10 days. */
function termParts(iso: string): { amount: string; unit: Unit } {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  const weeks = Number(match?.[1] ?? 0);
  const days = Number(match?.[2] ?? 0);
  return days === 0 ? { amount: String(weeks), unit: 'weeks' } : { amount: String(weeks * 7 + days), unit: 'days' };
}

export function CaseTypesPage() {
  const types = useQuery({ queryKey: ['admin-case-types'], queryFn: () => api<AdminCaseType[]>('/api/admin/case-types') });
  return (
    <div className="koers-stack">
      <Heading level={1}>Zaaktypen</Heading>
      <AdminNav />
      <Paragraph>De wettelijke termijnen per zaaktype. Een gewijzigde termijn geldt direct, ook voor lopende zaken. Verdagen (verlengen) doet de consulent per zaak, met een reden.</Paragraph>
      {types.isError && <Alert type="error">{types.error.message}</Alert>}
      {types.data?.map((t) => <CaseTypeForm key={t.code} type={t} />)}
      <ChangesSection section="case_types" />
    </div>
  );
}

function TermField({ label, amount, unit, onAmount, onUnit, error }: { label: string; amount: string; unit: Unit; onAmount: (v: string) => void; onUnit: (v: Unit) => void; error?: string | undefined }) {
  return (
    <div className="koers-target">
      <TextField label={label} type="number" inputMode="numeric" min={1} value={amount} onChange={(e) => onAmount(e.target.value)} error={error} />
      <SelectField label={`Eenheid van de ${label.toLowerCase()}`} value={unit} onChange={(v) => onUnit(v as Unit)} options={unitOptions} />
    </div>
  );
}

function CaseTypeForm({ type }: { type: AdminCaseType }) {
  const client = useQueryClient();
  const [research, setResearch] = useState(type.researchTerm ? termParts(type.researchTerm) : null);
  const [decision, setDecision] = useState(termParts(type.decisionTerm));
  const [local, setLocal] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: { researchTerm?: { amount: number; unit: Unit }; decisionTerm: { amount: number; unit: Unit } }) => api<AdminCaseType>(`/api/admin/case-types/${encodeURIComponent(type.code)}/terms`, { method: 'PUT', body }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin-case-types'] });
      await client.invalidateQueries({ queryKey: changesKey('case_types') });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const whole = (s: string) => /^\d+$/.test(s.trim()) && Number(s) > 0;
    if (!whole(decision.amount) || (research && !whole(research.amount))) {
      setLocal('Vul een termijn in van minstens 1 dag of week (een heel getal).');
      return;
    }
    setLocal(null);
    save.mutate({
      decisionTerm: { amount: Number(decision.amount), unit: decision.unit },
      ...(research ? { researchTerm: { amount: Number(research.amount), unit: research.unit } } : {}),
    });
  };
  const headingId = `zaaktype-${type.code}`;
  return (
    <section aria-labelledby={headingId} className="koers-stack">
      <Heading level={2} id={headingId}>{type.name}</Heading>
      <Paragraph>
        Nu: {type.researchTerm ? `onderzoek binnen ${formatDuration(type.researchTerm)}, ` : ''}beslissen binnen {formatDuration(type.decisionTerm)}. <small>{type.legalBasis}</small>
      </Paragraph>
      <form onSubmit={submit} className="koers-stack" noValidate>
        {research && (
          <TermField label="Onderzoekstermijn" amount={research.amount} unit={research.unit} onAmount={(amount) => setResearch({ ...research, amount })} onUnit={(unit) => setResearch({ ...research, unit })} error={fieldError(save.error, 'researchTerm')} />
        )}
        <TermField label="Beslistermijn" amount={decision.amount} unit={decision.unit} onAmount={(amount) => setDecision({ ...decision, amount })} onUnit={(unit) => setDecision({ ...decision, unit })} error={fieldError(save.error, 'decisionTerm')} />
        {local && <Alert type="error">{local}</Alert>}
        {save.isError && !fieldError(save.error, 'researchTerm') && !fieldError(save.error, 'decisionTerm') && <Alert type="error">{save.error.message}</Alert>}
        <div><Button type="submit" appearance="secondary-action" busy={save.isPending} aria-label={`Termijnen van ${type.name} opslaan`}>Opslaan</Button></div>
        {save.isSuccess && <span role="status">Opgeslagen.</span>}
      </form>
    </section>
  );
}
