import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';

/**
 * `migrate-cli up` runs every pending migration; `down [n]` reverts the last n (default 1, `all` for every one);
 * `status` lists what has run. Production runs this explicitly before starting a new version.
 */
async function main(): Promise<void> {
  const [command = 'up', count = '1'] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must be set to run migrations');
  const ds = new DataSource(
    buildDataSourceOptions({ url, statementTimeoutMs: 0, applicationName: 'an-sinh-migrate' }),
  );
  await ds.initialize();
  try {
    if (command === 'up') {
      const ran = await ds.runMigrations({ transaction: 'each' });
      console.log(`migrations: ${ran.length} applied`);
    } else if (command === 'down') {
      const executed = await ds.query<Array<{ n: number }>>(
        'select count(*)::int as n from typeorm_migrations',
      );
      const total = executed[0]?.n ?? 0;
      const n = count === 'all' ? total : Math.min(Number(count), total);
      for (let i = 0; i < n; i++) await ds.undoLastMigration({ transaction: 'each' });
      console.log(`migrations: ${n} reverted`);
    } else if (command === 'status') {
      const pending = await ds.showMigrations();
      console.log(pending ? 'migrations: some are pending' : 'migrations: up to date');
    } else {
      throw new Error(`unknown command ${command}: use up, down [n|all] or status`);
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
