import { PortalSimulator } from 'src/modules/integrations/sim/portal-simulator';
import { PORTAL_WEBHOOK_EVENTS } from 'src/modules/integrations/webhooks/portal-webhook-events';

/**
 * `npm run portal:sim`: a local public-service portal against a running An Sinh API. It listens for webhooks,
 * subscribes, submits dossiers (with retries and duplicate submissions), waits for the webhooks, reconciles with the
 * signed daily summary and prints a report; with SIM_KEEP=1 it keeps receiving until Ctrl-C.
 *
 *   SIM_API_KEY=ask_…  SIM_PROCEDURE_CODE=1.001776  [SIM_BASE_URL=http://127.0.0.1:3000]  [SIM_SIGNING_SECRET=…]
 *   [SIM_DOCUMENTS=DON,CCCD]  [SIM_COUNT=20]  [SIM_FAILURE_RATE=0.3]  [SIM_PORT=0]  [SIM_WAIT_SECONDS=30]  [SIM_KEEP=1]
 */
async function main(): Promise<void> {
  const env = process.env;
  if (!env.SIM_API_KEY || !env.SIM_PROCEDURE_CODE) {
    console.error('Set SIM_API_KEY (scopes dossiers:read, dossiers:write) and SIM_PROCEDURE_CODE');
    process.exit(64);
  }
  const sim = new PortalSimulator({
    baseUrl: env.SIM_BASE_URL ?? 'http://127.0.0.1:3000',
    apiKey: env.SIM_API_KEY,
    signingSecret: env.SIM_SIGNING_SECRET || undefined,
    webhookFailureRate: Number(env.SIM_FAILURE_RATE ?? 0.3),
  });
  const url = await sim.start(Number(env.SIM_PORT ?? 0));
  console.log(`Receiving webhooks at ${url}`);
  await sim.subscribe([...PORTAL_WEBHOOK_EVENTS]);
  console.log(`Subscription ${sim.subscriptionId}`);
  const count = Number(env.SIM_COUNT ?? 20);
  const result = await sim.submitMany(
    count,
    (i) => ({
      procedureCode: env.SIM_PROCEDURE_CODE,
      applicant: { kind: 'PERSON', name: `Người nộp thử ${i}` },
      documents: (env.SIM_DOCUMENTS ?? '').split(',').filter(Boolean).map((checklistCode) => ({ checklistCode })),
    }),
    { retryRate: 0.3, duplicateRate: 0.2 },
  );
  console.log(`Submitted ${count} dossiers in ${result.requests} requests: ${result.ids.size} distinct, ${result.errors.length} errors`);
  for (const e of result.errors.slice(0, 5)) console.log(`  ${e}`);
  await new Promise((r) => setTimeout(r, Number(env.SIM_WAIT_SECONDS ?? 30) * 1000));
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const diffs = await sim.reconcile(today);
  console.log(JSON.stringify({ report: sim.report, dossiers: sim.dossiers.size, reconciliationDifferences: diffs }, null, 2));
  if (env.SIM_KEEP === '1') return;
  await sim.stop();
  process.exit(diffs.length === 0 && sim.report.outOfOrder.length === 0 ? 0 : 1);
}

void main();
