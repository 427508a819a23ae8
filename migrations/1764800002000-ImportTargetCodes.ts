import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import targets are a list in code (ImportTargetDefinition, targets/import-targets.ts): the job's target column
 * checks the code's shape instead of listing the codes, so that adding a target needs no change to this table.
 */
export class ImportTargetCodes1764800002000 implements MigrationInterface {
  name = 'ImportTargetCodes1764800002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table import_jobs drop constraint import_jobs_target_check`);
    await q.query(`alter table import_jobs add constraint import_jobs_target_check
      check (target ~ '^[A-Z][A-Z0-9_]{1,39}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`delete from import_jobs where target not in ('PEOPLE', 'HOUSEHOLD_MEMBERS')`);
    await q.query(`alter table import_jobs drop constraint import_jobs_target_check`);
    await q.query(`alter table import_jobs add constraint import_jobs_target_check
      check (target in ('PEOPLE', 'HOUSEHOLD_MEMBERS'))`);
  }
}
