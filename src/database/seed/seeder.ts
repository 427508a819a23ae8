import type { EntityManager } from 'typeorm';

/**
 * A piece of reference or demo data. Seeders run in `order`, each in its own transaction, and must be idempotent:
 * running the seed twice leaves the database as running it once.
 */
export interface Seeder {
  readonly name: string;
  readonly order: number;
  run(manager: EntityManager): Promise<void>;
}
