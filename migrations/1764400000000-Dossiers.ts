import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATES = `'SUBMITTED','SUPPLEMENT_BEFORE_ACCEPTANCE','REFUSED','RECEIVED','IN_PROCESSING','WAITING_SUPPLEMENT',
  'WAITING_FINANCIAL_OBLIGATION','WITHDRAWAL_REQUESTED','WITHDRAWN','RETURNED_NOT_ELIGIBLE','APPROVED','REJECTED',
  'RESULT_READY','RESULT_RETURNED'`;

/**
 * Dossiers (hồ sơ TTHC) and everything that hangs off them: submitted documents against the checklist, stored files,
 * the dossier's steps, the process control slip (handovers), supplement requests, apology letters, the append-only
 * event log that reports replay, the per-agency daily code sequence and idempotency keys for portal retries.
 *
 * `procedure_version_id` references `procedure_versions` (procedures migration, 17643…) when that table exists at
 * migration time; the check below keeps this migration runnable while the procedures module is not merged yet.
 */
export class Dossiers1764400000000 implements MigrationInterface {
  name = 'Dossiers1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table dossiers (
        id uuid primary key default gen_random_uuid(),
        code text not null check (length(code) between 12 and 60),
        code_scheme text not null check (code_scheme in ('CIRCULAR_03_2025', 'QCVN_102', 'CENTRALISED')),
        procedure_version_id uuid not null,
        procedure_code text not null check (length(procedure_code) between 1 and 60),
        channel text not null check (channel in ('DIRECT', 'ONLINE', 'POSTAL')),
        state text not null check (state in (${STATES})),
        agency_id uuid not null references agencies (id) on delete restrict,
        unit_id uuid not null references admin_units (id) on delete restrict,
        handling_agency_id uuid not null references agencies (id) on delete restrict,
        handling_unit_id uuid not null references admin_units (id) on delete restrict,
        handling_level text not null check (handling_level in ('COMMUNE', 'DISTRICT', 'PROVINCE')),
        applicant_kind text not null check (applicant_kind in ('PERSON', 'ORGANISATION')),
        applicant_name text not null check (length(applicant_name) between 1 and 300),
        applicant_id_number text check (applicant_id_number is null or applicant_id_number ~ '^[0-9A-Z-]{6,20}$'),
        applicant_phone text check (applicant_phone is null or applicant_phone ~ '^\\+?[0-9]{8,15}$'),
        applicant_email text check (applicant_email is null or length(applicant_email) <= 254),
        applicant_address text check (applicant_address is null or length(applicant_address) <= 500),
        registry_person_id uuid,
        received_by_kind text not null check (received_by_kind in ('user', 'api_key', 'system')),
        received_by_id text not null check (length(received_by_id) between 1 and 100),
        received_by_name text not null check (length(received_by_name) between 1 and 200),
        assignee_user_id uuid,
        submitted_at timestamptz not null,
        accepted_at timestamptz,
        counting_start date,
        time_limit_amount numeric(7,2) check (time_limit_amount is null or time_limit_amount between 0 and 10000),
        time_limit_unit text check (time_limit_unit is null or time_limit_unit in ('WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS')),
        due_at timestamptz,
        due_date date,
        original_due_date date,
        appointment_moved boolean not null default false,
        paused_working_days integer not null default 0 check (paused_working_days >= 0),
        supplement_requests integer not null default 0 check (supplement_requests >= 0),
        paused_since date,
        resolved_at timestamptz,
        stopped_at timestamptz,
        decision_number text check (decision_number is null or length(decision_number) <= 100),
        decision_signer text check (decision_signer is null or length(decision_signer) <= 200),
        decision_date date,
        decision_reason text check (decision_reason is null or length(decision_reason) <= 4000),
        legal_basis text check (legal_basis is null or length(legal_basis) <= 4000),
        result_file_id uuid,
        result_digitised boolean not null default false,
        result_returned_at timestamptz,
        result_return_channel text check (result_return_channel is null or result_return_channel in ('DIRECT', 'ONLINE', 'POSTAL')),
        refusal_reason text check (refusal_reason is null or length(refusal_reason) <= 4000),
        version integer not null default 1 check (version >= 1),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint dossiers_code_key unique (code),
        check (due_date is null or original_due_date is not null),
        check (accepted_at is null or accepted_at >= submitted_at - interval '1 day')
      )`);
    await q.query(`
      do $$ begin
        if to_regclass('procedure_versions') is not null then
          if not exists (select 1 from pg_constraint where conname = 'dossiers_procedure_version_fk') then
          alter table dossiers add constraint dossiers_procedure_version_fk
            foreign key (procedure_version_id) references procedure_versions (id) on delete restrict;
          end if;
        end if;
      end $$`);
    await q.query(`create index dossiers_unit_idx on dossiers (unit_id, created_at desc, id)`);
    await q.query(`create index dossiers_handling_unit_idx on dossiers (handling_unit_id, state)`);
    await q.query(`create index dossiers_state_due_idx on dossiers (state, due_date)`);
    await q.query(`create index dossiers_assignee_idx on dossiers (assignee_user_id) where assignee_user_id is not null`);
    await q.query(`create index dossiers_updated_idx on dossiers (updated_at, id)`);
    await q.query(`create index dossiers_procedure_version_idx on dossiers (procedure_version_id)`);
    await q.query(`create index dossiers_registry_person_idx on dossiers (registry_person_id) where registry_person_id is not null`);
    await q.query(`create index dossiers_applicant_id_number_idx on dossiers (applicant_id_number) where applicant_id_number is not null`);

    await q.query(`
      create table dossier_files (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null references dossiers (id) on delete cascade,
        purpose text not null check (purpose in ('DOCUMENT', 'RESULT')),
        storage_key text not null check (length(storage_key) between 1 and 500),
        file_name text not null check (length(file_name) between 1 and 255),
        content_type text not null check (length(content_type) between 3 and 100),
        size_bytes bigint not null check (size_bytes >= 0),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by text not null check (length(uploaded_by) between 1 and 200),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index dossier_files_dossier_idx on dossier_files (dossier_id)`);
    await q.query(`alter table dossiers add constraint dossiers_result_file_fk
      foreign key (result_file_id) references dossier_files (id) on delete restrict deferrable initially deferred`);

    await q.query(`
      create table dossier_documents (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null references dossiers (id) on delete cascade,
        checklist_code text check (checklist_code is null or length(checklist_code) between 1 and 60),
        name text not null check (length(name) between 1 and 500),
        mandatory boolean not null default false,
        copies integer not null default 1 check (copies between 0 and 100),
        form text not null default 'COPY' check (form in ('ORIGINAL', 'CERTIFIED_COPY', 'COPY', 'ELECTRONIC')),
        file_id uuid references dossier_files (id) on delete set null,
        as_supplement boolean not null default false,
        provided_at timestamptz not null default now()
      )`);
    await q.query(`create index dossier_documents_dossier_idx on dossier_documents (dossier_id)`);

    await q.query(`
      create table dossier_steps (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null references dossiers (id) on delete cascade,
        seq integer not null check (seq between 1 and 100),
        name text not null check (length(name) between 1 and 300),
        level text check (level is null or level in ('COMMUNE', 'DISTRICT', 'PROVINCE')),
        agency_id uuid references agencies (id) on delete restrict,
        assignee_user_id uuid,
        budget_amount numeric(8,2) check (budget_amount is null or budget_amount >= 0),
        budget_unit text check (budget_unit is null or budget_unit in ('WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS')),
        status text not null default 'PENDING' check (status in ('PENDING', 'ACTIVE', 'DONE', 'SKIPPED')),
        started_at timestamptz,
        due_at timestamptz,
        finished_at timestamptz,
        outcome text check (outcome is null or outcome in ('EARLY', 'ON_TIME', 'LATE')),
        unique (dossier_id, seq),
        check ((status = 'DONE') = (finished_at is not null))
      )`);
    await q.query(`create index dossier_steps_assignee_idx on dossier_steps (assignee_user_id, status) where status = 'ACTIVE'`);
    await q.query(`create index dossier_steps_due_idx on dossier_steps (status, due_at) where status = 'ACTIVE'`);

    await q.query(`
      create table dossier_handovers (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null references dossiers (id) on delete cascade,
        from_step_id uuid references dossier_steps (id) on delete set null,
        to_step_id uuid references dossier_steps (id) on delete set null,
        from_agency_id uuid references agencies (id),
        to_agency_id uuid references agencies (id),
        from_person text not null check (length(from_person) between 1 and 200),
        to_person text check (to_person is null or length(to_person) <= 200),
        handed_at timestamptz not null default now(),
        step_due_at timestamptz,
        step_outcome text check (step_outcome is null or step_outcome in ('EARLY', 'ON_TIME', 'LATE')),
        note text check (note is null or length(note) <= 2000)
      )`);
    await q.query(`create index dossier_handovers_dossier_idx on dossier_handovers (dossier_id, handed_at)`);

    await q.query(`
      create table dossier_supplement_requests (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null references dossiers (id) on delete cascade,
        stage text not null check (stage in ('AT_RECEIPT', 'IN_PROCESSING')),
        missing jsonb not null check (jsonb_typeof(missing) = 'array'),
        reason text not null check (length(reason) between 1 and 4000),
        requested_by text not null,
        requested_at timestamptz not null default now(),
        paused_from date,
        provided_at timestamptz,
        paused_working_days integer check (paused_working_days is null or paused_working_days >= 0)
      )`);
    await q.query(`create index dossier_supplement_requests_dossier_idx on dossier_supplement_requests (dossier_id)`);

    await q.query(`
      create table dossier_apologies (
        id uuid primary key default gen_random_uuid(),
        dossier_id uuid not null unique references dossiers (id) on delete cascade,
        reason text not null check (length(reason) between 1 and 4000),
        previous_due_date date not null,
        new_due_date date not null check (new_due_date > previous_due_date),
        sent_on date not null,
        in_time boolean not null,
        signed_by text not null check (length(signed_by) between 1 and 200),
        created_at timestamptz not null default now()
      )`);

    await q.query(`
      create table dossier_events (
        id bigserial primary key,
        dossier_id uuid not null references dossiers (id) on delete restrict,
        type text not null check (type ~ '^[a-z][a-z0-9_.]{0,99}$'),
        from_state text,
        to_state text,
        actor_kind text not null check (actor_kind in ('user', 'api_key', 'system', 'public')),
        actor_id text not null,
        actor_name text not null,
        occurred_at timestamptz not null default now(),
        payload jsonb not null default '{}'::jsonb
      )`);
    await q.query(`create index dossier_events_dossier_idx on dossier_events (dossier_id, id)`);
    await q.query(`create index dossier_events_type_time_idx on dossier_events (type, occurred_at)`);
    await q.query(`
      create function dossier_events_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'dossier_events is append-only' using errcode = '42501';
      end $$`);
    await q.query(`create trigger dossier_events_no_change before update or delete on dossier_events
      for each row execute function dossier_events_append_only()`);

    await q.query(`
      create table dossier_code_sequences (
        agency_id uuid not null references agencies (id) on delete cascade,
        day date not null,
        last_value integer not null check (last_value >= 0),
        primary key (agency_id, day)
      )`);

    await q.query(`
      create table dossier_idempotency_keys (
        caller text not null check (length(caller) between 1 and 100),
        key text not null check (length(key) between 1 and 200),
        request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
        dossier_id uuid references dossiers (id) on delete cascade,
        created_at timestamptz not null default now(),
        primary key (caller, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dossier_idempotency_keys`);
    await q.query(`drop table dossier_code_sequences`);
    await q.query(`drop table dossier_events`);
    await q.query(`drop function dossier_events_append_only()`);
    await q.query(`drop table dossier_apologies`);
    await q.query(`drop table dossier_supplement_requests`);
    await q.query(`drop table dossier_handovers`);
    await q.query(`drop table dossier_steps`);
    await q.query(`drop table dossier_documents`);
    await q.query(`alter table dossiers drop constraint dossiers_result_file_fk`);
    await q.query(`drop table dossier_files`);
    await q.query(`drop table dossiers`);
  }
}
