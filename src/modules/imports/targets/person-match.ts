import type { ClassifyOptions, SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import type { StagingSql } from 'src/modules/imports/targets/staging-sql';

/**
 * Finds the registry person of each staged row of a person-status target (staging columns `cccd`, `full_name`,
 * `birth_year`, `household_code`, `person_id`, `valid_from`), as the people import matches: by CCCD, then by a
 * current member of the named household with the same name and birth year (one side without CCCD). Two candidates,
 * or a CCCD and a name pointing at different people, is AMBIGUOUS_MATCH; no candidate is PERSON_NOT_FOUND (statuses
 * never create people); a CCCD whose registry name differs from the file's is PERSON_MISMATCH. With
 * `aliveOnStart`, a person who died on or before `valid_from` is PERSON_DECEASED (the registry's rule for grants to
 * living people). A restricted officer may only touch people of their units.
 */
export async function matchStagedPeople(
  q: SqlQuery,
  table: string,
  sql: StagingSql,
  importId: string,
  opts: ClassifyOptions & { aliveOnStart: boolean },
): Promise<void> {
  const S = table;
  await q(
    `update ${S} s set person_id = p.id from registry_people p
      where s.import_id = $1 and not s.rejected and s.cccd is not null and p.cccd = s.cccd and p.merged_into_id is null`,
    [importId],
  );
  await matchByHouseholdName(
    q,
    S,
    sql,
    importId,
    `join registry_households h on h.code = s.household_code
     join registry_household_members m on m.household_id = h.id and m.valid_to is null`,
  );
  await sql.errorsFrom(
    q,
    importId,
    'PERSON_NOT_FOUND',
    'cccd',
    `select row_no, coalesce(full_name, household_code) as value, null as detail_vi, null as detail_en from ${S}
      where import_id = $1 and not rejected and person_id is null`,
  );
  await sql.errorsFrom(
    q,
    importId,
    'PERSON_MISMATCH',
    'full_name',
    `select s.row_no, s.full_name as value, null as detail_vi, null as detail_en
       from ${S} s join registry_people p on p.id = s.person_id
      where s.import_id = $1 and not s.rejected and s.full_name is not null
        and vn_search_key(p.full_name) <> vn_search_key(s.full_name)`,
  );
  if (opts.aliveOnStart) {
    await sql.errorsFrom(
      q,
      importId,
      'PERSON_DECEASED',
      'valid_from',
      `select s.row_no, to_char(s.valid_from, 'DD/MM/YYYY') as value, to_char(p.death_date, 'DD/MM/YYYY') as detail_vi,
              to_char(p.death_date, 'DD/MM/YYYY') as detail_en
         from ${S} s join registry_people p on p.id = s.person_id
        where s.import_id = $1 and not s.rejected and p.death_date is not null and p.death_date <= s.valid_from`,
    );
  }
  if (opts.scopeUnitIds) {
    await sql.errorsFrom(
      q,
      importId,
      'UNIT_OUT_OF_SCOPE',
      'cccd',
      `select s.row_no, null as value, 'hồ sơ hiện có thuộc đơn vị khác' as detail_vi,
              'the matched record belongs to another unit' as detail_en
         from ${S} s join registry_people p on p.id = s.person_id
        where s.import_id = $1 and not s.rejected and p.residence_unit_id is not null
          and not (p.residence_unit_id = any($6::uuid[]))`,
      [opts.scopeUnitIds],
    );
  }
  await sql.rejectErrored(q, importId);
}

/**
 * The second key of every person match: a current member of the row's household with the same name and birth year,
 * one side without CCCD. `householdMembers` joins the staged row `s` to the current memberships `m` of its household
 * (by the household's code, or by the id the people import resolved). One candidate fills `person_id`; two, or a
 * CCCD and a name pointing at different people, is AMBIGUOUS_MATCH and the row is rejected.
 */
export async function matchByHouseholdName(
  q: SqlQuery,
  table: string,
  sql: StagingSql,
  importId: string,
  householdMembers: string,
): Promise<void> {
  const S = table;
  await q(`create temp table if not exists import_person_candidates (row_no int, person_id uuid, n int) on commit drop`);
  await q(`truncate import_person_candidates`);
  await q(
    `insert into import_person_candidates (row_no, person_id, n)
     select s.row_no, min(p.id::text)::uuid, count(*)::int
       from ${S} s
       ${householdMembers}
       join registry_people p on p.id = m.person_id and p.merged_into_id is null
      where s.import_id = $1 and not s.rejected and s.full_name is not null and s.birth_year is not null
        and p.birth_year = s.birth_year and vn_search_key(p.full_name) = vn_search_key(s.full_name)
        and (s.cccd is null or p.cccd is null) and p.id is distinct from s.person_id
      group by s.row_no`,
    [importId],
  );
  await sql.errorsFrom(
    q,
    importId,
    'AMBIGUOUS_MATCH',
    'full_name',
    `select s.row_no, s.full_name as value,
            case when s.person_id is not null then 'khớp CCCD và khớp họ tên trong hộ với người khác'
                 else c.n || ' người cùng họ tên, năm sinh trong hộ' end as detail_vi,
            case when s.person_id is not null then 'CCCD matches one person, name in household another'
                 else c.n || ' people with this name and birth year in the household' end as detail_en
       from ${S} s join import_person_candidates c on c.row_no = s.row_no
      where s.import_id = $1 and not s.rejected and (s.person_id is not null or c.n > 1)`,
  );
  await sql.rejectErrored(q, importId);
  await q(
    `update ${S} s set person_id = c.person_id from import_person_candidates c
      where s.import_id = $1 and s.row_no = c.row_no and not s.rejected and s.person_id is null and c.n = 1`,
    [importId],
  );
}
