import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Working-day calendar and deadline ledger (issue 4).
 *
 * - calendar_versions: every change to the overrides creates a version; version 0 is "computed statutory rules only".
 * - calendar_overrides: announced days off / make-up working days, with their document. Rows are never updated in
 *   place: a change retires the row (retired_in_version) and inserts its successor, so the overrides in force at any
 *   version V are `created_in_version <= V and (retired_in_version is null or retired_in_version > V)`.
 * - calendar_receipt_cutoffs: per-agency receipt cut-off (default from the RECEIPT_CUTOFF setting).
 * - deadline_ledgers / deadline_pauses / deadline_extensions: per subject (e.g. a dossier) and step: budget, anchor,
 *   consumed time, clock stops with reasons, extensions with their ceiling and document, and the resulting due
 *   instant with the calendar version used. Keyed by (subject_type, subject_id, step_key) without FK so any module
 *   can use it. "Overdue" is not stored: the view deadline_ledger_status derives it.
 */
export class WorkingCalendar1764200000000 implements MigrationInterface {
  name = 'WorkingCalendar1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table calendar_versions (
        version integer primary key check (version >= 0),
        created_at timestamptz not null default now(),
        created_by text check (length(created_by) <= 200),
        note text check (length(note) <= 1000)
      )`);
    await q.query(`insert into calendar_versions (version, created_by, note)
      values (0, 'system', 'Computed statutory rules only (Labour Code 2019 art. 112, lunar dates for UTC+7)')`);

    await q.query(`
      create table calendar_overrides (
        id uuid primary key default gen_random_uuid(),
        day date not null check (day between '1990-01-01' and '2101-12-31'),
        kind text not null check (kind in ('DAY_OFF', 'WORKING_DAY')),
        holiday text check (holiday in ('NEW_YEAR', 'TET', 'HUNG_KINGS', 'REUNIFICATION_LABOUR', 'NATIONAL_DAY')),
        reason text not null check (length(reason) between 1 and 500),
        document_number text check (length(document_number) between 1 and 100),
        document_date date,
        unconfirmed boolean not null default false,
        notes text check (length(notes) <= 2000),
        seed_key text check (length(seed_key) <= 100),
        created_in_version integer not null references calendar_versions (version) on delete restrict,
        retired_in_version integer references calendar_versions (version) on delete restrict,
        created_by text check (length(created_by) <= 200),
        check (retired_in_version is null or retired_in_version > created_in_version),
        -- An announced day off or make-up day without its document must be flagged.
        check (document_number is not null or unconfirmed)
      )`);
    await q.query(`create unique index calendar_overrides_current_day_key on calendar_overrides (day)
      where retired_in_version is null`);
    await q.query(`create index calendar_overrides_version_idx on calendar_overrides (created_in_version, retired_in_version)`);
    await q.query(`create index calendar_overrides_seed_key_idx on calendar_overrides (seed_key) where seed_key is not null`);

    await q.query(`
      create table calendar_receipt_cutoffs (
        agency_id uuid primary key references agencies (id) on delete cascade,
        cutoff text not null check (cutoff ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
        note text check (length(note) <= 500),
        updated_at timestamptz not null default now()
      )`);

    await q.query(`
      create table deadline_ledgers (
        id uuid primary key default gen_random_uuid(),
        subject_type text not null check (subject_type ~ '^[A-Z][A-Z0-9_]{1,39}$'),
        subject_id uuid not null,
        step_key text not null check (length(step_key) between 1 and 100),
        budget_amount numeric(8, 2) not null check (budget_amount >= 0 and budget_amount <= 10000),
        budget_unit text not null check (budget_unit in ('WORKING_DAYS', 'WORKING_HOURS')),
        anchor_at timestamptz not null,
        postmark_date date,
        agency_id uuid references agencies (id) on delete set null,
        counting_start date not null,
        extension_ceiling_days integer not null default 0 check (extension_ceiling_days between 0 and 1000),
        calendar_version integer not null references calendar_versions (version) on delete restrict,
        consumed numeric(10, 2) not null default 0 check (consumed >= 0),
        consumed_as_of timestamptz not null,
        due_at timestamptz not null,
        due_date date not null,
        closed_at timestamptz,
        close_reason text check (length(close_reason) <= 500),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        row_version integer not null default 1,
        unique (subject_type, subject_id, step_key),
        check (closed_at is null or closed_at >= anchor_at)
      )`);
    await q.query(`create index deadline_ledgers_open_due_idx on deadline_ledgers (due_at) where closed_at is null`);

    await q.query(`
      create table deadline_pauses (
        id uuid primary key default gen_random_uuid(),
        ledger_id uuid not null references deadline_ledgers (id) on delete cascade,
        paused_at timestamptz not null,
        resumed_at timestamptz,
        reason_code text not null check (reason_code in ('SUPPLEMENT', 'SUSPENSION', 'FINANCIAL_OBLIGATION', 'OTHER')),
        reason text check (length(reason) <= 1000),
        created_by text check (length(created_by) <= 200),
        check (resumed_at is null or resumed_at >= paused_at),
        -- Clock stops of one ledger never overlap; at most one is open.
        exclude using gist (ledger_id with =, tstzrange(paused_at, coalesce(resumed_at, 'infinity'), '[)') with &&)
      )`);
    await q.query(`create unique index deadline_pauses_one_open_key on deadline_pauses (ledger_id) where resumed_at is null`);

    await q.query(`
      create table deadline_extensions (
        id uuid primary key default gen_random_uuid(),
        ledger_id uuid not null references deadline_ledgers (id) on delete cascade,
        days integer not null check (days between 1 and 1000),
        document_number text not null check (length(document_number) between 1 and 100),
        granted_on date not null,
        reason text check (length(reason) <= 1000),
        created_by text check (length(created_by) <= 200),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index deadline_extensions_ledger_idx on deadline_extensions (ledger_id)`);

    // Overdue is derived, never stored: closed late, stopped after the due instant, or open past it.
    await q.query(`
      create view deadline_ledger_status as
      select l.id, l.subject_type, l.subject_id, l.step_key, l.due_at, l.due_date, l.closed_at,
             p.paused_at as paused_since,
             case
               when l.closed_at is not null then l.closed_at > l.due_at
               when p.paused_at is not null then p.paused_at > l.due_at
               else now() > l.due_at
             end as overdue
        from deadline_ledgers l
        left join deadline_pauses p on p.ledger_id = l.id and p.resumed_at is null`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop view deadline_ledger_status`);
    await q.query(`drop table deadline_extensions`);
    await q.query(`drop table deadline_pauses`);
    await q.query(`drop table deadline_ledgers`);
    await q.query(`drop table calendar_receipt_cutoffs`);
    await q.query(`drop table calendar_overrides`);
    await q.query(`drop table calendar_versions`);
  }
}
