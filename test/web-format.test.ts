// The web app's Dutch formatting (web/src/format.ts): dates, moments, months, money and durations.
import { describe, expect, it } from 'vitest';
import { count, dayOf, formatDate, formatDateTime, formatDuration, formatMoney, formatMonth, parseMoney } from '../web/src/format.js';

const nbsp = '\u00a0';

describe('web formatting in Dutch', () => {
  it('writes a date as dd-mm-jjjj, also from a moment (in Amsterdam time)', () => {
    expect(formatDate('2026-12-02')).toBe('02-12-2026');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01-01-2027');
    expect(formatDate(null)).toBe('—');
    expect(dayOf('2026-12-31T23:30:00Z')).toBe('2027-01-01');
  });

  it('writes a moment as dd-mm-jjjj uu:mm in Amsterdam time, summer and winter', () => {
    expect(formatDateTime('2026-07-01T08:05:09Z')).toBe('01-07-2026 10:05');
    expect(formatDateTime('2026-01-15T08:05:09Z', { seconds: true })).toBe('15-01-2026 09:05:09');
  });

  it('reads an amount typed in euros the Dutch way, as whole cents', () => {
    expect(parseMoney('7.500')).toBe(750_000);
    expect(parseMoney('€ 7.500,00')).toBe(750_000);
    expect(parseMoney(`€${nbsp}1.234.567,8`)).toBe(123_456_780);
    expect(parseMoney('12,5')).toBe(1250);
    expect(parseMoney('7500.50')).toBe(750_050);
    expect(parseMoney('0')).toBe(0);
    for (const wrong of ['', 'vijf', '-5', '7,500.00', '1.5.0', '12,345']) expect(parseMoney(wrong)).toBeNull();
  });

  it('writes a month by name', () => {
    expect(formatMonth('2026-10')).toBe('oktober 2026');
    expect(formatMonth('2023-05')).toBe('mei 2023');
    expect(formatMonth('2023-13')).toBe('2023-13');
  });

  it('writes money from cents as euros with Dutch separators', () => {
    expect(formatMoney(186000)).toBe(`€${nbsp}1.860,00`);
    expect(formatMoney(5)).toBe(`€${nbsp}0,05`);
    expect(formatMoney(-12345)).toBe(`€${nbsp}-123,45`);
    expect(formatMoney(186049, { whole: true })).toBe(`€${nbsp}1.860`);
  });

  it('writes an ISO duration in weeks and days', () => {
    expect(formatDuration('P2W')).toBe('2 weken');
    expect(formatDuration('P10D')).toBe('10 dagen');
    expect(formatDuration('P1W')).toBe('1 week');
    expect(formatDuration('P1W3D')).toBe('1 week en 3 dagen');
    expect(formatDuration('P1D')).toBe('1 dag');
    expect(formatDuration('P')).toBe('P');
    expect(formatDuration('P1M')).toBe('P1M');
  });

  it('counts in singular and plural', () => {
    expect(count(1, 'dag', 'dagen')).toBe('1 dag');
    expect(count(8, 'dag', 'dagen')).toBe('8 dagen');
  });
});
