import { Module } from '@nestjs/common';
import { DossiersModule } from 'src/modules/dossiers/dossiers.module';
import { CalendarReminderAdapter } from 'src/modules/reminders/calendar-reminder.adapter';
import { DossierEventsSubscriber } from 'src/modules/reminders/dossier-events.subscriber';
import { DossierFactsPort, DossierServiceFacts } from 'src/modules/reminders/dossier-facts.port';
import { ReminderCalendar } from 'src/modules/reminders/reminder-calendar';
import { ReminderSweepService } from 'src/modules/reminders/reminder-sweep.service';
import { RemindersJobs } from 'src/modules/reminders/reminders.jobs';
import { RemindersService } from 'src/modules/reminders/reminders.service';

/**
 * Deadline reminders and escalations: the rung ledger in PostgreSQL, fire jobs and sweeps on BullMQ, notifications
 * through NotificationsService (global).
 */
@Module({
  imports: [DossiersModule],
  providers: [
    { provide: ReminderCalendar, useClass: CalendarReminderAdapter },
    RemindersService,
    ReminderSweepService,
    RemindersJobs,
    { provide: DossierFactsPort, useClass: DossierServiceFacts },
    DossierEventsSubscriber,
  ],
  exports: [RemindersService, ReminderSweepService],
})
export class RemindersModule {}
