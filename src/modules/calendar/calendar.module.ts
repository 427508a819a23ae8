import { Global, Module } from '@nestjs/common';
import { CalendarController } from 'src/modules/calendar/api/calendar.controller';
import { CalendarResolver } from 'src/modules/calendar/api/calendar.resolver';
import { CalendarAdminService } from 'src/modules/calendar/calendar-admin.service';
import { DeadlineLedgerService } from 'src/modules/calendar/deadline-ledger.service';
import { WorkingCalendarService } from 'src/modules/calendar/working-calendar.service';

/**
 * Working-day calendar (statutory holidays, lunar Tết, announced schedules as versioned overrides, receipt cut-off)
 * and the deadline ledger. Global: every module injects WorkingCalendarService / DeadlineLedgerService.
 */
@Global()
@Module({
  controllers: [CalendarController],
  providers: [WorkingCalendarService, CalendarAdminService, DeadlineLedgerService, CalendarResolver],
  exports: [WorkingCalendarService, DeadlineLedgerService],
})
export class CalendarModule {}
