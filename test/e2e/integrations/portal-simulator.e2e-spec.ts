import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { SYSTEM_ACTOR } from 'src/modules/dossiers/persistence/dossier-journal.service';
import { DossierReceiptService } from 'src/modules/dossiers/services/dossier-receipt.service';
import { OutboxRelayService } from 'src/modules/notifications/outbox/outbox-relay.service';
import { PortalSubscriptionsService } from 'src/modules/integrations/webhooks/portal-subscriptions.service';
import { WebhookChainService } from 'src/modules/integrations/webhooks/webhook-chain.service';
import { PortalSimulator } from 'src/modules/integrations/sim/portal-simulator';
import { signedRequestHeaders } from 'src/modules/integrations/signature/request-signature';
import { IntegrationClientsService } from 'src/modules/integrations/signature/integration-clients.service';
import { createApiKey } from 'test/utils/auth';
import { APPLICANT, FULL_DOCS, createTestAgencies, createTestProcedure } from 'test/utils/dossier-fixtures';
import { createTestApp } from 'test/utils/test-app';

const COUNT = 1000;

/** Where the time goes (printed once at the end): boot, submissions, webhook drain, reconciliation. */
const timings: Record<string, number> = {};
const timed = async <T>(phase: string, fn: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[phase] = Date.now() - started;
  }
};

const asSystem = <T>(fn: () => Promise<T>): Promise<T> => RequestContext.run({ requestId: 'test', actor: SYSTEM_ACTOR }, fn);

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe('portal simulator end to end (submissions, ordered webhooks with failures, signatures, reconciliation)', () => {
  let app: NestFastifyApplication;
  let sim: PortalSimulator;
  let ds: DataSource;
  let procedureCode: string;
  let key: string;
  let secret: string;

  /** What the worker's schedulers do every few seconds (their install can time out on this loaded machine). */
  const nudge = async (): Promise<void> => {
    await app.get(OutboxRelayService).relayPending().catch(() => undefined);
    await app.get(WebhookChainService).sweep().catch(() => undefined);
  };

  beforeAll(async () => {
    const started = Date.now();
    app = await createTestApp({
      APP_ROLE: 'all',
      OUTBOX_RELAY_EVERY_MS: '200',
      INTEGRATION_WEBHOOK_BACKOFF_MS: '50',
      INTEGRATION_WEBHOOK_MAX_BACKOFF_MS: '400',
      INTEGRATION_WEBHOOK_MAX_ATTEMPTS: '50',
      API_KEY_RATE_LIMIT: '100000',
      // API and worker share this one process here (in production they are separate processes, each with its pool).
      DATABASE_POOL_SIZE: '20',
      NOTIFY_BACKOFF_MS: '50',
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    ds = app.get(DataSource);
    const agencies = await createTestAgencies(app);
    procedureCode = (await createTestProcedure(app)).code;
    key = await createApiKey(app, { scopes: ['dossiers:read', 'dossiers:write'], agencyCode: agencies.provinceCode });
    const [row] = await ds.query<Array<{ id: string }>>(`select id from api_keys where prefix = $1`, [key.split('_')[1]]);
    const settings = await asSystem(() =>
      app.get(IntegrationClientsService).configure(row.id, { signingRequired: true, rotateSecret: true }),
    );
    secret = settings.signingSecret as string;
    const address = app.getHttpServer().address() as { port: number };
    sim = new PortalSimulator({ baseUrl: `http://127.0.0.1:${address.port}`, apiKey: key, signingSecret: secret, webhookFailureRate: 0.3 });
    await sim.start();
    await sim.subscribe(['dossier.received', 'dossier.state_changed', 'dossier.result_ready', 'dossier.late_apology', 'dossier.supplement_requested']);
    timings.boot = Date.now() - started;
  }, 60_000);

  afterAll(async () => {
    console.log(`portal simulator e2e timings (ms): ${JSON.stringify(timings)}; report ${JSON.stringify(sim?.report)}`);
    await sim?.stop();
    await app?.close();
  });

  it(`${COUNT} submissions with random retries and duplicates make exactly ${COUNT} dossiers`, async () => {
    const result = await timed('submissions', () =>
      sim.submitMany(
        COUNT,
        (i) => ({ procedureCode, applicant: { ...APPLICANT, name: `Người nộp ${i}` }, documents: FULL_DOCS }),
        { concurrency: 8, retryRate: 0.3, duplicateRate: 0.2 },
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.requests).toBeGreaterThan(COUNT);
    expect(result.ids.size).toBe(COUNT);
    const [{ n }] = await ds.query<Array<{ n: number }>>(`select count(*)::int as n from dossiers where procedure_code = $1`, [procedureCode]);
    expect(n).toBe(COUNT);
  }, 300_000);

  it('every state change reaches the simulator exactly once and in order, although 30% of its answers fail', async () => {
    // Move some dossiers on: the desk accepts 20 of them, then 10 applicants ask to withdraw through the portal.
    const ids = (await ds.query<Array<{ id: string; version: number }>>(
      `select id, version from dossiers where procedure_code = $1 order by id limit 20`,
      [procedureCode],
    ));
    const receipt = app.get(DossierReceiptService);
    const accepted = [];
    for (const d of ids) accepted.push(await asSystem(() => receipt.accept(d.id, d.version)));
    for (const d of accepted.slice(0, 10)) {
      const res = await sim.call('POST', `/api/v1/integrations/dossiers/${d.id}/withdraw`, { version: d.version, reason: 'Rút hồ sơ' }, { 'idempotency-key': randomUUID() });
      expect(res.status).toBe(200);
    }
    const [{ expected }] = await ds.query<Array<{ expected: number }>>(
      `select count(*)::int as expected from dossier_events e join dossiers d on d.id = e.dossier_id
        where d.procedure_code = $1 and (e.to_state is distinct from e.from_state)`,
      [procedureCode],
    );
    expect(expected).toBe(COUNT + 20 + 10);
    // The relay's scheduler ticks every OUTBOX_RELAY_EVERY_MS; relaying here too keeps the test independent of it.
    const done = await timed('webhookDrain', () =>
      waitFor(async () => {
        await nudge();
        return sim.report.received >= expected;
      }, 90_000),
    );
    if (!done) {
      const chain = await ds.query(
        `select (delivered_at is not null) as delivered, (delivery_id is not null) as has_delivery, count(*)::int as n
           from integration_webhook_events group by 1, 2`,
      );
      const deliveries = await ds.query(`select status, count(*)::int as n from notification_deliveries group by 1`);
      const outbox = await ds.query(`select (published_at is not null) as published, count(*)::int as n from outbox_events group by 1`);
      console.log(JSON.stringify({ report: sim.report, chain, deliveries, outbox }));
    }
    expect(done).toBe(true);
    expect(sim.report.received).toBe(expected);
    expect(sim.report.failuresInjected).toBeGreaterThan(0);
    expect(sim.report.outOfOrder).toEqual([]);
    // Exactly once: no webhook-id reached the simulator twice (its endpoint answered every accepted one once).
    expect(sim.report.duplicates).toBe(0);
    expect(sim.report.refusedSignatures).toBe(0);
    for (const copy of sim.dossiers.values()) {
      expect(copy.events.map((e) => e.sequence)).toEqual(copy.events.map((_, i) => i + 1));
    }
    const withdrawn = [...sim.dossiers.values()].filter((c) => c.state === 'WITHDRAWAL_REQUESTED');
    expect(withdrawn).toHaveLength(10);
  }, 120_000);

  it('a tampered or replayed signed request is refused with 401 problem+json', async () => {
    const path = '/api/v1/integrations/dossiers';
    const body = JSON.stringify({ procedureCode, applicant: APPLICANT, documents: FULL_DOCS });
    const headers = { 'x-api-key': key, 'content-type': 'application/json', 'idempotency-key': randomUUID(), ...signedRequestHeaders(secret, 'POST', path, body) };
    const base = (sim as unknown as { options: { baseUrl: string } }).options.baseUrl;
    const tampered = await fetch(`${base}${path}`, { method: 'POST', headers, body: body.replace('Nguyễn', 'Trần') });
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { code: string }).code).toBe('INTEGRATION_SIGNATURE_INVALID');
    const first = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    expect(first.status).toBe(201);
    const replay = await fetch(`${base}${path}`, { method: 'POST', headers, body });
    expect(replay.status).toBe(401);
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
    expect(((await replay.json()) as { code: string }).code).toBe('INTEGRATION_SIGNATURE_REPLAYED');
  });

  it("reconciliation against the signed daily summary finds no difference", async () => {
    await waitFor(async () => {
      await nudge();
      return sim.report.received >= COUNT + 31;
    }, 30_000);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await timed('reconcile', () => sim.reconcile(today))).toEqual([]);
    // The daily push of the same summary, as a signed webhook (the worker's scheduler runs it after midnight).
    await app.get(PortalSubscriptionsService).pushDaily(today);
    expect(await waitFor(() => sim.dailySummary !== null, 30_000)).toBe(true);
    expect(sim.dailySummary?.date).toBe(today);
    expect(sim.dailySummary?.dossiers.length).toBeGreaterThanOrEqual(COUNT);
    expect(sim.compare(sim.dailySummary as NonNullable<PortalSimulator['dailySummary']>)).toEqual([]);
  });
});
