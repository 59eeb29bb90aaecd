import { describe, expect, it } from 'vitest';
import { roles } from '../../platform/auth/roles.js';
import { automatedControlIds } from './automated-control-ids.js';
import { automatedControls } from './automated/index.js';
import { SHIPPED_FRAMEWORKS } from './framework.data.js';
import { checkFramework, processes, roleOf, type FrameworkContent } from './framework.model.js';

const clone = (c: FrameworkContent): FrameworkContent => structuredClone(c);

describe('the shipped frameworks', () => {
  it('has one per process, each valid', () => {
    expect(Object.keys(SHIPPED_FRAMEWORKS).sort()).toEqual([...processes].sort());
    for (const process of processes) expect({ process, errors: checkFramework(SHIPPED_FRAMEWORKS[process]) }).toEqual({ process, errors: [] });
  });

  it('refers only to automated controls that exist, and to roles that exist', () => {
    for (const process of processes) {
      for (const c of SHIPPED_FRAMEWORKS[process].controls) {
        if (c.automatedControlId !== null) expect(automatedControlIds).toContain(c.automatedControlId);
        expect(roles).toContain(c.owner);
      }
    }
  });

  it('Wmo and Participatiewet use the automated controls that fit them, every framework only controls that run for its process; the others are mostly manual', () => {
    const used = (process: keyof typeof SHIPPED_FRAMEWORKS) => SHIPPED_FRAMEWORKS[process].controls.flatMap((c) => (c.automatedControlId ? [c.automatedControlId] : []));
    const runFor = (process: string): string[] => automatedControls.filter((c) => (c.processes as readonly string[]).includes(process)).map((c) => c.id);
    expect(new Set(used('wmo'))).toEqual(new Set(automatedControlIds.filter((id) => !id.startsWith('pw-'))));
    expect(new Set(used('participatiewet'))).toEqual(new Set(automatedControlIds.filter((id) => id.startsWith('pw-'))));
    for (const process of processes) for (const id of used(process)) expect({ process, id, runs: runFor(process).includes(id) }).toEqual({ process, id, runs: true });
    // The Jeugd framework names the declaration controls: they test iJw declarations too.
    expect(used('jeugd')).toEqual(expect.arrayContaining(['declaratie-buiten-toewijzing', 'declaratie-boven-tarief']));
    for (const process of ['jeugd', 'beschermd-wonen', 'wsw-mtb'] as const) {
      const controls = SHIPPED_FRAMEWORKS[process].controls;
      expect(used(process).length * 2).toBeLessThan(controls.length);
    }
  });

  it('covers the five risks the issue names', () => {
    const risks = processes.flatMap((p) => SHIPPED_FRAMEWORKS[p].risks.map((r) => r.description.toLowerCase()));
    for (const phrase of ['zorg geleverd zonder geldige beschikking', 'betaling na einde recht', 'declaratie boven het gecontracteerde tarief', 'beschikking zonder vier ogen boven de drempel', 'wettelijke termijn overschreden']) {
      expect(risks.some((r) => r.includes(phrase))).toBe(true);
    }
  });
});

describe('checkFramework', () => {
  const base = () => clone(SHIPPED_FRAMEWORKS.wmo);

  it('refuses a loop in the steps, naming the steps around it', () => {
    const c = base();
    c.steps[0]!.follows = [c.steps[2]!.code];
    const errors = checkFramework(c);
    expect(errors).toEqual([{ list: 'steps', index: 0, field: 'follows', message: expect.stringContaining('WMO-1 → WMO-3 → WMO-2 → WMO-1') }]);
  });

  it('refuses a step that follows itself or an unknown step', () => {
    const c = base();
    c.steps[1]!.follows = ['WMO-2', 'WMO-99'];
    expect(checkFramework(c).map((e) => [e.index, e.field, e.message])).toEqual([
      [1, 'follows', "stap 'WMO-2' kan niet op zichzelf volgen."],
      [1, 'follows', "stap 'WMO-99' bestaat niet in dit kader."],
    ]);
  });

  it('refuses a control pointing to an unknown risk, and a risk left without a control', () => {
    const c = base();
    const index = c.controls.findIndex((x) => x.riskCode === 'WMO-1.R1');
    c.controls[index]!.riskCode = 'WMO-1.R9';
    const errors = checkFramework(c);
    expect(errors).toContainEqual({ list: 'controls', index, field: 'riskCode', message: "risico 'WMO-1.R9' bestaat niet in dit kader." });
    expect(errors).toContainEqual({ list: 'risks', index: 0, field: 'code', message: expect.stringContaining('heeft geen beheersmaatregel') });
  });

  it('refuses an unknown automated control, role, kind, frequency and impact type, and a duplicate code', () => {
    const c = base();
    Object.assign(c.controls[0]!, { automatedControlId: 'alles-goed', owner: 'koning', kind: 'soms', frequency: 'wekelijks', impactType: 'misschien' });
    c.controls[1]!.code = c.controls[0]!.code;
    expect(checkFramework(c).map((e) => `${e.list}[${e.index}].${e.field}`).sort()).toEqual(
      ['controls[0].automatedControlId', 'controls[0].frequency', 'controls[0].impactType', 'controls[0].kind', 'controls[0].owner', 'controls[1].code'].sort(),
    );
  });

  it('refuses an empty framework', () => {
    expect(checkFramework({ steps: [], risks: [], controls: [] })).toEqual([{ list: 'steps', index: -1, field: 'code', message: 'een kader heeft minstens één processtap.' }]);
  });
});

describe('roleOf', () => {
  it('reads a role by code or Dutch label, never the resident', () => {
    expect(roleOf('controller')).toBe('controller');
    expect(roleOf(' Financieel medewerker ')).toBe('finance');
    expect(roleOf('resident')).toBeNull();
    expect(roleOf('koning')).toBeNull();
  });
});
