import { Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { AppConfig } from 'src/config/app-config';
import { EmailChannel } from 'src/modules/notifications/channels/email.channel';
import { InboxChannel } from 'src/modules/notifications/channels/inbox.channel';
import { SmsChannel } from 'src/modules/notifications/channels/sms.channel';
import { WebhookChannel } from 'src/modules/notifications/channels/webhook.channel';
import { Clock, SystemClock } from 'src/modules/notifications/clock';
import { InboxService } from 'src/modules/notifications/inbox.service';
import { NotificationsJobs } from 'src/modules/notifications/notifications.jobs';
import { NotificationsMetrics } from 'src/modules/notifications/notifications-metrics';
import { NotificationsService } from 'src/modules/notifications/notifications.service';
import { OutboxRelayService } from 'src/modules/notifications/outbox/outbox-relay.service';
import { OutboxService } from 'src/modules/notifications/outbox/outbox.service';
import { ReminderCalendar, WeekdayCalendar } from 'src/modules/reminders/reminder-calendar';
import { ReminderSweepService } from 'src/modules/reminders/reminder-sweep.service';
import { RemindersJobs } from 'src/modules/reminders/reminders.jobs';
import { RemindersService } from 'src/modules/reminders/reminders.service';
import { JobHandlerRegistry } from 'src/queue/job-handler.registry';
import type { QueueName } from 'src/queue/queue.constants';
import { QueueService } from 'src/queue/queue.service';
import { createWorkerConnection } from 'src/queue/redis-connections';
import { openTestDataSource, testConfig } from 'test/utils/test-app';

/**
 * The notification services wired by hand on the test database and a test's own queue prefix (and optionally its
 * own Redis database index), with workers that dispatch through the same JobHandlerRegistry as WorkerHost.
 */
export class NotificationsHarness {
  readonly registry = new JobHandlerRegistry();
  readonly metrics = new NotificationsMetrics();
  readonly outbox = new OutboxService();
  readonly workers: Worker[] = [];
  notifications!: NotificationsService;
  inbox!: InboxService;
  relay!: OutboxRelayService;
  queues!: QueueService;
  ds!: DataSource;
  reminders!: RemindersService;
  sweeper!: ReminderSweepService;

  constructor(
    readonly config: AppConfig,
    readonly redisUrl: string,
    readonly clock: Clock = new SystemClock(),
    readonly calendar: ReminderCalendar = new WeekdayCalendar(),
  ) {}

  static async create(
    overrides: Record<string, string>,
    options: { redisDb?: number; clock?: Clock; calendar?: ReminderCalendar } = {},
  ): Promise<NotificationsHarness> {
    const url = new URL(process.env.REDIS_URL as string);
    if (options.redisDb !== undefined) url.pathname = `/${options.redisDb}`;
    const h = new NotificationsHarness(
      testConfig(overrides),
      url.toString(),
      options.clock,
      options.calendar,
    );
    await h.init();
    return h;
  }

  private async init(): Promise<void> {
    this.ds = await openTestDataSource();
    this.queues = new QueueService(this.redisUrl, this.config);
    await this.queues.onModuleInit();
    this.notifications = new NotificationsService(
      this.ds,
      this.queues,
      this.config,
      this.clock,
      this.metrics,
      new InboxChannel(this.ds),
      new EmailChannel(this.config),
      new SmsChannel(this.config),
      new WebhookChannel(this.config, this.clock),
    );
    this.inbox = new InboxService(this.ds);
    this.relay = new OutboxRelayService(this.ds, this.queues);
    new NotificationsJobs(this.registry, this.notifications).onModuleInit();
    this.reminders = new RemindersService(
      this.ds,
      this.queues,
      this.config,
      this.clock,
      this.calendar,
      this.notifications,
    );
    this.sweeper = new ReminderSweepService(
      this.ds,
      this.queues,
      this.config,
      this.clock,
      this.calendar,
      this.reminders,
      this.notifications,
      this.metrics,
    );
    new RemindersJobs(this.registry, this.sweeper, this.queues, this.config).onModuleInit();
  }

  startWorkers(
    queues: QueueName[],
    concurrency = 8,
    extra: { lockDuration?: number; stalledInterval?: number } = {},
  ): void {
    const connection = createWorkerConnection(this.redisUrl);
    for (const name of queues) {
      const worker = new Worker(
        name,
        async (job) => {
          const handler = this.registry.get(job.name);
          if (!handler) throw new Error(`no handler for ${job.name}`);
          return handler(job.data as never, job as never);
        },
        { connection, prefix: this.config.queue.prefix, concurrency, ...extra },
      );
      worker.on('error', () => undefined);
      this.workers.push(worker);
    }
  }

  async close(obliterate = true): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close(true)));
    if (obliterate) {
      for (const name of ['notifications', 'reminders', 'outbox'] as QueueName[]) {
        await this.queues
          .queue(name)
          .obliterate({ force: true })
          .catch(() => undefined);
      }
    }
    await this.queues.onModuleDestroy();
    await this.ds.destroy();
  }
}
