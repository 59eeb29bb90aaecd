// Instellingen: the four-eyes threshold and the allocation change step, in euros (stored as cents).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ApprovalSettings } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TextField } from '../../components/ui';
import { formatMoney, parseMoney } from '../../format';
import { AdminNav, ChangesSection, changesKey, fieldError } from './AdminNav';

/** '€ 5.000,00' without the sign, for an input: '5.000,00'. */
const euroText = (cents: number) => formatMoney(cents).replace(/^€\s?/, '');

export function SettingsPage() {
  const settings = useQuery({ queryKey: ['admin-settings'], queryFn: () => api<ApprovalSettings>('/api/admin/settings') });
  return (
    <div className="koers-stack">
      <Heading level={1}>Instellingen</Heading>
      <AdminNav />
      <Paragraph>Vier ogen: een beschikking die per jaar minstens de vierogengrens kost, en een wijziging van een toewijzing die de kosten minstens met de wijzigingsstap verhoogt, wacht op goedkeuring door een teamleider.</Paragraph>
      {settings.isError && <Alert type="error">{settings.error.message}</Alert>}
      {settings.data && <SettingsForm settings={settings.data} />}
      <ChangesSection section="settings" />
    </div>
  );
}

function SettingsForm({ settings }: { settings: ApprovalSettings }) {
  const client = useQueryClient();
  const [threshold, setThreshold] = useState(euroText(settings.approvalThresholdCents));
  const [step, setStep] = useState(euroText(settings.allocationChangeStepCents));
  const [local, setLocal] = useState<{ threshold?: string; step?: string }>({});
  const save = useMutation({
    mutationFn: (body: ApprovalSettings) => api<ApprovalSettings>('/api/admin/settings', { method: 'PUT', body }),
    onSuccess: async (next) => {
      client.setQueryData(['admin-settings'], next);
      await client.invalidateQueries({ queryKey: changesKey('settings') });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const approvalThresholdCents = parseMoney(threshold);
    const allocationChangeStepCents = parseMoney(step);
    const wrong = 'Vul een bedrag in euro’s in, bijvoorbeeld 5.000 of 5000,00.';
    setLocal({ ...(approvalThresholdCents === null ? { threshold: wrong } : {}), ...(allocationChangeStepCents === null ? { step: wrong } : {}) });
    if (approvalThresholdCents === null || allocationChangeStepCents === null) return;
    save.mutate({ approvalThresholdCents, allocationChangeStepCents });
  };
  return (
    <form onSubmit={submit} className="koers-stack koers-form-narrow" noValidate>
      <TextField
        label="Vierogengrens voor beschikkingen (euro per jaar)"
        description={`Nu ${formatMoney(settings.approvalThresholdCents)}.`}
        inputMode="decimal"
        value={threshold}
        onChange={(e) => setThreshold(e.target.value)}
        error={local.threshold ?? fieldError(save.error, 'approvalThresholdCents')}
      />
      <TextField
        label="Wijzigingsstap voor toewijzingen (euro per jaar)"
        description={`Nu ${formatMoney(settings.allocationChangeStepCents)}.`}
        inputMode="decimal"
        value={step}
        onChange={(e) => setStep(e.target.value)}
        error={local.step ?? fieldError(save.error, 'allocationChangeStepCents')}
      />
      {save.isError && !fieldError(save.error, 'approvalThresholdCents') && !fieldError(save.error, 'allocationChangeStepCents') && <Alert type="error">{save.error.message}</Alert>}
      <div><Button type="submit" busy={save.isPending}>Opslaan</Button></div>
      {save.isSuccess && <Alert type="ok">Opgeslagen.</Alert>}
    </form>
  );
}
