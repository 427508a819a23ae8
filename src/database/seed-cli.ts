import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { runSeed } from 'src/database/seed/seed-runner';

/** `npm run seed`: loads reference and demo data into DATABASE_URL. Safe to run again. */
async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('DATABASE_URL must be set to seed (npm start seeds the embedded database itself)');
  const ds = new DataSource(
    buildDataSourceOptions({ url, statementTimeoutMs: 0, applicationName: 'an-sinh-seed' }),
  );
  await ds.initialize();
  try {
    await runSeed(ds, { info: (m) => console.log(m) });
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
