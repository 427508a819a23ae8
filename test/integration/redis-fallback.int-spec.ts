import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { redisAnswers, redisServerOnPath, startRedisServer } from 'src/bootstrap/redis-resolver';

/**
 * The last fallback of `npm start` on a machine with no Redis running: a `redis-server` from PATH, started with its
 * data (append-only file) under .data/redis and stopped on shutdown.
 */
describe('Redis fallback: redis-server from PATH', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ansinh-redis-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts redis-server with an append-only file in the data directory and stops it', async () => {
    const binary = redisServerOnPath();
    expect(binary).toBeDefined();
    const port = 41_000 + Math.floor(Math.random() * 9_000);
    const redis = await startRedisServer(binary as string, dataDir, port, pino({ level: 'silent' }));
    try {
      expect(redis.url).toBe(`redis://127.0.0.1:${port}`);
      expect(await redisAnswers(redis.url)).toBe(true);
      const files = readdirSync(join(dataDir, 'redis'), { recursive: true }).map(String);
      expect(files.some((f) => f.includes('appendonly'))).toBe(true);
    } finally {
      await redis.stop();
    }
    expect(await redisAnswers(redis.url, 300)).toBe(false);
    expect(existsSync(join(dataDir, 'redis'))).toBe(true);
  });
});
