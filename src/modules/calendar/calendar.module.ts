import { Global, Module } from '@nestjs/common';
import { CalendarAdminService } from 'src/modules/calendar/calendar-admin.service';
import { DeadlineLedgerService } from 'src/modules/calendar/deadline-ledger.service';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

/**
 * Working-day calendar (statutory holidays, lunar Tết, announced schedules as versioned overrides, receipt cut-off)
 * and the deadline ledger. Global: every module injects WorkingCalendarService / DeadlineLedgerService.
 */
@Global()
@Module({
  controllers: [],
  providers: [WorkingCalendarService, CalendarAdminService, DeadlineLedgerService],
  exports: [WorkingCalendarService, DeadlineLedgerService],
})
export class CalendarModule {}
