import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext, type Actor } from 'src/common/context/request-context';
import { DomainException } from 'src/common/errors/domain.exception';
import { decodeCursor, encodeCursor, pageSize, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/modules/audit/audit.service';
import { ApiKeysService } from 'src/modules/organisation/api-keys/api-keys.service';
import { PORTAL_WEBHOOK_EVENTS, type PortalWebhookEvent } from 'src/modules/integrations/webhooks/portal-webhook-events';
import { AppConfig } from 'src/config/app-config';
import { NotificationsService } from 'src/modules/notifications/notifications.service';
import { generateWebhookSecret, webhookHeaders, type WebhookHeaders } from 'src/modules/notifications/webhook-signer';

export interface PortalSubscription {
  id: string;
  name: string;
  url: string;
  events: PortalWebhookEvent[];
  apiKeyId: string | null;
  active: boolean;
  createdAt: Date;
}

export interface ChainDelivery {
  deliveryId: string | null;
  dossierId: string;
  sequence: number;
  event: string;
  state: string | null;
  occurredAt: Date;
  status: 'WAITING' | 'PENDING' | 'SENDING' | 'SENT' | 'FAILED';
  attempts: number;
  lastError: string | null;
  responseStatus: number | null;
  nextAttemptAt: Date | null;
}

const SUB_COLS = `s.id, s.name, s.url, s.event_types as events, s.api_key_id as "apiKeyId", s.active, s.created_at as "createdAt"`;

/**
 * Portal webhook subscriptions (rows of the notifications module's `webhook_subscriptions`, one API client each),
 * their delivery log and dead letter, the daily reconciliation summary and the event window a portal can re-read.
 * An API key sees only its own subscriptions; an ADMIN sees all.
 */
@Injectable()
export class PortalSubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly config: AppConfig,
  ) {}

  private owner(actor: Actor | undefined): string | null {
    return actor?.kind === 'api_key' ? actor.id : null;
  }

  async create(
    input: { name: string; url: string; events: PortalWebhookEvent[]; apiKeyId?: string },
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<PortalSubscription & { secret: string }> {
    const apiKeyId = this.owner(actor) ?? input.apiKeyId ?? null;
    if (!apiKeyId) throw new DomainException('VALIDATION_FAILED', 'apiKeyId is required when an administrator subscribes');
    if (actor?.kind !== 'api_key') await this.apiKeys.get(apiKeyId, actor);
    const secret = generateWebhookSecret();
    return this.dataSource.transaction(async (m) => {
      const [row] = await m.query<PortalSubscription[]>(
        `insert into webhook_subscriptions as s (name, url, secret, event_types, api_key_id) values ($1, $2, $3, $4, $5)
         returning ${SUB_COLS}`,
        [input.name, input.url, secret, input.events, apiKeyId],
      );
      await this.audit.record({ action: 'CREATE', entityType: 'webhook_subscription', entityId: row.id, after: { ...row } }, m);
      return { ...row, secret };
    });
  }

  async list(actor: Actor | undefined = RequestContext.actor()): Promise<PortalSubscription[]> {
    return this.dataSource.query(
      `select ${SUB_COLS} from webhook_subscriptions s
        where s.event_types && $1::text[] and ($2::uuid is null or s.api_key_id = $2)
        order by s.created_at, s.id limit 500`,
      [[...PORTAL_WEBHOOK_EVENTS], this.owner(actor)],
    );
  }

  async get(id: string, actor: Actor | undefined = RequestContext.actor()): Promise<PortalSubscription & { secret: string }> {
    const [row] = await this.dataSource.query<Array<PortalSubscription & { secret: string }>>(
      `select ${SUB_COLS}, s.secret from webhook_subscriptions s
        where s.id = $1 and s.event_types && $2::text[] and ($3::uuid is null or s.api_key_id = $3)`,
      [id, [...PORTAL_WEBHOOK_EVENTS], this.owner(actor)],
    );
    if (!row) throw new DomainException('INTEGRATION_SUBSCRIPTION_NOT_FOUND');
    return row;
  }

  async deactivate(id: string, actor: Actor | undefined = RequestContext.actor()): Promise<void> {
    const before = await this.get(id, actor);
    await this.dataSource.transaction(async (m) => {
      await m.query(`update webhook_subscriptions set active = false where id = $1`, [id]);
      const { secret: _secret, ...safe } = before;
      await this.audit.record({ action: 'DEACTIVATE', entityType: 'webhook_subscription', entityId: id, before: { ...safe } }, m);
    });
  }

  /** The delivery log of a subscription, newest first; `status=FAILED` is the dead-letter view. */
  async deliveries(
    id: string,
    filter: { status?: string; dossierId?: string; limit?: number; cursor?: string },
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<Page<ChainDelivery>> {
    await this.get(id, actor);
    const limit = pageSize(filter.limit);
    const cursor = decodeCursor(filter.cursor);
    const rows = await this.dataSource.query<Array<ChainDelivery & { rowId: string }>>(
      `select e.id::text as "rowId", e.delivery_id as "deliveryId", e.dossier_id as "dossierId", e.sequence,
              e.event_type as event, e.state, e.occurred_at as "occurredAt",
              coalesce(d.status, 'WAITING') as status, coalesce(d.attempts, 0) as attempts,
              d.last_error as "lastError", d.response_status as "responseStatus", e.next_attempt_at as "nextAttemptAt"
         from integration_webhook_events e left join notification_deliveries d on d.id = e.delivery_id
        where e.subscription_id = $1 and ($2::text is null or coalesce(d.status, 'WAITING') = $2)
          and ($3::uuid is null or e.dossier_id = $3) and ($4::bigint is null or e.id < $4::bigint)
        order by e.id desc limit $5`,
      [id, filter.status ?? null, filter.dossierId ?? null, cursor ? String(cursor.k) : null, limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(({ rowId: _r, ...rest }) => rest),
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.rowId, id: last.rowId }) : null,
    };
  }

  /** The delivery's subscription must be the caller's (for replay). */
  async assertDeliveryOwned(deliveryId: string, actor: Actor | undefined = RequestContext.actor()): Promise<void> {
    const [row] = await this.dataSource.query<Array<{ subscription_id: string }>>(
      `select subscription_id from integration_webhook_events where delivery_id = $1`,
      [deliveryId],
    );
    if (!row) throw new DomainException('INTEGRATION_DELIVERY_NOT_FOUND');
    await this.get(row.subscription_id, actor).catch(() => {
      throw new DomainException('INTEGRATION_DELIVERY_NOT_FOUND');
    });
  }

  /** Events of a window again (pull), in (dossier, sequence) order of occurrence, bounded and paged by row id. */
  async eventsInWindow(
    id: string,
    window: { from: Date; to: Date; limit?: number; cursor?: string },
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<Page<Record<string, unknown>>> {
    await this.get(id, actor);
    const limit = pageSize(window.limit);
    const cursor = decodeCursor(window.cursor);
    const rows = await this.dataSource.query<Array<{ id: string; payload: Record<string, unknown> }>>(
      `select e.id::text as id, e.payload from integration_webhook_events e
        where e.subscription_id = $1 and e.occurred_at >= $2 and e.occurred_at < $3
          and ($4::bigint is null or e.id > $4::bigint)
        order by e.id limit $5`,
      [id, window.from, window.to, cursor ? String(cursor.k) : null, limit + 1],
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => r.payload),
      nextCursor: rows.length > limit && last ? encodeCursor({ k: last.id, id: last.id }) : null,
    };
  }

  /**
   * The daily reconciliation summary: for each dossier with an event for this subscriber on the business day
   * (UTC+7), its state and last sequence at the end of that day. Signed like the webhooks (Standard Webhooks, the
   * subscription's secret) over the exact body returned.
   */
  async reconciliation(
    id: string,
    date: string,
    actor: Actor | undefined = RequestContext.actor(),
  ): Promise<{ body: string; headers: WebhookHeaders }> {
    const sub = await this.get(id, actor);
    const body = JSON.stringify(await this.summary(id, date));
    return { body, headers: webhookHeaders(sub.secret, `recon_${id}_${date}`, body) };
  }

  /**
   * The daily push: the summary of `date` to every active portal subscription, as a `reconciliation.daily` webhook
   * (a delivery of the notifications module: signed, retried, logged, replayable). Once per subscription and day.
   */
  async pushDaily(date: string): Promise<number> {
    const subs = await this.dataSource.query<Array<{ id: string; url: string }>>(
      `select id, url from webhook_subscriptions where active and event_types && $1::text[]`,
      [[...PORTAL_WEBHOOK_EVENTS]],
    );
    const ids: string[] = [];
    for (const sub of subs) {
      const summary = await this.summary(sub.id, date);
      const rows = await this.dataSource.query<Array<{ id: string }>>(
        `insert into notification_deliveries
           (dedupe_key, event_kind, channel, recipient_ref, address, subscription_id, subject, body, payload, due_at, max_attempts)
         values ($1, 'reconciliation.daily', 'WEBHOOK', $2, $3, $4, null, 'reconciliation.daily', $5, now(), $6)
         on conflict (dedupe_key) do nothing returning id`,
        [`portal-recon:${sub.id}:${date}`, `subscription:${sub.id}`, sub.url, sub.id, JSON.stringify(summary),
          this.config.notifications.maxAttempts],
      );
      ids.push(...rows.map((r) => r.id));
    }
    await this.notifications.enqueue(ids);
    return ids.length;
  }

  private async summary(id: string, date: string): Promise<Record<string, unknown>> {
    const from = new Date(`${date}T00:00:00+07:00`);
    const to = new Date(from.getTime() + 24 * 3600_000);
    const rows = await this.dataSource.query<Array<{ dossierId: string; sequence: number; state: string | null; dossierCode: string }>>(
      `select distinct on (e.dossier_id) e.dossier_id as "dossierId", e.sequence, e.state,
              e.payload->'data'->>'dossierCode' as "dossierCode"
         from integration_webhook_events e
        where e.subscription_id = $1 and e.dossier_id in (
                select dossier_id from integration_webhook_events where subscription_id = $1 and occurred_at >= $2 and occurred_at < $3)
          and e.occurred_at < $3
        order by e.dossier_id, e.sequence desc`,
      [id, from, to],
    );
    return { type: 'reconciliation.daily', subscriptionId: id, date, dossiers: rows };
  }
}
