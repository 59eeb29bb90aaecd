import type { signalRowToSignal } from './signal.service.js';

type Signal = ReturnType<typeof signalRowToSignal>;

const statusLabels: Record<Signal['status'], string> = {
  nieuw: 'nieuw',
  in_behandeling: 'in behandeling',
  afgehandeld: 'afgehandeld',
  onterecht: 'onterecht',
  opgelost: 'opgelost',
};

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet does not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function factsText(facts: Record<string, unknown>): string {
  return Object.entries(facts)
    .map(([k, v]) => `${k.replaceAll('_', ' ')}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

/** The worklist as CSV with semicolons (as Dutch spreadsheets expect) and a BOM for the accents. */
export function signalsToCsv(signals: Signal[]): string {
  const header = ['signaal', 'regel', 'ernst', 'status', 'inwoner', 'gebied', 'uiterlijk', 'geopend', 'team', 'medewerker', 'feiten'];
  const lines = signals.map((s) =>
    [
      s.id,
      s.rule.title,
      s.rule.severity,
      statusLabels[s.status],
      s.resident?.name ?? '',
      s.area?.name ?? '',
      s.dueOn,
      s.openedAt.slice(0, 10),
      s.assignee.team?.name ?? '',
      s.assignee.user?.name ?? '',
      factsText(s.facts),
    ]
      .map(cell)
      .join(';'),
  );
  return `\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`;
}
