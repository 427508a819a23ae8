import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen feedback and petitions (phản ánh, kiến nghị) with their response deadlines, and the citizen reception log
 * (tiếp công dân). Both are counted in reports, so both carry the agency and administrative unit they belong to.
 */
export class FeedbackAndReception1765000000000 implements MigrationInterface {
  name = 'FeedbackAndReception1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table feedback_items (
        id uuid primary key default gen_random_uuid(),
        code text not null unique,
        source text not null check (source in ('PORTAL', 'STAFF')),
        kind text not null check (kind in ('FEEDBACK', 'PETITION')),
        agency_id uuid not null references agencies(id),
        unit_id uuid not null references admin_units(id),
        procedure_code text check (procedure_code ~ '^[0-9]\\.[0-9]{6}'),
        dossier_id uuid references dossiers(id),
        submitter_name text not null check (length(submitter_name) between 1 and 200),
        submitter_contact text check (length(submitter_contact) <= 200),
        subject text not null check (length(subject) between 1 and 300),
        content text not null check (length(content) between 1 and 10000),
        received_at timestamptz not null default now(),
        received_on date not null,
        response_due_on date not null,
        state text not null default 'RECEIVED'
          check (state in ('RECEIVED', 'ASSIGNED', 'ANSWERED', 'PUBLISHED', 'REJECTED')),
        assignee_id uuid references staff_users(id),
        answer text check (length(answer) <= 20000),
        answered_on date,
        rejection_reason text check (length(rejection_reason) <= 2000),
        published_on date,
        portal_reference text check (length(portal_reference) <= 100),
        api_key_id uuid references api_keys(id),
        version integer not null default 1,
        check (response_due_on >= received_on),
        check ((state in ('ANSWERED', 'PUBLISHED')) = (answer is not null and answered_on is not null)),
        check ((state = 'PUBLISHED') = (published_on is not null)),
        check ((state = 'REJECTED') = (rejection_reason is not null))
      )`);
    await q.query(`create unique index feedback_items_portal_ref on feedback_items (api_key_id, portal_reference)
                   where portal_reference is not null`);
    await q.query(`create index feedback_items_unit_received on feedback_items (unit_id, received_on, id)`);
    await q.query(
      `create index feedback_items_open_due on feedback_items (response_due_on) where state in ('RECEIVED', 'ASSIGNED')`,
    );
    await q.query(`create sequence feedback_code_seq`);

    await q.query(`
      create table citizen_receptions (
        id uuid primary key default gen_random_uuid(),
        agency_id uuid not null references agencies(id),
        unit_id uuid not null references admin_units(id),
        received_on date not null,
        topic text not null check (topic in (
          'MERITORIOUS_POLICY', 'SOCIAL_PROTECTION', 'POVERTY_REDUCTION', 'EMPLOYMENT', 'LABOUR_WAGES',
          'CHILDREN', 'SOCIAL_EVILS', 'OTHER')),
        visitors integer not null default 1 check (visitors between 1 and 500),
        summary text not null check (length(summary) between 1 and 5000),
        outcome text not null check (outcome in ('GUIDED', 'PETITION_ACCEPTED', 'TRANSFERRED', 'RESOLVED_ON_SITE')),
        feedback_id uuid references feedback_items(id),
        officer_id uuid references staff_users(id),
        created_at timestamptz not null default now()
      )`);
    await q.query(
      `create index citizen_receptions_unit_day on citizen_receptions (unit_id, received_on, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table citizen_receptions`);
    await q.query(`drop sequence feedback_code_seq`);
    await q.query(`drop table feedback_items`);
  }
}
