import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The index on registry_people.merged_into_id only serves lookups of the records merged into a person
 * (`merged_into_id = $1`: the self-FK's ON DELETE RESTRICT check), and such a condition implies
 * `merged_into_id is not null`, so a partial index answers it. The full index held a NULL entry for every live
 * person: one btree insert per person created (issue 10's import write stage) for entries no query reads.
 */
export class RegistryMergedIntoPartialIndex1764800007000 implements MigrationInterface {
  name = 'RegistryMergedIntoPartialIndex1764800007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`drop index registry_people_merged_into_idx`);
    await q.query(`create index registry_people_merged_into_idx on registry_people (merged_into_id)
      where merged_into_id is not null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index registry_people_merged_into_idx`);
    await q.query(`create index registry_people_merged_into_idx on registry_people (merged_into_id)`);
  }
}
