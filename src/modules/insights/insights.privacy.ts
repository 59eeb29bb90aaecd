// Small-count suppression for aggregates. Pure functions, so the rules are unit-tested on their own.
//
// 1. Primary: a cell whose privacy-relevant count (people, cases, contacts) is below the threshold
//    is suppressed (shown as "<10") — zero included.
// 2. Complementary: a shown margin (the total over areas, or over breakdowns) must not give away a
//    suppressed part by subtraction. So a margin's suppressed parts are never alone, and together
//    they hold at least `threshold` in every count; otherwise the smallest shown part is suppressed
//    as well, and when no part is left, the margin itself.
// 3. Linked KPIs (inflow and outflow: clients(m) − clients(m−1) = inflow − outflow) are suppressed
//    together for the same month and area.
// The rules are applied until nothing changes; suppression only ever grows, so this ends.

import type { PrivacyCount } from './insights.kpis.js';

export interface Cell {
  kpiId: string;
  breakdown: string;
  month: string;
  /** An area code, '-' (no area) or 'total'. */
  scope: string;
  numerator: number;
  denominator: number;
  subjects: number;
}

export interface PrivacyRule {
  threshold: number;
  counts: readonly PrivacyCount[];
  /** The breakdowns add up to the '' breakdown (product categories, budget lines). */
  hasBreakdown: boolean;
}

export const cellKey = (c: Pick<Cell, 'kpiId' | 'breakdown' | 'month' | 'scope'>): string => `${c.kpiId}|${c.breakdown}|${c.month}|${c.scope}`;

const countsOf = (cell: Cell, rule: PrivacyRule): number[] => rule.counts.map((c) => cell[c]);

/** The keys of the cells to suppress. Cells for every area and breakdown must be present (zeros included). */
export function suppressCells(cells: readonly Cell[], rules: ReadonlyMap<string, PrivacyRule>, links: readonly (readonly [string, string])[] = []): Set<string> {
  const byKey = new Map(cells.map((c) => [cellKey(c), c]));
  const suppressed = new Set<string>();
  const ruleOf = (c: Cell) => rules.get(c.kpiId)!;
  for (const cell of cells) if (countsOf(cell, ruleOf(cell)).some((n) => n < ruleOf(cell).threshold)) suppressed.add(cellKey(cell));

  // Margins and their parts: over areas (per breakdown), and over breakdowns (per area) when there are breakdowns.
  const groups = new Map<string, { margin: string; parts: string[] }>();
  const addPart = (groupKey: string, margin: string, part: string) => {
    const group = groups.get(groupKey) ?? { margin, parts: [] };
    group.parts.push(part);
    groups.set(groupKey, group);
  };
  for (const cell of cells) {
    const key = cellKey(cell);
    if (cell.scope !== 'total') addPart(`a|${cell.kpiId}|${cell.breakdown}|${cell.month}`, cellKey({ ...cell, scope: 'total' }), key);
    if (ruleOf(cell).hasBreakdown && cell.breakdown !== '') addPart(`b|${cell.kpiId}|${cell.scope}|${cell.month}`, cellKey({ ...cell, breakdown: '' }), key);
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const { margin, parts } of groups.values()) {
      const marginCell = byKey.get(margin);
      if (!marginCell || suppressed.has(margin)) continue;
      const rule = ruleOf(marginCell);
      const hidden = parts.filter((p) => suppressed.has(p));
      if (hidden.length === 0) continue;
      const safe = () => hidden.length >= 2 && rule.counts.every((c) => hidden.reduce((sum, p) => sum + byKey.get(p)![c], 0) >= rule.threshold);
      while (!safe()) {
        const next = parts
          .filter((p) => !suppressed.has(p))
          .sort((a, b) => Math.min(...countsOf(byKey.get(a)!, rule)) - Math.min(...countsOf(byKey.get(b)!, rule)) || (a < b ? -1 : 1))[0];
        if (!next) break;
        suppressed.add(next);
        hidden.push(next);
        changed = true;
      }
      if (!safe()) {
        suppressed.add(margin);
        changed = true;
      }
    }
    for (const [a, b] of links) {
      for (const cell of cells) {
        if (cell.kpiId !== a && cell.kpiId !== b) continue;
        const other = cellKey({ ...cell, kpiId: cell.kpiId === a ? b : a });
        if (suppressed.has(cellKey(cell)) && byKey.has(other) && !suppressed.has(other)) {
          suppressed.add(other);
          changed = true;
        }
      }
    }
  }
  return suppressed;
}

export const SUPPRESSED_DISPLAY = '<10';
