import type { SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import { matchByHouseholdName } from 'src/modules/imports/targets/person-match';
import { stagingSql } from 'src/modules/imports/targets/staging-sql';

type Query = SqlQuery;

const S = 'import_people_rows';
const staging = stagingSql(S);
const { errorsFrom, rejectErrored } = staging;

/**
 * Set-based checks and matching of the staged rows of one import, in this order: references (admin units, scope),
 * duplicates inside the file, matching to the registry (by CCCD, then by household code + name + birth year),
 * ambiguous matches (an error on the row, never a silent pick), household-head and membership conflicts, and the
 * action of every row (CREATE / UPDATE / UNCHANGED / REJECTED) with its commit chunk. Nothing outside the staging
 * and error tables is written.
 */
export async function classifyPeopleRows(
  q: Query,
  importId: string,
  opts: { memberFrom: string; scopeUnitIds: string[] | null },
): Promise<void> {
  // background job on a large table: the API statement timeout does not apply
  await q(`set local statement_timeout = 0`);
  await q(`analyze ${S}`);
  // references: the unit code (post-2025 code preferred when both eras use it), the household, the person by CCCD;
  // only rows with something found are rewritten (a first import of new people rewrites nothing here)
  await q(
    `update ${S} s set unit_id = x.unit_id, person_id = x.person_id, household_id = x.household_id
       from (select s2.row_no, u.id as unit_id, p.id as person_id, h.id as household_id
               from ${S} s2
               left join lateral (select a.id from admin_units a where a.code = s2.unit_code
                                   order by (a.era = 'POST_2025') desc, a.valid_from desc limit 1) u on true
               left join registry_people p on p.cccd = s2.cccd and p.merged_into_id is null
               left join registry_households h on h.code = s2.household_code
              where s2.import_id = $1 and not s2.rejected
                and (u.id is not null or p.id is not null or h.id is not null)) x
      where s.import_id = $1 and s.row_no = x.row_no`,
    [importId],
  );
  await errorsFrom(
    q,
    importId,
    'UNIT_UNKNOWN',
    'unit_code',
    `select row_no, unit_code as value, null as detail_vi, null as detail_en from ${S}
      where import_id = $1 and not rejected and unit_code is not null and unit_id is null`,
  );
  if (opts.scopeUnitIds) {
    await errorsFrom(
      q,
      importId,
      'UNIT_OUT_OF_SCOPE',
      'unit_code',
      `select row_no, unit_code as value, null as detail_vi, null as detail_en from ${S}
        where import_id = $1 and not rejected and (unit_id is null or not (unit_id = any($6::uuid[])))`,
      [opts.scopeUnitIds],
    );
  }
  // duplicates inside the file: the first row wins, later ones name it
  await errorsFrom(
    q,
    importId,
    'DUPLICATE_IN_FILE',
    'cccd',
    `select row_no, cccd as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, cccd, min(row_no) over (partition by cccd) as first_row from ${S}
              where import_id = $1 and not rejected and cccd is not null) d
      where row_no > first_row`,
  );
  await errorsFrom(
    q,
    importId,
    'DUPLICATE_IN_FILE',
    'full_name',
    `select row_no, full_name as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, full_name,
                    min(row_no) over (partition by household_code, name_key, birth_year) as first_row
               from ${S} where import_id = $1 and not rejected and cccd is null and household_code is not null) d
      where row_no > first_row`,
  );
  await errorsFrom(
    q,
    importId,
    'HEAD_TWICE',
    'relationship',
    `select row_no, household_code as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, household_code, min(row_no) over (partition by household_code) as first_row
               from ${S} where import_id = $1 and not rejected and relationship = 'HEAD') d
      where row_no > first_row`,
  );
  await rejectErrored(q, importId);
  await q(`analyze ${S}`);

  // second key: a current member of the named household with the same name and birth year, one side without CCCD
  await matchByHouseholdName(
    q,
    S,
    staging,
    importId,
    `join registry_household_members m on m.household_id = s.household_id and m.valid_to is null`,
  );
  await errorsFrom(
    q,
    importId,
    'SAME_PERSON_TWICE',
    'full_name',
    `select row_no, full_name as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, full_name, min(row_no) over (partition by person_id) as first_row
               from ${S} where import_id = $1 and not rejected and person_id is not null) d
      where row_no > first_row`,
  );
  await errorsFrom(
    q,
    importId,
    'HEAD_CONFLICT',
    'relationship',
    `select s.row_no, s.household_code as value, null as detail_vi, null as detail_en
       from ${S} s
      where s.import_id = $1 and not s.rejected and s.relationship = 'HEAD' and s.household_id is not null
        and exists (select 1 from registry_household_members m where m.household_id = s.household_id
                     and m.valid_to is null and m.relationship = 'HEAD' and m.person_id is distinct from s.person_id)`,
  );
  if (opts.scopeUnitIds) {
    // a restricted officer may not change a person or household registered outside their units
    await errorsFrom(
      q,
      importId,
      'UNIT_OUT_OF_SCOPE',
      'cccd',
      `select s.row_no, null as value, 'hồ sơ hiện có thuộc đơn vị khác' as detail_vi,
              'the matched record belongs to another unit' as detail_en
         from ${S} s
         left join registry_people p on p.id = s.person_id
         left join registry_households h on h.id = s.household_id
        where s.import_id = $1 and not s.rejected
          and ((p.residence_unit_id is not null and not (p.residence_unit_id = any($6::uuid[])))
            or (h.residence_unit_id is not null and not (h.residence_unit_id = any($6::uuid[]))))`,
      [opts.scopeUnitIds],
    );
  }
  // a person joining or moving may not overlap an earlier membership; a move starts after the current one
  await errorsFrom(
    q,
    importId,
    'MEMBERSHIP_OVERLAP',
    'member_from',
    `select s.row_no, to_char(coalesce(s.member_from, $6::date), 'DD/MM/YYYY') as value,
            null as detail_vi, null as detail_en
       from ${S} s
      where s.import_id = $1 and not s.rejected and s.person_id is not null and s.household_code is not null
        and not exists (select 1 from registry_household_members c where c.person_id = s.person_id
                         and c.valid_to is null and c.household_id = s.household_id)
        and exists (select 1 from registry_household_members m where m.person_id = s.person_id
                     and (case when m.valid_to is null then m.valid_from >= coalesce(s.member_from, $6::date)
                               else m.valid_to > coalesce(s.member_from, $6::date) end))`,
    [opts.memberFrom],
  );
  await rejectErrored(q, importId);

  // the action of each row and the ids of the rows to create (chunks were numbered while staging)
  await q(
    `update ${S} s set
        member_from = coalesce(s.member_from, $2::date),
        person_id = coalesce(s.person_id, gen_random_uuid()),
        membership_action = x.membership_action,
        action = x.action
       from (select s2.row_no,
                    case when s2.household_code is null then 'NONE'
                         when cur.household_id is null then 'JOIN'
                         when cur.household_id = s2.household_id then 'NONE'
                         else 'MOVE' end as membership_action,
                    case when s2.rejected then 'REJECTED'
                         when s2.person_id is null then 'CREATE'
                         when s2.household_code is not null and cur.household_id is distinct from s2.household_id
                           then 'UPDATE'
                         when p.full_name is distinct from s2.full_name or p.birth_year <> s2.birth_year
                           or p.gender <> s2.gender
                           or (s2.birth_date is not null and p.birth_date is distinct from s2.birth_date)
                           or (s2.cccd is not null and p.cccd is null)
                           or (s2.ethnicity is not null and p.ethnicity is distinct from s2.ethnicity)
                           or (s2.unit_id is not null and p.residence_unit_id is distinct from s2.unit_id)
                           or (s2.address is not null and p.address is distinct from s2.address)
                           or (s2.phone is not null and p.phone is distinct from s2.phone) then 'UPDATE'
                         else 'UNCHANGED' end as action
               from ${S} s2
               left join registry_people p on p.id = s2.person_id
               left join lateral (select m.household_id from registry_household_members m
                                   where m.person_id = s2.person_id and m.valid_to is null limit 1) cur
                      on s2.person_id is not null
              where s2.import_id = $1) x
      where s.import_id = $1 and s.row_no = x.row_no`,
    [importId, opts.memberFrom],
  );
}
