import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  NotificationChannel,
  OutgoingMessage,
  SendResult,
} from 'src/modules/notifications/channels/notification-channel';

/** In-app inbox of staff: a row per (message, recipient); a repeated send is a no-op (unique dedupe key). */
@Injectable()
export class InboxChannel implements NotificationChannel {
  readonly name = 'INBOX' as const;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async send(message: OutgoingMessage, manager?: EntityManager): Promise<SendResult> {
    await (manager ?? this.dataSource.manager).query(
      `insert into inbox_notifications (dedupe_key, recipient_id, event_kind, title, body, data)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (dedupe_key) do nothing`,
      [
        message.messageId,
        message.address,
        message.eventKind,
        message.subject ?? '',
        message.body,
        message.payload,
      ],
    );
    return {};
  }
}
