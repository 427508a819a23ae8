import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { returnedRows } from 'src/modules/notifications/sql-rows';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export interface DeliveryLogItem {
  id: string;
  eventKind: string;
  channel: string;
  recipientRef: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  responseStatus: number | null;
  subject: string | null;
  body: string;
  dueAt: Date;
  sentAt: Date | null;
  failedAt: Date | null;
  replayCount: number;
  createdAt: Date;
}

/** Reads of the staff inbox (always the caller's own) and of the delivery log (admins). */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(
    recipientId: string,
    first?: number,
    after?: string,
    unreadOnly = false,
  ): Promise<Page<InboxItem>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `select id, event_kind, title, body, data, created_at, read_at from inbox_notifications
        where recipient_id = $1 and ($2::boolean = false or read_at is null)
          and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::uuid))
        order by created_at desc, id desc limit $5`,
      [recipientId, unreadOnly, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit + 1],
    );
    const items = rows.slice(0, limit).map((r) => ({
      id: String(r.id),
      kind: String(r.event_kind),
      title: String(r.title),
      body: String(r.body),
      data: r.data as Record<string, unknown>,
      createdAt: r.created_at as Date,
      readAt: (r.read_at as Date | null) ?? null,
    }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ k: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  async unreadCount(recipientId: string): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ n: number }>>(
      `select count(*)::int as n from inbox_notifications where recipient_id = $1 and read_at is null`,
      [recipientId],
    );
    return row.n;
  }

  /** Marks the caller's notifications read (ids not theirs are ignored); returns how many changed. */
  async markRead(recipientId: string, ids: string[] | 'all'): Promise<number> {
    const result: unknown = await this.dataSource.query(
      `update inbox_notifications set read_at = now()
        where recipient_id = $1 and read_at is null and ($2::uuid[] is null or id = any($2::uuid[]))
        returning id`,
      [recipientId, ids === 'all' ? null : ids],
    );
    return returnedRows(result).length;
  }

  /** Delivery log, newest first; `status` FAILED is the dead-letter view. */
  async deliveries(
    status: string | undefined,
    first?: number,
    after?: string,
  ): Promise<Page<DeliveryLogItem>> {
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const rows = await this.dataSource.query<Array<Record<string, unknown>>>(
      `select id, event_kind, channel, recipient_ref, status, attempts, max_attempts, last_error, response_status,
              subject, body, due_at, sent_at, failed_at, replay_count, created_at
         from notification_deliveries
        where ($1::text is null or status = $1)
          and ($2::timestamptz is null or (created_at, id) < ($2::timestamptz, $3::uuid))
        order by created_at desc, id desc limit $4`,
      [status ?? null, cursor ? String(cursor.k) : null, cursor?.id ?? null, limit + 1],
    );
    const items: DeliveryLogItem[] = rows.slice(0, limit).map((r) => ({
      id: String(r.id),
      eventKind: String(r.event_kind),
      channel: String(r.channel),
      recipientRef: String(r.recipient_ref),
      status: String(r.status),
      attempts: Number(r.attempts),
      maxAttempts: Number(r.max_attempts),
      lastError: (r.last_error as string | null) ?? null,
      responseStatus: (r.response_status as number | null) ?? null,
      subject: (r.subject as string | null) ?? null,
      body: String(r.body),
      dueAt: r.due_at as Date,
      sentAt: (r.sent_at as Date | null) ?? null,
      failedAt: (r.failed_at as Date | null) ?? null,
      replayCount: Number(r.replay_count),
      createdAt: r.created_at as Date,
    }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > limit && last ? encodeCursor({ k: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }
}
