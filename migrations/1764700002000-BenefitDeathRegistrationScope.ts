import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Death-registration outcomes carry the dossier's unit, so officers see the outcomes of their units' dossiers (also
 * those with no paying unit: person not in the registry, no deceased data) with the unit scope in the SQL.
 */
export class BenefitDeathRegistrationScope1764700002000 implements MigrationInterface {
  name = 'BenefitDeathRegistrationScope1764700002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `alter table benefit_death_registrations add column dossier_unit_id uuid references admin_units (id) on delete restrict`,
    );
    await q.query(
      `update benefit_death_registrations r set dossier_unit_id = d.unit_id from dossiers d where d.id = r.dossier_id`,
    );
    await q.query(`alter table benefit_death_registrations alter column dossier_unit_id set not null`);
    await q.query(
      `create index benefit_death_registrations_scope_idx on benefit_death_registrations
         ((coalesce(unit_id, dossier_unit_id)), id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index benefit_death_registrations_scope_idx`);
    await q.query(`alter table benefit_death_registrations drop column dossier_unit_id`);
  }
}
