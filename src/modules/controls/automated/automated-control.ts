import { sql, type RawBuilder } from 'kysely';
import type { AutomatedControlId } from '../automated-control-ids.js';

/** The processes (hoofdprocessen) a control belongs to, as the control frameworks name them. */
export const controlProcesses = ['wmo', 'jeugd', 'participatiewet'] as const;
export type ControlProcess = (typeof controlProcesses)[number];

/** Error (fout: paid or decided against the norm) or uncertainty (onzekerheid: the evidence that it was lawful is missing). */
export type ImpactType = 'fout' | 'onzekerheid';

/**
 * What a control is evaluated against: the period tested (first and last day, inclusive) and the laws of
 * the data it looks at (a run for the Wmo alone passes `['wmo']`); a control that serves one law only ignores `laws`.
 */
export interface ControlContext {
  start: string;
  end: string;
  laws: readonly ('wmo' | 'jeugdwet' | 'participatiewet')[];
}

/**
 * One automated control (geautomatiseerde controle): one file under `automated/`, as the signal rules.
 * `test` is ONE set-based query that reads the period's items once and answers a row per item the
 * control tested (the population), judged in the same pass:
 *
 * | column | type | meaning |
 * |---|---|---|
 * | subject_type | text | what the item is: allocation, declaration_line, decision, case, payment, payment_run, recovery_claim, benefit |
 * | subject_id | uuid | its id |
 * | resident_id | uuid or null | the resident concerned (personal data: reading it is logged) |
 * | facts | jsonb or null | null when the item passes; for an exception the explaining facts, stable while the data stays the same (no "days ago") |
 * | amount_cents | bigint or null | for an exception the amount in error or uncertain (`impact`), 0 when none |
 *
 * The population is the number of rows, the exceptions are the rows with facts. A control narrows to
 * the period's candidates before it computes anything per row, so a run over a year costs about one
 * plain scan of each table it `reads` (the benchmark's baseline).
 */
export interface AutomatedControl {
  id: AutomatedControlId;
  title: string;
  explanation: string;
  /** The law, article or policy norm the control tests. */
  norm: string;
  processes: readonly ControlProcess[];
  impact: ImpactType;
  /** The tables the query reads (the benchmark counts them as the plain-scan baseline). */
  reads: readonly string[];
  test(ctx: ControlContext): RawBuilder<ControlTestRow>;
}

/** A tested item: an exception when `facts` is not null. */
export interface ControlTestRow {
  subject_type: string;
  subject_id: string;
  resident_id: string | null;
  facts: Record<string, unknown> | null;
  amount_cents: string | number | null;
}

/** The exceptions of a control in the period: its tested items with facts. */
export const exceptionsOf = (control: AutomatedControl, ctx: ControlContext) =>
  sql<ControlExceptionRow>`select t.subject_type, t.subject_id, t.resident_id, t.facts, coalesce(t.amount_cents, 0)::bigint as amount_cents from (${control.test(ctx)}) t where t.facts is not null`;

/** The population of a control in the period: how many items it tested. */
export const populationOf = (control: AutomatedControl, ctx: ControlContext) => sql<{ population: string }>`select count(*) as population from (${control.test(ctx)}) t`;

export interface ControlExceptionRow {
  subject_type: string;
  subject_id: string;
  resident_id: string | null;
  facts: Record<string, unknown>;
  amount_cents: string | number;
}

/** The moment a civil day (Amsterdam) begins, for timestamps: `from(start)` ≤ t < `until(end)` is "t within start..end". */
export const from = (day: string) => sql`((${day}::date)::timestamp at time zone 'Europe/Amsterdam')`;
export const until = (day: string) => sql`((${day}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`;

/** The iWmo/iJw standards of the laws (declaration lines carry their standard, not the law). */
export const standardsOf = (laws: ControlContext['laws']) => laws.flatMap((law) => (law === 'wmo' ? ['iwmo'] : law === 'jeugdwet' ? ['ijw'] : []));

/** The care laws (Wmo, Jeugdwet) of a run's laws: the Wmo/Jeugd controls leave the Participatiewet's own allocations and decisions (bijzondere bijstand) out. */
export const careLaws = (laws: ControlContext['laws']) => laws.filter((law) => law !== 'participatiewet');
