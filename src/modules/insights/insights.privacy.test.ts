import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellKey, suppressCells, type Cell, type PrivacyRule } from './insights.privacy.js';
import { trafficLight } from './insights.status.js';

const count: PrivacyRule = { threshold: 10, counts: ['numerator'], hasBreakdown: false };
const ratio: PrivacyRule = { threshold: 10, counts: ['numerator', 'denominator'], hasBreakdown: false };
const cell = (kpiId: string, scope: string, numerator: number, denominator = 0, breakdown = '', month = '2025-03-01'): Cell => ({ kpiId, breakdown, month, scope, numerator, denominator, subjects: numerator });
const shown = (cells: Cell[], rules: Map<string, PrivacyRule>, links: [string, string][] = []) => {
  const hidden = suppressCells(cells, rules, links);
  return Object.fromEntries(cells.map((c) => [`${c.kpiId}:${c.breakdown || '*'}:${c.scope}`, hidden.has(cellKey(c)) ? '<10' : c.numerator]));
};

describe('suppressCells', () => {
  it('hides counts below 10, zero included, and shows the rest', () => {
    const cells = [cell('k', 'total', 60), cell('k', 'A', 30), cell('k', 'B', 30), cell('k', 'C', 0)];
    // C alone would be total − A − B = 0: a second area goes with it.
    expect(shown(cells, new Map([['k', count]]))).toEqual({ 'k:*:total': 60, 'k:*:A': '<10', 'k:*:B': 30, 'k:*:C': '<10' });
  });

  it('suppresses a second area when one small area could be derived from the total', () => {
    const cells = [cell('k', 'total', 40), cell('k', 'A', 25), cell('k', 'B', 12), cell('k', 'C', 3)];
    expect(shown(cells, new Map([['k', count]]))).toEqual({ 'k:*:total': 40, 'k:*:A': 25, 'k:*:B': '<10', 'k:*:C': '<10' });
  });

  it('keeps suppressing until the hidden areas together hold at least 10', () => {
    const cells = [cell('k', 'total', 60), cell('k', 'A', 4), cell('k', 'B', 3), cell('k', 'C', 11), cell('k', 'D', 42)];
    // A + B = 7 < 10 would reveal that two areas together have 7: C is hidden too.
    expect(shown(cells, new Map([['k', count]]))).toEqual({ 'k:*:total': 60, 'k:*:A': '<10', 'k:*:B': '<10', 'k:*:C': '<10', 'k:*:D': 42 });
  });

  it('hides both of two areas, leaving only their sum, the total', () => {
    const cells = [cell('k', 'total', 15), cell('k', 'A', 12), cell('k', 'B', 3)];
    expect(shown(cells, new Map([['k', count]]))).toEqual({ 'k:*:total': 15, 'k:*:A': '<10', 'k:*:B': '<10' });
  });

  it('hides the margin when no other part can protect a small one', () => {
    // Distinct clients over product categories need not add up: one category of 9 under a total of 10.
    const rule: PrivacyRule = { threshold: 10, counts: ['subjects'], hasBreakdown: true };
    const cells = [cell('c', 'total', 10, 0, ''), cell('c', 'total', 9, 0, 'x')];
    expect(shown(cells, new Map([['c', rule]]))).toEqual({ 'c:*:total': '<10', 'c:x:total': '<10' });
  });

  it('checks numerator and denominator of a percentage', () => {
    const cells = [cell('p', 'total', 30, 100), cell('p', 'A', 25, 60), cell('p', 'B', 5, 40)];
    // B's numerator is 5: B is hidden, so A must be too (30 − 25 = 5).
    expect(shown(cells, new Map([['p', ratio]]))).toEqual({ 'p:*:total': 30, 'p:*:A': '<10', 'p:*:B': '<10' });
  });

  it('protects breakdowns against their total as well as areas against theirs', () => {
    const rule: PrivacyRule = { threshold: 10, counts: ['subjects'], hasBreakdown: true };
    const cells = [
      cell('c', 'total', 50, 0, ''), cell('c', 'A', 30, 0, ''), cell('c', 'B', 20, 0, ''),
      cell('c', 'total', 45, 0, 'x'), cell('c', 'A', 28, 0, 'x'), cell('c', 'B', 17, 0, 'x'),
      cell('c', 'total', 5, 0, 'y'), cell('c', 'A', 2, 0, 'y'), cell('c', 'B', 3, 0, 'y'),
    ];
    const result = shown(cells, new Map([['c', rule]]));
    // y is small everywhere; then x must hide too, in total and per area (all − y would give x).
    expect(result['c:y:total']).toBe('<10');
    expect(result['c:x:total']).toBe('<10');
    expect(result['c:x:A']).toBe('<10');
    expect(result['c:*:total']).toBe(50);
  });

  it('suppresses inflow and outflow together', () => {
    const cells = [cell('in', 'total', 40), cell('in', 'A', 20), cell('in', 'B', 20), cell('out', 'total', 40), cell('out', 'A', 35), cell('out', 'B', 5)];
    const result = shown(cells, new Map([['in', count], ['out', count]]), [['in', 'out']]);
    expect(result).toMatchObject({ 'out:*:A': '<10', 'out:*:B': '<10', 'in:*:A': '<10', 'in:*:B': '<10' });
  });

  it('never leaves a small count visible or derivable by total minus parts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 8 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0);
        const cells = [cell('k', 'total', total), ...parts.map((n, i) => cell('k', `W${i}`, n))];
        const hidden = suppressCells(cells, new Map([['k', count]]));
        for (const c of cells) if (c.numerator < 10) expect(hidden.has(cellKey(c))).toBe(true);
        if (!hidden.has(cellKey(cells[0]!))) {
          const hiddenParts = cells.slice(1).filter((c) => hidden.has(cellKey(c)));
          if (hiddenParts.length > 0) {
            expect(hiddenParts.length).toBeGreaterThanOrEqual(2);
            expect(hiddenParts.reduce((s, c) => s + c.numerator, 0)).toBeGreaterThanOrEqual(10);
          }
        }
      }),
    );
  });
});

describe('trafficLight', () => {
  it('is green on target, amber within 10 %, red beyond, by direction', () => {
    expect(trafficLight(90, 90, 'higher')).toBe('green');
    expect(trafficLight(82, 90, 'higher')).toBe('amber');
    expect(trafficLight(80, 90, 'higher')).toBe('red');
    expect(trafficLight(30, 30, 'lower')).toBe('green');
    expect(trafficLight(33, 30, 'lower')).toBe('amber');
    expect(trafficLight(34, 30, 'lower')).toBe('red');
    expect(trafficLight(null, 30, 'lower')).toBe('none');
    expect(trafficLight(10, null, 'lower')).toBe('none');
  });
});
