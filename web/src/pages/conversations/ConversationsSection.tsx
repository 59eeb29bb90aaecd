// The conversations (gesprekken) on a resident's file: the spinnenweb of the latest conversation next
// to the previous one, the scores as a table, the list with printable reports, and the form to record
// a new conversation. Health data: the API answers only consultants and team leads.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ComposeOption } from 'echarts/core';
import type { RadarSeriesOption } from 'echarts/charts';
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client';
import { useMe } from '../../session';
import { Alert, Button, Heading, Paragraph, TextArea, TextField, formatDate } from '../../components/ui';
import { useEChart } from '../../components/useEChart';

const dimensions = ['bodilyFunctions', 'mentalWellbeing', 'meaningfulness', 'qualityOfLife', 'participation', 'dailyFunctioning'] as const;
type Dimension = (typeof dimensions)[number];

const dimensionLabels: Record<Dimension, string> = {
  bodilyFunctions: 'Lichaamsfuncties',
  mentalWellbeing: 'Mentaal welbevinden',
  meaningfulness: 'Zingeving',
  qualityOfLife: 'Kwaliteit van leven',
  participation: 'Meedoen',
  dailyFunctioning: 'Dagelijks functioneren',
};

const dimensionStatements: Record<Dimension, string> = {
  bodilyFunctions: 'Ik voel me gezond en fit',
  mentalWellbeing: 'Ik voel me vrolijk',
  meaningfulness: 'Ik heb vertrouwen in mijn eigen toekomst',
  qualityOfLife: 'Ik geniet van mijn leven',
  participation: 'Ik heb goed contact met andere mensen',
  dailyFunctioning: 'Ik kan goed voor mezelf zorgen',
};

const ladderSteps = ['own_strength', 'network', 'community', 'tailored'] as const;
type LadderStep = (typeof ladderSteps)[number];

const ladderLabels: Record<LadderStep, { label: string; description: string }> = {
  own_strength: { label: 'Eigen kracht', description: 'De inwoner kan dit zelf oplossen.' },
  network: { label: 'Netwerk', description: 'Familie, buren of vrienden kunnen helpen.' },
  community: { label: 'Voorliggend veld', description: 'Een algemene voorziening in de wijk past.' },
  tailored: { label: 'Maatwerk', description: 'Een maatwerkvoorziening is nodig.' },
};

export interface Conversation {
  id: string;
  residentId: string;
  caseId: string | null;
  correctsId: string | null;
  correctedById: string | null;
  heldOn: string;
  conductedBy: { userId: string; username: string };
  scores: Record<Dimension, { score: number; wantsToTalk: boolean }>;
  ladder: { step: LadderStep; stepLabel: string; rationale: string };
  agreements: string[];
  createdAt: string;
}

const COLOURS = { latest: '#1f5fa8', previous: '#b35c00' };

function scoreSummary(c: Conversation): string {
  return dimensions.map((d) => `${dimensionLabels[d]} ${c.scores[d].score}`).join(', ');
}

type RadarOption = ComposeOption<RadarSeriesOption | LegendComponentOption | TooltipComponentOption>;

/** ECharts is loaded on demand (core, radar, legend, tooltip, SVG renderer), so other pages stay small. */
async function loadECharts() {
  // Destructured one by one, so the bundler keeps only these parts of each entry point.
  const { use, init } = await import('echarts/core');
  const { RadarChart } = await import('echarts/charts');
  const { LegendComponent, TooltipComponent } = await import('echarts/components');
  const { SVGRenderer } = await import('echarts/renderers');
  use([RadarChart, LegendComponent, TooltipComponent, SVGRenderer]);
  return { init };
}

function RadarChart({ latest, previous }: { latest: Conversation; previous: Conversation | undefined }) {
  const ref = useEChart(
    loadECharts,
    (): RadarOption => {
      const series = [previous, latest].filter((c): c is Conversation => c !== undefined);
      return {
        legend: { bottom: 0, data: series.map((c) => `Gesprek ${formatDate(c.heldOn)}`) },
        tooltip: { trigger: 'item' },
        radar: {
          indicator: dimensions.map((d) => ({ name: dimensionLabels[d], min: 0, max: 10 })),
          splitNumber: 5,
          // Clockwise from the top, as on the printed report.
          clockwise: true,
          radius: '62%',
          axisName: { color: '#1a1a1a', fontSize: 13 },
        },
        series: [
          {
            type: 'radar',
            data: series.map((c) => {
              const isLatest = c === latest;
              const colour = isLatest ? COLOURS.latest : COLOURS.previous;
              return {
                name: `Gesprek ${formatDate(c.heldOn)}`,
                value: dimensions.map((d) => c.scores[d].score),
                itemStyle: { color: colour },
                // Told by line style as well as colour: the previous conversation is dashed.
                lineStyle: { color: colour, width: isLatest ? 3 : 2, type: isLatest ? 'solid' : 'dashed' },
                areaStyle: isLatest ? { color: colour, opacity: 0.2 } : { opacity: 0 },
              };
            }),
          },
        ],
      };
    },
    [latest, previous],
  );
  const label = `Spinnenweb Positieve Gezondheid. Gesprek van ${formatDate(latest.heldOn)}: ${scoreSummary(latest)}.${
    previous ? ` Vorig gesprek van ${formatDate(previous.heldOn)}: ${scoreSummary(previous)}.` : ' Er is geen eerder gesprek.'
  }`;
  return (
    <div role="img" aria-label={label} style={{ maxWidth: '40rem' }}>
      <div ref={ref} style={{ width: '100%', height: '24rem' }} />
    </div>
  );
}

function ScoreTable({ latest, previous }: { latest: Conversation; previous: Conversation | undefined }) {
  return (
    <table className="utrecht-table utrecht-table--html-table">
      <caption className="utrecht-table__caption">Cijfers per dimensie (0 tot en met 10), gegeven door de inwoner</caption>
      <thead className="utrecht-table__header">
        <tr className="utrecht-table__row">
          <th className="utrecht-table__header-cell" scope="col">Dimensie</th>
          <th className="utrecht-table__header-cell" scope="col">Gesprek {formatDate(latest.heldOn)}</th>
          {previous && <th className="utrecht-table__header-cell" scope="col">Vorig gesprek {formatDate(previous.heldOn)}</th>}
          <th className="utrecht-table__header-cell" scope="col">Wil hierover praten</th>
        </tr>
      </thead>
      <tbody className="utrecht-table__body">
        {dimensions.map((d) => (
          <tr key={d} className="utrecht-table__row">
            <th className="utrecht-table__header-cell" scope="row">{dimensionLabels[d]}</th>
            <td className="utrecht-table__cell utrecht-table__cell--numeric">{latest.scores[d].score}</td>
            {previous && <td className="utrecht-table__cell utrecht-table__cell--numeric">{previous.scores[d].score}</td>}
            <td className="utrecht-table__cell">{latest.scores[d].wantsToTalk ? <strong>Ja</strong> : 'Nee'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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

function NewConversationForm({ residentId, onSaved }: { residentId: string; onSaved: () => void }) {
  const [heldOn, setHeldOn] = useState(today);
  const [scores, setScores] = useState(emptyScores);
  const [step, setStep] = useState<LadderStep | ''>('');
  const [rationale, setRationale] = useState('');
  const [agreements, setAgreements] = useState('');
  const ladderId = useId();
  const save = useMutation({
    mutationFn: () =>
      api<Conversation>(`/api/residents/${encodeURIComponent(residentId)}/conversations`, {
        method: 'POST',
        body: {
          heldOn,
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

export function ConversationsSection({ residentId }: { residentId: string }) {
  const me = useMe();
  const queryClient = useQueryClient();
  const conversations = useQuery({
    queryKey: ['conversations', residentId],
    queryFn: () => api<{ items: Conversation[] }>(`/api/residents/${encodeURIComponent(residentId)}/conversations`),
  });
  const canWrite = me.data?.permissions.includes('conversations:write') ?? false;
  // A corrected conversation no longer counts: compare the two latest that still stand.
  const standing = conversations.data?.items.filter((c) => c.correctedById === null) ?? [];
  const [latest, previous] = standing;
  return (
    <section aria-labelledby="gesprekken" className="koers-stack">
      <Heading level={2} id="gesprekken">Gesprekken (Positieve Gezondheid)</Heading>
      {conversations.isPending && <Paragraph>Gesprekken laden…</Paragraph>}
      {conversations.isError && <Alert type="error">{conversations.error.message}</Alert>}
      {conversations.data && conversations.data.items.length === 0 && <Paragraph>Er zijn nog geen gesprekken vastgelegd.</Paragraph>}
      {latest && (
        <>
          <Paragraph>
            Het spinnenweb is een gespreksinstrument, geen meetinstrument: de inwoner geeft de cijfers zelf.
            {previous ? ' De gestippelde lijn is het vorige gesprek.' : ''}
          </Paragraph>
          <RadarChart latest={latest} previous={previous} />
          <ScoreTable latest={latest} previous={previous} />
        </>
      )}
      {conversations.data && conversations.data.items.length > 0 && (
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Alle gesprekken, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Datum', 'Gevoerd door', 'Trede', 'Afspraken', 'Verslag'].map((h) => (
                <th key={h} className="utrecht-table__header-cell" scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {conversations.data.items.map((c) => (
              <tr key={c.id} className="utrecht-table__row">
                <td className="utrecht-table__cell">
                  {formatDate(c.heldOn)}
                  {c.correctedById && ' (gecorrigeerd)'}
                  {c.correctsId && ' (correctie)'}
                </td>
                <td className="utrecht-table__cell">{c.conductedBy.username}</td>
                <td className="utrecht-table__cell">{c.ladder.stepLabel}</td>
                <td className="utrecht-table__cell">
                  <ul className="utrecht-unordered-list">
                    {c.agreements.map((a, i) => (
                      <li key={i} className="utrecht-unordered-list__item">{a}</li>
                    ))}
                  </ul>
                </td>
                <td className="utrecht-table__cell">
                  <a className="utrecht-link" href={`/api/conversations/${c.id}/report.html`} target="_blank" rel="noreferrer">
                    Gespreksverslag {formatDate(c.heldOn)}
                    <span className="koers-visually-hidden"> (opent in een nieuw venster)</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canWrite && <NewConversationForm residentId={residentId} onSaved={() => void queryClient.invalidateQueries({ queryKey: ['conversations', residentId] })} />}
    </section>
  );
}
