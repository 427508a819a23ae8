import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { CodeMappingsService } from 'src/modules/integrations/mappings/code-mappings.service';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import {
  PORTAL_WEBHOOK_EVENTS,
  SPECIFIC_OUTBOX_TYPES,
  portalEventOf,
  retryDelayMs,
} from 'src/modules/integrations/webhooks/portal-webhook-events';
import { NotificationsService } from 'src/modules/notifications/notifications.service';
import type { OutboxEvent } from 'src/modules/notifications/outbox/outbox.service';
import { QueueService } from 'src/queue/queue.service';

interface OutboxRow {
  id: string;
  event_type: string;
  payload: { fromState?: string | null; toState?: string | null; occurredAt?: string };
  created_at: Date;
  seq: string;
}

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  api_key_id: string | null;
  created_at: Date;
}

interface HeadRow {
  id: string;
  delivery_id: string | null;
  event_type: string;
  payload: Record<string, unknown>;
  next_attempt_at: Date | null;
  url: string;
  active: boolean;
  status: string | null;
  attempts: number | null;
}

/** A chain head due for longer than this lost its push (see `sweep`). */
export const SWEEP_GRACE_MS = 30_000;

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Ordered webhooks per (subscription, dossier). Each dossier event that portals are told about gets a per-dossier
 * sequence number (1, 2, … over the dossier's notified events, in commit order); the chain delivers them strictly one
 * after another: event n+1 is sent only after event n was accepted. Sending, signing (Standard Webhooks), the
 * delivery log and the dead letter are the notifications module's (`notification_deliveries`, WebhookChannel); the
 * delivery row of an event is created when it reaches the head of its chain, and retried with exponential backoff
 * (INTEGRATION_WEBHOOK_*: > 24 h) by delayed `integrations.webhook.push` jobs. A dead-lettered head blocks its chain
 * until it is replayed, so a later state never overtakes an earlier one.
 */
@Injectable()
export class WebhookChainService {
  private readonly logger = new Logger('PortalWebhooks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly mappings: CodeMappingsService,
    private readonly clients: IntegrationClientsService,
  ) {}

  /** Outbox subscriber: records the event (and any earlier one not yet recorded) in each subscriber's chain. */
  async onDossierEvent(event: OutboxEvent): Promise<void> {
    if (event.aggregateType !== 'dossier') return;
    if (!portalEventOf(event.eventType, event.payload)) return;
    const subs = await this.dataSource.query<SubscriptionRow[]>(
      `select id, url, event_types, api_key_id, created_at from webhook_subscriptions
        where active and event_types && $1::text[]`,
      [[...PORTAL_WEBHOOK_EVENTS]],
    );
    if (subs.length === 0) return;
    const events = await this.dataSource.query<OutboxRow[]>(
      `select id::text as id, event_type, payload, created_at, row_number() over (order by id) as seq
         from outbox_events
        where aggregate_type = 'dossier' and aggregate_id = $1 and id <= $2::bigint
          and (event_type = any($3::text[])
               or (payload->>'toState' is not null and payload->>'toState' is distinct from payload->>'fromState'))
        order by id`,
      [event.aggregateId, event.id, SPECIFIC_OUTBOX_TYPES],
    );
    const [dossier] = await this.dataSource.query<Array<{ code: string }>>(`select code from dossiers where id = $1`, [
      event.aggregateId,
    ]);
    if (!dossier) return;
    for (const sub of subs) {
      const statuses = await this.mappings.statusMap(await this.clients.portalOf(sub.api_key_id ?? undefined));
      const rows = events
        .map((e) => ({ e, type: portalEventOf(e.event_type, e.payload) }))
        .filter((x) => x.type && sub.event_types.includes(x.type) && new Date(x.e.created_at) >= new Date(sub.created_at));
      if (rows.length === 0) continue;
      await this.dataSource.query(
        `insert into integration_webhook_events
           (subscription_id, dossier_id, sequence, outbox_event_id, event_type, state, occurred_at, payload)
         select $1, $2, * from unnest($3::int[], $4::bigint[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[])
         on conflict do nothing`,
        [
          sub.id,
          event.aggregateId,
          rows.map((r) => Number(r.e.seq)),
          rows.map((r) => r.e.id),
          rows.map((r) => r.type),
          rows.map((r) => r.e.payload.toState ?? null),
          rows.map((r) => r.e.payload.occurredAt ?? new Date(r.e.created_at).toISOString()),
          rows.map((r) =>
            JSON.stringify({
              type: r.type,
              timestamp: r.e.payload.occurredAt ?? new Date(r.e.created_at).toISOString(),
              data: {
                dossierId: event.aggregateId,
                dossierCode: dossier.code,
                sequence: Number(r.e.seq),
                eventId: r.e.id,
                sourceEvent: r.e.event_type,
                previousState: r.e.payload.fromState ?? null,
                state: r.e.payload.toState ?? null,
                portalStatus: r.e.payload.toState ? (statuses.get(r.e.payload.toState) ?? null) : null,
              },
            }),
          ),
        ],
      );
      await this.schedule(sub.id, event.aggregateId, `e${event.id}`);
    }
  }

  /** Enqueues a push of one chain (deterministic job id per cause; `delayMs` for retries). */
  async schedule(subscriptionId: string, dossierId: string, cause: string, delayMs = 0): Promise<void> {
    await this.queues.add(
      'integrations.webhook.push',
      { subscriptionId, dossierId },
      { jobId: `whp-${subscriptionId}-${dossierId}-${cause}`, delay: delayMs, attempts: 1 },
    );
  }

  /**
   * The job: delivers the chain's head, then the next, until the chain is empty, the head failed (a retry is
   * scheduled, or it is dead-lettered), or its retry time has not come yet. One worker per chain at a time (Redis
   * lock); a push that finds the chain busy comes back shortly.
   */
  async push(subscriptionId: string, dossierId: string): Promise<number> {
    const lockKey = `${this.config.queue.prefix}:integrations:chain:${subscriptionId}:${dossierId}`;
    const token = randomUUID();
    const locked = await this.queues.connection.set(lockKey, token, 'PX', 5 * 60_000, 'NX');
    if (locked !== 'OK') {
      await this.schedule(subscriptionId, dossierId, `busy${Date.now()}`, 500).catch(() => undefined);
      return 0;
    }
    let sent = 0;
    try {
      for (;;) {
        const step = await this.pushHead(subscriptionId, dossierId);
        if (step !== 'sent') break;
        sent++;
      }
    } finally {
      await this.queues.connection.eval(RELEASE_LOCK, 1, lockKey, token);
    }
    return sent;
  }

  private async pushHead(subscriptionId: string, dossierId: string): Promise<'sent' | 'stop'> {
    const [head] = await this.dataSource.query<HeadRow[]>(
      `select e.id, e.delivery_id, e.event_type, e.payload, e.next_attempt_at, s.url, s.active, d.status, d.attempts
         from integration_webhook_events e
         join webhook_subscriptions s on s.id = e.subscription_id
         left join notification_deliveries d on d.id = e.delivery_id
        where e.subscription_id = $1 and e.dossier_id = $2 and e.delivered_at is null
        order by e.sequence limit 1`,
      [subscriptionId, dossierId],
    );
    if (!head || !head.active) return 'stop';
    if (head.status === 'SENT') return this.markDelivered(head.id);
    if (head.status === 'FAILED') return 'stop';
    if (head.next_attempt_at && new Date(head.next_attempt_at).getTime() > Date.now()) return 'stop';
    const deliveryId = head.delivery_id ?? (await this.createDelivery(head, subscriptionId));
    const { webhookMaxAttempts: max, webhookBackoffMs: base, webhookMaxBackoffMs: cap } = this.config.integrations;
    const made = head.attempts ?? 0;
    try {
      const result = await this.notifications.deliver(deliveryId, { made, max });
      if (result === 'skipped') {
        // Sent already, dead-lettered, or another sender holds its lease (that sender, or the sweep once the lease
        // has lapsed, moves the chain on).
        const [row] = await this.dataSource.query<Array<{ status: string }>>(
          `select status from notification_deliveries where id = $1`,
          [deliveryId],
        );
        return row?.status === 'SENT' ? this.markDelivered(head.id) : 'stop';
      }
      return this.markDelivered(head.id);
    } catch (error) {
      // Another sender holds the delivery's lease: not a failed attempt; that sender (or the sweep once the lease
      // has lapsed) moves the chain on.
      if ((error as { code?: string }).code === 'NOTIFICATION_DELIVERY_IN_FLIGHT') return 'stop';
      const failed = made + 1;
      if (failed >= max) {
        this.logger.warn(`Portal webhook ${deliveryId} dead-lettered after ${failed} attempts`);
        return 'stop';
      }
      const delay = retryDelayMs(failed, base, cap);
      await this.dataSource.query(
        `update integration_webhook_events set next_attempt_at = now() + make_interval(secs => $2::float8 / 1000) where id = $1`,
        [head.id, delay],
      );
      // A lost enqueue is picked up by the sweep once next_attempt_at has passed.
      await this.schedule(subscriptionId, dossierId, `r${deliveryId}-${failed}`, delay).catch(() => undefined);
      return 'stop';
    }
  }

  private async markDelivered(eventRowId: string): Promise<'sent'> {
    await this.dataSource.query(`update integration_webhook_events set delivered_at = now() where id = $1`, [eventRowId]);
    return 'sent';
  }

  /** The notifications delivery of a chain event (one per event: the dedupe key is the event row). */
  private async createDelivery(head: HeadRow, subscriptionId: string): Promise<string> {
    const key = `portal-webhook:${head.id}`;
    await this.dataSource.query(
      `insert into notification_deliveries
         (dedupe_key, event_kind, channel, recipient_ref, address, subscription_id, subject, body, payload, due_at, max_attempts,
          owner)
       values ($1, $2, 'WEBHOOK', $3, $4, $5, null, $2, $6, now(), $7, 'integrations')
       on conflict (dedupe_key) do nothing`,
      [key, head.event_type, `subscription:${subscriptionId}`, head.url, subscriptionId, JSON.stringify(head.payload),
        this.config.integrations.webhookMaxAttempts],
    );
    // A SELECT over the UPDATE: plain rows back (an UPDATE … RETURNING answers [rows, count] through TypeORM).
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `with linked as (
         update integration_webhook_events e set delivery_id = d.id from notification_deliveries d
          where e.id = $1 and d.dedupe_key = $2 returning d.id)
       select id from linked`,
      [head.id, key],
    );
    return row.id;
  }

  /**
   * Safety net for a push lost to a Redis hiccup or a crash: schedules a push for every chain whose head has been
   * due for more than `graceMs` (no attempt yet, or its retry time has come) and is not dead-lettered. Pushes are
   * scheduled when an event is recorded and when a retry is due, so a head due for longer than the grace period
   * lost its push; sweeping every due chain instead would enqueue a redundant push per open chain on every tick,
   * which under load costs more than the deliveries themselves. One bulk enqueue, one job id per chain and slot.
   */
  async sweep(limit = 1000, graceMs = SWEEP_GRACE_MS): Promise<number> {
    const chains = await this.dataSource.query<Array<{ subscription_id: string; dossier_id: string }>>(
      `select subscription_id, dossier_id from (
         select distinct on (e.subscription_id, e.dossier_id) e.subscription_id, e.dossier_id, e.next_attempt_at,
                e.created_at, d.status, d.updated_at
           from integration_webhook_events e
           left join notification_deliveries d on d.id = e.delivery_id
          where e.delivered_at is null
          order by e.subscription_id, e.dossier_id, e.sequence) head
        where coalesce(head.status, 'PENDING') <> 'FAILED'
          and greatest(coalesce(head.next_attempt_at, head.created_at), coalesce(head.updated_at, head.created_at))
              < now() - make_interval(secs => $2::float8 / 1000)
        limit $1`,
      [limit, graceMs],
    );
    if (chains.length === 0) return 0;
    const slot = Math.floor(Date.now() / 5000);
    await this.queues.addBulk(
      'integrations.webhook.push',
      chains.map((c) => ({
        payload: { subscriptionId: c.subscription_id, dossierId: c.dossier_id },
        options: { jobId: `whp-${c.subscription_id}-${c.dossier_id}-s${slot}`, attempts: 1 },
      })),
    );
    return chains.length;
  }

  /**
   * Replays a dead-lettered head (fresh attempts, same delivery and so the same `webhook-id`) and restarts its chain.
   * Only a FAILED delivery can be replayed (a delivered or in-flight one is refused: NOTIFICATION_DELIVERY_NOT_FAILED),
   * and the delivery is owned by the chain, so the notifications queue does not send it on its own: the chain's push
   * is the only sender, and even a racing push posts nothing while another holds the delivery's lease.
   */
  async replay(deliveryId: string): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ id: string; subscription_id: string; dossier_id: string }>>(
      `select id, subscription_id, dossier_id from integration_webhook_events where delivery_id = $1`,
      [deliveryId],
    );
    await this.notifications.replay(deliveryId);
    if (!row) return;
    await this.dataSource.query(`update integration_webhook_events set next_attempt_at = null where id = $1`, [row.id]);
    await this.schedule(row.subscription_id, row.dossier_id, `replay${Date.now()}`);
  }
}
