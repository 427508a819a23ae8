import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { BUSINESS_TIME_ZONE } from 'src/config/business-time';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';
import { ReminderSweepService } from 'src/modules/reminders/reminder-sweep.service';

export const SWEEP_SCHEDULER = 'reminders-sweep-every-minute';
export const RECONCILE_SCHEDULER = 'reminders-reconcile-daily';

/** Registers the reminder jobs; in the worker role installs the minute sweep and the 06:00 reconciliation. */
@Injectable()
export class RemindersJobs implements OnModuleInit, OnApplicationBootstrap {

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly sweeper: ReminderSweepService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('reminders.fire', async (p) => this.sweeper.fireOne(p.rungId));
    this.registry.register('reminders.sweep', async (p) =>
      this.sweeper.sweep(p.reason === 'reconcile' ? 'reconcile' : 'scheduler'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role === 'api') return;
    await this.queues.installSchedulers('reminders', [
      {
        id: SWEEP_SCHEDULER,
        repeat: { pattern: '* * * * *', tz: BUSINESS_TIME_ZONE },
        template: { name: 'reminders.sweep', data: { reason: 'scheduler' }, opts: { attempts: 1 } },
      },
      {
        id: RECONCILE_SCHEDULER,
        repeat: { pattern: '0 6 * * *', tz: BUSINESS_TIME_ZONE },
        template: { name: 'reminders.sweep', data: { reason: 'reconcile' }, opts: { attempts: 3 } },
      },
    ]);
  }
}
