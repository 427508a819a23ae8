import type { DefaultJobOptions } from 'bullmq';

/** Every queue of the service. One worker per queue dispatches its jobs by job name. */
export const QUEUE_NAMES = [
  'system',
  'reminders',
  'notifications',
  'outbox',
  'imports',
  'digitisation',
  'reports',
  'webhooks',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Job name → typed payload. A module that adds a job declares it here and in JOB_QUEUE, and registers a handler;
 * the worker refuses to start if a declared job has no handler.
 */
export interface JobPayloads {
  'system.heartbeat': { at: string };
  // --- notifications / reminders (issue 7) ---
  'outbox.relay': { reason: string };
  'outbox.dispatch': {
    id: string;
    aggregateType: string;
    aggregateId: string;
    eventType: string;
    payload: Record<string, unknown>;
    createdAt: string;
  };
  'notifications.deliver': { deliveryId: string };
  'reminders.fire': { rungId: string };
  'reminders.sweep': { reason: string };
  // --- imports & digitisation (issue 10) ---
  'imports.validate': { importId: string };
  'imports.commit': { importId: string; actor: string };
  'digitisation.thumbnail': { scanId: string };
  // --- portal integrations (issue 12) ---
  'integrations.webhook.push': { subscriptionId: string; dossierId: string };
  'integrations.webhook.sweep': { reason: string };
  'integrations.reconciliation.daily': { date?: string };
  // --- reports (issue 11) ---
  'reports.rollups.refresh': { reason: string };
  /** Scheduled report files; `date` = the business date to run as (default: today, UTC+7). */
  'reports.files.produce': { date?: string };
}
export type JobName = keyof JobPayloads;

/** Which queue carries each job. */
export const JOB_QUEUE: { [J in JobName]: QueueName } = {
  'system.heartbeat': 'system',
  // --- notifications / reminders (issue 7) ---
  'outbox.relay': 'outbox',
  'outbox.dispatch': 'outbox',
  'notifications.deliver': 'notifications',
  'reminders.fire': 'reminders',
  'reminders.sweep': 'reminders',
  // --- imports & digitisation (issue 10) ---
  'imports.validate': 'imports',
  'imports.commit': 'imports',
  'digitisation.thumbnail': 'digitisation',
  // --- portal integrations (issue 12) ---
  'integrations.webhook.push': 'webhooks',
  'integrations.webhook.sweep': 'webhooks',
  'integrations.reconciliation.daily': 'webhooks',
  // --- reports (issue 11) ---
  'reports.rollups.refresh': 'reports',
  'reports.files.produce': 'reports',
};

/**
 * Defaults for every job: bounded retries with exponential backoff, completed jobs capped (Redis memory stays
 * bounded), failed jobs kept for inspection and replay.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 50_000, age: 30 * 24 * 3600 },
};

/** Per-queue overrides of the defaults. */
export const QUEUE_JOB_OPTIONS: Partial<Record<QueueName, DefaultJobOptions>> = {
  imports: { ...DEFAULT_JOB_OPTIONS, attempts: 3 },
  reports: { ...DEFAULT_JOB_OPTIONS, attempts: 3 },
};
