import { EMBEDDED_DATABASE } from 'src/bootstrap/embedded-postgres';
import type { AppConfig } from 'src/config/app-config';

/**
 * The database a command-line tool works on: DATABASE_URL, else the embedded server of `npm start` (local-only
 * credentials, the same as src/bootstrap/embedded-postgres.ts uses).
 */
export function cliDatabaseUrl(config: AppConfig): string {
  return (
    config.database.url ??
    `postgres://postgres:ansinh-local@127.0.0.1:${config.embedded.postgresPort}/${EMBEDDED_DATABASE}`
  );
}
