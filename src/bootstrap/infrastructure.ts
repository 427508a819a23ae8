import type { Logger } from 'pino';
import { startEmbeddedPostgres } from 'src/bootstrap/embedded-postgres';
import { resolveRedis } from 'src/bootstrap/redis-resolver';
import type { AppConfig } from 'src/config/app-config';

/** Where the service's PostgreSQL and Redis are, decided once at start-up. */
export interface Infrastructure {
  databaseUrl: string;
  redisUrl: string;
  /** True when PostgreSQL is the embedded one: migrations and the demo seed then run at start-up. */
  embeddedDatabase: boolean;
  stop(): Promise<void>;
}

export async function resolveInfrastructure(config: AppConfig, log: Logger): Promise<Infrastructure> {
  let databaseUrl = config.database.url;
  let stopPostgres = async (): Promise<void> => undefined;
  if (databaseUrl) {
    log.info('PostgreSQL: using DATABASE_URL');
  } else {
    const pg = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.postgresPort, log);
    databaseUrl = pg.url;
    stopPostgres = () => pg.stop();
  }
  let redis;
  try {
    redis = await resolveRedis(config.redis.url, config.embedded.dataDir, config.embedded.redisPort, log);
  } catch (error) {
    await stopPostgres();
    throw error;
  }
  return {
    databaseUrl,
    redisUrl: redis.url,
    embeddedDatabase: !config.database.url,
    stop: async () => {
      await redis.stop();
      await stopPostgres();
    },
  };
}
