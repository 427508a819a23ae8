import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { SYSTEM_ACTOR } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { PortalSubscriptionsService } from 'src/modules/integrations/webhooks/portal-subscriptions.service';
import { WebhookChainService } from 'src/modules/integrations/webhooks/webhook-chain.service';
import { NotificationsService } from 'src/modules/notifications/notifications.service';
import { createApiKey } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const asSystem = <T>(fn: () => Promise<T>): Promise<T> => RequestContext.run({ requestId: 'test', actor: SYSTEM_ACTOR }, fn);

/** A receiver that answers slowly (so senders overlap) and records every POST by webhook-id. */
class SlowSink {
  readonly posts: string[] = [];
  status = 204;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.posts.push(String(req.headers['webhook-id']));
        setTimeout(() => {
          res.statusCode = this.status;
          res.end();
        }, 150);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/hook`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Exactly once to the receiver: a delivery is claimed with a lease before it is posted, so two senders racing on the
 * same (subscription, event) — the sweep and an admin replay, two chain pushes, the notifications job — produce one
 * POST. The API role runs no workers here: every sender is called by the test, at the same moment.
 */
describe('portal webhooks: one sender per delivery (lease), replay of a delivered event refused', () => {
  let app: NestFastifyApplication;
  let ds: DataSource;
  let sink: SlowSink;
  let subscriptionId: string;
  let dossierId: string;
  let notifications: NotificationsService;
  let chains: WebhookChainService;

  beforeAll(async () => {
    app = await createTestApp({ INTEGRATION_WEBHOOK_MAX_ATTEMPTS: '1' });
    ds = app.get(DataSource);
    notifications = app.get(NotificationsService);
    chains = app.get(WebhookChainService);
    sink = new SlowSink();
    await sink.start();
    const agencies = await createTestAgencies(app);
    const procedureCode = (await createTestProcedure(app)).code;
    const key = await createApiKey(app, { scopes: ['dossiers:read'], agencyCode: agencies.provinceCode });
    const [apiKey] = await ds.query<Array<{ id: string }>>(`select id from api_keys where prefix = $1`, [key.split('_')[1]]);
    const sub = await asSystem(() =>
      app.get(PortalSubscriptionsService).create({ name: 'exclusive', url: sink.url, events: ['dossier.received'], apiKeyId: apiKey.id }),
    );
    subscriptionId = sub.id;
    const { dossier } = await asSystem(() =>
      app.get(DossierReceiptService).receive(
        { procedureCode, channel: 'ONLINE', agencyId: agencies.provinceAgencyId, applicant: APPLICANT, documents: FULL_DOCS },
        `excl-${Date.now()}`,
      ),
    );
    dossierId = dossier.id;
    // What the outbox dispatch does: record the dossier's receipt in the subscriber's chain.
    const [event] = await ds.query<Array<{ id: string; event_type: string; payload: Record<string, unknown>; created_at: Date }>>(
      `select id::text as id, event_type, payload, created_at from outbox_events
        where aggregate_id = $1 and event_type = 'dossier.submitted'`,
      [dossierId],
    );
    await chains.onDossierEvent({
      id: event.id,
      aggregateType: 'dossier',
      aggregateId: dossierId,
      eventType: event.event_type,
      payload: event.payload,
      createdAt: new Date(event.created_at).toISOString(),
    });
  }, 60_000);

  afterAll(async () => {
    await sink?.stop();
    await app?.close();
  });

  const head = async (): Promise<{ deliveryId: string; status: string; delivered: boolean }> => {
    const [row] = await ds.query<Array<{ deliveryId: string; status: string; delivered: boolean }>>(
      `select e.delivery_id as "deliveryId", d.status, e.delivered_at is not null as delivered
         from integration_webhook_events e join notification_deliveries d on d.id = e.delivery_id
        where e.subscription_id = $1 and e.dossier_id = $2 and e.sequence = 1`,
      [subscriptionId, dossierId],
    );
    return row;
  };

  it('two chain pushes, the notifications sender and the re-enqueue sweep racing on a failed-then-replayed head post it once', async () => {
    // The first attempt fails and, with one attempt allowed, dead-letters the head.
    sink.status = 500;
    await chains.push(subscriptionId, dossierId);
    const failed = await head();
    expect(failed.status).toBe('FAILED');
    expect(sink.posts).toEqual([failed.deliveryId]);

    sink.status = 204;
    sink.posts.length = 0;
    // Two replays race: one reopens the delivery, the other is refused (it is no longer FAILED).
    const replays = await Promise.allSettled([chains.replay(failed.deliveryId), chains.replay(failed.deliveryId)]);
    expect(replays.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = replays.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { code: string }).code).toBe('NOTIFICATION_DELIVERY_NOT_FAILED');

    // Every sender at once: the chain's push twice (the Redis chain lock is bypassed for one of them by calling the
    // notifications sender directly, as the queue's own job would), and the minute sweep's re-enqueue.
    const settled = await Promise.allSettled([
      chains.push(subscriptionId, dossierId),
      notifications.deliver(failed.deliveryId, { made: 0, max: 5 }),
      notifications.deliver(failed.deliveryId, { made: 0, max: 5 }),
      notifications.requeueOpen(0),
    ]);
    expect(sink.posts).toEqual([failed.deliveryId]);
    const results = settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as { code?: string }).code));
    expect(results.slice(1, 3).filter((r) => r === 'sent').length).toBeLessThanOrEqual(1);
    // A sender that lost the race and found the delivery mid-send fails its attempt (its job retries later).
    for (const r of results.slice(1, 3)) expect(['sent', 'skipped', 'NOTIFICATION_DELIVERY_IN_FLIGHT']).toContain(r);
    // The chain-owned delivery is never re-enqueued to the notifications queue by the sweep. The sweep's count covers
    // every open delivery of the run's shared database (other files' too), so ownership is what is asserted here;
    // the single POST above is the behaviour.
    expect(typeof results[3]).toBe('number');
    const [{ owned }] = await ds.query<Array<{ owned: boolean }>>(
      `select owner is not null as owned from notification_deliveries where id = $1`,
      [failed.deliveryId],
    );
    expect(owned).toBe(true);
    await chains.push(subscriptionId, dossierId);
    expect(await head()).toMatchObject({ status: 'SENT', delivered: true });
  }, 30_000);

  it('a replay of a delivered event is refused (409) and nothing is posted again', async () => {
    const delivered = await head();
    sink.posts.length = 0;
    await expect(chains.replay(delivered.deliveryId)).rejects.toMatchObject({ code: 'NOTIFICATION_DELIVERY_NOT_FAILED' });
    expect(await notifications.deliver(delivered.deliveryId, { made: 0, max: 5 })).toBe('skipped');
    expect(sink.posts).toEqual([]);
  });

  it('a lease left by a sender that died is taken over once it lapses, never before', async () => {
    const [row] = await ds.query<Array<{ id: string }>>(
      `insert into notification_deliveries
         (dedupe_key, event_kind, channel, recipient_ref, address, subscription_id, body, payload, due_at, max_attempts,
          status, lease_until, owner)
       values ($1, 'dossier.received', 'WEBHOOK', 'test', $2, $3, 'x', '{}', now(), 5, 'SENDING', now() + interval '1 minute', 'integrations')
       returning id`,
      [`lease-test-${Date.now()}`, sink.url, subscriptionId],
    );
    sink.posts.length = 0;
    // Held: nothing is posted, and the job's attempt fails so that it comes back after the lease (a dead holder
    // would otherwise leave the delivery unsent for good).
    await expect(notifications.deliver(row.id, { made: 0, max: 5 })).rejects.toMatchObject({
      code: 'NOTIFICATION_DELIVERY_IN_FLIGHT',
    });
    expect(sink.posts).toEqual([]);
    await ds.query(`update notification_deliveries set lease_until = now() - interval '1 second' where id = $1`, [row.id]);
    expect(await notifications.deliver(row.id, { made: 0, max: 5 })).toBe('sent');
    expect(sink.posts).toEqual([row.id]);
  });
});
