import { Global, Module } from '@nestjs/common';
import { OutboxJobs } from 'src/modules/notifications/outbox/outbox.jobs';
import { OutboxRelayService } from 'src/modules/notifications/outbox/outbox-relay.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';

/**
 * Transactional outbox, notification channels (inbox, email, webhook, SMS), deliveries with retries and replay.
 * Global: any module may append outbox events or send notifications through the exported services.
 */
@Global()
@Module({
  providers: [OutboxService, OutboxRelayService, OutboxJobs],
  exports: [OutboxService, OutboxRelayService],
})
export class NotificationsModule {}
