import { DomainException } from 'src/common/errors/domain.exception';
import type { ClassifyOptions, SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import { matchStagedPeople } from 'src/modules/imports/targets/person-match';
import { ROW_MESSAGES } from 'src/modules/imports/targets/row-errors';
import { stagingSql } from 'src/modules/imports/targets/staging-sql';
import { parseBirthDate } from 'src/modules/registry/domain/birth-date';
import { groupOnDate } from 'src/modules/registry/domain/social-protection';
import type { DisabilityLevel, SocialProtectionBasis } from 'src/modules/registry/domain/social-protection.data';

const S = 'import_social_protection_rows';
const sql = stagingSql(S);
const { errorsFrom, rejectErrored } = sql;
const BATCH = 5000;

const STATUS_DIFFERS = `((select array_agg(x order by x) from unnest(st.bases) x), st.disability_level, st.studying,
    st.children_raised, st.group_code, st.coefficient, st.decision_date, st.decision_signer)
  is distinct from
  (s.bases, s.disability_level, coalesce(s.studying, false), s.children_raised, s.group_code, s.coefficient,
   s.decision_date, s.decision_signer)`;

interface GroupInput {
  row_no: number;
  bases: SocialProtectionBasis[];
  disability_level: DisabilityLevel | null;
  studying: boolean | null;
  children_raised: number | null;
  valid_from: string;
  birth: string;
}

/**
 * The band and coefficient on the start date, by the registry's rule (groupOnDate, with the registry person's
 * birth): computed in batches, written back with one statement per batch; a profile with no payable group is a row
 * error, as StatusesService.grantSocialProtection refuses it.
 */
async function deriveGroups(q: SqlQuery, importId: string): Promise<void> {
  const [vi, en] = ROW_MESSAGES.SOCIAL_PROTECTION_PROFILE_INVALID;
  let after = 0;
  for (;;) {
    const rows = (await q(
      `select s.row_no, s.bases, s.disability_level, s.studying, s.children_raised,
              to_char(s.valid_from, 'YYYY-MM-DD') as valid_from,
              coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), p.birth_year::text) as birth
         from ${S} s join registry_people p on p.id = s.person_id
        where s.import_id = $1 and not s.rejected and s.row_no > $2
        order by s.row_no limit ${BATCH}`,
      [importId, after],
    )) as GroupInput[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1].row_no;
    const ok: { row: number[]; code: string[]; coefficient: number[] } = { row: [], code: [], coefficient: [] };
    const bad: { row: number[]; detail: string[] } = { row: [], detail: [] };
    for (const r of rows) {
      try {
        const group = groupOnDate(
          {
            birth: parseBirthDate(r.birth) ?? { year: Number(r.birth.slice(0, 4)), date: null },
            bases: r.bases,
            disabilityLevel: r.disability_level,
            studying: r.studying ?? false,
            childrenRaised: r.children_raised ?? undefined,
          },
          r.valid_from,
        );
        if (group.payable.length === 0) {
          bad.row.push(r.row_no);
          bad.detail.push(group.explanation);
        } else {
          ok.row.push(r.row_no);
          ok.code.push(group.payable.map((e) => e.bandCode).join('+'));
          ok.coefficient.push(group.coefficient);
        }
      } catch (error) {
        if (!(error instanceof DomainException)) throw error;
        bad.row.push(r.row_no);
        bad.detail.push(error.detail ?? error.message);
      }
    }
    if (ok.row.length > 0)
      await q(
        `update ${S} s set group_code = x.code, coefficient = x.coefficient
           from unnest($2::int[], $3::text[], $4::numeric[]) as x(row_no, code, coefficient)
          where s.import_id = $1 and s.row_no = x.row_no`,
        [importId, ok.row, ok.code, ok.coefficient],
      );
    if (bad.row.length > 0)
      await q(
        `insert into import_row_errors (import_id, row_no, column_name, value, code, message_vi, message_en)
         select $1, x.row_no, 'bases', null, 'SOCIAL_PROTECTION_PROFILE_INVALID', left($4 || ' (' || x.detail || ')', 1000),
                left($5 || ' (' || x.detail || ')', 1000)
           from unnest($2::int[], $3::text[]) as x(row_no, detail)`,
        [importId, bad.row, bad.detail, vi, en],
      );
  }
}

/**
 * Social-protection rows: the person (CCCD, then household + name + birth year; alive on the start date), one row
 * per person, the band on the start date; the existing status with the row's decision and start is corrected in
 * place, another one starting on or after the start is a conflict, an open earlier one is superseded by the new one.
 */
export async function classifySocialProtectionRows(q: SqlQuery, importId: string, opts: ClassifyOptions): Promise<void> {
  await q(`set local statement_timeout = 0`);
  await q(`analyze ${S}`);
  await matchStagedPeople(q, S, sql, importId, { ...opts, aliveOnStart: true });
  await errorsFrom(
    q,
    importId,
    'SAME_PERSON_TWICE',
    'cccd',
    `select row_no, null as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, min(row_no) over (partition by person_id) as first_row
               from ${S} where import_id = $1 and not rejected) d
      where row_no > first_row`,
  );
  await rejectErrored(q, importId);
  await deriveGroups(q, importId);
  await errorsFrom(
    q,
    importId,
    'STATUS_CONFLICT',
    'valid_from',
    `select s.row_no, to_char(s.valid_from, 'DD/MM/YYYY') as value, st.decision_number as detail_vi,
            st.decision_number as detail_en
       from ${S} s join lateral (select st.decision_number from registry_social_protection_subjects st
                                   where st.person_id = s.person_id and st.valid_from >= s.valid_from
                                     and not (st.valid_from = s.valid_from and st.decision_number = s.decision_number)
                                   order by st.valid_from limit 1) st on true
      where s.import_id = $1 and not s.rejected`,
  );
  await rejectErrored(q, importId);
  await q(
    `update ${S} s set status_id = coalesce(x.id, gen_random_uuid()),
        status_action = case when x.id is null then 'CREATE' when x.differs then 'UPDATE' else 'NONE' end
       from (select s2.row_no, st.id, ${STATUS_DIFFERS.replace(/\bs\./g, 's2.')} as differs
               from ${S} s2 left join registry_social_protection_subjects st on st.person_id = s2.person_id
                and st.valid_from = s2.valid_from and st.decision_number = s2.decision_number
              where s2.import_id = $1 and not s2.rejected) x
      where s.import_id = $1 and s.row_no = x.row_no`,
    [importId],
  );
  await sql.setActions(q, importId, { create: `status_action = 'CREATE'`, update: `status_action = 'UPDATE'` });
}

/** One chunk: the open status superseded, new statuses, corrected statuses. Guarded statements only. */
export async function mergeSocialProtectionChunk(
  q: SqlQuery,
  importId: string,
  chunk: number,
  actor: string,
): Promise<void> {
  const ref = `import:${importId}`;
  const rows = `from ${S} s where s.import_id = $1 and s.chunk_no = $2`;
  await q(
    `update registry_social_protection_subjects st set valid_to = s.valid_from, end_reason = 'SUPERSEDED',
        end_decision_number = s.decision_number, end_decision_date = s.decision_date, ended_at = now()
       ${rows} and s.status_action = 'CREATE' and st.person_id = s.person_id and st.id <> s.status_id
        and st.valid_from < s.valid_from and (st.valid_to is null or st.valid_to > s.valid_from)`,
    [importId, chunk],
  );
  await q(
    `insert into registry_social_protection_subjects (id, person_id, bases, disability_level, studying,
       children_raised, group_code, coefficient, valid_from, decision_number, decision_date, decision_signer, source,
       source_ref, created_by)
     select s.status_id, s.person_id, s.bases, s.disability_level, coalesce(s.studying, false), s.children_raised,
            s.group_code, s.coefficient, s.valid_from, s.decision_number, s.decision_date, s.decision_signer,
            'IMPORT', $3, $4
       ${rows} and s.status_action = 'CREATE'
     on conflict do nothing`,
    [importId, chunk, ref, actor],
  );
  await q(
    `update registry_social_protection_subjects st set bases = s.bases, disability_level = s.disability_level,
        studying = coalesce(s.studying, false), children_raised = s.children_raised, group_code = s.group_code,
        coefficient = s.coefficient, decision_date = s.decision_date, decision_signer = s.decision_signer
       ${rows} and s.status_action = 'UPDATE' and st.id = s.status_id and ${STATUS_DIFFERS}`,
    [importId, chunk],
  );
}
