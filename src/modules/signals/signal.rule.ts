import type { RawBuilder } from 'kysely';
import { nonWorkingDatesOfYears } from '../../platform/calendar.js';
import type { SubjectType } from './signal.tables.js';

export const severities = ['laag', 'middel', 'hoog', 'kritiek'] as const;
export type Severity = (typeof severities)[number];

export const domains = ['wmo-jeugd', 'participatiewet', 'schuldhulp'] as const;
export type Domain = (typeof domains)[number];

/** When a rule is evaluated: every night, or also every hour because a legal term is at stake. */
export type RuleSchedule = 'nachtelijk' | 'termijn';

/** What a rule is evaluated against: the day (Amsterdam) and the moment of the run. */
export interface RuleContext {
  today: string;
  now: Date;
}

/**
 * One signal rule (signaalregel): one file under `rules/`. `query` is ONE set-based SQL query that
 * returns a row per subject for which the situation holds, with these columns:
 *
 * | column | type | meaning |
 * |---|---|---|
 * | subject_type | text | one of SubjectType |
 * | subject_id | uuid | the case, allocation, callback, benefit or resident |
 * | resident_id | uuid or null | the resident concerned (privacy, audit, and the area filter "gebied") |
 * | assignee_team_id | uuid or null | only when `assignTeam` is `'query'`: the team that owns the signal at first |
 * | assignee_user_id | uuid or null | the employee that owns it at first |
 * | facts | jsonb | the explaining facts, shown as they are; their md5 is the fingerprint |
 *
 * The engine adds the resident's area and, for `assignTeam: 'area'`, the social team of that area,
 * with one lookup per found subject: a rule never joins residents just to decorate its rows.
 *
 * Facts must be stable while the situation is the same (no "days left" counters): a change of facts
 * re-opens a signal that was marked onterecht or afgehandeld.
 */
export interface SignalRule {
  id: string;
  title: string;
  explanation: string;
  /** The law and articles the rule serves. */
  law: string;
  domain: Domain;
  severity: Severity;
  /** Who owns the signal: a kind of team and/or a role (descriptive; the query assigns concretely). */
  owner: { teamKind: 'area_team' | 'kcc' | 'specialist'; role: 'consultant' | 'team_lead' | 'kcc' };
  suggestedAction: string;
  /** The signal's due date is the day it opens plus this many days. */
  dueInDays: number;
  schedule: RuleSchedule;
  subjectType: SubjectType;
  /** Which team owns a new signal: the social team of the resident's area, or `assignee_team_id` from the query. */
  assignTeam: 'area' | 'query';
  /** The tables the query reads (the benchmark counts them as the plain-scan baseline). */
  reads: readonly string[];
  query(ctx: RuleContext): RawBuilder<unknown>;
}

/** Saturdays and Sundays aside: Atw holidays and equated days of the years around `today` (deadlines of cases opened up to two years back), for SQL. */
export function nonWorkingDates(today: string): string[] {
  const year = Number(today.slice(0, 4));
  return nonWorkingDatesOfYears(year - 2, year + 1);
}
