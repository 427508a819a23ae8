import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Administrative units in both eras with the succession map, agencies, staff users, API keys and the dev issuer's
 * signing keys. Codes are text (leading zeros) and unique per era only: the 2025 list reuses old codes.
 */
export class OrganisationAccess1764100000000 implements MigrationInterface {
  name = 'OrganisationAccess1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table admin_units (
        id uuid primary key default gen_random_uuid(),
        era text not null check (era in ('PRE_2025', 'POST_2025')),
        code text not null check (code ~ '^[0-9]{2,5}$'),
        level text not null check (level in ('PROVINCE', 'DISTRICT', 'COMMUNE')),
        name text not null check (length(name) between 1 and 200),
        short_name text not null check (length(short_name) between 1 and 200),
        unit_type text not null check (length(unit_type) between 1 and 40),
        parent_id uuid references admin_units (id) on delete restrict,
        valid_from date not null,
        valid_to date,
        created_at timestamptz not null default now(),
        constraint admin_units_era_code_key unique (era, code),
        constraint admin_units_validity check (valid_to is null or valid_to >= valid_from),
        constraint admin_units_parent_level check ((level = 'PROVINCE') = (parent_id is null)),
        constraint admin_units_no_district_after_2025 check (not (era = 'POST_2025' and level = 'DISTRICT'))
      )`);
    await q.query(`create index admin_units_parent_idx on admin_units (parent_id)`);
    await q.query(`create index admin_units_name_search_idx on admin_units using gin (vn_search_key(name) gin_trgm_ops)`);
    await q.query(`
      create table admin_unit_successions (
        old_unit_id uuid not null references admin_units (id) on delete cascade,
        new_unit_id uuid not null references admin_units (id) on delete cascade,
        coverage text not null check (coverage in ('FULL', 'PARTIAL')),
        effective_from date not null,
        primary key (old_unit_id, new_unit_id),
        check (old_unit_id <> new_unit_id)
      )`);
    await q.query(`create index admin_unit_successions_new_idx on admin_unit_successions (new_unit_id)`);

    await q.query(`
      create table agencies (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^[A-Z0-9]+(\\.[A-Z0-9]+)*$' and length(code) <= 35),
        name text not null check (length(name) between 1 and 300),
        kind text not null check (kind in ('DEPARTMENT', 'DEPARTMENT_OFFICE', 'SERVICE_CENTRE',
          'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE', 'OTHER')),
        unit_id uuid not null references admin_units (id) on delete restrict,
        parent_id uuid references agencies (id) on delete restrict,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check (parent_id is null or parent_id <> id)
      )`);
    await q.query(`create index agencies_unit_idx on agencies (unit_id)`);
    await q.query(`create index agencies_parent_idx on agencies (parent_id)`);

    await q.query(`
      create table staff_users (
        id uuid primary key default gen_random_uuid(),
        username text not null check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
        display_name text not null check (length(display_name) between 1 and 200),
        email text check (email is null or length(email) <= 254),
        external_subject text unique check (external_subject is null or length(external_subject) <= 255),
        agency_id uuid not null references agencies (id) on delete restrict,
        roles text[] not null default '{}' check (roles <@ array['ADMIN', 'RECEPTION_OFFICER', 'SPECIALIST',
          'LEADER', 'DATA_OFFICER', 'REPORT_VIEWER', 'AUDITOR']::text[]),
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        constraint staff_users_username_key unique (username)
      )`);
    await q.query(`create index staff_users_agency_idx on staff_users (agency_id)`);

    await q.query(`
      create table api_keys (
        id uuid primary key default gen_random_uuid(),
        name text not null check (length(name) between 1 and 200),
        prefix text not null unique check (prefix ~ '^[a-z0-9]{10}$'),
        secret_hash text not null check (secret_hash ~ '^[0-9a-f]{64}$'),
        scopes text[] not null check (cardinality(scopes) > 0 and scopes <@ array['dossiers:read',
          'dossiers:write', 'procedures:read', 'reports:read', 'registry:read', 'registry:write',
          'imports:write', 'feedback:write']::text[]),
        agency_id uuid not null references agencies (id) on delete restrict,
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        rotated_from_id uuid references api_keys (id) on delete set null,
        created_by text,
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index api_keys_agency_idx on api_keys (agency_id)`);

    await q.query(`
      create table dev_issuer_keys (
        kid text primary key check (length(kid) <= 100),
        private_jwk jsonb not null,
        public_jwk jsonb not null,
        created_at timestamptz not null default now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table dev_issuer_keys`);
    await q.query(`drop table api_keys`);
    await q.query(`drop table staff_users`);
    await q.query(`drop table agencies`);
    await q.query(`drop table admin_unit_successions`);
    await q.query(`drop table admin_units`);
  }
}
