import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppConfig } from 'src/config/app-config';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import { JOB_QUEUE, QUEUE_NAMES, type JobName } from 'src/queue/queue.constants';
import { REDIS_URL } from 'src/queue/queue.service';
import { createWorkerConnection } from 'src/queue/redis-connections';

/**
 * Starts one BullMQ worker per queue in the worker role (`APP_ROLE=worker` or `all`). Refuses to start when a
 * declared job has no handler. On shutdown, lets running jobs finish within SHUTDOWN_GRACE_MS; a job cut off then
 * is stalled and picked up again by another worker (BullMQ's stalled-job check).
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Workers');
  private readonly workers: Worker[] = [];
  private connection?: Redis;

  constructor(
    @Inject(REDIS_URL) private readonly redisUrl: string,
    private readonly config: AppConfig,
    private readonly registry: JobHandlerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.app.role === 'api') return;
    const missing = (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => !this.registry.get(name));
    if (missing.length > 0) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
    this.connection = createWorkerConnection(this.redisUrl);
    for (const queueName of QUEUE_NAMES) {
      const worker = new Worker(
        queueName,
        async (job) => {
          const handler = this.registry.get(job.name);
          if (!handler) throw new UnrecoverableError(`No handler for job ${job.name}`);
          return handler(job.data as never, job as never);
        },
        {
          connection: this.connection,
          prefix: this.config.queue.prefix,
          concurrency: this.config.queue.workerConcurrency,
          autorun: true,
        },
      );
      worker.on('error', (err) =>
        this.logger.warn({ err: err.message, queue: queueName }, 'worker connection error'),
      );
      worker.on('failed', (job, err) =>
        this.logger.warn(
          { queue: queueName, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
          'job failed',
        ),
      );
      this.workers.push(worker);
    }
    this.logger.log(
      `Workers started for ${QUEUE_NAMES.length} queues (concurrency ${this.config.queue.workerConcurrency})`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.workers.length === 0) return;
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const timedOut = new Promise<'timeout'>((r) =>
      setTimeout(() => r('timeout'), this.config.app.shutdownGraceMs).unref(),
    );
    if ((await Promise.race([graceful, timedOut])) === 'timeout') {
      this.logger.warn(
        'Jobs still running after the grace period; closing workers forcibly (they will be retried)',
      );
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
    this.connection?.disconnect();
    this.workers.length = 0;
  }
}
