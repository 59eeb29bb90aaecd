// The mini-BRAP (budget report) of a domain for a month, per budget line:
//   budget      the line's budget for the year
//   realised    declarations for the months January … the report month
//   committed   commitments for the year as they stood at the end of the report month
//   forecast    the year-end forecast of the finance module (docs/finance-forecast.md) with the
//               months after the report month open and everything known at its end: realised,
//               plus each allocation's commitment share for the open months, plus new allocations
//               at the pace of the 12 months up to and including the report month
//   deviation   budget − forecast (negative: overspending)

import { sql } from 'kysely';
import type { Tx } from '../../db/tenancy.js';
import type { Law } from '../../db/column-types.js';
import { forecastPerLine } from '../finance/forecast.service.js';

export interface BrapLine {
  code: string;
  name: string;
  budgetCents: number;
  realisedCents: number;
  committedCents: number;
  forecastCents: number;
  deviationCents: number;
}

/** The month after `month` ('yyyy-mm'). */
export function nextMonth(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export async function computeBrap(tx: Tx, input: { law: Law; month: string }): Promise<BrapLine[]> {
  const year = Number(input.month.slice(0, 4));
  const lines = await sql<{ code: string; name: string; budget: string | null }>`
    select b.code, b.name, y.budget_cents as budget
    from budget_lines b
    left join budget_line_years y on y.code = b.code and y.year = ${year}
    where b.law = ${input.law} or exists (select 1 from products p where p.tenant_id = b.tenant_id and p.budget_line_code = b.code and p.law = ${input.law})
    order by b.code
  `.execute(tx);
  const open = nextMonth(input.month);
  const figures = await forecastPerLine(tx, { year, firstOpenMonth: open, knownOn: `${open}-01`, lineCodes: lines.rows.map((l) => l.code) });
  return lines.rows.map((l) => {
    const f = figures.get(l.code);
    const budgetCents = Number(l.budget ?? 0);
    const forecastCents = f?.forecastCents ?? 0;
    return {
      code: l.code,
      name: l.name,
      budgetCents,
      realisedCents: f?.realisedCents ?? 0,
      committedCents: f?.committedCents ?? 0,
      forecastCents,
      deviationCents: budgetCents - forecastCents,
    };
  });
}
