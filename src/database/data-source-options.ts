import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from 'src/database/entities';
import { loadMigrations } from 'src/database/migrations';
import { SnakeNamingStrategy } from 'src/database/snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  applicationName?: string;
}

/** The one place TypeORM's options are built: used by the app, the migration CLI, the seed runner and the tests. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: loadMigrations(),
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: ['error'],
    // Fail fast, never hang: bounded statements, connection attempts and idle transactions.
    extra: {
      max: settings.poolSize ?? 10,
      // Waiting for a pooled connection: bounded, but above the few seconds a burst of writes can queue behind the
      // audit chain's per-day lock (50 parallel receipts under load needed more than 5 s).
      connectionTimeoutMillis: 10_000,
      statement_timeout: settings.statementTimeoutMs ?? 15_000,
      idle_in_transaction_session_timeout: 60_000,
      application_name: settings.applicationName ?? 'an-sinh',
    },
  };
}
