import type { ClassifyOptions, SqlQuery } from 'src/modules/imports/targets/import-target-definition';
import { stagingSql } from 'src/modules/imports/targets/staging-sql';

const S = 'import_poverty_review_rows';
const { errorsFrom, rejectErrored, setActions } = stagingSql(S);

/** The row's review as the registry would store it, compared with an existing review. */
const REVIEW_DIFFERS = `(r.area, r.income_per_capita, (select coalesce(array_agg(x order by x), '{}') from unnest(r.deprivations) x),
    r.agriculture_forestry_fishery, r.standard_code, r.classification, r.explanation, r.reviewed_on)
  is distinct from
  (s.area, s.income_per_capita, s.deprivations, s.agriculture_forestry_fishery, s.standard_code, s.classification,
   s.explanation, s.reviewed_on)`;

/** The status this row's decision grants already exists (same household, start, decision and class). */
const SAME_STATUS = `exists (select 1 from registry_poverty_statuses st where st.household_id = s.household_id
    and st.valid_from = s.valid_from and st.decision_number = s.decision_number
    and st.classification = s.classification)`;

/**
 * Poverty review rows: the household by the head's CCCD (their current household), then by code — both given and
 * pointing at different households is an ambiguous match; one row per household; the existing review (annual: one
 * per household and year; regular: same review date, several → ambiguous); a decision in force from the row's
 * start date on that is not the row's own is a conflict. Then the actions: review CREATE / UPDATE / NONE, status
 * GRANT / END / NONE, and the row's action.
 */
export async function classifyPovertyReviewRows(q: SqlQuery, importId: string, opts: ClassifyOptions): Promise<void> {
  await q(`set local statement_timeout = 0`);
  await q(`analyze ${S}`);
  await q(
    `update ${S} s set household_id = coalesce(x.by_cccd, x.by_code), unit_id = h.residence_unit_id
       from (select s2.row_no, hc.id as by_code,
                    (select m.household_id from registry_people p
                       join registry_household_members m on m.person_id = p.id and m.valid_to is null
                      where p.cccd = s2.head_cccd and p.merged_into_id is null limit 1) as by_cccd
               from ${S} s2 left join registry_households hc on hc.code = s2.household_code
              where s2.import_id = $1 and not s2.rejected) x
       join registry_households h on true
      where s.import_id = $1 and s.row_no = x.row_no and h.id = coalesce(x.by_cccd, x.by_code)`,
    [importId],
  );
  await errorsFrom(
    q,
    importId,
    'AMBIGUOUS_MATCH',
    'head_cccd',
    `select s.row_no, s.household_code as value, 'CCCD chủ hộ thuộc hộ ' || h.code as detail_vi,
            'the head''s citizen ID belongs to household ' || h.code as detail_en
       from ${S} s join registry_households h on h.id = s.household_id
      where s.import_id = $1 and not s.rejected and s.household_code is not null and h.code <> s.household_code`,
  );
  await errorsFrom(
    q,
    importId,
    'HOUSEHOLD_NOT_FOUND',
    'household_code',
    `select row_no, household_code as value, null as detail_vi, null as detail_en from ${S}
      where import_id = $1 and not rejected and household_id is null`,
  );
  if (opts.scopeUnitIds) {
    await errorsFrom(
      q,
      importId,
      'UNIT_OUT_OF_SCOPE',
      'household_code',
      `select row_no, household_code as value, null as detail_vi, null as detail_en from ${S}
        where import_id = $1 and not rejected and unit_id is not null and not (unit_id = any($6::uuid[]))`,
      [opts.scopeUnitIds],
    );
  }
  await rejectErrored(q, importId);
  await errorsFrom(
    q,
    importId,
    'DUPLICATE_IN_FILE',
    'household_code',
    `select row_no, household_code as value, 'dòng ' || first_row as detail_vi, 'row ' || first_row as detail_en
       from (select row_no, household_code, min(row_no) over (partition by household_id) as first_row
               from ${S} where import_id = $1 and not rejected and household_id is not null) d
      where row_no > first_row`,
  );
  await rejectErrored(q, importId);

  // the existing review: annual by (household, year); regular by (household, year, review date)
  await q(`create temp table if not exists import_review_candidates (row_no int, review_id uuid, n int) on commit drop`);
  await q(`truncate import_review_candidates`);
  await q(
    `insert into import_review_candidates (row_no, review_id, n)
     select s.row_no, min(r.id::text)::uuid, count(*)::int
       from ${S} s join registry_poverty_reviews r on r.household_id = s.household_id and r.year = s.year
        and r.review_type = s.review_type and (s.review_type = 'ANNUAL' or r.reviewed_on = s.reviewed_on)
      where s.import_id = $1 and not s.rejected
      group by s.row_no`,
    [importId],
  );
  await errorsFrom(
    q,
    importId,
    'AMBIGUOUS_MATCH',
    'reviewed_on',
    `select s.row_no, to_char(s.reviewed_on, 'DD/MM/YYYY') as value,
            c.n || ' kết quả rà soát thường xuyên cùng ngày' as detail_vi, c.n || ' regular reviews on that day' as detail_en
       from ${S} s join import_review_candidates c on c.row_no = s.row_no
      where s.import_id = $1 and not s.rejected and c.n > 1`,
  );
  await errorsFrom(
    q,
    importId,
    'STATUS_CONFLICT',
    'valid_from',
    `select s.row_no, to_char(s.valid_from, 'DD/MM/YYYY') as value, st.decision_number as detail_vi,
            st.decision_number as detail_en
       from ${S} s join lateral (select st.decision_number from registry_poverty_statuses st
                                   where st.household_id = s.household_id and st.valid_from >= s.valid_from
                                     and not (st.valid_from = s.valid_from and st.decision_number = s.decision_number
                                              and st.classification = s.classification)
                                   order by st.valid_from limit 1) st on true
      where s.import_id = $1 and not s.rejected`,
  );
  await rejectErrored(q, importId);

  await q(
    `update ${S} s set review_id = coalesce(c.review_id, gen_random_uuid()),
        review_action = case when c.review_id is null then 'CREATE'
                             when exists (select 1 from registry_poverty_reviews r where r.id = c.review_id
                                           and ${REVIEW_DIFFERS}) then 'UPDATE'
                             else 'NONE' end,
        status_action = case when s.classification = 'NOT_POOR' then
                               case when exists (select 1 from registry_poverty_statuses st
                                                  where st.household_id = s.household_id and st.valid_from < s.valid_from
                                                    and (st.valid_to is null or st.valid_to > s.valid_from))
                                    then 'END' else 'NONE' end
                             when ${SAME_STATUS} then 'NONE'
                             else 'GRANT' end
       from ${S} s2 left join import_review_candidates c on c.row_no = s2.row_no
      where s.import_id = $1 and s2.import_id = $1 and s2.row_no = s.row_no and not s.rejected`,
    [importId],
  );
  await setActions(q, importId, {
    create: `review_action = 'CREATE'`,
    update: `review_action = 'UPDATE' or status_action <> 'NONE'`,
  });
}

/**
 * One chunk: new reviews, corrected reviews, the household's status open on the start date ended (SUPERSEDED, as
 * StatusesService.grantPovertyStatus does), then the granted status. Every statement is guarded (ids fixed at
 * classification, `on conflict do nothing`, `is distinct from`, `not exists`), so a replay changes nothing.
 */
export async function mergePovertyReviewChunk(q: SqlQuery, importId: string, chunk: number, actor: string): Promise<void> {
  const ref = `import:${importId}`;
  const rows = `from ${S} s where s.import_id = $1 and s.chunk_no = $2`;
  await q(
    `insert into registry_poverty_reviews (id, household_id, year, review_type, area, income_per_capita, deprivations,
       agriculture_forestry_fishery, standard_code, classification, explanation, reviewed_on, source, source_ref,
       created_by)
     select s.review_id, s.household_id, s.year, s.review_type, s.area, s.income_per_capita, s.deprivations,
            s.agriculture_forestry_fishery, s.standard_code, s.classification, s.explanation, s.reviewed_on, 'IMPORT',
            $3, $4
       ${rows} and s.review_action = 'CREATE'
     on conflict do nothing`,
    [importId, chunk, ref, actor],
  );
  await q(
    `update registry_poverty_reviews r set area = s.area, income_per_capita = s.income_per_capita,
        deprivations = s.deprivations, agriculture_forestry_fishery = s.agriculture_forestry_fishery,
        standard_code = s.standard_code, classification = s.classification, explanation = s.explanation,
        reviewed_on = s.reviewed_on
       ${rows} and s.review_action = 'UPDATE' and r.id = s.review_id and ${REVIEW_DIFFERS}`,
    [importId, chunk],
  );
  await q(
    `update registry_poverty_statuses st set valid_to = s.valid_from, end_reason = 'SUPERSEDED',
        end_decision_number = s.decision_number, end_decision_date = s.decision_date, ended_at = now()
       ${rows} and s.status_action in ('GRANT', 'END') and st.household_id = s.household_id
        and st.valid_from < s.valid_from and (st.valid_to is null or st.valid_to > s.valid_from)`,
    [importId, chunk],
  );
  await q(
    `insert into registry_poverty_statuses (household_id, classification, review_id, valid_from, decision_number,
       decision_date, decision_signer, source, source_ref, created_by)
     select s.household_id, s.classification, s.review_id, s.valid_from, s.decision_number, s.decision_date,
            s.decision_signer, 'IMPORT', $3, $4
       ${rows} and s.status_action = 'GRANT' and not ${SAME_STATUS}`,
    [importId, chunk, ref, actor],
  );
}
