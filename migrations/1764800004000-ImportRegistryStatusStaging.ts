import type { MigrationInterface, QueryRunner } from 'typeorm';

const COMMON = `
  import_id uuid not null references import_jobs (id) on delete cascade,
  row_no integer not null,
  rejected boolean not null default false,
  action text check (action in ('CREATE', 'UPDATE', 'UNCHANGED', 'REJECTED')),
  chunk_no integer not null`;

const DECISION = `
  valid_from date,
  decision_number text,
  decision_date date,
  decision_signer text`;

/** Who a person-status row is about: CCCD, or household code + name + birth year; resolved by classify. */
const PERSON = `
  cccd text,
  full_name text,
  name_key text,
  birth_year integer,
  household_code text,
  person_id uuid`;

/**
 * Staging tables of the registry status imports (poverty review results, meritorious profiles, social-protection
 * subjects): filled by COPY during the dry run, classified set-based, merged chunk by chunk at commit.
 */
export class ImportRegistryStatusStaging1764800004000 implements MigrationInterface {
  name = 'ImportRegistryStatusStaging1764800004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table import_poverty_review_rows (
        ${COMMON},
        head_cccd text,
        household_code text,
        year integer,
        review_type text,
        area text,
        income_per_capita bigint,
        deprivations text[],
        agriculture_forestry_fishery boolean,
        classification text,
        standard_code text,
        explanation text,
        reviewed_on date,
        ${DECISION},
        household_id uuid,
        unit_id uuid,
        review_id uuid,
        review_action text check (review_action in ('CREATE', 'UPDATE', 'NONE')),
        status_action text check (status_action in ('GRANT', 'END', 'NONE')),
        primary key (import_id, row_no)
      )`);
    await q.query(
      `create index import_poverty_review_rows_chunk_idx on import_poverty_review_rows (import_id, chunk_no)`,
    );
    await q.query(`
      create table import_merit_profile_rows (
        ${COMMON},
        ${PERSON},
        category text,
        injury_rate smallint,
        archive_code text,
        ${DECISION},
        relative_cccd text,
        relative_relationship text,
        relative_person_id uuid,
        profile_id uuid,
        profile_action text check (profile_action in ('CREATE', 'UPDATE', 'NONE')),
        relative_action text check (relative_action in ('CREATE', 'NONE')),
        primary key (import_id, row_no)
      )`);
    await q.query(
      `create index import_merit_profile_rows_chunk_idx on import_merit_profile_rows (import_id, chunk_no)`,
    );
    await q.query(`
      create table import_social_protection_rows (
        ${COMMON},
        ${PERSON},
        bases text[],
        disability_level text,
        studying boolean,
        children_raised smallint,
        ${DECISION},
        group_code text,
        coefficient numeric(4, 2),
        status_id uuid,
        status_action text check (status_action in ('CREATE', 'UPDATE', 'NONE')),
        primary key (import_id, row_no)
      )`);
    await q.query(
      `create index import_social_protection_rows_chunk_idx on import_social_protection_rows (import_id, chunk_no)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table import_social_protection_rows`);
    await q.query(`drop table import_merit_profile_rows`);
    await q.query(`drop table import_poverty_review_rows`);
  }
}
