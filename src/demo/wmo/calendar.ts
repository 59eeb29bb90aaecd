// The working days of the generated period: the 365 days before `today` (for the 'demo' size 18
// months, so that its 12-month trend starts with care already running and ending: no ramp-up).

import { addDays, isNonWorkingDay } from '../../platform/calendar.js';
import { PERIOD_DAYS } from './distributions.js';
import type { SeedRun } from './types.js';

export interface SeedCalendar {
  /** Working days from a year ago up to (not including) today, in order. */
  workingDays: string[];
  workingDayOnOrAfter: (date: string) => string;
  /** Midnight of today in Amsterdam. */
  startOfToday: Date;
}

export function seedCalendar(run: SeedRun): SeedCalendar {
  const { today, at } = run;
  const firstDay = addDays(today, -PERIOD_DAYS[run.size]);
  const workingDays: string[] = [];
  for (let d = firstDay; d < today; d = addDays(d, 1)) if (!isNonWorkingDay(d)) workingDays.push(d);
  const workingDayOnOrAfter = (date: string) => {
    let d = date;
    while (isNonWorkingDay(d)) d = addDays(d, 1);
    return d;
  };
  return { workingDays, workingDayOnOrAfter, startOfToday: at(today, 0) };
}
