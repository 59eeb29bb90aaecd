import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { Alert, Button, Heading, SelectField, TextField } from '../../components/ui';
import { frequencyLabels, unitLabels } from '../catalogue/catalogueTypes';
import type { CaseView, Decision, ProductSummary } from '../../api/types';

interface LineDraft {
  key: number;
  productId: string;
  outcome: 'granted' | 'refused';
  periodStart: string;
  periodEnd: string;
  volume: string;
  frequency: string;
  refusalReason: string;
}

let nextKey = 1;
const emptyLine = (): LineDraft => ({ key: nextKey++, productId: '', outcome: 'granted', periodStart: '', periodEnd: '', volume: '', frequency: 'per_week', refusalReason: '' });

/** The API's view of a line: what is not asked for an outcome is left out, empty fields too (the API says what is missing). */
function lineBody(l: LineDraft) {
  const common = { productId: l.productId, outcome: l.outcome, periodStart: l.periodStart, periodEnd: l.periodEnd };
  if (l.outcome === 'refused') return { ...common, ...(l.refusalReason.trim() ? { refusalReason: l.refusalReason } : {}) };
  return { ...common, ...(l.volume.trim() ? { volume: Number(l.volume) } : {}), frequency: l.frequency };
}

/**
 * A decision (beschikking) on one or more products: each line grants (period, volume, frequency)
 * or refuses (with the reason that goes into the letter). Above the threshold it waits for a
 * team lead's approval; the API decides that.
 */
export function DecisionForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  // Only products of the case type's law: a Wmo case offers no Jeugdwet products (the API refuses them too).
  const kase = useQuery({ queryKey: ['case', caseId], queryFn: () => api<CaseView>(`/api/cases/${encodeURIComponent(caseId)}`) });
  const law = kase.data?.caseType.law;
  const products = useQuery({
    queryKey: ['catalogue', 'tailored', law],
    queryFn: () => api<ProductSummary[]>(`/api/catalogue/products?kind=tailored&law=${encodeURIComponent(law!)}`),
    enabled: law !== undefined,
  });
  const [lines, setLines] = useState<LineDraft[]>(() => [emptyLine()]);
  const [deliveryForm, setDeliveryForm] = useState('zin');
  const create = useMutation({
    mutationFn: () => api<Decision>(`/api/cases/${caseId}/decisions`, { method: 'POST', body: { deliveryForm, lines: lines.map(lineBody) } }),
    onSuccess: () => {
      setLines([emptyLine()]);
      onDone();
    },
  });
  const fields = create.error instanceof ApiError ? create.error.fields : [];
  const fieldError = (i: number, name: string) => fields.find((f) => f.field === `lines.${i}.${name}`)?.message;
  const general = create.error && fields.filter((f) => !f.field.startsWith('lines.')).map((f) => f.message).join(' ');
  const update = (key: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const productOptions = [
    { value: '', label: 'Kies een maatwerkvoorziening' },
    ...(products.data ?? []).filter((p) => p.requiresDecision && p.law === law).map((p) => ({ value: p.id, label: `${p.name} (${unitLabels[p.unit]} ${frequencyLabels[p.frequency]})` })),
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" aria-label="Beschikking opstellen" noValidate>
      <Heading level={3}>Beschikking opstellen</Heading>
      {lines.map((l, i) => (
        <fieldset key={l.key} className="utrecht-form-fieldset koers-card">
          <legend className="utrecht-form-fieldset__legend">Product {i + 1}</legend>
          <div className="koers-stack">
            <SelectField label={`Product ${i + 1}`} value={l.productId} onChange={(v) => update(l.key, { productId: v })} options={productOptions} />
            {fieldError(i, 'productId') && <Alert type="error">{fieldError(i, 'productId')}</Alert>}
            <SelectField
              label={`Besluit over product ${i + 1}`}
              value={l.outcome}
              onChange={(v) => update(l.key, { outcome: v as LineDraft['outcome'] })}
              options={[
                { value: 'granted', label: 'Toekennen' },
                { value: 'refused', label: 'Afwijzen' },
              ]}
            />
            <TextField label={`Ingangsdatum product ${i + 1}`} type="date" value={l.periodStart} onChange={(e) => update(l.key, { periodStart: e.target.value })} error={fieldError(i, 'periodStart')} />
            <TextField label={`Einddatum product ${i + 1}`} type="date" value={l.periodEnd} onChange={(e) => update(l.key, { periodEnd: e.target.value })} error={fieldError(i, 'periodEnd')} />
            {l.outcome === 'granted' ? (
              <>
                <TextField label={`Omvang product ${i + 1}`} type="number" min={0} inputMode="numeric" value={l.volume} onChange={(e) => update(l.key, { volume: e.target.value })} error={fieldError(i, 'volume')} />
                <SelectField label={`Frequentie product ${i + 1}`} value={l.frequency} onChange={(v) => update(l.key, { frequency: v })} options={Object.entries(frequencyLabels).map(([value, label]) => ({ value, label }))} />
              </>
            ) : (
              <TextField
                label={`Reden van afwijzing product ${i + 1}`}
                description="Komt in de beschikkingsbrief; noem de voorliggende oplossing of wat de inwoner zelf kan."
                value={l.refusalReason}
                onChange={(e) => update(l.key, { refusalReason: e.target.value })}
                error={fieldError(i, 'refusalReason')}
              />
            )}
            {lines.length > 1 && (
              <div>
                <Button appearance="subtle" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                  Product {i + 1} verwijderen
                </Button>
              </div>
            )}
          </div>
        </fieldset>
      ))}
      <div>
        <Button appearance="secondary-action" onClick={() => setLines((ls) => [...ls, emptyLine()])} disabled={lines.length >= 20}>
          Product toevoegen
        </Button>
      </div>
      <SelectField label="Leveringsvorm" value={deliveryForm} onChange={setDeliveryForm} options={[{ value: 'zin', label: 'Zorg in natura' }, { value: 'pgb', label: 'Persoonsgebonden budget (pgb)' }]} />
      {create.isError && <Alert type="error">{general || create.error.message}</Alert>}
      <div>
        <Button type="submit" busy={create.isPending} disabled={create.isPending || lines.some((l) => l.productId === '')}>
          Beschikking vastleggen
        </Button>
      </div>
    </form>
  );
}
