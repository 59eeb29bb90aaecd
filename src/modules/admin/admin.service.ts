// The administrator's (beheerder's) changes to teams, four-eyes settings, case types and budget lines.
// The data stays with the module that owns it; each command here calls that module's service and logs
// the change (who, when, what, before and after) in the same transaction.
import type { Law } from '../../db/column-types.js';
import type { Tx } from '../../db/tenancy.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { createTeam, listTeams, renameTeam, setTeamAreas, type TeamKind } from '../access/access.service.js';
import { caseTypes, setCaseTypeTerms } from '../cases/case.service.js';
import { getApprovalSettings, setApprovalSettings, type ApprovalSettings } from '../decisions/approval-settings.service.js';
import { createBudgetLine, listBudgetsForYear, setBudgetForYear } from '../finance/budget.service.js';
import { listAreas } from '../tenants/tenant.service.js';
import { euro, recordChange, termText } from './admin.changes.js';

const teamKindLabels: Record<TeamKind, string> = { area_team: 'sociaal wijkteam', kcc: 'KCC', specialist: 'specialistisch team' };

export async function teamsOverview(tx: Tx) {
  return { teams: await listTeams(tx), areas: await listAreas(tx) };
}

export async function addTeam(tx: Tx, ctx: Actor, input: { name: string; kind: TeamKind }) {
  const team = await createTeam(tx, { tenantId: ctx.tenantId, ...input });
  await recordChange(tx, ctx, { section: 'teams', subject: team.name, action: `Team aangemaakt (${teamKindLabels[team.kind]}).`, before: null, after: { name: team.name, kind: team.kind } });
  return { ...team, areas: [] };
}

async function teamView(tx: Tx, id: string) {
  return (await listTeams(tx)).find((t) => t.id === id)!;
}

export async function changeTeamName(tx: Tx, ctx: Actor, input: { id: string; name: string }) {
  const { before, after } = await renameTeam(tx, input);
  await recordChange(tx, ctx, { section: 'teams', subject: after, action: `Team hernoemd van ‘${before}’ naar ‘${after}’.`, before: { name: before }, after: { name: after } });
  return teamView(tx, input.id);
}

export async function changeTeamAreas(tx: Tx, ctx: Actor, input: { id: string; areaCodes: string[] }) {
  const result = await setTeamAreas(tx, { tenantId: ctx.tenantId, teamId: input.id, areaCodes: input.areaCodes });
  const names = new Map((await listAreas(tx)).map((a) => [a.code, a.name]));
  const teams = new Map((await listTeams(tx)).map((t) => [t.id, t.name]));
  const list = (codes: string[]) => (codes.length ? codes.map((c) => names.get(c) ?? c).join(', ') : 'geen');
  const moved = result.moved.map((m) => `${names.get(m.areaCode) ?? m.areaCode} overgenomen van ${teams.get(m.fromTeamId) ?? 'een ander team'}`);
  await recordChange(tx, ctx, {
    section: 'teams',
    subject: result.team,
    action: `Wijken gewijzigd van ${list(result.before)} naar ${list(result.after)}.${moved.length ? ` ${moved.join('; ')}.` : ''}`,
    before: { areas: result.before },
    after: { areas: result.after, moved: result.moved },
  });
  return teamView(tx, input.id);
}

export const approvalSettings = getApprovalSettings;

const settingLabels: Record<keyof ApprovalSettings, string> = {
  approvalThresholdCents: 'Vierogengrens voor beschikkingen',
  allocationChangeStepCents: 'Wijzigingsstap voor toewijzingen',
};

export async function changeApprovalSettings(tx: Tx, ctx: Actor, input: Partial<ApprovalSettings>) {
  const { before, after } = await setApprovalSettings(tx, ctx.tenantId, input);
  const changed = (Object.keys(settingLabels) as (keyof ApprovalSettings)[]).filter((k) => before[k] !== after[k]);
  for (const key of changed) {
    await recordChange(tx, ctx, {
      section: 'settings',
      subject: settingLabels[key],
      action: `${settingLabels[key]} gewijzigd van ${euro(before[key])} naar ${euro(after[key])}.`,
      before: { [key]: before[key] },
      after: { [key]: after[key] },
    });
  }
  return after;
}

export const listCaseTypes = caseTypes;

const isoTerm = (term: { amount: number; unit: 'days' | 'weeks' }) => `P${term.amount}${term.unit === 'weeks' ? 'W' : 'D'}`;

export async function changeCaseTypeTerms(tx: Tx, ctx: Actor, input: { code: string; researchTerm?: { amount: number; unit: 'days' | 'weeks' }; decisionTerm?: { amount: number; unit: 'days' | 'weeks' } }) {
  const result = await setCaseTypeTerms(tx, {
    code: input.code,
    ...(input.researchTerm ? { researchTerm: isoTerm(input.researchTerm) } : {}),
    ...(input.decisionTerm ? { decisionTerm: isoTerm(input.decisionTerm) } : {}),
  });
  const parts: string[] = [];
  if (result.before.researchTerm !== result.after.researchTerm) parts.push(`onderzoekstermijn van ${termText(result.before.researchTerm)} naar ${termText(result.after.researchTerm)}`);
  if (result.before.decisionTerm !== result.after.decisionTerm) parts.push(`beslistermijn van ${termText(result.before.decisionTerm)} naar ${termText(result.after.decisionTerm)}`);
  if (parts.length) {
    await recordChange(tx, ctx, { section: 'case_types', subject: result.name, action: `Gewijzigd: ${parts.join('; ')}.`, before: result.before, after: result.after });
  }
  return (await caseTypes(tx)).find((t) => t.code === input.code)!;
}

export async function listBudgets(tx: Tx, year: number) {
  return listBudgetsForYear(tx, year);
}

export async function addBudgetLine(tx: Tx, ctx: Actor, input: { code: string; name: string; law: Law | null }) {
  await createBudgetLine(tx, { tenantId: ctx.tenantId, ...input });
  await recordChange(tx, ctx, { section: 'budget_lines', subject: `${input.code} ${input.name}`, action: 'Begrotingspost aangemaakt.', before: null, after: { ...input } });
  return { code: input.code, name: input.name };
}

export async function changeBudget(tx: Tx, ctx: Actor, input: { code: string; year: number; budgetCents: number }) {
  const result = await setBudgetForYear(tx, { tenantId: ctx.tenantId, ...input });
  if (result.before !== result.after) {
    await recordChange(tx, ctx, {
      section: 'budget_lines',
      subject: `${input.code} ${result.name}`,
      action: `Budget ${input.year} gewijzigd van ${euro(result.before)} naar ${euro(result.after)}.`,
      before: { year: input.year, budgetCents: result.before },
      after: { year: input.year, budgetCents: result.after },
    });
  }
  return { code: input.code, name: result.name, year: input.year, budgetCents: result.after };
}
