import { Injectable } from '@nestjs/common';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';
import { ReminderCalendar } from 'src/modules/reminders/reminder-calendar';

/** Reminders on the department's working calendar (holidays, compensatory days, overrides) from the calendar module. */
@Injectable()
export class CalendarReminderAdapter extends ReminderCalendar {
  constructor(private readonly calendar: WorkingCalendarService) {
    super();
  }

  isWorkingDay(date: string): Promise<boolean> {
    return Promise.resolve(this.calendar.isWorkingDay(date));
  }
}
