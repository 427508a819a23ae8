import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { AppConfig } from 'src/config/app-config';
import { loadOrCreateDevKey } from 'src/modules/organisation/auth/dev-issuer-keys';
import { signDevToken } from 'src/modules/organisation/auth/dev-issuer.service';
import { cliDatabaseUrl } from 'src/modules/organisation/cli-database-url';

/**
 * `npm run token -- --user <username> [--ttl <seconds>]`: prints a dev-issuer bearer token for an existing, active
 * staff user (roles are the user's own). Uses DATABASE_URL, or the embedded database of `npm start`.
 * Refuses when DEV_ISSUER_ENABLED is off (the default in production).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { user: { type: 'string' }, ttl: { type: 'string', default: '28800' } },
  });
  const username = values.user?.toLowerCase();
  if (!username) throw new Error('usage: npm run token -- --user <username> [--ttl <seconds>]');
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > 7 * 86400)
    throw new Error('--ttl must be between 60 and 604800 seconds');
  const config = AppConfig.fromEnv();
  if (!config.auth.devIssuerEnabled) throw new Error('The dev issuer is disabled (DEV_ISSUER_ENABLED)');
  const url = cliDatabaseUrl(config);
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const query = async <T>(sql: string, params?: unknown[]): Promise<T> =>
      (await client.query(sql, params)).rows as T;
    const users = await query<Array<{ id: string; roles: string[]; active: boolean }>>(
      `select id, roles, active from staff_users where username = $1`,
      [username],
    );
    const user = users[0];
    if (!user) throw new Error(`No staff user "${username}" (seeded demo users: admin, reception, specialist, …)`);
    if (!user.active) throw new Error(`Staff user "${username}" is disabled`);
    const key = await loadOrCreateDevKey(query);
    const token = await signDevToken(key, config.auth.rolesClaim, {
      username,
      subject: user.id,
      roles: user.roles,
      ttlSeconds,
    });
    process.stdout.write(`${token}\n`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
