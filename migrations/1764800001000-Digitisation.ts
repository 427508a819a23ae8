import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digitisation of paper archives: projects → boxes → files (archive codes) with their scans, the clerks' entries
 * (double entry of critical fields), four-eyes verification, the link to the registry, and an event log that the
 * progress and quality figures are computed from.
 */
export class Digitisation1764800001000 implements MigrationInterface {
  name = 'Digitisation1764800001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table digitisation_projects (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9._-]{0,39}$'),
        name text not null check (length(name) between 1 and 300),
        unit_id uuid references admin_units (id) on delete restrict,
        created_by text not null,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table digitisation_boxes (
        id uuid primary key default gen_random_uuid(),
        project_id uuid not null references digitisation_projects (id) on delete restrict,
        code text not null check (length(code) between 1 and 60),
        created_at timestamptz not null default now(),
        unique (project_id, code)
      )`);
    await q.query(`
      create table digitisation_files (
        id uuid primary key default gen_random_uuid(),
        project_id uuid not null references digitisation_projects (id) on delete restrict,
        box_id uuid not null references digitisation_boxes (id) on delete restrict,
        archive_code text not null unique check (length(archive_code) between 1 and 100),
        state text not null default 'REGISTERED'
          check (state in ('REGISTERED', 'SCANNED', 'ENTERED', 'VERIFIED', 'LINKED', 'DONE')),
        page_count integer not null default 0 check (page_count >= 0),
        data jsonb,
        entry_mismatches text[] not null default '{}',
        verified_by text,
        returned_count integer not null default 0,
        return_reason text check (length(return_reason) <= 1000),
        person_id uuid references registry_people (id) on delete restrict,
        household_id uuid references registry_households (id) on delete restrict,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (state not in ('LINKED', 'DONE') or person_id is not null or household_id is not null)
      )`);
    await q.query(`create index digitisation_files_box_idx on digitisation_files (box_id, state)`);
    await q.query(`create index digitisation_files_project_idx on digitisation_files (project_id, state)`);
    await q.query(`
      create table digitisation_scans (
        id uuid primary key default gen_random_uuid(),
        file_id uuid not null references digitisation_files (id) on delete restrict,
        store_key text not null check (length(store_key) <= 300),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes bigint not null check (size_bytes > 0),
        content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png', 'image/tiff')),
        page_count integer not null check (page_count >= 1),
        thumbnail_key text,
        thumbnail_state text not null default 'PENDING'
          check (thumbnail_state in ('PENDING', 'DONE', 'UNSUPPORTED', 'FAILED')),
        uploaded_by text not null,
        uploaded_at timestamptz not null default now()
      )`);
    await q.query(`create index digitisation_scans_file_idx on digitisation_scans (file_id)`);
    await q.query(`
      create table digitisation_entries (
        id uuid primary key default gen_random_uuid(),
        file_id uuid not null references digitisation_files (id) on delete restrict,
        clerk text not null check (length(clerk) between 1 and 200),
        data jsonb not null,
        created_at timestamptz not null default now(),
        superseded_at timestamptz
      )`);
    await q.query(`create unique index digitisation_entries_current_key on digitisation_entries (file_id, clerk)
      where superseded_at is null`);
    await q.query(`
      create table digitisation_events (
        id bigserial primary key,
        file_id uuid not null references digitisation_files (id) on delete restrict,
        project_id uuid not null references digitisation_projects (id) on delete restrict,
        box_id uuid not null references digitisation_boxes (id) on delete restrict,
        kind text not null check (kind in ('REGISTERED', 'SCANNED', 'ENTRY', 'ENTRY_MISMATCH', 'ENTERED', 'VERIFIED',
          'RETURNED', 'LINKED', 'DONE')),
        actor text not null,
        clerk text,
        details jsonb not null default '{}',
        at timestamptz not null default now()
      )`);
    await q.query(`create index digitisation_events_project_idx on digitisation_events (project_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'digitisation_events',
      'digitisation_entries',
      'digitisation_scans',
      'digitisation_files',
      'digitisation_boxes',
      'digitisation_projects',
    ])
      await q.query(`drop table ${t}`);
  }
}
