import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';

/**
 * Runs every migration up, then all the way down, then up again on a scratch database (name contains `test`), and
 * drops it. Proves each `down()` really undoes its `up()`. Uses DATABASE_URL's server.
 */
async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL must point at a PostgreSQL server');
  const scratch = `ansinh_test_migrations_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${scratch}"`);
  const url = new URL(base);
  url.pathname = `/${scratch}`;
  const ds = new DataSource(buildDataSourceOptions({ url: url.toString(), statementTimeoutMs: 0 }));
  try {
    await ds.initialize();
    const up = await ds.runMigrations({ transaction: 'each' });
    let down = 0;
    while ((await ds.query<Array<{ n: number }>>('select count(*)::int as n from typeorm_migrations'))[0].n > 0) {
      await ds.undoLastMigration({ transaction: 'each' });
      down++;
    }
    const leftovers = await ds.query<Array<{ table_name: string }>>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'typeorm_migrations'`,
    );
    if (leftovers.length > 0) throw new Error(`down() left tables behind: ${leftovers.map((t) => t.table_name).join(', ')}`);
    const again = await ds.runMigrations({ transaction: 'each' });
    console.log(`migrations: ${up.length} up, ${down} down, ${again.length} up again — OK`);
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await admin.query(`drop database if exists "${scratch}" with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error('migration round-trip failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
