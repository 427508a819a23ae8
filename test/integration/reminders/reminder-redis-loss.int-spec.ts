import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ManualClock } from 'src/modules/notifications/clock';
import { WeekdayCalendar } from 'src/modules/reminders/reminder-calendar';
import { HttpSink, waitFor } from 'test/utils/http-sink';
import { NotificationsHarness } from 'test/utils/notifications-harness';

/** A spare Redis database index, so flushing it never touches other test runs' queues (db 0). */
const SPARE_DB = 7;
const at = (local: string): Date => new Date(`${local}+07:00`);

describe('Redis loses every job: the PostgreSQL ledger and the sweep still deliver each reminder once', () => {
  const sink = new HttpSink();
  const clock = new ManualClock(at('2026-11-24T09:00:00'));
  let h: NotificationsHarness;
  const procedureCode = `FLUSH-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    await sink.start();
    h = await NotificationsHarness.create(
      {
        QUEUE_PREFIX: `flush-${randomUUID().slice(0, 8)}`,
        SMS_GATEWAY_URL: `${sink.url}/sms`,
        NOTIFY_BACKOFF_MS: '50',
      },
      { redisDb: SPARE_DB, clock, calendar: new WeekdayCalendar() },
    );
  });

  afterAll(async () => {
    await h.close();
    await sink.stop();
  });

  it('FLUSHDB with 1,000 pending rungs, then the sweep: all 1,000 are delivered exactly once, marked late', async () => {
    await h.ds.query(
      `insert into reminder_ladders (procedure_code, days_before, escalate_after_days, rungs) values ($1, 0, 0, '{OVERDUE}')`,
      [procedureCode],
    );
    const dossierId = randomUUID();
    const armed = await h.ds.transaction(async (m) => {
      const rows = [];
      for (let i = 0; i < 1000; i++) {
        rows.push(
          ...(await h.reminders.armStep(m, {
            stepId: randomUUID(),
            dossierId,
            dossierCode: `FL-${i}`,
            stepName: 'Xử lý',
            procedureCode,
            deadlineVersion: 1,
            due: at('2026-11-24T16:00:00'),
            dueDate: '2026-11-24',
            assignee: { id: randomUUID(), phone: `09${String(i).padStart(8, '0')}` },
          })),
        );
      }
      return rows;
    });
    expect(armed).toHaveLength(1000);
    await h.reminders.schedule(armed);
    expect(await h.queues.queue('reminders').getDelayedCount()).toBe(1000);

    const redis = new Redis(h.redisUrl);
    expect(redis.options.db).toBe(SPARE_DB);
    await redis.flushdb(); // the spare database only: FLUSHALL would wipe other runs' queues
    await redis.quit();
    expect(await h.queues.queue('reminders').getDelayedCount()).toBe(0);

    h.startWorkers(['notifications', 'reminders'], 16);
    clock.set(at('2026-11-25T10:00:00')); // a day later: every rung is overdue and its job is gone
    const result = await h.sweeper.sweep('scheduler');
    expect(result.fired).toBe(1000);
    expect(result.late).toBe(1000);
    expect(result.pages).toBeGreaterThan(1); // keyset pages (REMINDER_SWEEP_BATCH 500) cover every due row
    expect((await h.sweeper.sweep('scheduler')).fired).toBe(0);

    await waitFor(() => sink.counts().distinct >= 1000, 60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(sink.counts()).toEqual({ distinct: 1000, total: 1000, duplicates: 0 });
    const [counts] = await h.ds.query(
      `select count(*) filter (where d.status = 'SENT')::int as sent, count(*)::int as all
         from notification_deliveries d where d.dedupe_key like any (select 'rung:' || r.id || ':%' from reminder_rungs r where r.dossier_id = $1)`,
      [dossierId],
    );
    expect(counts).toEqual({ sent: 1000, all: 1000 });
  });
});
