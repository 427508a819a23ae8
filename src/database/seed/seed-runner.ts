import type { DataSource } from 'typeorm';
import type { Seeder } from 'src/database/seed/seeder';
import { SEEDERS } from 'src/database/seed/seeders';

export interface SeedLog {
  info(message: string): void;
}

/**
 * Runs every registered seeder in order, each in one transaction with its bookkeeping row. Seeders are idempotent
 * by contract, so a second run (or a run after new seeders were added) is safe.
 */
export async function runSeed(
  dataSource: DataSource,
  log: SeedLog,
  seeders: Seeder[] = SEEDERS,
): Promise<void> {
  for (const seeder of [...seeders].sort((a, b) => a.order - b.order)) {
    const started = Date.now();
    await dataSource.transaction(async (manager) => {
      await seeder.run(manager);
      await manager.query(
        `insert into seed_runs (name) values ($1) on conflict (name) do update set ran_at = now()`,
        [seeder.name],
      );
    });
    log.info(`seed: ${seeder.name} done in ${Date.now() - started} ms`);
  }
  await dataSource.query(
    `insert into seed_runs (name) values ('all') on conflict (name) do update set ran_at = now()`,
  );
}
