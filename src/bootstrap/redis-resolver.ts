import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { StartupError } from 'src/bootstrap/startup-error';

export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

const DEFAULT_LOCAL_URL = 'redis://127.0.0.1:6379';

export async function redisAnswers(url: string, timeoutMs = 700): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export function redisServerOnPath(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path ? path : undefined;
}

async function waitUntilAnswers(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (child.exitCode !== null)
      throw new StartupError(`redis-server exited with code ${child.exitCode} at start-up`);
    if (await redisAnswers(url, 300)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new StartupError(`redis-server did not answer on ${url} within ${deadlineMs} ms`);
}

/**
 * Finds a Redis in this order: REDIS_URL; a server answering on 127.0.0.1:6379; a `redis-server` on PATH started
 * with its data under `<dataDir>/redis` (append-only file on). There is no fake Redis: BullMQ needs the real one.
 */
export async function resolveRedis(
  configuredUrl: string | undefined,
  dataDir: string,
  embeddedPort: number,
  log: Logger,
): Promise<RunningRedis> {
  const none = async (): Promise<void> => undefined;
  if (configuredUrl) {
    log.info('Redis: using REDIS_URL');
    return { url: configuredUrl, stop: none };
  }
  if (await redisAnswers(DEFAULT_LOCAL_URL)) {
    log.info('Redis: using the server answering on 127.0.0.1:6379');
    return { url: DEFAULT_LOCAL_URL, stop: none };
  }
  const embeddedUrl = `redis://127.0.0.1:${embeddedPort}`;
  if (await redisAnswers(embeddedUrl)) {
    log.info('Redis: reusing the embedded redis-server already running on 127.0.0.1:%d', embeddedPort);
    return { url: embeddedUrl, stop: none };
  }
  const binary = redisServerOnPath();
  if (!binary) {
    throw new StartupError(
      'No Redis found. Either set REDIS_URL to a running Redis, or install redis-server ' +
        '(e.g. `apt-get install redis-server`) so An Sinh can start one itself, or run `docker compose up redis`.',
    );
  }
  return startRedisServer(binary, dataDir, embeddedPort, log);
}

/** Starts `redis-server` with its data (append-only file) under `<dataDir>/redis`, and stops it on demand. */
export async function startRedisServer(
  binary: string,
  dataDir: string,
  port: number,
  log: Logger,
): Promise<RunningRedis> {
  const embeddedUrl = `redis://127.0.0.1:${port}`;
  const dir = join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const child = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  await waitUntilAnswers(embeddedUrl, child, 10_000);
  log.info('Redis: started %s on 127.0.0.1:%d (data in %s, append-only)', binary, port, dir);
  return {
    url: embeddedUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      log.info('Redis: embedded server stopped');
    },
  };
}
