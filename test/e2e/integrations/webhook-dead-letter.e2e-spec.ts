import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RequestContext } from 'src/common/context/request-context';
import { SYSTEM_ACTOR } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { PortalSimulator } from 'src/modules/integrations/sim/portal-simulator';
import { WebhookChainService } from 'src/modules/integrations/webhooks/webhook-chain.service';
import { OutboxRelayService } from 'src/modules/notifications/outbox/outbox-relay.service';
import { createApiKey } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const asSystem = <T>(fn: () => Promise<T>): Promise<T> => RequestContext.run({ requestId: 'test', actor: SYSTEM_ACTOR }, fn);

describe('portal webhooks: dead letter blocks the dossier chain until replay, delivery log', () => {
  let app: NestFastifyApplication;
  let sim: PortalSimulator;
  let procedureCode: string;

  const nudge = async (): Promise<void> => {
    await app.get(OutboxRelayService).relayPending().catch(() => undefined);
    await app.get(WebhookChainService).sweep().catch(() => undefined);
  };
  const waitFor = async (check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> => {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      await nudge();
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return check();
  };

  beforeAll(async () => {
    app = await createTestApp({
      APP_ROLE: 'all',
      INTEGRATION_WEBHOOK_BACKOFF_MS: '20',
      INTEGRATION_WEBHOOK_MAX_BACKOFF_MS: '50',
      INTEGRATION_WEBHOOK_MAX_ATTEMPTS: '3',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const agencies = await createTestAgencies(app);
    procedureCode = (await createTestProcedure(app)).code;
    const key = await createApiKey(app, { scopes: ['dossiers:read', 'dossiers:write'], agencyCode: agencies.provinceCode });
    const address = app.getHttpServer().address() as { port: number };
    sim = new PortalSimulator({ baseUrl: `http://127.0.0.1:${address.port}`, apiKey: key, webhookFailureRate: 1 });
    await sim.start();
    await sim.subscribe(['dossier.received', 'dossier.state_changed']);
  }, 60_000);

  afterAll(async () => {
    await sim?.stop();
    await app?.close();
  });

  it('after the last attempt the head is dead-lettered, the next state waits, and a replay delivers both in order', async () => {
    const created = await sim.call(
      'POST',
      '/api/v1/integrations/dossiers',
      { procedureCode, applicant: APPLICANT, documents: FULL_DOCS },
      { 'idempotency-key': randomUUID() },
    );
    expect(created.status).toBe(201);
    const id = String(created.json?.id);
    await asSystem(() => app.get(DossierReceiptService).accept(id, Number(created.json?.version)));
    const log = `/api/v1/integrations/webhooks/subscriptions/${sim.subscriptionId}/deliveries`;
    const dead = await waitFor(async () => {
      const res = await sim.call('GET', `${log}?status=FAILED`);
      return ((res.json?.items as unknown[]) ?? []).length === 1;
    }, 30_000);
    expect(dead).toBe(true);
    const all = await sim.call('GET', log);
    const items = all.json?.items as Array<{ sequence: number; status: string; attempts: number; deliveryId: string | null }>;
    expect(items.map((i) => [i.sequence, i.status])).toEqual([
      [2, 'WAITING'],
      [1, 'FAILED'],
    ]);
    expect(items[1].attempts).toBe(3);
    expect(sim.report.received).toBe(0);

    sim.webhookFailureRate = 0;
    const replay = await sim.call('POST', `/api/v1/integrations/webhooks/deliveries/${items[1].deliveryId}/replay`, undefined, {
      'idempotency-key': randomUUID(),
    });
    expect(replay.status).toBe(202);
    expect(await waitFor(() => sim.report.received === 2, 30_000)).toBe(true);
    const copy = sim.dossiers.get(id);
    expect(copy?.events.map((e) => [e.sequence, e.state])).toEqual([
      [1, 'SUBMITTED'],
      [2, 'RECEIVED'],
    ]);
    expect(sim.report.outOfOrder).toEqual([]);
  }, 90_000);

  it("another client cannot read this subscription's log", async () => {
    const other = new PortalSimulator({
      baseUrl: (sim as unknown as { options: { baseUrl: string } }).options.baseUrl,
      apiKey: await createApiKey(app, { scopes: ['dossiers:read'] }),
    });
    const res = await other.call('GET', `/api/v1/integrations/webhooks/subscriptions/${sim.subscriptionId}/deliveries`);
    expect(res.status).toBe(404);
    expect(res.json?.code).toBe('INTEGRATION_SUBSCRIPTION_NOT_FOUND');
  });
});
