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
    await this.sendMany([message], manager);
    return {};
  }

  /** Writes many inbox entries in one statement (the sweep fires rungs in pages). */
  async sendMany(messages: OutgoingMessage[], manager?: EntityManager): Promise<void> {
    if (messages.length === 0) return;
    await (manager ?? this.dataSource.manager).query(
      `insert into inbox_notifications (dedupe_key, recipient_id, event_kind, title, body, data)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[])
       on conflict (dedupe_key) do nothing`,
      [
        messages.map((m) => m.messageId),
        messages.map((m) => m.address),
        messages.map((m) => m.eventKind),
        messages.map((m) => m.subject ?? ''),
        messages.map((m) => m.body),
        messages.map((m) => JSON.stringify(m.payload)),
      ],
    );
  }
}
