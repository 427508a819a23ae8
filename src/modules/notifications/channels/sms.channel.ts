import { Injectable } from '@nestjs/common';
import { AppConfig } from 'src/config/app-config';
import {
  ChannelError,
  postJson,
  type NotificationChannel,
  type OutgoingMessage,
  type SendResult,
} from 'src/modules/notifications/channels/notification-channel';

/**
 * SMS through the provider's HTTP API (SMS_GATEWAY_URL, bearer SMS_GATEWAY_TOKEN): JSON `{ to, message, reference }`
 * with an `Idempotency-Key` header equal to the message id, so a retried request is not sent twice by the gateway.
 */
@Injectable()
export class SmsChannel implements NotificationChannel {
  readonly name = 'SMS' as const;

  constructor(private readonly config: AppConfig) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const { url, token } = this.config.notifications.sms;
    if (!url) throw new ChannelError('SMS_GATEWAY_URL is not set');
    const body = JSON.stringify({ to: message.address, message: message.body, reference: message.messageId });
    return postJson(
      url,
      body,
      { 'idempotency-key': message.messageId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      this.config.notifications.httpTimeoutMs,
    );
  }
}
