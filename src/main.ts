import 'reflect-metadata';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { resolveInfrastructure, type Infrastructure } from 'src/bootstrap/infrastructure';
import { StartupError } from 'src/bootstrap/startup-error';
import { buildLoggerOptions } from 'src/common/logging/logger-options';
import { AppConfig } from 'src/config/app-config';
import { ConfigurationError } from 'src/config/environment';
import { createApp } from 'src/create-app';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { runSeed } from 'src/database/seed/seed-runner';

/**
 * In embedded mode (no DATABASE_URL) the database is ours: bring its schema up to date and load the demo dataset
 * on first start. Against a real server, migrations are an explicit deployment step.
 */
async function prepareDatabase(config: AppConfig, infra: Infrastructure, log: pino.Logger): Promise<void> {
  const run = config.database.migrationsRunOnStart ?? infra.embeddedDatabase;
  if (!run) return;
  const ds = new DataSource(
    buildDataSourceOptions({
      url: infra.databaseUrl,
      statementTimeoutMs: 0,
      applicationName: 'an-sinh-boot',
    }),
  );
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    log.info('Migrations: %d applied', applied.length);
    if (infra.embeddedDatabase) {
      const [{ seeded }] = await ds.query<Array<{ seeded: boolean }>>(
        `select to_regclass('public.seed_runs') is not null and exists (select 1 from seed_runs) as seeded`,
      );
      if (!seeded) await runSeed(ds, { info: (m) => log.info(m) });
    }
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const log = pino(buildLoggerOptions(config.app.logLevel, config.app.logFormat));
  log.info('Role: %s', config.app.role);
  const infra = await resolveInfrastructure(config, log);
  let stopping = false;
  try {
    await prepareDatabase(config, infra, log);
    const app = await createApp({ config, databaseUrl: infra.databaseUrl, redisUrl: infra.redisUrl, logger: log });
    // The embedded servers stop after Nest has closed its pools and drained its workers.
    const shutdown = async (signal: string): Promise<void> => {
      if (stopping) return;
      stopping = true;
      log.info('%s received: shutting down', signal);
      const hardStop = setTimeout(() => process.exit(1), config.app.shutdownGraceMs + 15_000).unref();
      await app.close();
      await infra.stop();
      clearTimeout(hardStop);
      log.flush();
      process.exit(0);
    };
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
    if (config.app.role === 'worker') {
      await app.init();
      log.info('Worker running (no HTTP listener)');
    } else {
      await app.listen({ port: config.app.port, host: config.app.host });
      log.info(
        'An Sinh listening on http://localhost:%d (REST /api/v1, GraphQL /graphql, docs /api/docs)',
        config.app.port,
      );
    }
  } catch (error) {
    await infra.stop().catch(() => undefined);
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`An Sinh could not start: ${error.message}`);
  } else {
    console.error('An Sinh could not start:', error);
  }
  process.exit(1);
});
