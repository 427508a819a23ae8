import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deceased person of a death-registration dossier (liên thông khai tử – xóa thường trú – mai táng phí): the
 * applicant is the relative who declares the death, the subject is the deceased. Citizen-ID number (12 digits, never
 * listed or logged), name and date of death; all three or none.
 */
export class DossierDeceasedSubject1764400001000 implements MigrationInterface {
  name = 'DossierDeceasedSubject1764400001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dossiers
        add column deceased_id_number text check (deceased_id_number ~ '^[0-9]{12}$'),
        add column deceased_name text check (length(deceased_name) between 1 and 300),
        add column deceased_death_date date check (deceased_death_date >= date '1900-01-01'),
        add constraint dossiers_deceased_complete check (
          (deceased_id_number is null) = (deceased_name is null)
          and (deceased_id_number is null) = (deceased_death_date is null)),
        add constraint dossiers_deceased_not_after_submission check (
          deceased_death_date is null or deceased_death_date <= (submitted_at at time zone 'Asia/Ho_Chi_Minh')::date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table dossiers
        drop constraint dossiers_deceased_not_after_submission,
        drop constraint dossiers_deceased_complete,
        drop column deceased_death_date,
        drop column deceased_name,
        drop column deceased_id_number`);
  }
}
