/**
 * A reminder worker process for the crash test: the notification and reminder workers plus a sweep every second
 * (standing in for the minute scheduler), on the test's queue prefix, with a fixed clock. Killed with SIGKILL.
 */
import 'reflect-metadata';
import { ManualClock } from 'src/modules/notifications/clock';
import { NotificationsHarness } from 'test/utils/notifications-harness';

async function main(): Promise<void> {
  const h = await NotificationsHarness.create(
    {
      QUEUE_PREFIX: process.env.CHILD_QUEUE_PREFIX as string,
      SMS_GATEWAY_URL: process.env.CHILD_SINK_URL as string,
      NOTIFY_BACKOFF_MS: '100',
      LOG_LEVEL: 'error',
    },
    { clock: new ManualClock(new Date(process.env.CHILD_CLOCK_AT as string)) },
  );
  // Short locks so the next worker takes over the killed worker's active jobs within seconds (default 30 s).
  h.startWorkers(['notifications', 'reminders'], 16, { lockDuration: 4000, stalledInterval: 2000 });
  // The minute sweep, every second here; open deliveries re-enqueued after 5 s instead of 60 s.
  let running = false;
  let ticks = 0;
  setInterval(() => {
    if (running) return;
    running = true;
    ticks++;
    const work = async (): Promise<void> => {
      await h.sweeper.sweep('scheduler');
      if (ticks % 5 === 0) await h.notifications.requeueOpen(5000);
    };
    work()
      .catch(() => undefined)
      .finally(() => (running = false));
  }, 1000);
  process.send?.('ready');
}

void main();
