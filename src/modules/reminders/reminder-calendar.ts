import { Injectable } from '@nestjs/common';
import { BUSINESS_UTC_OFFSET_MINUTES } from 'src/config/business-time';

/**
 * The working-day calendar as reminders see it (dates 'YYYY-MM-DD' in business time). Bound to the calendar
 * module's WorkingCalendarService in the app (CalendarReminderAdapter); WeekdayCalendar is for tests and scripts.
 */
export abstract class ReminderCalendar {
  abstract isWorkingDay(date: string): Promise<boolean>;
}

/** Monday to Friday plus an optional fixed holiday list (tests, and the fallback before the calendar module). */
@Injectable()
export class WeekdayCalendar extends ReminderCalendar {
  constructor(private readonly holidays: ReadonlySet<string> = new Set()) {
    super();
  }
  isWorkingDay(date: string): Promise<boolean> {
    const day = new Date(`${date}T00:00:00Z`).getUTCDay();
    return Promise.resolve(day !== 0 && day !== 6 && !this.holidays.has(date));
  }
}

/** The business date (UTC+7) of an instant. */
export function businessDateOf(at: Date): string {
  return new Date(at.getTime() + BUSINESS_UTC_OFFSET_MINUTES * 60_000).toISOString().slice(0, 10);
}

/** The instant of a business-time wall clock `HH:MM` on a date. */
export function businessInstant(date: string, hhmm: string): Date {
  return new Date(`${date}T${hhmm}:00+07:00`);
}

export function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
