import type { MigrationInterface, QueryRunner } from 'typeorm';

const PROVENANCE = `
  source text not null check (source in ('MANUAL', 'IMPORT', 'DIGITISATION', 'DOSSIER', 'POPULATION_DB')),
  source_ref text check (length(source_ref) <= 200),
  created_by text not null check (length(created_by) between 1 and 200),
  created_at timestamptz not null default now()`;

/** Decision backing a status, and the one that ended it. Periods are [valid_from, valid_to): valid_to exclusive. */
const DECISION = `
  valid_from date not null,
  valid_to date,
  decision_number text not null check (length(decision_number) between 1 and 100),
  decision_date date not null,
  decision_signer text not null check (length(decision_signer) between 1 and 200),
  dossier_id uuid,
  end_reason text check (end_reason in ('DECISION', 'DEATH', 'REVIEW', 'SUPERSEDED')),
  end_decision_number text check (length(end_decision_number) <= 100),
  end_decision_date date,
  ended_at timestamptz,
  check (valid_to is null or valid_to >= valid_from)`;

/**
 * Beneficiary registry: people, households and memberships (a person in at most one household at a time, enforced
 * by an exclusion constraint), statuses backed by decisions (poverty, meritorious service and relatives,
 * social-protection subjects, social pension), the duplicate review queue, merges (undoable) and review tasks.
 */
export class Registry1764500000000 implements MigrationInterface {
  name = 'Registry1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table registry_people (
        id uuid primary key default gen_random_uuid(),
        cccd text check (cccd ~ '^[0-9]{12}$'),
        full_name text not null check (length(full_name) between 1 and 200),
        birth_year integer not null check (birth_year between 1880 and 2400),
        birth_date date check (birth_date is null or extract(year from birth_date)::int = birth_year),
        gender text not null check (gender in ('MALE', 'FEMALE')),
        ethnicity text check (length(ethnicity) <= 100),
        residence_unit_id uuid references admin_units (id) on delete restrict,
        address text check (length(address) <= 500),
        phone text check (phone ~ '^\\+?[0-9]{8,15}$'),
        vital_status text not null default 'ALIVE' check (vital_status in ('ALIVE', 'DECEASED')),
        death_date date,
        receives_pension boolean not null default false,
        verification_status text not null default 'UNVERIFIED'
          check (verification_status in ('UNVERIFIED', 'VERIFIED', 'MISMATCH', 'NOT_FOUND')),
        verified_at timestamptz,
        merged_into_id uuid references registry_people (id) on delete restrict,
        ${PROVENANCE},
        updated_by text check (length(updated_by) <= 200),
        updated_at timestamptz not null default now(),
        version integer not null default 1,
        check ((vital_status = 'DECEASED') = (death_date is not null)),
        check (merged_into_id is null or merged_into_id <> id)
      )`);
    await q.query(`create unique index registry_people_cccd_key on registry_people (cccd)
      where cccd is not null and merged_into_id is null`);
    await q.query(`create index registry_people_name_trgm_idx on registry_people
      using gin (vn_search_key(full_name) gin_trgm_ops) where merged_into_id is null`);
    await q.query(`create index registry_people_unit_idx on registry_people (residence_unit_id)`);
    await q.query(`create index registry_people_merged_into_idx on registry_people (merged_into_id)`);

    await q.query(`
      create table registry_households (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^[A-Z0-9][A-Z0-9._-]{0,39}$'),
        residence_unit_id uuid references admin_units (id) on delete restrict,
        address text check (length(address) <= 500),
        area text check (area in ('RURAL', 'URBAN')),
        ${PROVENANCE},
        updated_at timestamptz not null default now(),
        version integer not null default 1
      )`);
    await q.query(`create index registry_households_unit_idx on registry_households (residence_unit_id)`);

    await q.query(`
      create table registry_household_members (
        id uuid primary key default gen_random_uuid(),
        household_id uuid not null references registry_households (id) on delete restrict,
        person_id uuid not null references registry_people (id) on delete restrict,
        relationship text not null check (relationship in ('HEAD', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD',
          'GRANDPARENT', 'SIBLING', 'CHILD_IN_LAW', 'OTHER_RELATIVE', 'OTHER')),
        valid_from date not null,
        valid_to date,
        end_reason text check (end_reason in ('MOVED', 'DEATH', 'SPLIT', 'CORRECTION')),
        ${PROVENANCE},
        check (valid_to is null or valid_to >= valid_from),
        constraint registry_household_members_one_household exclude using gist
          (person_id with =, daterange(valid_from, valid_to, '[)') with &&),
        constraint registry_household_members_one_head exclude using gist
          (household_id with =, daterange(valid_from, valid_to, '[)') with &&) where (relationship = 'HEAD')
      )`);
    await q.query(
      `create index registry_household_members_household_idx on registry_household_members (household_id)`,
    );

    await q.query(`
      create table registry_poverty_standards (
        code text primary key check (code ~ '^[A-Z0-9_]{1,40}$'),
        definition jsonb not null,
        updated_by text,
        updated_at timestamptz not null default now()
      )`);

    await q.query(`
      create table registry_poverty_reviews (
        id uuid primary key default gen_random_uuid(),
        household_id uuid not null references registry_households (id) on delete restrict,
        year integer not null check (year between 2016 and 2100),
        review_type text not null check (review_type in ('ANNUAL', 'REGULAR')),
        area text not null check (area in ('RURAL', 'URBAN')),
        income_per_capita bigint not null check (income_per_capita >= 0),
        deprivations text[] not null default '{}',
        agriculture_forestry_fishery boolean not null default false,
        standard_code text not null,
        classification text not null check (classification in ('POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD', 'NOT_POOR')),
        explanation text not null,
        reviewed_on date not null,
        ${PROVENANCE}
      )`);
    await q.query(`create unique index registry_poverty_reviews_annual_key on registry_poverty_reviews (household_id, year)
      where review_type = 'ANNUAL'`);

    await q.query(`
      create table registry_poverty_statuses (
        id uuid primary key default gen_random_uuid(),
        household_id uuid not null references registry_households (id) on delete restrict,
        classification text not null check (classification in ('POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD')),
        review_id uuid references registry_poverty_reviews (id) on delete restrict,
        ${DECISION},
        ${PROVENANCE},
        constraint registry_poverty_statuses_no_overlap exclude using gist
          (household_id with =, daterange(valid_from, valid_to, '[)') with &&)
      )`);

    await q.query(`
      create table registry_merit_profiles (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references registry_people (id) on delete restrict,
        category text not null check (category in ('PRE_1945_REVOLUTIONARY', 'AUGUST_1945_REVOLUTIONARY', 'MARTYR',
          'HEROIC_MOTHER', 'HERO', 'WAR_INVALID', 'WAR_INVALID_TYPE_B', 'SICK_SOLDIER', 'TOXIC_CHEMICAL_VICTIM',
          'IMPRISONED_BY_ENEMY', 'RESISTANCE_PARTICIPANT', 'REVOLUTION_HELPER')),
        injury_rate smallint check (injury_rate between 1 and 100),
        archive_code text check (length(archive_code) <= 100),
        ${DECISION},
        ${PROVENANCE},
        check (category not in ('WAR_INVALID', 'WAR_INVALID_TYPE_B') or injury_rate >= 21),
        check (category <> 'SICK_SOLDIER' or injury_rate >= 41)
      )`);
    await q.query(`create index registry_merit_profiles_person_idx on registry_merit_profiles (person_id)`);
    await q.query(
      `create index registry_merit_profiles_archive_idx on registry_merit_profiles (archive_code)`,
    );

    await q.query(`
      create table registry_merit_relatives (
        id uuid primary key default gen_random_uuid(),
        merit_profile_id uuid not null references registry_merit_profiles (id) on delete restrict,
        person_id uuid not null references registry_people (id) on delete restrict,
        relationship text not null check (relationship in ('FATHER', 'MOTHER', 'SPOUSE', 'CHILD', 'CARER', 'OTHER')),
        ${DECISION},
        ${PROVENANCE}
      )`);
    await q.query(`create index registry_merit_relatives_person_idx on registry_merit_relatives (person_id)`);
    await q.query(
      `create index registry_merit_relatives_profile_idx on registry_merit_relatives (merit_profile_id)`,
    );

    await q.query(`
      create table registry_social_protection_subjects (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references registry_people (id) on delete restrict,
        bases text[] not null check (cardinality(bases) between 1 and 10),
        disability_level text check (disability_level in ('SEVERE', 'ESPECIALLY_SEVERE')),
        studying boolean not null default false,
        children_raised smallint check (children_raised between 0 and 30),
        group_code text not null check (length(group_code) <= 60),
        coefficient numeric(4, 2) not null check (coefficient > 0),
        ${DECISION},
        ${PROVENANCE},
        constraint registry_social_protection_no_overlap exclude using gist
          (person_id with =, daterange(valid_from, valid_to, '[)') with &&)
      )`);

    await q.query(`
      create table registry_social_pensions (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references registry_people (id) on delete restrict,
        ${DECISION},
        ${PROVENANCE},
        check (valid_from >= date '2025-07-01'),
        constraint registry_social_pensions_no_overlap exclude using gist
          (person_id with =, daterange(valid_from, valid_to, '[)') with &&)
      )`);

    await q.query(`
      create table registry_duplicate_candidates (
        id uuid primary key default gen_random_uuid(),
        person_a_id uuid not null references registry_people (id) on delete restrict,
        person_b_id uuid not null references registry_people (id) on delete restrict,
        match_kind text not null check (match_kind in ('EXACT_CCCD', 'SIMILAR_NAME')),
        similarity real not null check (similarity between 0 and 1),
        state text not null default 'OPEN' check (state in ('OPEN', 'MERGED', 'NOT_DUPLICATE')),
        decided_by text,
        decided_at timestamptz,
        created_at timestamptz not null default now(),
        check (person_a_id < person_b_id),
        unique (person_a_id, person_b_id)
      )`);
    await q.query(`create index registry_duplicate_candidates_open_idx on registry_duplicate_candidates (created_at)
      where state = 'OPEN'`);

    await q.query(`
      create table registry_merges (
        id uuid primary key default gen_random_uuid(),
        survivor_id uuid not null references registry_people (id) on delete restrict,
        merged_id uuid not null references registry_people (id) on delete restrict,
        candidate_id uuid references registry_duplicate_candidates (id) on delete restrict,
        survivor_before jsonb not null,
        repointed jsonb not null,
        merged_by text not null,
        merged_at timestamptz not null default now(),
        undone_by text,
        undone_at timestamptz,
        check (survivor_id <> merged_id)
      )`);

    await q.query(`
      create table registry_review_tasks (
        id uuid primary key default gen_random_uuid(),
        kind text not null check (kind in ('DEATH_RECORDED', 'VERIFICATION_MISMATCH')),
        person_id uuid not null references registry_people (id) on delete restrict,
        state text not null default 'OPEN' check (state in ('OPEN', 'DONE')),
        details jsonb not null default '{}',
        created_at timestamptz not null default now(),
        closed_by text,
        closed_at timestamptz
      )`);
    await q.query(
      `create index registry_review_tasks_open_idx on registry_review_tasks (person_id) where state = 'OPEN'`,
    );

    // One row per status period, whatever its kind: "who held which status on a date".
    await q.query(`
      create view registry_status_periods as
        select 'POVERTY'::text as kind, s.id, s.classification as value, null::uuid as person_id, s.household_id,
               h.residence_unit_id as unit_id, s.valid_from, s.valid_to, s.decision_number, s.decision_date,
               s.decision_signer, s.dossier_id, s.end_reason
          from registry_poverty_statuses s join registry_households h on h.id = s.household_id
        union all
        select 'MERIT', s.id, s.category, s.person_id, null, p.residence_unit_id, s.valid_from, s.valid_to,
               s.decision_number, s.decision_date, s.decision_signer, s.dossier_id, s.end_reason
          from registry_merit_profiles s join registry_people p on p.id = s.person_id
        union all
        select 'MERIT_RELATIVE', s.id, s.relationship, s.person_id, null, p.residence_unit_id, s.valid_from,
               s.valid_to, s.decision_number, s.decision_date, s.decision_signer, s.dossier_id, s.end_reason
          from registry_merit_relatives s join registry_people p on p.id = s.person_id
        union all
        select 'SOCIAL_PROTECTION', s.id, s.group_code, s.person_id, null, p.residence_unit_id, s.valid_from,
               s.valid_to, s.decision_number, s.decision_date, s.decision_signer, s.dossier_id, s.end_reason
          from registry_social_protection_subjects s join registry_people p on p.id = s.person_id
        union all
        select 'SOCIAL_PENSION', s.id, 'SOCIAL_PENSION', s.person_id, null, p.residence_unit_id, s.valid_from,
               s.valid_to, s.decision_number, s.decision_date, s.decision_signer, s.dossier_id, s.end_reason
          from registry_social_pensions s join registry_people p on p.id = s.person_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop view registry_status_periods`);
    for (const table of [
      'registry_review_tasks',
      'registry_merges',
      'registry_duplicate_candidates',
      'registry_social_pensions',
      'registry_social_protection_subjects',
      'registry_merit_relatives',
      'registry_merit_profiles',
      'registry_poverty_statuses',
      'registry_poverty_reviews',
      'registry_poverty_standards',
      'registry_household_members',
      'registry_households',
      'registry_people',
    ])
      await q.query(`drop table ${table}`);
  }
}
