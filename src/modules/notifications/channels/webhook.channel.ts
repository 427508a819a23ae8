import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import {
  ChannelError,
  postJson,
  type NotificationChannel,
  type OutgoingMessage,
  type SendResult,
} from 'src/modules/notifications/channels/notification-channel';
import { Clock } from 'src/modules/notifications/clock';
import { webhookHeaders } from 'src/modules/notifications/webhook-signer';

/**
 * Outbound webhook, signed per Standard Webhooks with the subscriber's secret. `webhook-id` is the message id
 * (same on every retry and replay), the body is the stored payload.
 */
@Injectable()
export class WebhookChannel implements NotificationChannel {
  readonly name = 'WEBHOOK' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!message.secret) throw new ChannelError('webhook subscriber has no secret');
    const body = JSON.stringify(message.payload);
    const headers = webhookHeaders(message.secret, message.messageId, body, this.clock.now());
    return postJson(message.address, body, { ...headers }, this.config.notifications.httpTimeoutMs);
  }
}
