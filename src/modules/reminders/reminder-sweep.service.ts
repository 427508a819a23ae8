import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { QueueService } from 'src/queue/queue.service';
import { Clock } from 'src/modules/notifications/clock';
import { NotificationsMetrics } from 'src/modules/notifications/notifications-metrics';
import { NotificationsService } from 'src/modules/notifications/notifications.service';
import { ReminderCalendar } from 'src/modules/reminders/reminder-calendar';
import { RemindersService, rungJobId } from 'src/modules/reminders/reminders.service';
import { nextWorkingInstant } from 'src/modules/reminders/rung-schedule';

const RECONCILE_HORIZON_MS = 36 * 3600_000;

export interface SweepResult {
  fired: number;
  late: number;
  pages: number;
  requeuedDeliveries: number;
  lagSeconds: number;
  /** Reconciliation only: fire jobs re-added for pending rungs of the coming day (Redis may have lost them). */
  rescheduled: number;
  skipped?: 'outside office hours';
}

/**
 * The safety net under BullMQ's timing: finds every due, unfired rung through the due-time index in keyset pages
 * (so every due row is covered, not just the first page) and fires it, marked late when it is past its time; then
 * re-enqueues deliveries still open (a flushed Redis or a crash between commit and enqueue). Runs every minute and
 * as the 06:00 daily reconciliation. Officer reminders never fire outside office hours of a working day.
 */
@Injectable()
export class ReminderSweepService {
  private readonly logger = new Logger('ReminderSweep');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: ReminderCalendar,
    private readonly reminders: RemindersService,
    private readonly notifications: NotificationsService,
    private readonly metrics: NotificationsMetrics,
  ) {}

  async sweep(reason: 'scheduler' | 'reconcile' | 'manual' = 'manual'): Promise<SweepResult> {
    const now = this.clock.now();
    const [oldest] = await this.dataSource.query<Array<{ due_at: Date | null }>>(
      `select min(due_at) as due_at from reminder_rungs where status = 'PENDING' and due_at <= $1`,
      [now],
    );
    const lagSeconds = oldest?.due_at
      ? Math.max(0, (now.getTime() - new Date(oldest.due_at).getTime()) / 1000)
      : 0;
    this.metrics.sweepLag.set(lagSeconds);
    const requeuedDeliveries = await this.notifications.requeueOpen(reason === 'reconcile' ? 0 : 60_000);
    const result: SweepResult = {
      fired: 0,
      late: 0,
      pages: 0,
      requeuedDeliveries,
      lagSeconds,
      rescheduled: 0,
    };
    if (reason === 'reconcile') result.rescheduled = await this.rescheduleUpcoming(now, RECONCILE_HORIZON_MS);
    if ((await nextWorkingInstant(now, this.calendar, this.reminders.hours)).getTime() !== now.getTime()) {
      return { ...result, skipped: 'outside office hours' };
    }
    const limit = this.config.reminders.sweepBatch;
    let after: { dueAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.reminders.firePage({ after, limit });
      result.pages++;
      result.fired += page.fired.length;
      for (const r of page.fired) {
        if (r.late) result.late++;
        this.metrics.rungsFired.labels(r.rung, String(r.late)).inc();
      }
      if (page.scanned < limit || !page.last) break;
      after = page.last;
    }
    if (result.fired > 0)
      this.logger.log(`Sweep (${reason}) fired ${result.fired} rung(s), ${result.late} late`);
    return result;
  }

  /** Re-adds the delayed fire jobs of pending rungs due before `now + horizonMs` (idempotent job ids). */
  async rescheduleUpcoming(now: Date, horizonMs: number): Promise<number> {
    let after: { dueAt: Date; id: string } | null = null;
    let total = 0;
    for (;;) {
      const rows: Array<{ id: string; due_at: Date }> = await this.dataSource.query(
        `select id, due_at from reminder_rungs
          where status = 'PENDING' and due_at <= $1
            and ($2::timestamptz is null or (due_at, id) > ($2::timestamptz, $3::uuid))
          order by due_at, id limit 1000`,
        [new Date(now.getTime() + horizonMs), after?.dueAt ?? null, after?.id ?? null],
      );
      if (rows.length === 0) break;
      await this.reminders.schedule(rows);
      total += rows.length;
      const last = rows[rows.length - 1];
      after = { dueAt: new Date(last.due_at), id: last.id };
      if (rows.length < 1000) break;
    }
    return total;
  }

  /** The `reminders.fire` job: fires one rung at its time, or moves the job to the next office opening. */
  async fireOne(rungId: string): Promise<'fired' | 'not-due' | 'deferred'> {
    const now = this.clock.now();
    const next = await nextWorkingInstant(now, this.calendar, this.reminders.hours);
    if (next.getTime() !== now.getTime()) {
      await this.queues.add(
        'reminders.fire',
        { rungId },
        { jobId: rungJobId(rungId, next), delay: next.getTime() - now.getTime() },
      );
      return 'deferred';
    }
    const page = await this.reminders.firePage({ ids: [rungId] });
    for (const r of page.fired) this.metrics.rungsFired.labels(r.rung, String(r.late)).inc();
    return page.fired.length > 0 ? 'fired' : 'not-due';
  }
}
