import { RECEIVED_SQL } from 'src/modules/reports/online/online-share.sql';
import { DECIDED_SQL } from 'src/modules/reports/digitisation/result-digitisation.sql';
import { CLASSIFIED_SQL, FACTS_BASE_SQL } from 'src/modules/reports/processing/processing-report.sql';

/** The checks a publicity part names (seed-data publicityParts lists which ones the index requires). */
export const PUBLICITY_PART_CHECKS: Record<string, string> = {
  levels: 'cardinality(v.levels) > 0',
  timeLimit: '(v.time_limit_amount is not null or v.time_limit_text is not null)',
  channels: 'coalesce(cardinality(v.channels), 0) > 0',
  onlineMode: 'v.online_mode is not null',
  result: '(v.result_kind is not null or v.result_text is not null)',
  fee: '(v.fee_policy is not null or v.fee_text is not null)',
  legalBasis: 'exists (select 1 from procedure_legal_bases b where b.version_id = v.id)',
  documents: 'exists (select 1 from procedure_documents x where x.version_id = v.id)',
  steps: 'exists (select 1 from procedure_steps s where s.version_id = v.id)',
  implementingAgency: '(v.implementing_agency_id is not null or v.implementing_agency_name is not null)',
};

export function publicityCheck(parts: string[]): string {
  const unknown = parts.filter((p) => !(p in PUBLICITY_PART_CHECKS));
  if (unknown.length) throw new Error(`Unknown publicity parts in seed data: ${unknown.join(', ')}`);
  return parts.length ? parts.map((p) => PUBLICITY_PART_CHECKS[p]).join(' and ') : 'true';
}

/**
 * The procedure (version `v`, procedure `p`) received an online dossier at its implementing agency in [$1, $2]. A
 * hashed semi-join: the period's online dossiers are read once (counting-start index), not once per procedure.
 */
export const ONLINE_USED_SQL = `(p.code, v.implementing_agency_id) in (
  select d.procedure_code, d.handling_agency_id from dossiers d
   where d.channel = 'ONLINE' and d.counting_start between $1::date and $2::date)`;

/**
 * Procedures in force on $2 per implementing agency (the agency's unit in scope $3 and unit filter $4; agency $5;
 * field $6), with those published complete, offered online ($7 modes) and offered online with an online dossier
 * received (counting start in [$1, $2]) by that agency.
 */
export const CATALOG_BY_AGENCY_SQL = (complete: string): string => `
  select v.implementing_agency_id as agency_id, count(*)::int as in_force,
         count(*) filter (where ${complete})::int as published_complete,
         count(*) filter (where v.online_mode = any($7::text[]))::int as offered_online,
         count(*) filter (where v.online_mode = any($7::text[]) and ${ONLINE_USED_SQL})::int as offered_online_used
    from procedure_versions v
    join procedures p on p.id = v.procedure_id
    join agencies a on a.id = v.implementing_agency_id
   where (v.valid_from is null or v.valid_from <= $2::date) and (v.valid_to is null or v.valid_to > $2::date)
     and ($3::uuid[] is null or a.unit_id = any($3::uuid[]))
     and ($4::uuid[] is null or a.unit_id = any($4::uuid[]))
     and ($5::uuid is null or a.id = $5::uuid)
     and ($6::text is null or v.field_code = $6::text)
   group by 1`;

/**
 * The processing report's facts (FACTS_BASE_SQL) narrowed to the dossiers decided in [$1, $2] in scope ($3) and the
 * filters ($4…$6), read through the decided-on index: exactly the rows Form II.06a counts as "decided", without
 * classifying every dossier of the province.
 */
export const DECIDED_FACTS_SQL = `${FACTS_BASE_SQL}
    and d.counting_start <= $2::date
    and d.state in ('APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED')
    and coalesce(d.decision_date, (d.resolved_at at time zone 'Asia/Ho_Chi_Minh')::date) between $1::date and $2::date
    and ($3::uuid[] is null or d.handling_unit_id = any($3::uuid[]))
    and ($4::uuid[] is null or d.handling_unit_id = any($4::uuid[]))
    and ($5::uuid is null or d.handling_agency_id = $5::uuid)
    and ($6::text is null or pv.field_code = $6::text)`;

/** Decided dossiers per handling agency, early or on time by the processing report's own classification. */
export const PROGRESS_BY_AGENCY_SQL = `
  select c.agency_id,
         count(*) filter (where c.resolved and c.end_kind = 'DECIDED')::int as decided,
         count(*) filter (where c.resolved and c.end_kind = 'DECIDED' and c.timeliness <> 'LATE')::int
           as decided_early_or_on_time
    from (${CLASSIFIED_SQL(DECIDED_FACTS_SQL)}) c
   group by 1`;

export const ONLINE_BY_AGENCY_SQL = `
  select handling_agency_id as agency_id, count(*)::int as received,
         count(*) filter (where channel = 'ONLINE')::int as received_online
    from (${RECEIVED_SQL}) r group by 1`;

export const DIGITISED_BY_AGENCY_SQL = `
  select handling_agency_id as agency_id, count(*)::int as decided,
         count(*) filter (where electronic_result)::int as electronic_result,
         count(*) filter (where electronic_result and components_digitised)::int as fully_digitised
    from (${DECIDED_SQL}) r group by 1`;
