import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { postJson } from 'src/modules/notifications/channels/notification-channel';
import { DEFAULT_JOB_OPTIONS } from 'src/queue/queue.constants';
import { createProducerConnection, createWorkerConnection } from 'src/queue/redis-connections';

/**
 * Reminder queue throughput on this machine's Redis, next to raw `redis-benchmark -t set -c 50` measured in the same
 * run: schedule N reminders with addBulk (the job options of the service: bounded completed jobs), deliver each to a
 * local HTTP sink, then Redis memory after 10,000 and after 1,000,000 processed jobs.
 * Goals: enqueue ≥ 0.25 × and drain ≥ 0.1 × raw SET ops/s; memory(1,000,000) ≤ 2 × memory(10,000).
 *
 *   npm run bench:reminders     (REDIS_URL, default redis://127.0.0.1:6379; BENCH_REDIS_DB, default 9 — a spare
 *                                database index, FLUSHDB'd before and after; BENCH_N=100000, BENCH_MEMORY_JOBS=1000000)
 */
const N = Number(process.env.BENCH_N ?? 100_000);
const MEMORY_JOBS = Number(process.env.BENCH_MEMORY_JOBS ?? 1_000_000);
const DB = Number(process.env.BENCH_REDIS_DB ?? 9);
const BULK = 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const PREFIX = 'bench-reminders';

function redisUrl(): string {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  url.pathname = `/${DB}`;
  return url.toString();
}

function rawSetOpsPerSecond(url: URL): number {
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port || '6379',
    '-t',
    'set',
    '-c',
    '50',
    '-n',
    '200000',
    '-q',
    '--csv',
  ];
  const out = spawnSync('redis-benchmark', args, { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`redis-benchmark failed: ${out.stderr}`);
  // --csv: "test","rps",...  then "SET","123456.78",...
  const line = out.stdout.split('\n').find((l) => l.startsWith('"SET"'));
  const rps = Number(line?.split(',')[1]?.replace(/"/g, ''));
  if (!Number.isFinite(rps)) throw new Error(`cannot parse redis-benchmark output: ${out.stdout}`);
  return rps;
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1]);
}

async function drain(queue: Queue): Promise<void> {
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (c.waiting + c.active + c.delayed + c.prioritized === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const url = redisUrl();
  const admin = new Redis(url);
  await admin.flushdb(); // spare database index only
  let delivered = 0;
  const sink = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      delivered++;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/sms`;

  const setOps = rawSetOpsPerSecond(new URL(url));
  console.log(`redis-benchmark -t set -c 50                 ${setOps.toFixed(0).padStart(10)} ops/s`);

  const producer = createProducerConnection(url);
  await new Promise((r) => producer.once('ready', r));
  const queue = new Queue('reminders', {
    connection: producer,
    prefix: PREFIX,
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });

  // 1. enqueue N reminders with addBulk
  const t0 = performance.now();
  for (let i = 0; i < N; i += BULK) {
    await queue.addBulk(
      Array.from({ length: Math.min(BULK, N - i) }, (_, j) => ({
        name: 'reminders.fire',
        data: { rungId: `r${i + j}` },
        opts: { jobId: `rung-bench-${i + j}` },
      })),
    );
  }
  const enqueueS = (performance.now() - t0) / 1000;
  const enqueueRate = N / enqueueS;

  // 2. deliver each to the HTTP sink
  const workerConnection = createWorkerConnection(url);
  const t1 = performance.now();
  const worker = new Worker(
    'reminders',
    async (job) => {
      // The SMS channel's HTTP client (pooled keep-alive connections), as in the notifications.deliver job.
      await postJson(
        sinkUrl,
        JSON.stringify({ to: '0900000000', message: 'An Sinh: nhac viec', reference: job.data }),
        { 'idempotency-key': String(job.id) },
        10_000,
      );
    },
    { connection: workerConnection, prefix: PREFIX, concurrency: CONCURRENCY },
  );
  while (delivered < N) await new Promise((r) => setTimeout(r, 50));
  const drainS = (performance.now() - t1) / 1000;
  const drainRate = N / drainS;
  await worker.close();

  console.log(
    `enqueue (addBulk ×${BULK})                    ${enqueueRate.toFixed(0).padStart(10)} jobs/s   ${(enqueueRate / setOps).toFixed(2)} × SET (goal ≥ 0.25)`,
  );
  console.log(
    `deliver to HTTP sink (concurrency ${CONCURRENCY})        ${drainRate.toFixed(0).padStart(10)} jobs/s   ${(drainRate / setOps).toFixed(2)} × SET (goal ≥ 0.10)`,
  );

  // 3. Redis memory after 10,000 and after MEMORY_JOBS processed jobs (no-op handler: memory, not HTTP, is measured)
  await queue.obliterate({ force: true });
  const memWorker = new Worker('reminders', async () => undefined, {
    connection: createWorkerConnection(url),
    prefix: PREFIX,
    concurrency: 200,
  });
  let added = 0;
  const addUpTo = async (target: number): Promise<void> => {
    while (added < target) {
      const n = Math.min(BULK * 5, target - added);
      await queue.addBulk(
        Array.from({ length: n }, (_, j) => ({
          name: 'reminders.fire',
          data: { rungId: `m${added + j}` },
          opts: { jobId: `rung-mem-${added + j}` },
        })),
      );
      added += n;
      if (added % 50_000 === 0) await drain(queue);
    }
    await drain(queue);
  };
  await addUpTo(10_000);
  const mem10k = await usedMemory(admin);
  const t2 = performance.now();
  await addUpTo(MEMORY_JOBS);
  const mem1m = await usedMemory(admin);
  await memWorker.close();
  console.log(
    `redis used_memory after 10,000 jobs          ${(mem10k / 1048576).toFixed(1).padStart(10)} MiB`,
  );
  console.log(
    `redis used_memory after ${MEMORY_JOBS.toLocaleString('en')} jobs ${' '.repeat(Math.max(0, 15 - MEMORY_JOBS.toLocaleString('en').length))}${(mem1m / 1048576).toFixed(1).padStart(10)} MiB   ${(mem1m / mem10k).toFixed(2)} × (goal ≤ 2; completed jobs capped at 1,000; ${((MEMORY_JOBS - 10_000) / ((performance.now() - t2) / 1000)).toFixed(0)} jobs/s no-op)`,
  );

  await queue.obliterate({ force: true });
  await queue.close();
  producer.disconnect();
  await admin.flushdb();
  admin.disconnect();
  sink.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
