// Relative on purpose: it is what makes the absolute src/ and test/ imports below resolvable here.
import './register-paths';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from 'src/bootstrap/embedded-postgres';
import { resolveRedis } from 'src/bootstrap/redis-resolver';
import { AppConfig } from 'src/config/app-config';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { testRunState } from 'test/setup/test-run-state';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Gives this test run its own database (name contains `test` and a unique suffix) with the real migrations, and its
 * own Redis key prefix, so runs can overlap each other and a running `npm start`.
 */
export default async function globalSetup(): Promise<void> {
  const log = pino({ level: process.env.TEST_INFRA_LOG ?? 'warn' });
  const config = AppConfig.fromEnv({ ...process.env, NODE_ENV: 'test' });
  let adminUrl: string;
  if (config.database.url) {
    adminUrl = config.database.url;
  } else {
    const embedded = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.postgresPort, log);
    adminUrl = embedded.adminUrl;
    testRunState.stopPostgres = embedded.stop;
  }
  const redis = await resolveRedis(config.redis.url, config.embedded.dataDir, config.embedded.redisPort, log);
  testRunState.stopRedis = redis.stop;

  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `ansinh_test_${suffix}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${database}"`);
  await admin.end();
  const url = withDatabase(adminUrl, database);
  const ds = new DataSource(buildDataSourceOptions({ url, statementTimeoutMs: 0 }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  testRunState.adminUrl = adminUrl;
  testRunState.database = database;
  process.env.TEST_ADMIN_DATABASE_URL = adminUrl;
  process.env.DATABASE_URL = url;
  process.env.REDIS_URL = redis.url;
  process.env.QUEUE_PREFIX = `ansinh-test-${suffix}`;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  process.env.LOG_FORMAT = 'json';
}
