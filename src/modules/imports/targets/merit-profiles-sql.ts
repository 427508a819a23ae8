import type { ClassifyOptions, SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import { matchStagedPeople } from 'src/modules/imports/targets/person-match';
import { stagingSql } from 'src/modules/imports/targets/staging-sql';

const S = 'import_merit_profile_rows';
const sql = stagingSql(S);
const { errorsFrom, rejectErrored } = sql;

const PROFILE_DIFFERS = `(p.injury_rate, p.archive_code, p.valid_from, p.decision_date,
    p.decision_signer) is distinct from (s.injury_rate, coalesce(s.archive_code, p.archive_code), s.valid_from,
    s.decision_date, s.decision_signer)`;

/**
 * Meritorious-profile rows: the person (CCCD, then household + name + birth year), the relative by CCCD (alive on
 * the start date), one row per person and category; the existing profile: first the one with the row's decision,
 * else the open profile of the category (two → ambiguous; one starting on or after the row's start → conflict, else
 * superseded by a new profile). Then profile CREATE / UPDATE / NONE, relative CREATE / NONE and the row's action.
 */
export async function classifyMeritProfileRows(q: SqlQuery, importId: string, opts: ClassifyOptions): Promise<void> {
  await q(`set local statement_timeout = 0`);
  await q(`analyze ${S}`);
  // a martyr's profile is about a dead person: the holder is not checked for death; relatives are
  await matchStagedPeople(q, S, sql, importId, { ...opts, aliveOnStart: false });
  await q(
    `update ${S} s set relative_person_id = p.id from registry_people p
      where s.import_id = $1 and not s.rejected and p.cccd = s.relative_cccd and p.merged_into_id is null`,
    [importId],
  );
  await errorsFrom(
    q,
    importId,
    'PERSON_NOT_FOUND',
    'relative_cccd',
    `select row_no, null as value, null as detail_vi, null as detail_en from ${S}
      where import_id = $1 and not rejected and relative_cccd is not null and relative_person_id is null`,
  );
  await errorsFrom(
    q,
    importId,
    'PERSON_DECEASED',
    'relative_cccd',
    `select s.row_no, null as value, to_char(p.death_date, 'DD/MM/YYYY') as detail_vi,
            to_char(p.death_date, 'DD/MM/YYYY') as detail_en
       from ${S} s join registry_people p on p.id = s.relative_person_id
      where s.import_id = $1 and not s.rejected and p.death_date is not null and p.death_date <= s.valid_from`,
  );
  await rejectErrored(q, importId);
  await errorsFrom(
    q,
    importId,
    'SAME_PERSON_TWICE',
    'category',
    `select row_no, category as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, category, min(row_no) over (partition by person_id, category) as first_row
               from ${S} where import_id = $1 and not rejected) d
      where row_no > first_row`,
  );
  await rejectErrored(q, importId);

  await q(
    `create temp table if not exists import_profile_candidates (row_no int, profile_id uuid, n int, same_decision bool,
       conflict bool) on commit drop`,
  );
  await q(`truncate import_profile_candidates`);
  await q(
    `insert into import_profile_candidates (row_no, profile_id, n, same_decision, conflict)
     select s.row_no, min(p.id::text)::uuid, count(*)::int, bool_or(p.decision_number = s.decision_number),
            bool_or(p.valid_from >= s.valid_from)
       from ${S} s join registry_merit_profiles p on p.person_id = s.person_id and p.category = s.category
        and (p.decision_number = s.decision_number
             or (p.valid_to is null and not exists (select 1 from registry_merit_profiles d
                  where d.person_id = s.person_id and d.category = s.category
                    and d.decision_number = s.decision_number)))
      where s.import_id = $1 and not s.rejected
      group by s.row_no`,
    [importId],
  );
  await errorsFrom(
    q,
    importId,
    'AMBIGUOUS_MATCH',
    'category',
    `select s.row_no, s.category as value, c.n || ' hồ sơ cùng diện đang hưởng' as detail_vi,
            c.n || ' profiles of this category' as detail_en
       from ${S} s join import_profile_candidates c on c.row_no = s.row_no
      where s.import_id = $1 and not s.rejected and c.n > 1`,
  );
  await errorsFrom(
    q,
    importId,
    'STATUS_CONFLICT',
    'valid_from',
    `select s.row_no, to_char(s.valid_from, 'DD/MM/YYYY') as value, null as detail_vi, null as detail_en
       from ${S} s join import_profile_candidates c on c.row_no = s.row_no
      where s.import_id = $1 and not s.rejected and c.n = 1 and not c.same_decision and c.conflict`,
  );
  await rejectErrored(q, importId);

  await q(
    `update ${S} s set
        profile_id = case when c.same_decision then c.profile_id else gen_random_uuid() end,
        profile_action = case when c.same_decision is not true then 'CREATE'
                              when exists (select 1 from registry_merit_profiles p where p.id = c.profile_id
                                            and ${PROFILE_DIFFERS}) then 'UPDATE'
                              else 'NONE' end
       from ${S} s2 left join import_profile_candidates c on c.row_no = s2.row_no
      where s.import_id = $1 and s2.import_id = $1 and s2.row_no = s.row_no and not s.rejected`,
    [importId],
  );
  await q(
    `update ${S} s set relative_action = case
        when s.relative_person_id is null then 'NONE'
        when exists (select 1 from registry_merit_relatives r where r.merit_profile_id = s.profile_id
                      and r.person_id = s.relative_person_id and r.relationship = s.relative_relationship) then 'NONE'
        else 'CREATE' end
      where s.import_id = $1 and not s.rejected`,
    [importId],
  );
  await sql.setActions(q, importId, {
    create: `profile_action = 'CREATE'`,
    update: `profile_action = 'UPDATE' or relative_action = 'CREATE'`,
  });
}

/**
 * One chunk: the open profile of the category superseded by a new decision, new profiles (ids fixed at
 * classification), corrected profiles, then relatives under the row's decision. Guarded statements only.
 */
export async function mergeMeritProfileChunk(q: SqlQuery, importId: string, chunk: number, actor: string): Promise<void> {
  const ref = `import:${importId}`;
  const rows = `from ${S} s where s.import_id = $1 and s.chunk_no = $2`;
  await q(
    `update registry_merit_profiles p set valid_to = s.valid_from, end_reason = 'SUPERSEDED',
        end_decision_number = s.decision_number, end_decision_date = s.decision_date, ended_at = now()
       ${rows} and s.profile_action = 'CREATE' and p.person_id = s.person_id and p.category = s.category
        and p.id <> s.profile_id and p.valid_from < s.valid_from and (p.valid_to is null or p.valid_to > s.valid_from)`,
    [importId, chunk],
  );
  await q(
    `insert into registry_merit_profiles (id, person_id, category, injury_rate, archive_code, valid_from,
       decision_number, decision_date, decision_signer, source, source_ref, created_by)
     select s.profile_id, s.person_id, s.category, s.injury_rate, s.archive_code, s.valid_from, s.decision_number,
            s.decision_date, s.decision_signer, 'IMPORT', $3, $4
       ${rows} and s.profile_action = 'CREATE'
     on conflict do nothing`,
    [importId, chunk, ref, actor],
  );
  await q(
    `update registry_merit_profiles p set injury_rate = s.injury_rate, archive_code = coalesce(s.archive_code, p.archive_code),
        valid_from = s.valid_from, decision_date = s.decision_date, decision_signer = s.decision_signer
       ${rows} and s.profile_action = 'UPDATE' and p.id = s.profile_id and ${PROFILE_DIFFERS}`,
    [importId, chunk],
  );
  await q(
    `insert into registry_merit_relatives (merit_profile_id, person_id, relationship, valid_from, decision_number,
       decision_date, decision_signer, source, source_ref, created_by)
     select s.profile_id, s.relative_person_id, s.relative_relationship, s.valid_from, s.decision_number,
            s.decision_date, s.decision_signer, 'IMPORT', $3, $4
       ${rows} and s.relative_action = 'CREATE'
        and not exists (select 1 from registry_merit_relatives r where r.merit_profile_id = s.profile_id
                         and r.person_id = s.relative_person_id and r.relationship = s.relative_relationship)`,
    [importId, chunk, ref, actor],
  );
}
