import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { DossierFactsPort } from 'src/modules/reminders/dossier-facts.port';
import { QueueService } from 'src/queue/queue.service';
import { createTestApp } from 'test/utils/test-app';

describe('worker role: the outbox relay and reminder sweeps are job schedulers', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({ APP_ROLE: 'all', QUEUE_PREFIX: `wrk-${randomUUID().slice(0, 8)}` });
  });
  afterAll(async () => {
    const queues = app.get(QueueService);
    for (const name of ['outbox', 'reminders'] as const) await queues.queue(name).obliterate({ force: true });
    await app.close();
  });

  it('installs the relay every few seconds, the sweep every minute and the 06:00 Asia/Ho_Chi_Minh reconciliation', async () => {
    const queues = app.get(QueueService);
    const outbox = await queues.queue('outbox').getJobSchedulers();
    expect(outbox).toEqual([expect.objectContaining({ key: 'outbox-relay-every', every: 2000 })]);
    const reminders = await queues.queue('reminders').getJobSchedulers();
    expect(reminders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'reminders-sweep-every-minute', pattern: '* * * * *' }),
        expect.objectContaining({
          key: 'reminders-reconcile-daily',
          pattern: '0 6 * * *',
          tz: 'Asia/Ho_Chi_Minh',
        }),
      ]),
    );
  });

  it('reads dossier facts for reminders through the dossier module (unknown dossier: nothing)', async () => {
    const facts = app.get(DossierFactsPort, { strict: false });
    await expect(facts.facts(app.get(DataSource).manager, randomUUID())).resolves.toBeUndefined();
  });
});
