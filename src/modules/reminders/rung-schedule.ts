import {
  businessDateOf,
  businessInstant,
  shiftDate,
  type ReminderCalendar,
} from 'src/modules/reminders/reminder-calendar';

export const RUNGS = ['BEFORE_DUE', 'DUE_DAY', 'OVERDUE', 'ESCALATE'] as const;
export type Rung = (typeof RUNGS)[number];

/** The escalation ladder of a procedure (or the default from settings). */
export interface Ladder {
  daysBefore: number;
  escalateAfterDays: number;
  rungs: Rung[];
}

/** Office hours in business time, 'HH:MM'. Officer reminders fire only inside them, on working days. */
export interface WorkdayHours {
  start: string;
  end: string;
}

const MAX_SCAN_DAYS = 400;

/** The first working instant at or after `at`: `at` itself inside office hours of a working day, else the next opening. */
export async function nextWorkingInstant(
  at: Date,
  calendar: ReminderCalendar,
  hours: WorkdayHours,
): Promise<Date> {
  let date = businessDateOf(at);
  if (await calendar.isWorkingDay(date)) {
    if (at < businessInstant(date, hours.start)) return businessInstant(date, hours.start);
    if (at < businessInstant(date, hours.end)) return at;
  }
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    date = shiftDate(date, 1);
    if (await calendar.isWorkingDay(date)) return businessInstant(date, hours.start);
  }
  throw new Error(`No working day within ${MAX_SCAN_DAYS} days after ${date}`);
}

/** Whether `at` is inside office hours of a working day. */
export async function isWorkingInstant(
  at: Date,
  calendar: ReminderCalendar,
  hours: WorkdayHours,
): Promise<boolean> {
  return (await nextWorkingInstant(at, calendar, hours)).getTime() === at.getTime();
}

/** Moves `n` working days from `date` (negative: backwards); 0 returns the date itself. */
export async function shiftWorkingDays(date: string, n: number, calendar: ReminderCalendar): Promise<string> {
  let d = date;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  for (let i = 0; left > 0; i++) {
    if (i > Math.abs(n) * 7 + MAX_SCAN_DAYS) throw new Error(`No ${n} working days from ${date}`);
    d = shiftDate(d, step);
    if (await calendar.isWorkingDay(d)) left--;
  }
  return d;
}

/**
 * When each rung of the ladder fires for a step due at `due` (the end of the due day `dueDate`), all at working
 * instants: BEFORE_DUE at the opening of the working day `daysBefore` working days before the due date; DUE_DAY at
 * the opening of the due date; OVERDUE at the first working instant after `due`; ESCALATE `escalateAfterDays`
 * working days after that, at the opening (at once with OVERDUE when 0).
 */
export async function rungTimes(
  step: { due: Date; dueDate: string },
  ladder: Ladder,
  calendar: ReminderCalendar,
  hours: WorkdayHours,
): Promise<Array<{ rung: Rung; dueAt: Date }>> {
  const out: Array<{ rung: Rung; dueAt: Date }> = [];
  const opening = (date: string): Date => businessInstant(date, hours.start);
  if (ladder.rungs.includes('BEFORE_DUE') && ladder.daysBefore > 0) {
    const date = await shiftWorkingDays(step.dueDate, -ladder.daysBefore, calendar);
    out.push({ rung: 'BEFORE_DUE', dueAt: await nextWorkingInstant(opening(date), calendar, hours) });
  }
  if (ladder.rungs.includes('DUE_DAY')) {
    out.push({ rung: 'DUE_DAY', dueAt: await nextWorkingInstant(opening(step.dueDate), calendar, hours) });
  }
  const overdueAt = await nextWorkingInstant(new Date(step.due.getTime() + 1), calendar, hours);
  if (ladder.rungs.includes('OVERDUE')) out.push({ rung: 'OVERDUE', dueAt: overdueAt });
  if (ladder.rungs.includes('ESCALATE')) {
    const dueAt =
      ladder.escalateAfterDays === 0
        ? overdueAt
        : opening(await shiftWorkingDays(businessDateOf(overdueAt), ladder.escalateAfterDays, calendar));
    out.push({ rung: 'ESCALATE', dueAt });
  }
  return out;
}
