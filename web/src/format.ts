// One place for how the web app writes dates, months, money and durations in Dutch.
// Inputs are what the API sends: dates as 'yyyy-mm-dd', months as 'yyyy-mm', moments as ISO 8601,
// money as whole cents and durations as ISO 8601 weeks/days ('P2W', 'P10D', 'P1W3D').

const TIME_ZONE = 'Europe/Amsterdam';

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** '2026-12-02' (or an ISO moment) → '02-12-2026'. A moment is read in Amsterdam time. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : value.includes('T') ? amsterdamDate(new Date(value)) : value;
  const [y, m, d] = date.split('-');
  return d && m && y ? `${d}-${m}-${y}` : value;
}

/** '2026-12-02T09:05:00Z' → '02-12-2026 10:05' (Amsterdam time). */
export function formatDateTime(value: string | null | undefined, options: { seconds?: boolean } = {}): string {
  if (!value) return '—';
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime())) return value;
  const time = new Intl.DateTimeFormat('nl-NL', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', ...(options.seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' }).format(moment);
  return `${formatDate(amsterdamDate(moment))} ${time}`;
}

/** '2026-10' → 'oktober 2026'. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const name = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && name ? `${name} ${match[1]}` : month;
}

const euroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const wholeEuroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** 186000 (cents) → '€ 1.860,00'; with `{ whole: true }` → '€ 1.860'. */
export function formatMoney(cents: number, options: { whole?: boolean } = {}): string {
  // Intl separates the sign with a non-breaking space; keep it, so an amount never wraps.
  return (options.whole ? wholeEuroFormat : euroFormat).format(cents / 100);
}

/**
 * What someone typed as an amount in euros → whole cents, or null when it is no amount. Dutch first:
 * '7.500' and '7.500,00' are seven and a half thousand, '12,5' is twelve and a half; a '€' and spaces
 * are ignored, and '7500.50' (a decimal point with one or two digits) is read as written.
 */
export function parseMoney(text: string): number | null {
  const s = text.replace(/[€\s\u00a0]/g, '');
  let euros: string | undefined;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) euros = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+(,\d{1,2})?$/.test(s)) euros = s.replace(',', '.');
  else if (/^\d+\.\d{1,2}$/.test(s)) euros = s;
  if (euros === undefined) return null;
  const cents = Math.round(Number(euros) * 100);
  return Number.isSafeInteger(cents) ? cents : null;
}

/** 'P2W' → '2 weken', 'P10D' → '10 dagen', 'P1W3D' → '1 week en 3 dagen'; anything else unchanged. */
export function formatDuration(iso: string): string {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  if (!match || (match[1] === undefined && match[2] === undefined)) return iso;
  const parts = [];
  if (match[1] !== undefined) parts.push(count(Number(match[1]), 'week', 'weken'));
  if (match[2] !== undefined) parts.push(count(Number(match[2]), 'dag', 'dagen'));
  return parts.join(' en ');
}

/** 1 → '1 dag', 3 → '3 dagen'. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The Amsterdam calendar day of an ISO moment, as 'yyyy-mm-dd' (for sorting and <time dateTime>). */
export function dayOf(moment: string): string {
  return amsterdamDate(new Date(moment));
}

/** Today in Amsterdam as 'yyyy-mm-dd'. */
export function today(): string {
  return amsterdamDate(new Date());
}

/** This month in Amsterdam as 'yyyy-mm'. */
export function currentMonth(): string {
  return today().slice(0, 7);
}

function amsterdamDate(moment: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(moment);
}
