import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { OutboxRelayService, outboxJobId } from 'src/modules/notifications/outbox/outbox-relay.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';
import { QueueService } from 'src/queue/queue.service';
import { openIsolatedTestDataSource, testConfig } from 'test/utils/test-app';

describe('transactional outbox (real PostgreSQL and Redis)', () => {
  const prefix = `outbox-${randomUUID().slice(0, 8)}`;
  const config = testConfig({ QUEUE_PREFIX: prefix });
  let ds: DataSource;
  let dropDatabase: () => Promise<void>;
  let queues: QueueService;
  const outbox = new OutboxService();
  let relay: OutboxRelayService;

  beforeAll(async () => {
    // Its own database: the relay publishes every pending event of the table, and the run's shared database holds
    // thousands from other files (one bulk enqueue of those can miss the producer's one-second deadline).
    ({ ds, drop: dropDatabase } = await openIsolatedTestDataSource());
    queues = new QueueService(process.env.REDIS_URL as string, config);
    await queues.onModuleInit();
    relay = new OutboxRelayService(ds, queues);
  });

  afterAll(async () => {
    await queues.queue('outbox').obliterate({ force: true });
    await queues.onModuleDestroy();
    await dropDatabase();
  });

  const event = (aggregateId: string, eventType = 'dossier.paused') => ({
    aggregateType: 'dossier',
    aggregateId,
    eventType,
    payload: { dossierCode: 'TEST-1' },
  });

  it('a change that rolls back leaves no event, so no notification is ever sent for it', async () => {
    const aggregateId = randomUUID();
    await expect(
      ds.transaction(async (manager) => {
        await outbox.append(manager, event(aggregateId));
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    await relay.relayPending();
    const rows = await ds.query(`select id from outbox_events where aggregate_id = $1`, [aggregateId]);
    expect(rows).toHaveLength(0);
  });

  it('a committed change is relayed once, with the event id as job id, even when relayed twice', async () => {
    const aggregateId = randomUUID();
    const id = await ds.transaction((manager) => outbox.append(manager, event(aggregateId)));
    await relay.relayPending();
    await relay.relayPending();
    const job = await queues.queue('outbox').getJob(outboxJobId(id));
    expect(job?.name).toBe('outbox.dispatch');
    expect(job?.data).toMatchObject({ id, aggregateId, eventType: 'dossier.paused' });
    const [row] = await ds.query(`select published_at from outbox_events where id = $1`, [id]);
    expect(row.published_at).not.toBeNull();
  });

  it('an event committed while the queue is unreachable stays unpublished and is relayed once Redis answers', async () => {
    const aggregateId = randomUUID();
    const id = await ds.transaction((manager) => outbox.append(manager, event(aggregateId)));
    const down = new QueueService('redis://127.0.0.1:1', config);
    await down.onModuleInit();
    await expect(new OutboxRelayService(ds, down).relayBatch()).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
    });
    await down.onModuleDestroy();
    const [before] = await ds.query(`select published_at from outbox_events where id = $1`, [id]);
    expect(before.published_at).toBeNull();
    await relay.relayPending();
    expect(await queues.queue('outbox').getJob(outboxJobId(id))).toBeDefined();
  });

  it('concurrent relays (SKIP LOCKED) publish every committed event exactly once across batches', async () => {
    const aggregateId = randomUUID();
    const ids = await ds.transaction((manager) =>
      outbox.appendMany(
        manager,
        Array.from({ length: 1200 }, () => event(aggregateId, 'step.deadline_set')),
      ),
    );
    const relays = [relay, new OutboxRelayService(ds, queues), new OutboxRelayService(ds, queues)];
    const counts = await Promise.all(relays.map((r) => r.relayPending()));
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1200);
    const unpublished = await ds.query(
      `select count(*)::int as n from outbox_events where aggregate_id = $1 and published_at is null`,
      [aggregateId],
    );
    expect(unpublished[0].n).toBe(0);
    const jobs = await Promise.all(ids.map((id) => queues.queue('outbox').getJob(outboxJobId(id))));
    expect(jobs.filter(Boolean)).toHaveLength(1200);
  });

  it('dispatch calls the subscribers of the event type and of "*"', async () => {
    const seen: string[] = [];
    const local = new OutboxService();
    local.subscribe('dossier.ready', async (e) => void seen.push(`ready:${e.id}`));
    local.subscribe('*', async (e) => void seen.push(`any:${e.id}`));
    const base = { aggregateType: 'dossier', aggregateId: randomUUID(), payload: {}, createdAt: '' };
    await local.dispatch({ ...base, id: '1', eventType: 'dossier.ready' });
    await local.dispatch({ ...base, id: '2', eventType: 'dossier.paused' });
    expect(seen).toEqual(['ready:1', 'any:1', 'any:2']);
  });
});
