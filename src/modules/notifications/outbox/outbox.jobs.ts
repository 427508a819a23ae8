import { Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { QueueService } from 'src/queue/queue.service';
import { OutboxRelayService } from 'src/modules/notifications/outbox/outbox-relay.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';

export const OUTBOX_RELAY_SCHEDULER = 'outbox-relay-every';

/** Registers the outbox jobs; in the worker role, installs the relay's job scheduler (every OUTBOX_RELAY_EVERY_MS). */
@Injectable()
export class OutboxJobs implements OnModuleInit, OnApplicationBootstrap {

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly relay: OutboxRelayService,
    private readonly outbox: OutboxService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register('outbox.relay', async () => ({ relayed: await this.relay.relayPending() }));
    this.registry.register('outbox.dispatch', async (event) => ({
      subscribers: await this.outbox.dispatch(event),
    }));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.app.role === 'api') return;
    await this.queues.installSchedulers('outbox', [
      {
        id: OUTBOX_RELAY_SCHEDULER,
        repeat: { every: this.config.notifications.outboxRelayEveryMs },
        template: { name: 'outbox.relay', data: { reason: 'scheduler' } },
      },
    ]);
  }
}
