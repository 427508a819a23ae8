import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Procedure catalog (thủ tục hành chính): fields, publication decisions with their items, procedures and their
 * versions (content is per version; a version is in force on [valid_from, valid_to)), legal bases, required
 * documents, fees and internal-process steps. Versions of one procedure never overlap (exclusion constraint).
 * A null valid_from means "in force since before our records" (the source did not state an effective date).
 * Agencies are referenced by FK when known; the published wording of the agency is always kept as text.
 */
export class ProcedureCatalog1764300000000 implements MigrationInterface {
  name = 'ProcedureCatalog1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table procedure_fields (
        code text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,59}$'),
        name text not null check (length(name) between 1 and 200),
        sort_order integer not null default 0
      )`);
    await q.query(`
      insert into procedure_fields (code, name, sort_order) values
        ('NGUOI_CO_CONG', 'Người có công', 10),
        ('BAO_TRO_XA_HOI', 'Bảo trợ xã hội', 20),
        ('GIAM_NGHEO', 'Giảm nghèo', 30),
        ('VIEC_LAM', 'Việc làm', 40),
        ('BAO_HIEM_THAT_NGHIEP', 'Bảo hiểm thất nghiệp', 50),
        ('LAO_DONG_TIEN_LUONG', 'Lao động – Tiền lương', 60),
        ('GIAO_DUC_NGHE_NGHIEP', 'Giáo dục nghề nghiệp', 70),
        ('AN_TOAN_LAO_DONG', 'An toàn, vệ sinh lao động', 80),
        ('TRE_EM', 'Trẻ em', 90),
        ('PHONG_CHONG_TE_NAN_XA_HOI', 'Phòng, chống tệ nạn xã hội', 100),
        ('LIEN_THONG_KHAI_TU_MAI_TANG', 'Liên thông khai tử – xóa đăng ký thường trú – mai táng, tử tuất', 110),
        ('KHAC', 'Lĩnh vực khác', 1000)`);

    await q.query(`
      create table procedure_decisions (
        id uuid primary key default gen_random_uuid(),
        number text check (length(number) between 1 and 100),
        title text check (length(title) <= 1000),
        issuer text check (length(issuer) <= 300),
        signer text check (length(signer) <= 200),
        signed_on date,
        effective_from date,
        date_text text check (length(date_text) <= 200),
        status text not null default 'DRAFT' check (status in ('DRAFT', 'APPLIED')),
        unconfirmed boolean not null default false,
        seed_key text unique check (length(seed_key) <= 100),
        source jsonb,
        notes text check (length(notes) <= 4000),
        created_by text check (length(created_by) <= 200),
        created_at timestamptz not null default now(),
        applied_at timestamptz,
        check ((status = 'APPLIED') = (applied_at is not null)),
        check (effective_from is null or signed_on is null or effective_from >= signed_on),
        -- Only a flagged (seed/import) decision may lack its number or effective date.
        check (unconfirmed or (number is not null and effective_from is not null))
      )`);
    await q.query(`create unique index procedure_decisions_number_key on procedure_decisions (number, coalesce(issuer, ''))
      where number is not null`);
    await q.query(`create index procedure_decisions_signed_idx on procedure_decisions (signed_on)`);

    await q.query(`
      create table procedures (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^([0-9]\\.[0-9]{6}|[A-Z]{2,10}(-[A-Z0-9]{1,10}){1,3})$'),
        national_code text unique check (national_code ~ '^[0-9]\\.[0-9]{6}$'),
        abolished_on date,
        abolished_by_decision_id uuid references procedure_decisions (id) on delete restrict,
        created_at timestamptz not null default now(),
        check ((abolished_on is null) = (abolished_by_decision_id is null))
      )`);

    await q.query(`
      create table procedure_versions (
        id uuid primary key default gen_random_uuid(),
        procedure_id uuid not null references procedures (id) on delete restrict,
        version_no integer not null check (version_no >= 1),
        decision_id uuid not null references procedure_decisions (id) on delete restrict,
        change_kind text not null check (change_kind in ('NEW', 'AMENDED', 'REPLACED')),
        valid_from date,
        valid_to date,
        portal_code text check (length(portal_code) <= 60),
        name text not null check (length(name) between 1 and 1000),
        field_code text not null references procedure_fields (code) on delete restrict,
        field_text text check (length(field_text) <= 300),
        levels text[] not null default '{}' check (levels <@ array['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE',
          'OTHER']::text[]),
        level_text text check (length(level_text) <= 300),
        inter_level boolean not null default false,
        implementing_agency_id uuid references agencies (id) on delete restrict,
        implementing_agency_name text check (length(implementing_agency_name) <= 1000),
        deciding_agency_id uuid references agencies (id) on delete restrict,
        deciding_agency_name text check (length(deciding_agency_name) <= 1000),
        time_limit_amount numeric(7, 2) check (time_limit_amount > 0),
        time_limit_unit text check (time_limit_unit in ('WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS')),
        time_limit_text text check (length(time_limit_text) <= 2000),
        norm_amount numeric(7, 2) check (norm_amount > 0),
        norm_unit text check (norm_unit in ('WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS')),
        channels text[] check (channels <@ array['DIRECT', 'ONLINE', 'POSTAL']::text[]),
        online_mode text check (online_mode in ('FULL', 'PARTIAL', 'NONE')),
        legacy_online_level smallint check (legacy_online_level between 1 and 4),
        fee_policy text check (fee_policy in ('NONE', 'FIXED', 'RULE')),
        fee_text text check (length(fee_text) <= 2000),
        result_kind text check (result_kind in ('DECISION', 'CERTIFICATE', 'LICENCE', 'ALLOWANCE', 'CONFIRMATION',
          'OTHER')),
        result_text text check (length(result_text) <= 1000),
        pausable boolean,
        extension_allowed boolean,
        province text check (length(province) <= 100),
        notes text check (length(notes) <= 4000),
        unconfirmed boolean not null default false,
        source jsonb,
        created_at timestamptz not null default now(),
        unique (procedure_id, version_no),
        check (valid_to is null or valid_from is null or valid_to > valid_from),
        check ((time_limit_amount is null) = (time_limit_unit is null)),
        check ((norm_amount is null) = (norm_unit is null)),
        check (norm_unit is null or norm_unit <> time_limit_unit or norm_amount <= time_limit_amount),
        constraint procedure_versions_no_overlap exclude using gist (
          procedure_id with =, daterange(valid_from, valid_to, '[)') with &&)
      )`);
    await q.query(`create index procedure_versions_decision_idx on procedure_versions (decision_id)`);
    await q.query(`create index procedure_versions_field_idx on procedure_versions (field_code)`);
    await q.query(`create index procedure_versions_levels_idx on procedure_versions using gin (levels)`);
    await q.query(
      `create index procedure_versions_open_idx on procedure_versions (procedure_id) where valid_to is null`,
    );
    await q.query(
      `create index procedure_versions_impl_agency_idx on procedure_versions (implementing_agency_id)`,
    );
    await q.query(
      `create index procedure_versions_deciding_agency_idx on procedure_versions (deciding_agency_id)`,
    );
    await q.query(`create index procedure_versions_name_trgm_idx on procedure_versions
      using gin (vn_search_key(name) gin_trgm_ops)`);

    await q.query(`
      create table procedure_decision_items (
        id uuid primary key default gen_random_uuid(),
        decision_id uuid not null references procedure_decisions (id) on delete cascade,
        seq integer not null check (seq >= 1),
        action text not null check (action in ('NEW', 'AMENDED', 'REPLACED', 'ABOLISHED')),
        procedure_code text not null check (length(procedure_code) between 1 and 60),
        content jsonb,
        reason text check (length(reason) <= 2000),
        resulting_version_id uuid references procedure_versions (id) on delete restrict,
        levels text[] not null default '{}',
        unique (decision_id, seq),
        unique (decision_id, procedure_code),
        check ((action = 'ABOLISHED') = (content is null))
      )`);
    await q.query(
      `create index procedure_decision_items_code_idx on procedure_decision_items (procedure_code)`,
    );
    await q.query(
      `create index procedure_decision_items_version_idx on procedure_decision_items (resulting_version_id)`,
    );

    await q.query(`
      create table procedure_legal_bases (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null references procedure_versions (id) on delete cascade,
        seq integer not null check (seq >= 1),
        document_number text not null check (length(document_number) between 1 and 200),
        document_date date,
        article text check (length(article) <= 300),
        note text check (length(note) <= 1000),
        unique (version_id, seq)
      )`);
    await q.query(`
      create table procedure_documents (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null references procedure_versions (id) on delete cascade,
        seq integer not null check (seq >= 1),
        code text not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{0,39}$'),
        name text not null check (length(name) between 1 and 1000),
        originals smallint not null default 0 check (originals between 0 and 99),
        copies smallint not null default 0 check (copies between 0 and 99),
        certified_copy_accepted boolean not null default false,
        mandatory boolean not null default true,
        template_file text check (length(template_file) <= 500),
        registry_source text check (registry_source in ('POPULATION_DB', 'CIVIL_STATUS_DB', 'SOCIAL_INSURANCE_DB',
          'MERITORIOUS_DB', 'SOCIAL_PROTECTION_DB', 'OTHER')),
        note text check (length(note) <= 1000),
        unique (version_id, seq),
        unique (version_id, code)
      )`);
    await q.query(`
      create table procedure_fees (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null references procedure_versions (id) on delete cascade,
        seq integer not null check (seq >= 1),
        name text not null check (length(name) between 1 and 500),
        amount_vnd bigint check (amount_vnd >= 0),
        note text check (length(note) <= 1000),
        unique (version_id, seq)
      )`);
    await q.query(`
      create table procedure_steps (
        id uuid primary key default gen_random_uuid(),
        version_id uuid not null references procedure_versions (id) on delete cascade,
        seq integer not null check (seq >= 1),
        name text not null check (length(name) between 1 and 1000),
        role text not null check (length(role) between 1 and 200),
        level text check (level in ('CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'OTHER')),
        agency_name text check (length(agency_name) <= 500),
        budget_amount numeric(7, 2) check (budget_amount > 0),
        budget_unit text check (budget_unit in ('WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS')),
        unique (version_id, seq),
        check ((budget_amount is null) = (budget_unit is null))
      )`);

    // Dossiers (17644…) may have been created first with an unconstrained procedure_version_id.
    await q.query(`
      do $$ begin
        if to_regclass('dossiers') is not null and not exists (
          select 1 from pg_constraint where conname = 'dossiers_procedure_version_fk') then
          alter table dossiers add constraint dossiers_procedure_version_fk
            foreign key (procedure_version_id) references procedure_versions (id) on delete restrict;
        end if;
      end $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      do $$ begin
        if to_regclass('dossiers') is not null then
          alter table dossiers drop constraint if exists dossiers_procedure_version_fk;
        end if;
      end $$`);
    await q.query(`drop table procedure_steps`);
    await q.query(`drop table procedure_fees`);
    await q.query(`drop table procedure_documents`);
    await q.query(`drop table procedure_legal_bases`);
    await q.query(`drop table procedure_decision_items`);
    await q.query(`drop table procedure_versions`);
    await q.query(`drop table procedures`);
    await q.query(`drop table procedure_decisions`);
    await q.query(`drop table procedure_fields`);
  }
}
