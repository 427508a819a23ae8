// Relative on purpose: it is what makes the absolute src/ and test/ imports below resolvable here.
import './register-paths';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { testRunState } from 'test/setup/test-run-state';

/** Drops this run's database and Redis keys; stops embedded servers this run started. */
export default async function globalTeardown(): Promise<void> {
  const { adminUrl, database } = testRunState;
  if (adminUrl && database && process.env.KEEP_TEST_DATABASE !== 'true') {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists "${database}" with (force)`);
    await admin.end();
  }
  const prefix = process.env.QUEUE_PREFIX;
  if (process.env.REDIS_URL && prefix?.startsWith('ansinh-test-')) {
    const redis = new Redis(process.env.REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  }
  await testRunState.stopRedis?.();
  await testRunState.stopPostgres?.();
}
