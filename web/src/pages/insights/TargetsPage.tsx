import './insights.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Me, Target } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TextField } from '../../components/ui';
import { domainOptions, lastCompleteMonth } from './insightsApi';
import { InsightsNav } from './InsightsNav';
import { ChangesSection } from '../admin/AdminNav';

/** Targets (normen) per KPI for a year; policy staff set them. */
export function TargetsPage({ me }: { me: Me }) {
  const [year, setYear] = useState(lastCompleteMonth().slice(0, 4));
  const targets = useQuery({ queryKey: ['insights-targets', year], queryFn: () => api<Target[]>(`/api/insights/targets?year=${year}`), enabled: /^\d{4}$/.test(year) });
  return (
    <div className="koers-stack">
      <Heading level={1}>Normen per kpi</Heading>
      <InsightsNav month={lastCompleteMonth()} permissions={me.permissions} />
      <Paragraph>De norm geldt voor het hele jaar; het stoplicht op de dashboards vergelijkt de waarde van de maand ermee (binnen 10 % van de norm: let op).</Paragraph>
      <div className="koers-month">
        <TextField label="Jaar" type="number" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
      </div>
      {targets.isError && <Alert type="error">{targets.error.message}</Alert>}
      {domainOptions.map((d) => {
        const rows = (targets.data ?? []).filter((t) => t.domain === d.value);
        if (rows.length === 0) return null;
        return (
          <section key={d.value} aria-labelledby={`normen-${d.value}`} className="koers-stack">
            <Heading level={2} id={`normen-${d.value}`}>{d.label}</Heading>
            {rows.map((t) => <TargetRow key={`${t.kpiId}-${year}`} target={t} />)}
          </section>
        );
      })}
      {me.permissions.includes('admin:manage') && <ChangesSection section="kpi_targets" />}
    </div>
  );
}

function TargetRow({ target }: { target: Target }) {
  const client = useQueryClient();
  const [value, setValue] = useState(target.target === null ? '' : String(target.target));
  const save = useMutation({
    mutationFn: () => api<Target>(`/api/insights/targets/${target.kpiId}/${target.year}`, { method: 'PUT', body: { target: Number(value.replace(',', '.')) } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['insights-targets'] }),
  });
  return (
    <form className="koers-target" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <TextField
        label={`${target.name} (${target.unit}, ${target.direction === 'higher' ? 'hoger is beter' : 'lager is beter'})`}
        inputMode="decimal"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={save.isError ? (save.error as Error).message : undefined}
      />
      <Button type="submit" appearance="secondary-action" busy={save.isPending}>Opslaan</Button>
      {save.isSuccess && <span role="status"> Opgeslagen.</span>}
    </form>
  );
}
