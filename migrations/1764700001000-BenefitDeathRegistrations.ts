import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funeral support triggered by death-registration dossiers of the inter-level group (liên thông khai tử – xóa đăng ký
 * thường trú – trợ cấp mai táng / hỗ trợ chi phí mai táng):
 * - `benefit_death_registration_procedures`: which procedure codes form the group (seeded, editable data), and whether
 *   the variant grants the department's funeral support (the social-insurance variant is paid by BHXH: it only
 *   records the death).
 * - `benefit_death_registrations`: one outcome per dossier (granted, or why not), so a re-delivered event changes
 *   nothing and an officer sees every reason.
 */
export class BenefitDeathRegistrations1764700001000 implements MigrationInterface {
  name = 'BenefitDeathRegistrations1764700001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table benefit_death_registration_procedures (
        procedure_code text primary key check (procedure_code ~ '^[0-9A-Z.-]{1,60}$'),
        grants_funeral boolean not null,
        label text not null check (length(label) between 1 and 500),
        source text check (length(source) <= 500),
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table benefit_death_registrations (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null unique references dossiers (id) on delete restrict,
        dossier_code text not null,
        procedure_code text not null,
        outbox_event_id bigint,
        person_id uuid references registry_people (id) on delete restrict,
        unit_id uuid references admin_units (id) on delete restrict,
        death_date date,
        outcome text not null check (outcome in ('GRANTED', 'ALREADY_GRANTED', 'NOT_QUALIFIED', 'NO_FUNERAL_RULE',
          'NOT_A_FUNERAL_PROCEDURE', 'NO_DECEASED_DATA', 'PERSON_NOT_IN_REGISTRY', 'NO_UNIT')),
        reason text not null check (length(reason) between 1 and 2000),
        one_off_id uuid references benefit_one_offs (id) on delete restrict,
        death_recorded boolean not null,
        entitlements_ended integer not null default 0 check (entitlements_ended >= 0),
        created_at timestamptz not null default now(),
        check ((outcome = 'GRANTED') = (one_off_id is not null))
      )`);
    await q.query(
      `create index benefit_death_registrations_person_idx on benefit_death_registrations (person_id) where person_id is not null`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table benefit_death_registrations`);
    await q.query(`drop table benefit_death_registration_procedures`);
  }
}
