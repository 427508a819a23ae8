import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports: one row per uploaded file (state, dry-run counts, commit checkpoint, progress), the per-row error
 * report, and the staging table of people/household rows that the set-based merges read from. The staging table is
 * filled by COPY; a commit walks it chunk by chunk, each chunk and its checkpoint in one transaction.
 */
export class Imports1764800000000 implements MigrationInterface {
  name = 'Imports1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table import_jobs (
        id uuid primary key default gen_random_uuid(),
        target text not null check (target in ('PEOPLE', 'HOUSEHOLD_MEMBERS')),
        state text not null default 'UPLOADED' check (state in ('UPLOADED', 'VALIDATING', 'VALIDATED',
          'COMMITTING', 'COMMITTED', 'CANCELLED', 'FAILED')),
        file_name text not null check (length(file_name) between 1 and 255),
        file_key text not null check (length(file_key) <= 500),
        file_format text not null check (file_format in ('CSV', 'XLSX')),
        file_size bigint not null check (file_size >= 0),
        file_sha256 text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
        encoding text check (length(encoding) <= 40),
        member_from date not null,
        scope_unit_ids uuid[],
        total_rows integer check (total_rows >= 0),
        rows_done integer not null default 0 check (rows_done >= 0),
        phase_started_at timestamptz,
        count_create integer,
        count_update integer,
        count_unchanged integer,
        count_rejected integer,
        households_to_create integer,
        chunk_count integer,
        committed_chunk integer not null default -1,
        cancel_requested boolean not null default false,
        failure text check (length(failure) <= 2000),
        created_by text not null check (length(created_by) between 1 and 200),
        created_at timestamptz not null default now(),
        validated_at timestamptz,
        finished_at timestamptz,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`create index import_jobs_created_idx on import_jobs (created_at desc, id)`);

    await q.query(`
      create table import_row_errors (
        id bigserial primary key,
        import_id uuid not null references import_jobs (id) on delete cascade,
        row_no integer not null check (row_no >= 1),
        column_name text not null check (length(column_name) <= 100),
        value text check (length(value) <= 500),
        code text not null check (length(code) <= 60),
        message_vi text not null check (length(message_vi) <= 1000),
        message_en text not null check (length(message_en) <= 1000)
      )`);
    await q.query(`create index import_row_errors_import_idx on import_row_errors (import_id, row_no)`);

    await q.query(`
      create table import_people_rows (
        import_id uuid not null references import_jobs (id) on delete cascade,
        row_no integer not null,
        rejected boolean not null default false,
        cccd text,
        full_name text,
        name_key text,
        birth_year integer,
        birth_date date,
        gender text,
        ethnicity text,
        unit_code text,
        address text,
        phone text,
        household_code text,
        relationship text,
        member_from date,
        unit_id uuid,
        person_id uuid,
        household_id uuid,
        action text check (action in ('CREATE', 'UPDATE', 'UNCHANGED', 'REJECTED')),
        membership_action text check (membership_action in ('NONE', 'JOIN', 'MOVE')),
        chunk_no integer not null,
        primary key (import_id, row_no)
      ) with (fillfactor = 70)`);
    await q.query(`create index import_people_rows_chunk_idx on import_people_rows (import_id, chunk_no)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table import_people_rows`);
    await q.query(`drop table import_row_errors`);
    await q.query(`drop table import_jobs`);
  }
}
