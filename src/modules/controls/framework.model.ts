// The model of a control framework (controlkader) and the one validator every way in uses: the shipped
// frameworks, an xlsx import and an edit in the web app. A framework is three flat lists, as the workbook
// has three sheets: the process steps (in order, each may name the steps it follows), the risks per
// step and the controls per risk. The validator returns every error with the list, the position and the
// field it is about, so that the import can name sheet, row and column and the API a field path.

import { automatedControlIds } from './automated-control-ids.js';
import { roles, roleLabels } from '../../platform/auth/roles.js';

export const processes = ['wmo', 'jeugd', 'participatiewet', 'beschermd-wonen', 'wsw-mtb'] as const;
export type ControlProcess = (typeof processes)[number];
export const processLabels: Record<ControlProcess, string> = {
  wmo: 'Wmo 2015',
  jeugd: 'Jeugdwet',
  participatiewet: 'Participatiewet',
  'beschermd-wonen': 'Beschermd Wonen',
  'wsw-mtb': 'Wsw / MTB',
};
export const isProcess = (value: string): value is ControlProcess => (processes as readonly string[]).includes(value);

export const controlKinds = ['preventief', 'detectief'] as const;
export type ControlKind = (typeof controlKinds)[number];
export const controlFrequencies = ['continu', 'maandelijks', 'per kwartaal', 'jaarlijks'] as const;
export type ControlFrequency = (typeof controlFrequencies)[number];
export const impactTypes = ['fout', 'onzekerheid'] as const;
export type ImpactType = (typeof impactTypes)[number];

/** The roles that can own a control: every staff role (a resident owns no control). */
export const ownerRoles = roles.filter((r) => r !== 'resident');

export interface FrameworkStep {
  code: string;
  name: string;
  /** The codes of the steps this step follows; empty for a first step. */
  follows: string[];
}
export interface FrameworkRisk {
  code: string;
  stepCode: string;
  description: string;
}
export interface FrameworkControl {
  code: string;
  riskCode: string;
  description: string;
  kind: ControlKind;
  frequency: ControlFrequency;
  /** A role of src/platform/auth/roles.ts. */
  owner: string;
  /** The legal or policy norm the control tests. */
  norm: string;
  impactType: ImpactType;
  /** The automated control that performs it (automated-control-ids.ts); null for a manual control. */
  automatedControlId: string | null;
}
export interface FrameworkContent {
  steps: FrameworkStep[];
  risks: FrameworkRisk[];
  controls: FrameworkControl[];
}

export type ContentList = keyof FrameworkContent;
export interface ContentError {
  list: ContentList;
  /** Position in the list, from 0; -1 for an error about the list as a whole. */
  index: number;
  field: string;
  message: string;
}

export const CODE = /^[A-Za-z0-9._-]{1,40}$/;

/** The role a cell names: its code (controller) or its Dutch label (Controller), any case. */
export function roleOf(value: string): string | null {
  const v = value.trim().toLowerCase();
  return ownerRoles.find((r) => r === v || roleLabels[r].toLowerCase() === v) ?? null;
}

const listText = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Every error of a framework's content; empty when it can be stored. */
export function checkFramework(content: FrameworkContent): ContentError[] {
  const errors: ContentError[] = [];
  const add = (list: ContentList, index: number, field: string, message: string) => errors.push({ list, index, field, message });
  const text = (list: ContentList, index: number, field: string, value: string, what: string, max: number) => {
    if (value.trim().length === 0) add(list, index, field, `vul ${what} in.`);
    else if (value.length > max) add(list, index, field, `${what} is te lang (hoogstens ${max} tekens).`);
  };
  const codes = (list: ContentList, items: { code: string }[], what: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (!CODE.test(item.code)) add(list, i, 'code', `'${item.code}' is geen geldige code voor een ${what}: gebruik 1 tot 40 letters, cijfers, punten, streepjes of lage streepjes.`);
      else if (seen.has(item.code)) add(list, i, 'code', `de code '${item.code}' staat twee keer in de lijst; elke ${what} heeft een eigen code.`);
      seen.add(item.code);
    });
    return seen;
  };

  if (content.steps.length === 0) add('steps', -1, 'code', 'een kader heeft minstens één processtap.');
  const stepCodes = codes('steps', content.steps, 'processtap');
  content.steps.forEach((s, i) => {
    text('steps', i, 'name', s.name, 'de naam van de stap', 200);
    for (const f of s.follows) {
      if (f === s.code) add('steps', i, 'follows', `stap '${s.code}' kan niet op zichzelf volgen.`);
      else if (!stepCodes.has(f)) add('steps', i, 'follows', `stap '${f}' bestaat niet in dit kader.`);
    }
  });
  for (const cycle of loops(content.steps)) {
    const index = content.steps.findIndex((s) => s.code === cycle[0]);
    add('steps', index, 'follows', `de stappen volgen in een kring op elkaar (${[...cycle, cycle[0]].join(' → ')}); een proces moet een begin hebben.`);
  }

  const riskCodes = codes('risks', content.risks, 'risico');
  const risksWithControl = new Set(content.controls.map((c) => c.riskCode));
  content.risks.forEach((r, i) => {
    if (!stepCodes.has(r.stepCode)) add('risks', i, 'stepCode', r.stepCode ? `processtap '${r.stepCode}' bestaat niet in dit kader.` : 'vul de processtap in waar het risico bij hoort.');
    text('risks', i, 'description', r.description, 'de omschrijving van het risico', 500);
    if (CODE.test(r.code) && !risksWithControl.has(r.code)) add('risks', i, 'code', `risico '${r.code}' heeft geen beheersmaatregel; elk risico heeft er minstens één.`);
  });

  codes('controls', content.controls, 'beheersmaatregel');
  content.controls.forEach((c, i) => {
    if (!riskCodes.has(c.riskCode)) add('controls', i, 'riskCode', c.riskCode ? `risico '${c.riskCode}' bestaat niet in dit kader.` : 'vul het risico in dat de maatregel afdekt.');
    text('controls', i, 'description', c.description, 'de omschrijving van de maatregel', 500);
    if (!(controlKinds as readonly string[]).includes(c.kind)) add('controls', i, 'kind', `'${c.kind}' is geen soort maatregel; kies uit ${listText(controlKinds)}.`);
    if (!(controlFrequencies as readonly string[]).includes(c.frequency)) add('controls', i, 'frequency', `'${c.frequency}' is geen frequentie; kies uit ${listText(controlFrequencies)}.`);
    if (!(ownerRoles as readonly string[]).includes(c.owner)) add('controls', i, 'owner', `'${c.owner}' is geen rol in Koers; kies uit ${listText(ownerRoles)}.`);
    text('controls', i, 'norm', c.norm, 'de wettelijke of beleidsnorm die de maatregel toetst', 500);
    if (!(impactTypes as readonly string[]).includes(c.impactType)) add('controls', i, 'impactType', `'${c.impactType}' is geen soort financiële impact; kies uit ${listText(impactTypes)}.`);
    if (c.automatedControlId !== null && !(automatedControlIds as readonly string[]).includes(c.automatedControlId)) {
      add('controls', i, 'automatedControlId', `'${c.automatedControlId}' is geen geautomatiseerde controle van Koers; kies uit ${listText(automatedControlIds)} of laat de cel leeg.`);
    }
  });
  return errors;
}

/** The loops in the "follows" relation, each as the list of step codes around it (reported once). */
function loops(steps: FrameworkStep[]): string[][] {
  const follows = new Map(steps.map((s) => [s.code, s.follows]));
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const path: string[] = [];
  const visit = (code: string) => {
    state.set(code, 'open');
    path.push(code);
    for (const next of follows.get(code) ?? []) {
      if (next === code || !follows.has(next)) continue;
      if (state.get(next) === 'open') found.push(path.slice(path.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(code, 'done');
  };
  for (const s of steps) if (!state.has(s.code)) visit(s.code);
  return found;
}
