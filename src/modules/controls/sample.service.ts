// Samples (steekproeven, issue #13 §2): a manual control drawn reproducibly from a population of
// Koers' own data (docs/control-samples.md), a checklist answered per item, submitted for review and
// reviewed by another controller. Drawing a sample and reading its items log the residents named.
import { randomBytes } from 'node:crypto';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, recordProcessingOfQuery, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, invalid, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import type { SampleAnswer } from './findings.tables.js';
import { populationKind, populationKinds, type PopulationContext, type PopulationKind } from './sample.populations.js';
import { controlExists, drawItems, findItem, findSample, insertSample, listItems, listSamples, measurePopulation, residentsOfSample, saveAnswers, setStatus, type SampleRow } from './sample.repository.js';
import type { CreateSampleInput, SampleAnswerInput, SampleParameters } from './sample.schema.js';
import { MAX_UNCORRECTED_SIZE, SAMPLE_METHOD, sampleSize } from './sample.size.js';

const ACTIVITY = 'controle-rechtmatigheid';
/** A sample covers at most a year (the legality statement counts it in the year its period starts). */
const MAX_PERIOD_DAYS = 366;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function listPopulationKinds() {
  return { items: populationKinds.map(({ query: _query, ...kind }) => ({ ...kind, processes: [...kind.processes] })) };
}

/** Checks what the schema cannot: the period, the population for the process, the expected error. */
function checkParameters(p: SampleParameters, today: string): { kind: PopulationKind; ctx: PopulationContext } {
  const errors: FieldError[] = [];
  const kind = populationKind(p.populationKind)!;
  if (!kind.processes.includes(p.process)) errors.push({ field: 'populationKind', message: `De populatie "${kind.label}" hoort niet bij dit proces. Kies een populatie van het proces.` });
  if (p.periodEnd <= p.periodStart) errors.push({ field: 'periodEnd', message: 'De einddatum moet na de begindatum liggen.' });
  else if (dayNumber(p.periodEnd) - dayNumber(p.periodStart) + 1 > MAX_PERIOD_DAYS) errors.push({ field: 'periodEnd', message: 'Een steekproef gaat over hoogstens een jaar.' });
  if (p.periodStart > today) errors.push({ field: 'periodStart', message: 'Deze periode is nog niet begonnen: een steekproef kan alleen over een periode die begonnen of voorbij is.' });
  if (p.expectedError >= p.tolerableError) errors.push({ field: 'expectedError', message: 'De verwachte foutfractie moet kleiner zijn dan de aanvaardbare foutfractie.' });
  if (errors.length > 0) throw validationFailed(errors);
  return { kind, ctx: { process: p.process, start: p.periodStart, end: p.periodEnd } };
}

function computeSize(p: SampleParameters, populationSize: number) {
  const size = sampleSize({ populationSize, confidence: p.confidence, tolerableError: p.tolerableError, expectedError: p.expectedError });
  if (!size) {
    throw invalid(
      p.expectedError > 0 ? 'expectedError' : 'tolerableError',
      `Met deze betrouwbaarheid en foutfracties wordt de steekproef groter dan ${MAX_UNCORRECTED_SIZE.toLocaleString('nl-NL')} posten. Kies een hogere aanvaardbare foutfractie${p.expectedError > 0 ? ' of een lagere verwachte foutfractie' : ''}.`,
    );
  }
  return size;
}

/** Read: the size and amount of the population and the sample size the parameters give (no resident is read). */
export async function previewSample(tx: Tx, p: SampleParameters, today: string) {
  const { kind, ctx } = checkParameters(p, today);
  const population = await measurePopulation(tx, kind, ctx);
  const size = computeSize(p, population.size);
  return {
    populationSize: population.size,
    populationAmountCents: population.amountCents,
    sampleSize: size.size,
    uncorrectedSize: size.uncorrected,
    allowedDeviations: size.allowedDeviations,
    wholePopulation: size.wholePopulation,
    method: SAMPLE_METHOD,
    message:
      population.size === 0
        ? 'De populatie is leeg in deze periode: er valt niets te trekken. Kies een andere periode of populatie.'
        : size.wholePopulation
          ? `De populatie is zo klein dat alle ${population.size} posten worden gecontroleerd (integrale controle).`
          : null,
  };
}

/** Command: measures the population, computes the size, draws the items and logs the residents they name. */
export async function createSample(tx: Tx, ctx: Actor, input: CreateSampleInput & { today: string }): Promise<{ id: string; number: number; sampleSize: number; seed: string }> {
  const startTime = new Date();
  const { kind, ctx: population } = checkParameters(input, input.today);
  if (input.controlCode !== undefined && !(await controlExists(tx, input.process, input.controlCode))) {
    throw invalid('controlCode', `De beheersmaatregel ${input.controlCode} staat niet in het controlkader van dit proces.`);
  }
  const measured = await measurePopulation(tx, kind, population);
  if (measured.size === 0) throw invalid('populationKind', `De populatie "${kind.label}" is leeg van ${input.periodStart} tot en met ${input.periodEnd}: er valt niets te trekken. Kies een andere periode of populatie.`);
  const computed = computeSize(input, measured.size);
  let size = computed.size;
  if (input.sampleSize !== undefined) {
    if (input.sampleSize > measured.size) throw invalid('sampleSize', `Een steekproef kan niet groter zijn dan de populatie (${measured.size} posten).`);
    if (input.sampleSize < computed.size) throw invalid('sampleSize', `Met deze betrouwbaarheid en foutfracties zijn ten minste ${computed.size} posten nodig; een kleinere steekproef geeft niet de gevraagde zekerheid.`);
    size = input.sampleSize;
  }
  const seed = input.seed ?? randomBytes(6).toString('hex');
  const sample = await insertSample(tx, {
    tenantId: ctx.tenantId,
    process: input.process,
    controlCode: input.controlCode ?? null,
    populationKind: kind.id,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    populationSize: measured.size,
    populationAmountCents: measured.amountCents,
    confidence: input.confidence,
    tolerableError: input.tolerableError,
    expectedError: input.expectedError,
    sampleSize: size,
    seed,
    method: SAMPLE_METHOD,
    checklist: input.checklist,
    title: input.title,
    createdBy: ctx.actorId,
  });
  const drawn = await drawItems(tx, ctx.tenantId, sample.id, kind, population, seed, size);
  // Population and draw read the same data in the same transaction; a difference is a defect, never stored.
  if (drawn !== size) throw new AppError('INTERNAL', `De trekking gaf ${drawn} posten in plaats van ${size}.`);
  await recordProcessingOfQuery(tx, ctx, { name: 'steekproef.trekken', activity: ACTIVITY, startTime, attributes: { steekproef: sample.number, populatie: kind.id } }, residentsOfSample(sample.id));
  return { id: sample.id, number: sample.number, sampleSize: size, seed };
}

function summaryView(s: SampleRow) {
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    process: s.process,
    controlCode: s.control_code,
    populationKind: s.population_kind,
    populationLabel: populationKind(s.population_kind)?.label ?? s.population_kind,
    periodStart: s.period_start,
    periodEnd: s.period_end,
    populationSize: s.population_size,
    populationAmountCents: Number(s.population_amount_cents),
    confidence: Number(s.confidence),
    tolerableError: Number(s.tolerable_error),
    expectedError: Number(s.expected_error),
    sampleSize: s.sample_size,
    seed: s.seed,
    method: s.method,
    status: s.status,
    createdBy: s.created_by_name,
    createdById: s.created_by,
    createdAt: s.created_at.toISOString(),
    checkedItems: s.checked_items,
    reviewer: s.reviewer_name,
    reviewedAt: s.reviewed_at ? s.reviewed_at.toISOString() : null,
    reviewNote: s.review_note,
  };
}

/** Read: the samples, newest first (parameters and counts, no resident: not logged). */
export async function getSamples(tx: Tx, page: { offset: number; limit: number }) {
  const { rows, total } = await listSamples(tx, page);
  return { items: rows.map(summaryView), total };
}

/** Read: one sample with its items, their answers and findings; the residents the items name are logged. */
export async function getSample(tx: Tx, ctx: AuditContext, id: string) {
  const startTime = new Date();
  const sample = await findSample(tx, id);
  if (!sample) throw notFound('Steekproef');
  const items = await listItems(tx, id);
  const residents = [...new Set(items.flatMap((i) => (i.resident_id ? [i.resident_id] : [])))];
  if (residents.length > 0) {
    await recordProcessing(tx, ctx, { name: 'steekproef.raadplegen', activity: ACTIVITY, subjects: residents.map((r) => ({ type: 'resident' as const, id: r })), startTime, attributes: { steekproef: sample.number } });
  }
  return {
    sample: summaryView(sample),
    checklist: sample.checklist,
    createdByYou: ctx.actor?.userId === sample.created_by,
    items: items.map((i) => ({
      position: i.position,
      subjectType: i.subject_type,
      subjectId: i.subject_id,
      residentId: i.resident_id,
      amountCents: Number(i.amount_cents),
      facts: i.facts,
      answers: i.answers,
      checkedBy: i.checked_by_name,
      checkedAt: i.checked_at ? i.checked_at.toISOString() : null,
      finding: i.finding_id
        ? { id: i.finding_id, number: i.finding_number!, title: i.finding_title!, assessment: i.finding_assessment, amountCents: Number(i.finding_amount_cents) }
        : null,
    })),
  };
}

/** Command: the answers of one item, one per checklist question; only while the sample is open. */
export async function answerItem(tx: Tx, ctx: Actor, id: string, position: number, answers: SampleAnswerInput[]): Promise<void> {
  const sample = await findSample(tx, id, true);
  if (!sample) throw notFound('Steekproef');
  const item = await findItem(tx, id, position);
  if (!item) throw new AppError('NOT_FOUND', `Post ${position} bestaat niet in deze steekproef (die heeft ${sample.sample_size} posten).`);
  if (sample.status !== 'open') throw new AppError('CONFLICT', 'Deze steekproef is ingediend voor review: de antwoorden liggen vast.');
  const errors: FieldError[] = [];
  const seen = new Set<number>();
  answers.forEach((a, index) => {
    if (a.question >= sample.checklist.length) errors.push({ field: `answers.${index}.question`, message: `Vraag ${a.question + 1} staat niet op de checklist (die heeft ${sample.checklist.length} vragen).` });
    else if (seen.has(a.question)) errors.push({ field: `answers.${index}.question`, message: `Vraag ${a.question + 1} is twee keer beantwoord.` });
    else if (a.answer === 'nee' && !a.note) errors.push({ field: `answers.${index}.note`, message: `Licht het antwoord "nee" op vraag ${a.question + 1} toe.` });
    seen.add(a.question);
  });
  const missing = sample.checklist.map((_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) errors.push({ field: 'answers', message: `Beantwoord alle vragen van de checklist; nog open: ${missing.map((i) => i + 1).join(', ')}.` });
  if (errors.length > 0) throw validationFailed(errors);
  const stored: SampleAnswer[] = [...answers].sort((a, b) => a.question - b.question).map((a) => ({ question: a.question, answer: a.answer, ...(a.note ? { note: a.note } : {}) }));
  await saveAnswers(tx, id, position, stored, ctx.actorId, new Date());
  if (item.resident_id) {
    await recordProcessing(tx, ctx, { name: 'steekproef.post.controleren', activity: ACTIVITY, subjects: [{ type: 'resident', id: item.resident_id }], startTime: new Date(), attributes: { steekproef: sample.number, post: position } });
  }
}

/** Command: submits an open sample for review once every item is checked. */
export async function submitSample(tx: Tx, id: string): Promise<void> {
  const sample = await findSample(tx, id, true);
  if (!sample) throw notFound('Steekproef');
  if (sample.status !== 'open') throw new AppError('CONFLICT', 'Deze steekproef is al ingediend voor review.');
  const open = sample.sample_size - sample.checked_items;
  if (open > 0) throw new AppError('CONFLICT', `Nog ${open} ${open === 1 ? 'post is' : 'posten zijn'} niet gecontroleerd: beantwoord eerst de checklist van elke post.`);
  await setStatus(tx, id, 'open', 'ter-review');
}

/** Command: another controller than its creator reviews a submitted sample; it is then done. */
export async function reviewSample(tx: Tx, ctx: Actor, id: string, note: string | undefined): Promise<void> {
  const sample = await findSample(tx, id, true);
  if (!sample) throw notFound('Steekproef');
  if (sample.created_by === ctx.actorId) throw new AppError('CONFLICT', 'U hebt deze steekproef zelf getrokken: een andere controller beoordeelt hem (vier ogen).');
  if (sample.status === 'open') throw new AppError('CONFLICT', 'Deze steekproef is nog niet ingediend voor review.');
  if (sample.status === 'afgerond') throw new AppError('CONFLICT', 'Deze steekproef is al beoordeeld.');
  await setStatus(tx, id, 'ter-review', 'afgerond', { reviewerId: ctx.actorId, at: new Date(), note: note ? note : null });
}
