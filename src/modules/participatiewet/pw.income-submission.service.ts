// "Inkomsten doorgeven" (issue #12 §1): a resident with a running bijstand benefit gives the monthly income
// statement (inkomstenopgave) in Mijn gemeente, and a consultant confirms it. The portal module runs the
// resident's functions in its unit of work (`withResident`: the database shows only this resident's rows)
// with the resident as actor.
//
// The months due are the staff side's (pw-inkomstenopgave-ontbreekt): a month's statement is due on the
// 10th of the following month. The resident's answers are kept as a submission ('ontvangen'); a statement
// feeds the payment run at once, so only a consultant's confirmation enters it through the income-statement
// service (source 'inwoner'), which then computes the offset as for a statement entered at the desk.

import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { addMonths } from '../../platform/calendar.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { todayInAmsterdam } from '../../platform/time.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { ownResidentUploads } from '../documents/document.service.js';
import { INCOME_KIND_LIST, INCOME_KINDS, type IncomeKind, type WorkExemptionChoice } from './pw.income.js';
import { MAX_ITEM_CENTS } from './pw.income-statement.js';
import { lockBenefit } from './pw.income-statement.repository.js';
import { enterIncomeStatement, monthName, type StatementOutcome } from './pw.income-statement.service.js';
import { findRunningBenefit, findSubmission, findSubmissionByKey, findSubmissionForMonth, insertSubmission, listSubmissionRows, markSubmissionProcessed, statementPeriods } from './pw.income-submission.repository.js';
import type { IncomeSubmissionBody } from './pw.income-submission.schema.js';
import type { SubmittedIncome } from './pw.income-submission.tables.js';

const ACTIVITY = 'zaakbehandeling-sociaal-domein';
/** How many finished months back the resident sees (and may still give). */
export const MONTHS_SHOWN = 6;
/** The statement of a month is due on this day of the following month (as the signal rule). */
export const DUE_DAY = 10;

const NO_BENEFIT = 'U heeft geen bijstandsuitkering die nu loopt. Inkomsten doorgeven kan alleen met een bijstandsuitkering.';
const DATE_WORDS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const inWords = (date: string): string => `${Number(date.slice(8, 10))} ${DATE_WORDS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
const amsterdamDate = (moment: Date): string => todayInAmsterdam(moment);
const receiptNumber = (period: string, id: string): string => `IO-${period.slice(0, 7).replace('-', '')}-${id.slice(0, 6).toUpperCase()}`;
export const incomeKindLabel = (kind: string): string => (kind in INCOME_KINDS ? INCOME_KINDS[kind as IncomeKind].label : kind);

/** The finished months of a benefit the resident is asked about: at most MONTHS_SHOWN back, within the benefit. */
export function expectedMonths(benefit: { start: string; end: string | null }, today: string): { period: string; dueOn: string }[] {
  const last = addMonths(`${today.slice(0, 8)}01`, -1);
  const months: { period: string; dueOn: string }[] = [];
  for (let i = 0; i < MONTHS_SHOWN; i++) {
    const period = addMonths(last, -i);
    if (period < `${benefit.start.slice(0, 8)}01`) break;
    if (benefit.end !== null && period > benefit.end) continue;
    months.push({ period, dueOn: `${addMonths(period, 1).slice(0, 8)}${String(DUE_DAY).padStart(2, '0')}` });
  }
  return months;
}

async function runningBenefit(tx: Tx, residentId: string, today: string) {
  const benefit = await findRunningBenefit(tx, residentId, today);
  if (!benefit) throw new AppError('NOT_FOUND', NO_BENEFIT);
  return { ...benefit, start: String(benefit.start_date).slice(0, 10), end: benefit.end_date === null ? null : String(benefit.end_date).slice(0, 10) };
}

/** Whether the resident has a running bijstand benefit (the portal's start page shows the link then). */
export async function hasRunningBenefit(tx: Tx, residentId: string, today = todayInAmsterdam()): Promise<boolean> {
  return (await findRunningBenefit(tx, residentId, today)) !== undefined;
}

/** Read (resident): the months to give and those given, with their state in plain words; audited. 404 without a running benefit. */
export async function residentIncomeOverview(tx: Tx, ctx: AuditContext, residentId: string, today = todayInAmsterdam()) {
  const startTime = new Date();
  const benefit = await runningBenefit(tx, residentId, today);
  const statements = new Set(await statementPeriods(tx, benefit.id));
  const submissions = await listSubmissionRows(tx, benefit.id);
  const months = expectedMonths(benefit, today).map(({ period, dueOn }) => {
    const sent = submissions.find((s) => String(s.period).slice(0, 10) === period);
    const base = { period, label: monthName(period), dueOn, submittedAt: sent ? new Date(sent.submitted_at).toISOString() : null, receiptNumber: sent ? receiptNumber(period, sent.id) : null };
    if (statements.has(period) || sent?.status === 'verwerkt') return { ...base, status: 'verwerkt' as const, statusText: 'Verwerkt. De gemeente heeft uw inkomsten over deze maand verwerkt.' };
    if (sent) return { ...base, status: 'ontvangen' as const, statusText: `Ontvangen op ${inWords(amsterdamDate(new Date(sent.submitted_at)))}. Een consulent kijkt ernaar.` };
    if (today > dueOn) return { ...base, status: 'te-laat' as const, statusText: `Nog niet doorgegeven. Dit moest uiterlijk ${inWords(dueOn)}. Geef het zo snel mogelijk door.` };
    return { ...base, status: 'open' as const, statusText: `Nog doorgeven, uiterlijk ${inWords(dueOn)}.` };
  });
  await recordProcessing(tx, ctx, { name: 'inkomsten-doorgeven.raadplegen', activity: ACTIVITY, subjects: [{ type: 'resident', id: residentId }], startTime });
  return {
    benefitReference: benefit.reference,
    hasPartner: benefit.norm === 'gehuwden',
    kinds: INCOME_KIND_LIST.map((kind) => ({ kind, label: INCOME_KINDS[kind].label })),
    months,
  };
}

type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmissionByKey>>>;

function receiptOf(row: SubmissionRow) {
  const period = String(row.period).slice(0, 10);
  return {
    receiptNumber: receiptNumber(period, row.id),
    period,
    label: monthName(period),
    submittedAt: new Date(row.submitted_at).toISOString(),
    hadIncome: row.had_income,
    items: row.items.length,
    documents: row.documents,
    nextStep: 'Een consulent van de gemeente bekijkt uw opgave. Daarna verwerken wij die in uw uitkering. Klopt er iets niet, dan nemen wij contact met u op.',
  };
}

/** The resident's answers checked with one Dutch message per field (the route already checked the shape). */
function checkAnswers(input: IncomeSubmissionBody, allowed: string[], hasPartner: boolean): void {
  const errors: FieldError[] = [];
  if (!allowed.includes(input.period)) errors.push({ field: 'period', message: 'Kies een maand uit de lijst.' });
  if (!input.hadIncome && input.items.length > 0) errors.push({ field: 'items', message: 'U koos "Nee, geen inkomsten". Haal de inkomsten weg, of kies "Ja".' });
  if (input.hadIncome && input.items.length === 0) errors.push({ field: 'items', message: 'Geef minstens één inkomen op, of kies "Nee, geen inkomsten".' });
  input.items.forEach((item, i) => {
    if (!(item.kind in INCOME_KINDS)) errors.push({ field: `items.${i}.kind`, message: 'Kies wat voor inkomen het is uit de lijst.' });
    if (item.person === 'partner' && !hasPartner) errors.push({ field: `items.${i}.person`, message: 'U heeft bijstand zonder partner. Geef alleen uw eigen inkomen op.' });
    if (item.netCents > MAX_ITEM_CENTS) errors.push({ field: `items.${i}.netCents`, message: 'Dit bedrag is erg hoog voor één maand. Controleer het bedrag, bijvoorbeeld 1.250,00.' });
    if (item.grossCents != null && item.grossCents > MAX_ITEM_CENTS) errors.push({ field: `items.${i}.grossCents`, message: 'Dit bedrag is erg hoog voor één maand. Controleer het bedrag, bijvoorbeeld 1.250,00.' });
    else if (item.grossCents != null && item.grossCents < item.netCents) errors.push({ field: `items.${i}.grossCents`, message: 'Het bruto bedrag is niet lager dan het netto bedrag. Controleer de bedragen op uw loonstrook.' });
  });
  if (errors.length > 0) throw validationFailed(errors);
}

/**
 * Command (resident): gives the income of one month. The same form posted twice (its submissionKey) gives
 * the first receipt again; a second form for a month already given or processed is refused (409). Audited
 * with the resident as actor. Nothing about the payment changes here: a consultant confirms it first.
 */
export async function submitResidentIncome(tx: Tx, ctx: AuditContext, residentId: string, input: IncomeSubmissionBody, today = todayInAmsterdam()) {
  const startTime = new Date();
  const benefit = await runningBenefit(tx, residentId, today);
  // One submission at a time per benefit: a double click waits for the first and then finds its key.
  await lockBenefit(tx, benefit.id);
  const again = await findSubmissionByKey(tx, residentId, input.submissionKey);
  if (again) return receiptOf(again);

  checkAnswers(input, expectedMonths(benefit, today).map((m) => m.period), benefit.norm === 'gehuwden');
  const label = monthName(input.period);
  const earlier = await findSubmissionForMonth(tx, benefit.id, input.period);
  if (earlier) {
    throw new AppError('CONFLICT', `U heeft uw inkomsten over ${label} al doorgegeven op ${inWords(amsterdamDate(new Date(earlier.submitted_at)))}. Klopt er iets niet? Neem dan contact op met uw consulent.`);
  }
  if ((await statementPeriods(tx, benefit.id)).includes(input.period)) {
    throw new AppError('CONFLICT', `De gemeente heeft uw inkomsten over ${label} al verwerkt. Klopt er iets niet? Neem dan contact op met uw consulent.`);
  }
  const documents = await ownResidentUploads(tx, residentId, input.items.map((i) => i.documentId));
  const missing = input.items.findIndex((i) => !documents.some((d) => d.id === i.documentId));
  if (missing >= 0) throw validationFailed([{ field: `items.${missing}.documentId`, message: 'Dit document is niet gevonden. Stuur de loonstrook of het bewijs opnieuw.' }]);

  const items: SubmittedIncome[] = input.items.map((i) => ({ kind: i.kind, person: i.person, grossCents: i.grossCents ?? null, netCents: i.netCents, documentId: i.documentId }));
  const row = await insertSubmission(tx, { tenantId: ctx.tenantId, benefitId: benefit.id, residentId, period: input.period, submissionKey: input.submissionKey, hadIncome: input.hadIncome, items, documents });
  await recordProcessing(tx, ctx, {
    name: 'inkomstenopgave.doorgeven',
    activity: ACTIVITY,
    subjects: [{ type: 'resident', id: residentId }],
    startTime,
    attributes: { uitkering: benefit.reference, maand: input.period.slice(0, 7), inkomsten: items.length, documenten: documents.length },
  });
  return receiptOf(row);
}

/**
 * Command (consultant): confirms what the resident gave; the income-statement service then enters the
 * statement (source 'inwoner', received on the day the resident sent it) with the consultant's choice of
 * work exemptions, and it counts for the payment from then on. Audited there.
 */
export async function confirmIncomeSubmission(
  tx: Tx,
  ctx: Actor,
  benefitId: string,
  submissionId: string,
  input: { workExemptions?: { aanvrager?: WorkExemptionChoice | null; partner?: WorkExemptionChoice | null } },
): Promise<StatementOutcome> {
  await lockBenefit(tx, benefitId);
  const submission = await findSubmission(tx, benefitId, submissionId);
  if (!submission) throw notFound('Doorgegeven opgave');
  if (submission.status === 'verwerkt') throw new AppError('CONFLICT', `De opgave van de inwoner over ${monthName(String(submission.period).slice(0, 10))} is al verwerkt.`);
  const outcome = await enterIncomeStatement(
    tx,
    ctx,
    benefitId,
    {
      period: String(submission.period).slice(0, 10),
      receivedOn: amsterdamDate(new Date(submission.submitted_at)),
      items: submission.items.map((i) => ({ kind: i.kind as IncomeKind, person: i.person, cents: i.netCents })),
      ...(input.workExemptions ? { workExemptions: input.workExemptions } : {}),
    },
    'inwoner',
  );
  await markSubmissionProcessed(tx, submissionId, ctx.actorId);
  return outcome;
}
