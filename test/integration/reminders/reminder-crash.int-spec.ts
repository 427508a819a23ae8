import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { HttpSink, waitFor } from 'test/utils/http-sink';
import { openTestDataSource } from 'test/utils/test-app';

const N = Number(process.env.CRASH_TEST_N ?? 10_000);
const CLOCK_AT = '2026-11-24T10:00:00+07:00'; // a Tuesday, office hours

describe('SIGKILL of a reminder worker in the middle of 10,000 due reminders', () => {
  const sink = new HttpSink();
  const prefix = `crash-${randomUUID().slice(0, 8)}`;
  const dossierId = randomUUID();
  let ds: DataSource;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    sink.keepBodies = false;
    await sink.start();
    ds = await openTestDataSource();
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await ds.destroy();
    await sink.stop();
  });

  function startWorker(): Promise<ChildProcess> {
    const child = fork(join(__dirname, 'reminder-worker.child.ts'), [], {
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env,
        CHILD_QUEUE_PREFIX: prefix,
        CHILD_SINK_URL: `${sink.url}/sms`,
        CHILD_CLOCK_AT: CLOCK_AT,
        SWC_NODE_PROJECT: join(__dirname, '..', '..', '..', 'tsconfig.json'),
      },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    return new Promise((resolve, reject) => {
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    });
  }

  const sentCount = async (): Promise<number> =>
    (
      await ds.query(
        `select count(*)::int as n from notification_deliveries where status = 'SENT' and recipient_ref like $1`,
        [`staff:crash-${dossierId}-%`],
      )
    )[0].n;

  it('every reminder is delivered exactly once (per delivery id) after the second worker takes over', async () => {
    await ds.query(
      `insert into reminder_rungs (step_id, dossier_id, deadline_version, rung, due_at, context)
       select gen_random_uuid(), $1::uuid, 1, 'OVERDUE', $2::timestamptz - (i || ' seconds')::interval,
              jsonb_build_object('dossierCode', 'CR-' || i, 'stepName', 'Xử lý', 'dueDate', '2026-11-23',
                'assignee', jsonb_build_object('id', 'crash-' || $1::text || '-' || i, 'phone', '09' || lpad(i::text, 8, '0')))
         from generate_series(1, $3::int) as i`,
      [dossierId, CLOCK_AT, N],
    );
    const first = await startWorker();
    await waitFor(() => sink.counts().distinct >= N / 4, 120_000, 20);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = sink.counts();
    expect(atKill.distinct).toBeLessThan(N); // killed in the middle of the batch

    await startWorker();
    await waitFor(async () => (await sentCount()) === N && sink.counts().distinct >= N, 150_000, 250);

    const [rungs] = await ds.query(
      `select count(*) filter (where status = 'FIRED')::int as fired, count(*)::int as all from reminder_rungs where dossier_id = $1`,
      [dossierId],
    );
    expect(rungs).toEqual({ fired: N, all: N });
    // Count only this test's deliveries: the database is shared with the run's other files, whose pending SMS
    // notifications the workers also send to this sink.
    const ownIds = new Set(
      (
        await ds.query<Array<{ id: string }>>(
          `select id::text as id from notification_deliveries where recipient_ref like $1`,
          [`staff:crash-${dossierId}-%`],
        )
      ).map((r) => r.id),
    );
    const own = [...sink.hitsById].filter(([id]) => ownIds.has(id));
    const counts = { distinct: own.length, duplicates: own.reduce((sum, [, hits]) => sum + hits - 1, 0) };
    expect(ownIds.size).toBe(N);
    expect(counts.distinct).toBe(N);
    // At-least-once transport with an idempotency key: only requests in flight at the kill (accepted by the sink,
    // not yet recorded as SENT) can be repeated, and they carry the same Idempotency-Key, which the gateway dedupes.
    expect(counts.duplicates).toBeLessThanOrEqual(16);
    console.log(
      `crash test: killed at ${atKill.distinct}/${N}; delivered ${counts.distinct} distinct, ${counts.duplicates} raw repeats`,
    );
  }, 300_000);
});
