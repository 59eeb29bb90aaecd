// Dutch municipal dates are Amsterdam dates: "today", "this month" and a month's end are decided
// in Europe/Amsterdam, not in UTC (between 00:00 and 02:00 the two disagree).

const ZONE = 'Europe/Amsterdam';
const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** 'yyyy-mm-dd' in Amsterdam. */
export function todayInAmsterdam(now = new Date()): string {
  return dateFormat.format(now);
}

/** 'yyyy-mm' in Amsterdam. */
export function currentMonthInAmsterdam(now = new Date()): string {
  return todayInAmsterdam(now).slice(0, 7);
}

/** The instant at which `date` ('yyyy-mm-dd') begins in Amsterdam. */
export function startOfDayInAmsterdam(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(wallClock.formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess - (wall - guess));
}
