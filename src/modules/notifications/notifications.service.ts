import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import { QueueService } from 'src/queue/queue.service';
import { EmailChannel } from 'src/modules/notifications/channels/email.channel';
import { InboxChannel } from 'src/modules/notifications/channels/inbox.channel';
import type {
  NotificationChannel,
  OutgoingMessage,
} from 'src/modules/notifications/channels/notification-channel';
import { SmsChannel } from 'src/modules/notifications/channels/sms.channel';
import { WebhookChannel } from 'src/modules/notifications/channels/webhook.channel';
import { Clock } from 'src/modules/notifications/clock';
import { NotificationsMetrics } from 'src/modules/notifications/notifications-metrics';
import { returnedRows } from 'src/modules/notifications/sql-rows';
import {
  TEMPLATES,
  render,
  type ChannelName,
  type NotificationKind,
} from 'src/modules/notifications/templates';

/** A claimed delivery's lease outlives the HTTP timeout by this much before another sender may take it over. */
const LEASE_MARGIN_MS = 30_000;

/** Who receives a notification; each channel of the template is used when the recipient has its address. */
export interface NotifyRecipient {
  /** Stable reference used in dedupe keys and the delivery log, e.g. `staff:<id>`, `applicant:<dossierId>`. */
  ref: string;
  /** Staff user id: enables the in-app inbox. */
  staffId?: string | null;
  email?: string | null;
  phone?: string | null;
}

export interface NotifyInput {
  kind: NotificationKind;
  /** What caused it, unique per cause (`rung:<id>`, `event:<outboxId>`): with channel and recipient, the dedupe key. */
  sourceKey: string;
  /** Template placeholders and ids. */
  data: Record<string, unknown>;
  recipients: NotifyRecipient[];
  /** Also deliver to active webhook subscriptions of the template's event (optionally only one API client's). */
  webhook?: { apiKeyId?: string | null } | false;
  /** When it was due (latency is measured from here); default now. */
  dueAt?: Date;
}

/** Keys of `data` that may leave the service in a webhook body (ids and dates, never personal data). */
const WEBHOOK_DATA_KEYS = [
  'dossierId',
  'dossierCode',
  'state',
  'stepId',
  'dueDate',
  'newDueDate',
  'previousDueDate',
  'pausedDate',
  'reason',
  'sequence',
];

interface DeliveryRow {
  dedupeKey: string;
  kind: string;
  channel: Exclude<ChannelName, 'INBOX'>;
  recipientRef: string;
  address: string;
  subscriptionId: string | null;
  subject: string | null;
  body: string;
  payload: Record<string, unknown>;
  dueAt: Date;
}

/**
 * Renders templates and records one delivery per (cause, channel, recipient) with a unique key, in the caller's
 * transaction; the in-app inbox is written in that same transaction, the other channels by the
 * `notifications.deliver` job (retries with exponential backoff, dead letter after the last attempt, replay).
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  private readonly channels: Record<Exclude<ChannelName, 'INBOX'>, NotificationChannel>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly metrics: NotificationsMetrics,
    private readonly inbox: InboxChannel,
    email: EmailChannel,
    sms: SmsChannel,
    webhook: WebhookChannel,
  ) {
    this.channels = { EMAIL: email, SMS: sms, WEBHOOK: webhook };
  }

  /**
   * Records the notifications in the caller's transaction. Returns the ids of the new outbound deliveries: pass them
   * to `enqueue` after the commit (a crash in between is covered: `requeueOpen` re-enqueues open deliveries).
   */
  async notify(manager: EntityManager, inputs: NotifyInput[]): Promise<string[]> {
    const rows: DeliveryRow[] = [];
    const inbox: OutgoingMessage[] = [];
    const now = this.clock.now();
    const subscriptions = new Map<string, Array<{ id: string; url: string; api_key_id: string | null }>>();
    for (const input of inputs) {
      const template = TEMPLATES[input.kind];
      const title = render(template.title, input.data).text;
      const body = render(template.body, input.data);
      if (body.missing.length > 0) this.logger.warn(`${input.kind}: no value for ${body.missing.join(', ')}`);
      const sms = render(template.sms, input.data).text;
      const dueAt = input.dueAt ?? now;
      for (const r of input.recipients) {
        for (const channel of template.channels) {
          const key = `${input.sourceKey}:${channel}:${r.ref}`;
          if (channel === 'INBOX' && r.staffId) {
            inbox.push({
              deliveryId: key,
              messageId: key,
              eventKind: input.kind,
              address: r.staffId,
              subject: title,
              body: body.text,
              payload: input.data,
            });
          }
          const base = { dedupeKey: key, kind: input.kind, recipientRef: r.ref, subscriptionId: null, dueAt };
          if (channel === 'EMAIL' && r.email)
            rows.push({ ...base, channel, address: r.email, subject: title, body: body.text, payload: {} });
          if (channel === 'SMS' && r.phone)
            rows.push({ ...base, channel, address: r.phone, subject: null, body: sms, payload: {} });
        }
      }
      if (input.webhook && template.channels.includes('WEBHOOK')) {
        const event = template.webhookEvent;
        if (!subscriptions.has(event)) {
          subscriptions.set(
            event,
            await manager.query(
              `select id, url, api_key_id from webhook_subscriptions where active and event_types @> array[$1]::text[]`,
              [event],
            ),
          );
        }
        const only = input.webhook.apiKeyId;
        const data = Object.fromEntries(
          WEBHOOK_DATA_KEYS.filter((k) => k in input.data).map((k) => [k, input.data[k]]),
        );
        for (const sub of subscriptions.get(event) ?? []) {
          if (only && sub.api_key_id && sub.api_key_id !== only) continue;
          const key = `${input.sourceKey}:WEBHOOK:${sub.id}`;
          rows.push({
            dedupeKey: key,
            kind: input.kind,
            channel: 'WEBHOOK',
            recipientRef: `subscription:${sub.id}`,
            address: sub.url,
            subscriptionId: sub.id,
            subject: null,
            body: body.text,
            payload: { type: event, timestamp: dueAt.toISOString(), data },
            dueAt,
          });
        }
      }
    }
    await this.inbox.sendMany(inbox, manager);
    return this.insertDeliveries(manager, rows);
  }

  private async insertDeliveries(manager: EntityManager, rows: DeliveryRow[]): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000);
      const inserted = await manager.query<Array<{ id: string }>>(
        `insert into notification_deliveries
           (dedupe_key, event_kind, channel, recipient_ref, address, subscription_id, subject, body, payload, due_at, max_attempts)
         select *, $11::int from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[],
                                   $7::text[], $8::text[], $9::jsonb[], $10::timestamptz[])
         on conflict (dedupe_key) do nothing
         returning id`,
        [
          chunk.map((r) => r.dedupeKey),
          chunk.map((r) => r.kind),
          chunk.map((r) => r.channel),
          chunk.map((r) => r.recipientRef),
          chunk.map((r) => r.address),
          chunk.map((r) => r.subscriptionId),
          chunk.map((r) => r.subject),
          chunk.map((r) => r.body),
          chunk.map((r) => JSON.stringify(r.payload)),
          chunk.map((r) => r.dueAt.toISOString()),
          this.config.notifications.maxAttempts,
        ],
      );
      ids.push(...inserted.map((r) => r.id));
    }
    return ids;
  }

  /** Records and enqueues in its own transaction (for callers outside a transaction). */
  async notifyNow(inputs: NotifyInput[]): Promise<string[]> {
    const ids = await this.dataSource.transaction((manager) => this.notify(manager, inputs));
    await this.enqueue(ids);
    return ids;
  }

  /** Enqueues delivery jobs (job id from the delivery id: enqueueing twice runs once). */
  async enqueue(deliveryIds: string[], jobSuffix = ''): Promise<void> {
    const { maxAttempts, backoffMs } = this.config.notifications;
    for (let i = 0; i < deliveryIds.length; i += 1000) {
      await this.queues.addBulk(
        'notifications.deliver',
        deliveryIds.slice(i, i + 1000).map((deliveryId) => ({
          payload: { deliveryId },
          options: {
            jobId: `delivery-${deliveryId}${jobSuffix}`,
            attempts: maxAttempts,
            backoff: { type: 'exponential', delay: backoffMs },
          },
        })),
      );
    }
  }

  /**
   * Sends one delivery (the job handler). Skips a delivery already sent or dead-lettered, or one another sender holds
   * (its lease: at most one POST of a delivery is in flight, whoever races for it). On failure records the
   * error and rethrows (BullMQ retries with backoff); on the last attempt marks it FAILED (dead letter).
   */
  async deliver(deliveryId: string, attempt: { made: number; max: number }): Promise<'sent' | 'skipped'> {
    const [row] = await this.dataSource.query<
      Array<{
        id: string;
        event_kind: string;
        channel: Exclude<ChannelName, 'INBOX'>;
        address: string;
        subject: string | null;
        body: string;
        payload: Record<string, unknown>;
        due_at: Date;
        secret: string | null;
      }>
    >(
      // The claim is exclusive: one sender at a time holds the lease; a SENDING row is taken over only once its
      // lease has expired (a sender that died), so a racing job, sweep or replay posts nothing.
      `with claimed as (
         update notification_deliveries set status = 'SENDING', attempts = attempts + 1, updated_at = now(),
                lease_until = now() + make_interval(secs => $2::float8 / 1000)
          where id = $1 and (status = 'PENDING' or (status = 'SENDING' and (lease_until is null or lease_until < now())))
          returning id, event_kind, channel, address, subject, body, payload, due_at, subscription_id)
       select c.*, s.secret from claimed c left join webhook_subscriptions s on s.id = c.subscription_id`,
      [deliveryId, this.config.notifications.httpTimeoutMs + LEASE_MARGIN_MS],
    );
    if (!row) {
      // Not claimed: done already (SENT/FAILED: nothing to do), or another sender holds the lease. That sender may
      // have died (a SIGKILLed worker), and then no one else would ever send it: this job fails its attempt and is
      // retried with backoff, and finds the delivery sent, or the lease lapsed and claims it.
      const [state] = await this.dataSource.query<Array<{ status: string }>>(
        `select status from notification_deliveries where id = $1`,
        [deliveryId],
      );
      if (state?.status === 'SENDING')
        throw new DomainException('NOTIFICATION_DELIVERY_IN_FLIGHT', 'Another sender holds this delivery; retried later');
      return 'skipped';
    }
    const message: OutgoingMessage = {
      deliveryId: row.id,
      messageId: row.id,
      eventKind: row.event_kind,
      address: row.address,
      subject: row.subject,
      body: row.body,
      payload: row.payload,
      secret: row.secret,
    };
    try {
      const result = await this.channels[row.channel].send(message);
      const sentAt = this.clock.now();
      await this.dataSource.query(
        `update notification_deliveries set status = 'SENT', sent_at = $2, response_status = $3, last_error = null,
                lease_until = null, updated_at = now() where id = $1`,
        [deliveryId, sentAt, result.responseStatus ?? null],
      );
      this.metrics.deliveryLatency
        .labels(row.channel)
        .observe(Math.max(0, (sentAt.getTime() - new Date(row.due_at).getTime()) / 1000));
      return 'sent';
    } catch (error) {
      const final = attempt.made + 1 >= attempt.max;
      const status = (error as { responseStatus?: number }).responseStatus ?? null;
      await this.dataSource.query(
        `update notification_deliveries set status = $2, last_error = $3, response_status = $4, lease_until = null,
                failed_at = case when $2 = 'FAILED' then now() else failed_at end, updated_at = now()
          where id = $1 and status = 'SENDING'`,
        [deliveryId, final ? 'FAILED' : 'PENDING', String((error as Error).message).slice(0, 500), status],
      );
      this.metrics.deliveryFailures.labels(row.channel, String(final)).inc();
      throw error;
    }
  }

  /** Re-sends a dead-lettered delivery (admin action): back to PENDING with a fresh set of attempts. */
  async replay(deliveryId: string): Promise<void> {
    const rows = returnedRows<{ replay_count: number; owner: string | null }>(
      await this.dataSource.query(
        `update notification_deliveries
          set status = 'PENDING', attempts = 0, last_error = null, failed_at = null,
              replay_count = replay_count + 1, updated_at = now()
        where id = $1 and status = 'FAILED'
        returning replay_count, owner`,
        [deliveryId],
      ),
    );
    if (rows.length === 0) {
      const exists = await this.dataSource.query<unknown[]>(
        `select 1 from notification_deliveries where id = $1`,
        [deliveryId],
      );
      if (exists.length === 0) throw new DomainException('NOTIFICATION_DELIVERY_NOT_FOUND');
      throw new DomainException('NOTIFICATION_DELIVERY_NOT_FAILED', 'Only a failed delivery can be replayed');
    }
    // A delivery whose attempts another module schedules (a portal webhook chain) is restarted by that module.
    if (rows[0].owner === null) await this.enqueue([deliveryId], `-replay${rows[0].replay_count}`);
  }

  /**
   * Re-enqueues deliveries still open (PENDING/SENDING, not owned by another module) whose last change is older than
   * `olderThanMs`: covers a crash between commit and enqueue, or a flushed Redis. Bounded keyset pages over every open row.
   */
  async requeueOpen(olderThanMs = 60_000, pageSize = 1000): Promise<number> {
    let total = 0;
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const page: Array<{ id: string; created_at: string }> = await this.dataSource.query(
        `select id, created_at::text as created_at from notification_deliveries
          where status in ('PENDING', 'SENDING') and owner is null
            and updated_at <= now() - make_interval(secs => $1::float8 / 1000)
            and ($2::timestamptz is null or (created_at, id) > ($2::timestamptz, $3::uuid))
          order by created_at, id limit $4`,
        [olderThanMs, after?.createdAt ?? null, after?.id ?? null, pageSize],
      );
      if (page.length === 0) break;
      await this.enqueue(page.map((r) => r.id));
      total += page.length;
      const last = page[page.length - 1];
      after = { createdAt: last.created_at, id: last.id };
      if (page.length < pageSize) break;
    }
    return total;
  }
}
