// Begrotingsposten (beheer): create a budget line and set its budget per year, in euros.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { AdminBudgetLine, CreatedBudgetLine } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { formatMoney, parseMoney } from '../../format';
import { AdminNav, ChangesSection, changesKey, fieldError, formError } from './AdminNav';

const lawOptions = [
  { value: '', label: 'Geen wet' },
  { value: 'wmo', label: 'Wmo 2015' },
  { value: 'jeugdwet', label: 'Jeugdwet' },
  { value: 'participatiewet', label: 'Participatiewet' },
  { value: 'wgs', label: 'Wet gemeentelijke schuldhulpverlening' },
];

function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: ['admin-budget-lines'] });
    await client.invalidateQueries({ queryKey: ['budget-lines'] });
    await client.invalidateQueries({ queryKey: changesKey('budget_lines') });
  };
}

export function BudgetPage() {
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const valid = /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;
  const lines = useQuery({ queryKey: ['admin-budget-lines', year], queryFn: () => api<AdminBudgetLine[]>(`/api/admin/budget-lines?year=${year}`), enabled: valid });
  return (
    <div className="koers-stack">
      <Heading level={1}>Begrotingsposten beheren</Heading>
      <AdminNav />
      <Paragraph>Het budget per taakveld per jaar. Verplichtingen en restant ziet u onder Begrotingsposten in het hoofdmenu.</Paragraph>
      <div className="koers-month">
        <TextField label="Begrotingsjaar" type="number" inputMode="numeric" min={2000} max={2100} value={year} onChange={(e) => setYear(e.target.value)} error={valid ? undefined : 'Geef een jaar van 2000 tot en met 2100.'} />
      </div>
      {lines.isError && <Alert type="error">{lines.error.message}</Alert>}
      {lines.data && valid && (
        <TableScroll label={`Budgetten ${year}`}>
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Budgetten {year}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Taakveld', 'Budget', 'Nieuw budget'].map((h) => <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>)}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {lines.data.map((l) => (
                <tr key={l.code} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">{l.code} {l.name}</th>
                  <td className="utrecht-table__cell">{formatMoney(l.budgetCents)}</td>
                  <td className="utrecht-table__cell"><BudgetForm key={`${l.code}-${year}`} line={l} year={Number(year)} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <NewLineForm />
      <ChangesSection section="budget_lines" />
    </div>
  );
}

function BudgetForm({ line, year }: { line: AdminBudgetLine; year: number }) {
  const refresh = useRefresh();
  const [amount, setAmount] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (budgetCents: number) => api<AdminBudgetLine>(`/api/admin/budget-lines/${encodeURIComponent(line.code)}/years/${year}`, { method: 'PUT', body: { budgetCents } }),
    onSuccess: async () => {
      setAmount('');
      await refresh();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseMoney(amount);
    setLocal(cents === null ? 'Vul een bedrag in euro’s in, bijvoorbeeld 1.250.000.' : undefined);
    if (cents !== null) save.mutate(cents);
  };
  return (
    <form onSubmit={submit} className="koers-target" noValidate>
      <TextField label={`Budget ${year} voor ${line.code} (euro)`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={local ?? fieldError(save.error, 'budgetCents') ?? formError(save.error, ['budgetCents'])} />
      <Button type="submit" appearance="secondary-action" busy={save.isPending} aria-label={`Budget ${year} voor ${line.code} opslaan`}>Opslaan</Button>
    </form>
  );
}

function NewLineForm() {
  const refresh = useRefresh();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [law, setLaw] = useState('');
  const save = useMutation({
    mutationFn: () => api<CreatedBudgetLine>('/api/admin/budget-lines', { method: 'POST', body: { code, name, law: law || null } }),
    onSuccess: async () => {
      setCode('');
      setName('');
      await refresh();
    },
  });
  return (
    <section aria-labelledby="nieuwe-post" className="koers-stack">
      <Heading level={2} id="nieuwe-post">Nieuwe begrotingspost</Heading>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }} className="koers-stack koers-form-narrow" noValidate>
        <TextField label="Code (taakveld)" description="Bijvoorbeeld 6.71." value={code} onChange={(e) => setCode(e.target.value)} error={fieldError(save.error, 'code')} />
        <TextField label="Naam" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(save.error, 'name')} />
        <SelectField label="Wet" value={law} onChange={setLaw} options={lawOptions} />
        {formError(save.error, ['code', 'name', 'law']) && <Alert type="error">{formError(save.error, ['code', 'name', 'law'])}</Alert>}
        <div><Button type="submit" busy={save.isPending}>Begrotingspost aanmaken</Button></div>
        {save.isSuccess && <span role="status">Begrotingspost aangemaakt.</span>}
      </form>
    </section>
  );
}
