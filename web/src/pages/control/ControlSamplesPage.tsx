// Steekproeven (issue #13 §2): the controller draws a sample for a manual control from a population of
// Koers' own data; the size follows from confidence and error rates (docs/control-samples.md) and the
// draw is reproducible from its seed. Each sample is then checked per item and reviewed by another controller.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { SampleCreated, SampleList, SamplePopulationKinds, SamplePreview } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextArea, TextField } from '../../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
export const processLabel = { wmo: 'Wmo', jeugd: 'Jeugd', participatiewet: 'Participatiewet' } as const;
export const statusLabel = { open: 'Open', 'ter-review': 'Ter review', afgerond: 'Afgerond' } as const;
type Process = keyof typeof processLabel;

/** "95" or "2,5" (a percentage) as a fraction; what cannot be read goes to the server as typed, which names the field. */
function fraction(text: string): number | string {
  const value = Number(text.trim().replace('%', '').replace(',', '.'));
  return text.trim() === '' || Number.isNaN(value) ? text : Math.round(value * 1000) / 100_000;
}

export const percent = (value: number) => `${(value * 100).toLocaleString('nl-NL', { maximumFractionDigits: 2 })} %`;

function lastQuarter(): { start: string; end: string } {
  const now = new Date();
  const q = Math.floor(now.getMonth() / 3);
  const year = q === 0 ? now.getFullYear() - 1 : now.getFullYear();
  const quarter = q === 0 ? 4 : q;
  const first = (quarter - 1) * 3 + 1;
  const last = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return { start: `${year}-${String(first).padStart(2, '0')}-01`, end: `${year}-${String(first + 2).padStart(2, '0')}-${last}` };
}

export function ControlSamplesPage() {
  const me = useMe();
  const client = useQueryClient();
  const samples = useQuery({ queryKey: ['control-samples'], queryFn: () => api<SampleList>('/api/control/samples?limit=100') });
  const kinds = useQuery({ queryKey: ['control-sample-populations'], queryFn: () => api<SamplePopulationKinds>('/api/control/samples/populations') });
  const quarter = lastQuarter();
  const [title, setTitle] = useState('');
  const [process, setProcess] = useState<Process>('wmo');
  const [populationKind, setPopulationKind] = useState('beschikkingen');
  const [periodStart, setPeriodStart] = useState(quarter.start);
  const [periodEnd, setPeriodEnd] = useState(quarter.end);
  const [confidence, setConfidence] = useState('95');
  const [tolerableError, setTolerableError] = useState('5');
  const [expectedError, setExpectedError] = useState('0');
  const [controlCode, setControlCode] = useState('');
  const [seed, setSeed] = useState('');
  const [checklist, setChecklist] = useState('');
  const [created, setCreated] = useState<SampleCreated | null>(null);
  const kindOptions = (kinds.data?.items ?? []).filter((k) => k.processes.includes(process));
  const parameters = () => ({ process, populationKind, periodStart, periodEnd, confidence: fraction(confidence), tolerableError: fraction(tolerableError), expectedError: fraction(expectedError) });
  const preview = useMutation({ mutationFn: () => api<SamplePreview>('/api/control/samples/preview', { method: 'POST', body: parameters() }) });
  const draw = useMutation({
    mutationFn: () =>
      api<SampleCreated>('/api/control/samples', {
        method: 'POST',
        body: {
          ...parameters(),
          title,
          checklist: checklist.split('\n').filter((line) => line.trim() !== ''),
          ...(controlCode.trim() ? { controlCode: controlCode.trim() } : {}),
          ...(seed.trim() ? { seed: seed.trim() } : {}),
        },
      }),
    onSuccess: async (sample) => {
      setCreated(sample);
      await client.invalidateQueries({ queryKey: ['control-samples'] });
    },
  });
  const failed = draw.error ?? preview.error;
  const fields = failed instanceof ApiError ? (failed.fields ?? []) : [];
  const errorOf = (field: string) => fields.filter((f) => f.field === field || f.field.startsWith(`${field}.`)).map((f) => f.message).join(' ') || undefined;
  const chooseProcess = (value: string) => {
    setProcess(value as Process);
    const first = (kinds.data?.items ?? []).find((k) => k.processes.includes(value as Process));
    if (first) setPopulationKind(first.id);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    preview.reset();
    draw.mutate();
  };
  const chosen = kindOptions.find((k) => k.id === populationKind);
  return (
    <div className="koers-stack">
      <Heading level={1}>Steekproeven</Heading>
      <Paragraph>
        Een steekproef is een handmatige controle op een deel van een populatie uit Koers, bijvoorbeeld de toegekende Wmo-beschikkingen van een kwartaal. De omvang volgt uit de betrouwbaarheid en de
        aanvaardbare en verwachte foutfractie (attribuutsteekproef volgens de AICPA-tabellen, met een correctie voor kleine populaties). De trekking is herhaalbaar: dezelfde seed op dezelfde gegevens geeft
        dezelfde posten. Per post vult een controller de checklist in; een andere controller beoordeelt de steekproef.
      </Paragraph>
      {hasPermission(me.data, 'controls:write') && (
        <form onSubmit={submit} className="koers-stack" noValidate aria-label="Nieuwe steekproef">
          <Heading level={2}>Nieuwe steekproef</Heading>
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
          <TextField label="Titel" name="title" value={title} onChange={(e) => setTitle(e.target.value)} error={errorOf('title')} />
          <SelectField label="Proces" value={process} onChange={chooseProcess} options={Object.entries(processLabel).map(([value, label]) => ({ value, label }))} error={errorOf('process')} />
          <SelectField
            label="Populatie"
            value={populationKind}
            onChange={setPopulationKind}
            options={kindOptions.map((k) => ({ value: k.id, label: k.label }))}
            description={chosen ? `${chosen.description} Bedrag: ${chosen.amount.toLowerCase()}.` : undefined}
            error={errorOf('populationKind')}
          />
          <TextField label="Begindatum" type="date" name="periodStart" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} error={errorOf('periodStart')} />
          <TextField label="Einddatum" type="date" name="periodEnd" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} error={errorOf('periodEnd')} />
          <TextField label="Betrouwbaarheid (%)" description="Bijvoorbeeld 95" inputMode="decimal" name="confidence" value={confidence} onChange={(e) => setConfidence(e.target.value)} error={errorOf('confidence')} />
          <TextField label="Aanvaardbare foutfractie (%)" description="Bijvoorbeeld 5" inputMode="decimal" name="tolerableError" value={tolerableError} onChange={(e) => setTolerableError(e.target.value)} error={errorOf('tolerableError')} />
          <TextField label="Verwachte foutfractie (%)" description="0 als u geen fouten verwacht" inputMode="decimal" name="expectedError" value={expectedError} onChange={(e) => setExpectedError(e.target.value)} error={errorOf('expectedError')} />
          <TextField label="Beheersmaatregel (optioneel)" description="De code uit het controlkader, bijvoorbeeld WMO-2.R3.C1" name="controlCode" value={controlCode} onChange={(e) => setControlCode(e.target.value)} error={errorOf('controlCode')} />
          <TextField label="Seed (optioneel)" description="Leeg laten: Koers kiest een seed en toont die. Met een bekende seed trekt u dezelfde steekproef opnieuw." name="seed" value={seed} onChange={(e) => setSeed(e.target.value)} error={errorOf('seed')} />
          <TextArea label="Checklist" description="Eén vraag per regel; elke post krijgt op elke vraag ja, nee of n.v.t." name="checklist" value={checklist} onChange={(e) => setChecklist(e.target.value)} error={errorOf('checklist')} />
          <div className="koers-actions">
            <Button
              type="button"
              appearance="secondary-action"
              busy={preview.isPending}
              onClick={() => {
                draw.reset();
                preview.mutate();
              }}
            >
              Omvang berekenen
            </Button>
            <Button type="submit" busy={draw.isPending}>
              Steekproef trekken
            </Button>
          </div>
          {preview.data && (
            <Alert type="info">
              Populatie: {preview.data.populationSize} posten, samen {formatMoney(preview.data.populationAmountCents)}. Omvang van de steekproef: {preview.data.sampleSize} posten ({preview.data.uncorrectedSize} voor een
              oneindige populatie; ten hoogste {preview.data.allowedDeviations} afwijkingen toegestaan).{preview.data.message ? ` ${preview.data.message}` : ''}
            </Alert>
          )}
          {failed && fields.length === 0 && <Alert type="error">{failed.message}</Alert>}
          {created && (
            <Alert type="ok">
              Steekproef {created.number} is getrokken: {created.sampleSize} posten, seed {created.seed}. <Link to={`/control/steekproeven/${created.id}`}>Open de steekproef</Link>.
            </Alert>
          )}
        </form>
      )}
      {samples.isError && <Alert type="error">{samples.error.message}</Alert>}
      <TableScroll label="Steekproeven">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Steekproeven, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Nummer en titel</th>
              <th className={th} scope="col">Proces</th>
              <th className={th} scope="col">Populatie</th>
              <th className={th} scope="col">Periode</th>
              <th className={th} scope="col">Omvang</th>
              <th className={th} scope="col">Gecontroleerd</th>
              <th className={th} scope="col">Status</th>
              <th className={th} scope="col">Getrokken</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(samples.data?.items ?? []).map((s) => (
              <tr className="utrecht-table__row" key={s.id}>
                <td className={td}>
                  <Link to={`/control/steekproeven/${s.id}`}>
                    {s.number}. {s.title}
                  </Link>
                </td>
                <td className={td}>{processLabel[s.process]}</td>
                <td className={td}>
                  {s.populationLabel} ({s.populationSize})
                </td>
                <td className={td}>
                  {formatDate(s.periodStart)} tot en met {formatDate(s.periodEnd)}
                </td>
                <td className={td}>{s.sampleSize}</td>
                <td className={td}>{s.checkedItems}</td>
                <td className={td}>{statusLabel[s.status]}</td>
                <td className={td}>
                  {formatDateTime(s.createdAt)} door {s.createdBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
