import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { createApp } from 'src/create-app';
import { buildDataSourceOptions } from 'src/database/data-source-options';

/** Settings for a test: the run's database and Redis prefix from the global setup, plus overrides. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const dbName = new URL(process.env.DATABASE_URL ?? 'postgres://x/none').pathname;
  if (!dbName.includes('test'))
    throw new Error(`Refusing to run tests against database ${dbName}: its name must contain "test"`);
  return AppConfig.fromEnv({ ...process.env, NODE_ENV: 'test', APP_ROLE: 'api', ...overrides });
}

/** Boots the whole app (API role by default) on the test database; call `app.close()` in afterAll. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<NestFastifyApplication> {
  const config = testConfig(overrides);
  const app = await createApp({
    config,
    databaseUrl: process.env.DATABASE_URL as string,
    redisUrl: process.env.REDIS_URL as string,
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** A DataSource on the test database, for integration tests that exercise services and SQL directly. */
export async function openTestDataSource(): Promise<DataSource> {
  testConfig();
  const ds = new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL as string, poolSize: 4 }));
  return ds.initialize();
}

/**
 * A DataSource on a database of its own (all migrations, nothing else), for tests that assert catalog-wide
 * figures which other test files of the run would change. Call `drop()` in afterAll.
 */
export async function openIsolatedTestDataSource(): Promise<{ ds: DataSource; drop(): Promise<void> }> {
  testConfig();
  const admin = process.env.TEST_ADMIN_DATABASE_URL as string;
  const url = new URL(process.env.DATABASE_URL as string);
  const name = `${url.pathname.slice(1)}_iso_${Math.random().toString(36).slice(2, 8)}`;
  const maintenance = new DataSource({ type: 'postgres', url: admin });
  await maintenance.initialize();
  await maintenance.query(`create database "${name}"`);
  url.pathname = `/${name}`;
  const ds = new DataSource(buildDataSourceOptions({ url: url.toString(), poolSize: 4, statementTimeoutMs: 0 }));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return {
    ds,
    drop: async () => {
      if (ds.isInitialized) await ds.destroy();
      await maintenance.query(`drop database if exists "${name}" with (force)`);
      await maintenance.destroy();
    },
  };
}
