// One sample (steekproef): its parameters and seed (an auditor can redraw it), the items drawn with
// their facts, the checklist per item, the finding recorded for an item, submission and the review
// by another controller. The server logs the residents the items name.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { SampleDetail, SampleItem } from '../../api/types';
import { Alert, Button, DataList, Heading, Paragraph, TableScroll, TextArea, TextField } from '../../components/ui';
import { formatDate, formatDateTime, formatMoney } from '../../format';
import { hasPermission, useMe } from '../../session';
import { percent, processLabel, statusLabel } from './ControlSamplesPage';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const answerLabel = { ja: 'Ja', nee: 'Nee', nvt: 'N.v.t.' } as const;
const assessmentLabel = { fout: 'Fout', onzekerheid: 'Onzekerheid', 'geen-bevinding': 'Geen bevinding' } as const;
type Answer = keyof typeof answerLabel;

function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function ChecklistForm({ sampleId, item, checklist, onSaved }: { sampleId: string; item: SampleItem; checklist: string[]; onSaved: (detail: SampleDetail) => void }) {
  const id = useId();
  const [answers, setAnswers] = useState<(Answer | '')[]>(() => checklist.map((_, i) => item.answers?.find((a) => a.question === i)?.answer ?? ''));
  const [notes, setNotes] = useState<string[]>(() => checklist.map((_, i) => item.answers?.find((a) => a.question === i)?.note ?? ''));
  const save = useMutation({
    mutationFn: () =>
      api<SampleDetail>(`/api/control/samples/${sampleId}/items/${item.position}`, {
        method: 'PUT',
        body: { answers: checklist.flatMap((_, question) => (answers[question] ? [{ question, answer: answers[question], ...(notes[question]?.trim() ? { note: notes[question].trim() } : {}) }] : [])) },
      }),
    onSuccess: onSaved,
  });
  const fields = save.error instanceof ApiError ? (save.error.fields ?? []) : [];
  const errorOf = (question: number, key: 'question' | 'note') => {
    const index = checklist.slice(0, question).filter((_, q) => answers[q]).length;
    return fields.find((f) => f.field === `answers.${index}.${key}`)?.message;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="koers-stack" noValidate aria-label={`Checklist post ${item.position}`}>
      <Heading level={2}>Checklist post {item.position}</Heading>
      {save.isError && (
        <Alert type="error">
          {fields.length > 0 ? (
            <ul>
              {fields.map((f) => (
                <li key={f.field}>{f.message}</li>
              ))}
            </ul>
          ) : (
            save.error.message
          )}
        </Alert>
      )}
      {checklist.map((question, q) => (
        <fieldset key={q} className="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend className="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {q + 1}. {question}
          </legend>
          {(Object.keys(answerLabel) as Answer[]).map((value) => (
            <div key={value} className="utrecht-form-field utrecht-form-field--radio">
              <div className="utrecht-form-field__label">
                <label className="utrecht-form-label utrecht-form-label--radio">
                  <span className="utrecht-form-field__input">
                    <input
                      type="radio"
                      name={`${id}-q${q}`}
                      value={value}
                      className="utrecht-radio-button utrecht-radio-button--html-input"
                      checked={answers[q] === value}
                      onChange={() => setAnswers(answers.map((a, i) => (i === q ? value : a)))}
                    />
                  </span>
                  {answerLabel[value]}
                </label>
              </div>
            </div>
          ))}
          <TextField label={`Toelichting bij vraag ${q + 1}`} description={answers[q] === 'nee' ? 'Verplicht bij nee' : undefined} value={notes[q] ?? ''} onChange={(e) => setNotes(notes.map((n, i) => (i === q ? e.target.value : n)))} error={errorOf(q, 'note')} />
        </fieldset>
      ))}
      <div>
        <Button type="submit" busy={save.isPending}>
          Antwoorden opslaan
        </Button>
      </div>
    </form>
  );
}

export function ControlSamplePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const canWrite = hasPermission(me.data, 'controls:write');
  const detail = useQuery({ queryKey: ['control-sample', id], queryFn: () => api<SampleDetail>(`/api/control/samples/${id}`) });
  const [selected, setSelected] = useState<number | null>(null);
  const [reviewNote, setReviewNote] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const update = async (next: SampleDetail) => {
    client.setQueryData(['control-sample', id], next);
    await client.invalidateQueries({ queryKey: ['control-samples'] });
  };
  const submit = useMutation({ mutationFn: () => api<SampleDetail>(`/api/control/samples/${id}/submit`, { method: 'POST' }), onSuccess: update });
  const review = useMutation({ mutationFn: () => api<SampleDetail>(`/api/control/samples/${id}/review`, { method: 'POST', body: reviewNote.trim() ? { note: reviewNote.trim() } : {} }), onSuccess: update });
  const data = detail.data;
  const sample = data?.sample;
  const item = data?.items.find((i) => i.position === selected);
  const onSaved = async (next: SampleDetail) => {
    const position = selected;
    await update(next);
    const nextOpen = next.items.find((i) => i.checkedAt === null);
    setSaved(`De antwoorden van post ${position} zijn opgeslagen.`);
    setSelected(nextOpen ? nextOpen.position : null);
  };
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/control/steekproeven">Alle steekproeven</Link>
      </Paragraph>
      {detail.isError && <Alert type="error">{detail.error.message}</Alert>}
      {sample && data && (
        <>
          <Heading level={1}>
            Steekproef {sample.number}: {sample.title}
          </Heading>
          <DataList
            items={[
              ['Status', statusLabel[sample.status]],
              ['Proces', processLabel[sample.process]],
              ['Beheersmaatregel', sample.controlCode ?? '—'],
              ['Populatie', `${sample.populationLabel}: ${sample.populationSize} posten, samen ${formatMoney(sample.populationAmountCents)}`],
              ['Periode', `${formatDate(sample.periodStart)} tot en met ${formatDate(sample.periodEnd)}`],
              ['Betrouwbaarheid', percent(sample.confidence)],
              ['Aanvaardbare foutfractie', percent(sample.tolerableError)],
              ['Verwachte foutfractie', percent(sample.expectedError)],
              ['Omvang', `${sample.sampleSize} posten`],
              ['Seed', sample.seed],
              ['Methode', sample.method],
              ['Getrokken', `${formatDateTime(sample.createdAt)} door ${sample.createdBy}`],
              ['Gecontroleerd', `${sample.checkedItems} van ${sample.sampleSize} posten`],
              ['Beoordeeld', sample.reviewedAt ? `${formatDateTime(sample.reviewedAt)} door ${sample.reviewer ?? ''}${sample.reviewNote ? `: ${sample.reviewNote}` : ''}` : 'nog niet'],
            ]}
          />
          <Heading level={2}>Checklist</Heading>
          <ol>
            {data.checklist.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ol>
          {saved && <Alert type="ok">{saved}</Alert>}
          <TableScroll label="Posten">
            <table className="utrecht-table utrecht-table--html-table">
              <caption>Posten van de steekproef, in volgorde van trekking</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className={th} scope="col">Post</th>
                  <th className={th} scope="col">Feiten</th>
                  <th className={th} scope="col">Bedrag</th>
                  <th className={th} scope="col">Antwoorden</th>
                  <th className={th} scope="col">Bevinding</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.items.map((i) => (
                  <tr className="utrecht-table__row" key={i.position}>
                    <th className={th} scope="row">
                      {i.position}
                    </th>
                    <td className={td}>
                      <dl className="koers-data-list">
                        {Object.entries(i.facts).map(([k, v]) => (
                          <div key={k}>
                            <dt>{k.replaceAll('_', ' ')}</dt>
                            <dd>{factText(v)}</dd>
                          </div>
                        ))}
                      </dl>
                    </td>
                    <td className={td}>{formatMoney(i.amountCents)}</td>
                    <td className={td}>
                      {i.answers ? (
                        <>
                          {i.answers.map((a) => `${a.question + 1}: ${answerLabel[a.answer]}${a.note ? ` (${a.note})` : ''}`).join('; ')}
                          <br />
                          {formatDateTime(i.checkedAt)} door {i.checkedBy}
                        </>
                      ) : (
                        'Nog niet gecontroleerd'
                      )}
                      {canWrite && sample.status === 'open' && (
                        <div>
                          <Button type="button" appearance="subtle" onClick={() => setSelected(i.position)} aria-label={`Checklist invullen voor post ${i.position}`}>
                            {i.answers ? 'Wijzigen' : 'Checklist invullen'}
                          </Button>
                        </div>
                      )}
                    </td>
                    <td className={td}>
                      {i.finding ? (
                        <Link to={`/control/bevindingen/${i.finding.id}`}>
                          Bevinding {i.finding.number}: {i.finding.assessment ? assessmentLabel[i.finding.assessment] : 'nog niet beoordeeld'}
                          {i.finding.amountCents > 0 ? `, ${formatMoney(i.finding.amountCents)}` : ''}
                        </Link>
                      ) : canWrite ? (
                        <Link to={`/control/bevindingen/nieuw?steekproef=${sample.id}&positie=${i.position}`} aria-label={`Bevinding vastleggen voor post ${i.position}`}>
                          Bevinding vastleggen
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {item && sample.status === 'open' && canWrite && <ChecklistForm key={item.position} sampleId={sample.id} item={item} checklist={data.checklist} onSaved={onSaved} />}
          {canWrite && sample.status === 'open' && (
            <div className="koers-stack">
              <Heading level={2}>Indienen voor review</Heading>
              <Paragraph>Als alle posten zijn gecontroleerd, dient u de steekproef in. Daarna liggen de antwoorden vast en beoordeelt een andere controller de steekproef.</Paragraph>
              <div>
                <Button type="button" busy={submit.isPending} onClick={() => submit.mutate()}>
                  Indienen voor review
                </Button>
              </div>
              {submit.isError && <Alert type="error">{submit.error.message}</Alert>}
            </div>
          )}
          {canWrite && sample.status === 'ter-review' && (
            <div className="koers-stack">
              <Heading level={2}>Beoordelen</Heading>
              {data.createdByYou ? (
                <Paragraph>U hebt deze steekproef zelf getrokken. Een andere controller beoordeelt hem (vier ogen).</Paragraph>
              ) : (
                <>
                  <TextArea label="Toelichting van de reviewer (optioneel)" value={reviewNote} onChange={(e) => setReviewNote(e.target.value)} error={review.error instanceof ApiError ? review.error.fields?.find((f) => f.field === 'note')?.message : undefined} />
                  <div>
                    <Button type="button" busy={review.isPending} onClick={() => review.mutate()}>
                      Beoordelen en afronden
                    </Button>
                  </div>
                </>
              )}
              {review.isError && <Alert type="error">{review.error.message}</Alert>}
            </div>
          )}
        </>
      )}
    </div>
  );
}
