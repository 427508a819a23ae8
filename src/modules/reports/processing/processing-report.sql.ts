/**
 * SQL for Form II.06a. FACTS_SQL derives, per accepted dossier, exactly the facts `DossierFacts` names (see
 * domain/processing-form.ts for the definitions); AGGREGATE_SQL counts them the way `addToRow` does. A test runs
 * AGGREGATE_SQL over random facts and compares it with `addToRow`, so the two cannot drift apart.
 *
 * Parameters: $1 period start, $2 period end (dates), $3 unit scope (uuid[] or null). The rollups (../rollups) use
 * the same SQL with the period bounds taken from a joined period table instead (`PeriodBounds`).
 */

/** Where the classification reads the period's first and last day: the query's parameters, or joined columns. */
export interface PeriodBounds {
  from: string;
  to: string;
}
export const PARAM_BOUNDS: PeriodBounds = { from: '$1', to: '$2' };

/** Facts of every accepted dossier, with its rollup dimensions; callers append `and …` conditions. */
export const FACTS_BASE_SQL = `
  select d.id, d.code,
         pv.field_code, d.handling_level as level,
         d.handling_unit_id as unit_id, d.handling_agency_id as agency_id, d.procedure_version_id,
         d.counting_start as received_on,
         d.channel,
         coalesce(d.due_date, d.counting_start) as due_on,
         case
           when d.state in ('APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED')
             then coalesce(d.decision_date, (d.resolved_at at time zone 'Asia/Ho_Chi_Minh')::date)
           when d.state in ('WITHDRAWN', 'RETURNED_NOT_ELIGIBLE')
             then (coalesce(d.stopped_at, d.resolved_at) at time zone 'Asia/Ho_Chi_Minh')::date
         end as ended_on,
         case
           when d.state in ('APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED') then 'DECIDED'
           when d.state = 'WITHDRAWN' then 'WITHDRAWN'
           when d.state = 'RETURNED_NOT_ELIGIBLE' then 'RETURNED'
         end as end_kind,
         d.supplement_requests,
         d.state = 'WAITING_SUPPLEMENT' as waiting_for_applicant,
         d.appointment_moved as apology_sent
  from dossiers d
  join procedure_versions pv on pv.id = d.procedure_version_id
  where d.counting_start is not null`;

export const FACTS_SQL = `${FACTS_BASE_SQL}
    and d.counting_start <= $2
    and ($3::uuid[] is null or d.handling_unit_id = any($3::uuid[]))`;

/** Per-dossier classification; `f` is any relation with the DossierFacts columns. */
export const CLASSIFIED_SQL = (facts: string, b: PeriodBounds = PARAM_BOUNDS): string => `
  select f.*,
         f.received_on < ${b.from} as carried_over,
         f.ended_on is not null and f.ended_on <= ${b.to} as resolved,
         case
           when f.ended_on is null or f.ended_on > ${b.to} then null
           when f.supplement_requests > 1 or f.ended_on > f.due_on then 'LATE'
           when f.ended_on < f.due_on then 'EARLY'
           else 'ON_TIME'
         end as timeliness
  from (${facts}) f
  where f.received_on <= ${b.to} and (f.ended_on is null or f.ended_on >= ${b.from})`;

/** The form's counts over classified rows; `b.to` is the period's last day (in-progress within time / overdue). */
export const countColumns = (b: PeriodBounds = PARAM_BOUNDS): string => `
  count(*)::int as received,
  count(*) filter (where not carried_over and channel = 'ONLINE')::int as received_online,
  count(*) filter (where not carried_over and channel <> 'ONLINE')::int as received_direct_or_postal,
  count(*) filter (where carried_over)::int as carried_over,
  count(*) filter (where resolved)::int as resolved,
  count(*) filter (where timeliness = 'EARLY')::int as resolved_early,
  count(*) filter (where timeliness = 'ON_TIME')::int as resolved_on_time,
  count(*) filter (where timeliness = 'LATE')::int as resolved_late,
  count(*) filter (where not resolved)::int as in_progress,
  count(*) filter (where not resolved and (waiting_for_applicant or due_on >= ${b.to}))::int as in_progress_within_time,
  count(*) filter (where not resolved and not waiting_for_applicant and due_on < ${b.to})::int as in_progress_overdue,
  count(*) filter (where resolved and end_kind = 'DECIDED')::int as decided,
  count(*) filter (where resolved and end_kind = 'DECIDED' and timeliness <> 'LATE')::int as decided_early_or_on_time,
  count(*) filter (where resolved and end_kind <> 'DECIDED')::int as returned_or_withdrawn,
  count(*) filter (where not resolved and waiting_for_applicant)::int as waiting_for_supplement,
  count(*) filter (where apology_sent)::int as apology_letters`;

export const COUNT_COLUMNS = countColumns();

/** One row per field and handling level, plus the grand total (grouping sets). */
export const AGGREGATE_SQL = (facts: string): string => `
  select field_code, level, grouping(field_code, level) = 3 as is_total, ${COUNT_COLUMNS}
  from (${CLASSIFIED_SQL(facts)}) c
  group by grouping sets ((field_code, level), ())
  order by is_total, field_code, level`;

/** Drill-down: which classified column a dossier falls into, for listing the dossiers behind a figure. */
export const DRILL_DOWN_FILTERS = {
  received: 'true',
  receivedOnline: `not carried_over and channel = 'ONLINE'`,
  receivedDirectOrPostal: `not carried_over and channel <> 'ONLINE'`,
  carriedOver: 'carried_over',
  resolved: 'resolved',
  resolvedEarly: `timeliness = 'EARLY'`,
  resolvedOnTime: `timeliness = 'ON_TIME'`,
  resolvedLate: `timeliness = 'LATE'`,
  inProgress: 'not resolved',
  inProgressWithinTime: 'not resolved and (waiting_for_applicant or due_on >= $2)',
  inProgressOverdue: 'not resolved and not waiting_for_applicant and due_on < $2',
  returnedOrWithdrawn: `resolved and end_kind <> 'DECIDED'`,
  waitingForSupplement: 'not resolved and waiting_for_applicant',
  apologyLetters: 'apology_sent',
} as const;
export type DrillDownColumn = keyof typeof DRILL_DOWN_FILTERS;
