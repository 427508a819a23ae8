import { Global, Module } from '@nestjs/common';
import { HealthModule } from 'src/modules/health/health.module';
import { EmailChannel } from 'src/modules/notifications/channels/email.channel';
import { InboxChannel } from 'src/modules/notifications/channels/inbox.channel';
import { SmsChannel } from 'src/modules/notifications/channels/sms.channel';
import { WebhookChannel } from 'src/modules/notifications/channels/webhook.channel';
import { Clock, SystemClock } from 'src/modules/notifications/clock';
import { InboxService } from 'src/modules/notifications/inbox.service';
import { NotificationsController } from 'src/modules/notifications/notifications.controller';
import { NotificationsJobs } from 'src/modules/notifications/notifications.jobs';
import { NotificationsMetrics } from 'src/modules/notifications/notifications-metrics';
import { NotificationsResolver } from 'src/modules/notifications/notifications.resolver';
import { NotificationsService } from 'src/modules/notifications/notifications.service';
import { QueueDashboard } from 'src/modules/notifications/queue-dashboard';
import { OutboxJobs } from 'src/modules/notifications/outbox/outbox.jobs';
import { OutboxRelayService } from 'src/modules/notifications/outbox/outbox-relay.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';

/**
 * Transactional outbox, notification channels (inbox, email, webhook, SMS), deliveries with retries and replay.
 * Global: any module may append outbox events or send notifications through the exported services.
 */
@Global()
@Module({
  imports: [HealthModule],
  controllers: [NotificationsController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    OutboxService,
    OutboxRelayService,
    OutboxJobs,
    NotificationsMetrics,
    InboxChannel,
    EmailChannel,
    SmsChannel,
    WebhookChannel,
    NotificationsService,
    InboxService,
    NotificationsJobs,
    NotificationsResolver,
    QueueDashboard,
  ],
  exports: [
    Clock,
    OutboxService,
    OutboxRelayService,
    NotificationsService,
    InboxService,
    NotificationsMetrics,
  ],
})
export class NotificationsModule {}
