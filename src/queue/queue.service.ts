import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { DomainException } from 'src/common/errors/domain.exception';
import { AppConfig } from 'src/config/app-config';
import {
  DEFAULT_JOB_OPTIONS,
  JOB_QUEUE,
  QUEUE_JOB_OPTIONS,
  QUEUE_NAMES,
  type JobName,
  type JobPayloads,
  type QueueName,
} from 'src/queue/queue.constants';
import { createProducerConnection } from 'src/queue/redis-connections';

export const REDIS_URL = Symbol('REDIS_URL');
const ENQUEUE_TIMEOUT_MS = 1000;
const SCHEDULER_RETRY_MAX_MS = 10_000;

/** One BullMQ job scheduler: its id, when it repeats, and the job it adds. */
export interface SchedulerSpec {
  id: string;
  repeat: Parameters<Queue['upsertJobScheduler']>[1];
  template: Parameters<Queue['upsertJobScheduler']>[2];
}

/** Bulk adds go to Redis in slices of this many jobs, each slice with the deadline plus this much per job. */
const BULK_SLICE = 200;
const BULK_MS_PER_JOB = 4;

async function withinDeadline<T>(work: Promise<T>, ms = ENQUEUE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('enqueue timed out')), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } catch (error) {
    if (error instanceof DomainException) throw error;
    throw new DomainException('QUEUE_UNAVAILABLE', 'The job queue did not answer; nothing was enqueued');
  } finally {
    clearTimeout(timer);
  }
}

/** Producer side of every queue: typed `add` by job name, fast failure (503) while Redis is down. */
@Injectable()
export class QueueService implements OnModuleInit, OnModuleDestroy {
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly logger = new Logger('QueueService');
  private closing = false;
  private readonly retryTimers = new Set<NodeJS.Timeout>();

  constructor(
    @Inject(REDIS_URL) redisUrl: string,
    readonly config: AppConfig,
  ) {
    this.connection = createProducerConnection(redisUrl);
  }

  /**
   * Waits (briefly) for the first connection: with the offline queue off, commands sent before it would fail.
   * A Redis that is down at boot does not stop the API; readiness reports it and enqueues answer 503 until it is back.
   */
  async onModuleInit(): Promise<void> {
    if (this.connection.status !== 'ready') {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.connection.off('ready', done);
          resolve();
        };
        const timer = setTimeout(done, 3000);
        this.connection.once('ready', done);
      });
    }
    await this.warmQueues();
  }

  /**
   * Builds every queue now (BullMQ's first commands check the server), so the first request that enqueues does not
   * pay for it inside its one-second deadline. Bounded: a slow or absent Redis does not hold up start-up.
   */
  private async warmQueues(): Promise<void> {
    if (this.connection.status !== 'ready') return;
    const ready = Promise.all(
      QUEUE_NAMES.map((name) =>
        Promise.resolve()
          .then(() => this.queue(name).waitUntilReady())
          .catch(() => undefined),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([ready, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
    clearTimeout(timer);
  }

  /**
   * The queue of that name, created on first use once Redis is connected: BullMQ checks the server version in the
   * constructor, and with no offline queue that check would fail (and stay failed) on a connection not yet ready.
   */
  queue(name: QueueName): Queue {
    const existing = this.queues.get(name);
    if (existing) return existing;
    if (this.connection.status !== 'ready') {
      throw new DomainException('QUEUE_UNAVAILABLE', 'The job queue is not connected; nothing was enqueued');
    }
    const queue = new Queue(name, {
      connection: this.connection,
      prefix: this.config.queue.prefix,
      defaultJobOptions: QUEUE_JOB_OPTIONS[name] ?? DEFAULT_JOB_OPTIONS,
      skipWaitingForReady: true,
    });
    queue.on('error', () => undefined);
    // BullMQ keeps the outcome of its first commands (the server version check): one that timed out (a busy event
    // loop at boot, a Redis hiccup) would fail every later add of this process. Such a queue is dropped, and the next
    // call builds a fresh one on the same connection.
    queue.waitUntilReady().catch(() => {
      if (this.queues.get(name) === queue) this.queues.delete(name);
    });
    this.queues.set(name, queue);
    return queue;
  }

  /** Adds one job. Use a deterministic `jobId` (no `:`) to make the add idempotent. */
  async add<J extends JobName>(name: J, payload: JobPayloads[J], options?: JobsOptions): Promise<string> {
    const job = await withinDeadline(
      Promise.resolve().then(() => this.queue(JOB_QUEUE[name]).add(name, payload, options)),
    );
    return job.id ?? '';
  }

  async addBulk<J extends JobName>(
    name: J,
    jobs: Array<{ payload: JobPayloads[J]; options?: JobsOptions }>,
  ): Promise<void> {
    // In slices, each with its own deadline: a worker's batch of 1,000 is not held to one request's second, and a
    // Redis that stopped answering is still noticed within about two seconds. Job ids make a retried slice a no-op.
    for (let i = 0; i < jobs.length; i += BULK_SLICE) {
      const slice = jobs.slice(i, i + BULK_SLICE);
      await withinDeadline(
        Promise.resolve().then(() =>
          this.queue(JOB_QUEUE[name]).addBulk(slice.map((j) => ({ name, data: j.payload, opts: j.options }))),
        ),
        ENQUEUE_TIMEOUT_MS + slice.length * BULK_MS_PER_JOB,
      );
    }
  }

  /** Waiting + active + delayed + failed counts per queue, for metrics and the admin dashboard. */
  async depths(): Promise<Record<QueueName, Record<string, number>>> {
    const entries = await Promise.all(
      QUEUE_NAMES.map(
        async (name) =>
          [name, await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed')] as const,
      ),
    );
    return Object.fromEntries(entries) as Record<QueueName, Record<string, number>>;
  }

  /**
   * Installs job schedulers (idempotent upserts), for the worker role's start-up. The first attempt is awaited; if it
   * fails (the producer connection's short command timeout fires while the event loop is busy booting, or Redis is
   * down), it is retried in the background with backoff until it succeeds or the process stops, so a slow start can
   * never leave a worker without its periodic jobs.
   */
  async installSchedulers(queueName: QueueName, specs: SchedulerSpec[]): Promise<boolean> {
    const install = async (): Promise<void> => {
      const queue = this.queue(queueName);
      for (const spec of specs) await queue.upsertJobScheduler(spec.id, spec.repeat, spec.template);
    };
    const ids = specs.map((s) => s.id).join(', ');
    try {
      await install();
      return true;
    } catch (error) {
      this.logger.warn(`Job schedulers ${ids} not installed yet (${(error as Error).message}); retrying`);
    }
    let delay = 500;
    const retry = (): void => {
      if (this.closing) return;
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        install().then(
          () => this.logger.log(`Job schedulers ${ids} installed`),
          () => {
            delay = Math.min(delay * 2, SCHEDULER_RETRY_MAX_MS);
            retry();
          },
        );
      }, delay);
      timer.unref();
      this.retryTimers.add(timer);
    };
    retry();
    return false;
  }

  async ping(): Promise<boolean> {
    return withinDeadline(this.connection.ping().then((r) => r === 'PONG'));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
