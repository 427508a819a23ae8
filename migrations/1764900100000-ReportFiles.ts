import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled report files (issue 11): the XLSX and CSV the reports job produces the day after an official period
 * closes, for the province and each agency. The bytes live in the file store (`storage_key`), checked by sha-256.
 * One file per report, period, scope and format, so a re-run of the job cannot duplicate a file.
 */
export class ReportFiles1764900100000 implements MigrationInterface {
  name = 'ReportFiles1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table report_files (
        id uuid primary key default gen_random_uuid(),
        report_key text not null check (report_key ~ '^[a-z][a-z0-9-]{1,39}$'),
        period_kind text not null check (period_kind in ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR')),
        period_from date not null,
        period_to date not null,
        scope_kind text not null check (scope_kind in ('PROVINCE', 'AGENCY')),
        scope_key text not null check (length(scope_key) between 1 and 60),
        agency_id uuid references agencies (id) on delete restrict,
        unit_id uuid references admin_units (id) on delete restrict,
        format text not null check (format in ('XLSX', 'CSV')),
        file_name text not null check (length(file_name) between 1 and 200),
        content_type text not null check (length(content_type) between 1 and 100),
        storage_key text not null unique check (length(storage_key) between 1 and 300),
        checksum_sha256 text not null check (checksum_sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint not null check (size_bytes >= 0),
        created_at timestamptz not null default now(),
        check (period_from <= period_to),
        check ((scope_kind = 'AGENCY') = (agency_id is not null)),
        check (scope_kind = 'PROVINCE' or unit_id is not null),
        unique (report_key, period_kind, period_from, period_to, scope_key, format)
      )`);
    await q.query(`create index report_files_period_idx on report_files (period_to desc, report_key)`);
    await q.query(`create index report_files_unit_idx on report_files (unit_id)`);
    await q.query(`create index report_files_agency_idx on report_files (agency_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table report_files`);
  }
}
