import { QueueEvents } from 'bullmq';
import { DomainException } from 'src/common/errors/domain.exception';
import { QueueService } from 'src/queue/queue.service';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { JOB_QUEUE, type JobName } from 'src/queue/queue.constants';
import { WorkerHost } from 'src/queue/worker-host';
import { testConfig } from 'test/utils/test-app';

describe('queues on real Redis', () => {
  const config = testConfig({ APP_ROLE: 'worker' });

  it('a worker runs a job through its registered handler', async () => {
    const queues = new QueueService(process.env.REDIS_URL as string, config);
    await queues.onModuleInit();
    const registry = new JobHandlerRegistry();
    const seen: string[] = [];
    registry.register('system.heartbeat', async (payload) => {
      seen.push(payload.at);
      return 'done';
    });
    // Every declared job needs a handler before workers start; the other modules' jobs are not under test here.
    for (const name of Object.keys(JOB_QUEUE) as JobName[]) {
      if (!registry.get(name)) registry.register(name, async () => undefined);
    }
    const host = new WorkerHost(process.env.REDIS_URL as string, config, registry);
    const events = new QueueEvents('system', {
      connection: { url: process.env.REDIS_URL },
      prefix: config.queue.prefix,
    });
    try {
      host.onApplicationBootstrap();
      await events.waitUntilReady();
      const id = await queues.add('system.heartbeat', { at: 'now' }, { jobId: 'heartbeat-test-1' });
      const job = await queues.queue('system').getJob(id);
      await expect(job?.waitUntilFinished(events, 10_000)).resolves.toBe('done');
      expect(seen).toEqual(['now']);
    } finally {
      await host.onApplicationShutdown();
      await events.close();
      await queues.onModuleDestroy();
    }
  });

  it('refuses to start workers when a declared job has no handler', () => {
    const host = new WorkerHost(process.env.REDIS_URL as string, config, new JobHandlerRegistry());
    expect(() => host.onApplicationBootstrap()).toThrow(
      /No handler registered for job\(s\): .*system\.heartbeat/,
    );
  });

  it('fails fast with QUEUE_UNAVAILABLE while Redis is down', async () => {
    const queues = new QueueService('redis://127.0.0.1:1', config);
    await queues.onModuleInit();
    const started = Date.now();
    const error = await queues.add('system.heartbeat', { at: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe('QUEUE_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(1500);
    await queues.onModuleDestroy();
  });
});
