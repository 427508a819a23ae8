import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A funeral rule says which base it multiplies (`base_kind`): the social-assistance base, the preferential base, or
 * the statutory base salary (mức lương cơ sở), versioned in its own table. Existing rows keep their behaviour (the
 * scheme's own base). The statutory base salary is not a benefit scheme (no province scope, no appendix tables, not
 * a scheme of entitlements or one-offs), so it does not join `benefit_base_levels`.
 */
export class BenefitFuneralBaseKind1764700003000 implements MigrationInterface {
  name = 'BenefitFuneralBaseKind1764700003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table benefit_statutory_base_salaries (
        id uuid primary key default gen_random_uuid(),
        amount bigint not null check (amount > 0),
        effective_from date not null unique,
        legal_basis text not null check (length(legal_basis) between 1 and 500),
        unconfirmed boolean not null default false,
        note text check (length(note) <= 1000),
        created_by text not null default 'system',
        created_at timestamptz not null default now()
      )`);
    await q.query(`alter table benefit_funeral_rules add column base_kind text`);
    await q.query(
      `update benefit_funeral_rules
          set base_kind = case scheme when 'SOCIAL_ASSISTANCE' then 'SOCIAL_ASSISTANCE_BASE' else 'MERIT_BASE' end`,
    );
    await q.query(`
      alter table benefit_funeral_rules
        alter column base_kind set not null,
        add constraint benefit_funeral_rules_base_kind_check
          check (base_kind in ('SOCIAL_ASSISTANCE_BASE', 'MERIT_BASE', 'STATUTORY_BASE_SALARY')),
        add column note text check (length(note) <= 1000)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Rules in the statutory base salary have no meaning in the earlier model (they would silently multiply the
    // scheme's base): they go with the column.
    await q.query(`delete from benefit_funeral_rules where base_kind = 'STATUTORY_BASE_SALARY'`);
    await q.query(`alter table benefit_funeral_rules drop column note, drop column base_kind`);
    await q.query(`drop table benefit_statutory_base_salaries`);
  }
}
