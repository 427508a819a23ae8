import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { NotificationsService } from 'src/modules/notifications/notifications.service';

/** Registers the delivery job: one attempt per run, BullMQ retries with the delivery's exponential backoff. */
@Injectable()
export class NotificationsJobs implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.registry.register('notifications.deliver', async (payload, job) =>
      this.notifications.deliver(payload.deliveryId, {
        made: job.attemptsMade,
        max: job.opts.attempts ?? 1,
      }),
    );
  }
}
