import { DOSSIER_FILTER_SQL } from 'src/modules/reports/filters/report-filter.service';

/** End of the business day $2 (UTC+7) as a condition on an instant. */
const BY_END = (instant: string): string => `(${instant} at time zone 'Asia/Ho_Chi_Minh')::date <= $2::date`;

/**
 * Dossiers decided in the period (approved or rejected, decision date in [$1, $2] — the "decided" of the processing
 * report; returned-not-eligible and withdrawn dossiers have no result) with, as of the period's last day:
 * - `electronic_result`: the latest `dossier.result_attached` event up to that day says `digitised` — the result
 *   file is an electronic copy with legal value (kết quả được số hóa);
 * - `components_digitised`: the dossier has documents provided up to that day and every one of them has a stored
 *   file uploaded up to that day (thành phần hồ sơ được số hóa).
 * Reading the event log as of the last day keeps a closed period's figures fixed when results are attached later.
 */
export const DECIDED_SQL = `
  select d.id, d.code, d.procedure_code, d.channel, d.state, d.handling_level as level, d.handling_agency_id,
         pv.field_code, pv.name as procedure_name, pv.online_mode,
         coalesce(ra.digitised, false) as electronic_result,
         (exists (select 1 from dossier_documents x where x.dossier_id = d.id and ${BY_END('x.provided_at')})
          and not exists (
            select 1 from dossier_documents x left join dossier_files df on df.id = x.file_id
             where x.dossier_id = d.id and ${BY_END('x.provided_at')}
               and (df.id is null or not ${BY_END('df.created_at')}))) as components_digitised
    from dossiers d
    join procedure_versions pv on pv.id = d.procedure_version_id
    left join (
      select distinct on (e.dossier_id) e.dossier_id, (e.payload ->> 'digitised')::boolean as digitised
        from dossier_events e
       where e.type = 'dossier.result_attached' and ${BY_END('e.occurred_at')}
       order by e.dossier_id, e.id desc) ra on ra.dossier_id = d.id
   where d.counting_start is not null
     and d.state in ('APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED')
     and coalesce(d.decision_date, (d.resolved_at at time zone 'Asia/Ho_Chi_Minh')::date) between $1::date and $2::date
     and ${DOSSIER_FILTER_SQL}`;

export const DECIDED_TOTALS_SQL = `
  select count(*)::int as decided,
         count(*) filter (where electronic_result)::int as electronic_result,
         count(*) filter (where electronic_result and components_digitised)::int as fully_digitised
    from (${DECIDED_SQL}) r`;

export const RESULT_DRILL_FILTERS = {
  decided: 'true',
  electronicResult: 'electronic_result',
  noElectronicResult: 'not electronic_result',
  fullyDigitised: 'electronic_result and components_digitised',
} as const;
export type ResultDrillColumn = keyof typeof RESULT_DRILL_FILTERS;

export const RESULT_DRILL_SQL = (column: ResultDrillColumn): string => `
  select id, code, procedure_name as name, procedure_code as "procedureCode", field_code as "fieldCode", level,
         channel, state, online_mode as "onlineMode", null::text as "legacyLevel"
    from (${DECIDED_SQL}) r where ${RESULT_DRILL_FILTERS[column]}`;

/**
 * Archive files behind the archive-digitisation figures, with the definition of DigitisationStatsService.ratesByUnit:
 * files of the projects of the units in $1 (null = all) registered by the day $2, DONE if a DONE event is dated on
 * or before it (UTC+7).
 */
export const ARCHIVE_FILES_SQL = `
  select f.id, f.archive_code as code, p.name, null::text as "procedureCode", null::text as "fieldCode",
         null::text as level, null::text as channel, null::text as "onlineMode", null::text as "legacyLevel",
         case when exists (select 1 from digitisation_events e where e.file_id = f.id and e.kind = 'DONE'
                             and (e.at at time zone '+07')::date <= $2::date) then 'DONE' else 'NOT_DONE' end as state
    from digitisation_files f
    join digitisation_projects p on p.id = f.project_id
   where ($1::uuid[] is null or p.unit_id = any($1::uuid[]))
     and (f.created_at at time zone '+07')::date <= $2::date`;

export const ARCHIVE_DRILL_FILTERS = {
  archiveFiles: 'true',
  archiveDone: `state = 'DONE'`,
  archiveNotDone: `state <> 'DONE'`,
} as const;
export type ArchiveDrillColumn = keyof typeof ARCHIVE_DRILL_FILTERS;
