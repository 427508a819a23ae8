import { DOSSIER_FILTER_SQL } from 'src/modules/reports/filters/report-filter.service';

/**
 * Dossiers received in the period: clock started (acceptance; postmark for post; complete online submission) on a
 * day of [$1, $2] — the "received in the period" of Form II.06a columns 4 and 5, so carried-over dossiers are not in
 * it — in the caller's scope and the filters ($3…$6, see ResolvedFilter). `full_online`: the procedure version the
 * dossier was received under was offered fully online (toàn trình, Decree 42/2022 art. 11).
 */
export const RECEIVED_SQL = `
  select d.id, d.code, d.procedure_code, d.channel, d.state, d.handling_level as level, d.handling_agency_id,
         pv.field_code, pv.name as procedure_name, pv.online_mode, coalesce(pv.online_mode = 'FULL', false) as full_online
    from dossiers d
    join procedure_versions pv on pv.id = d.procedure_version_id
   where d.counting_start between $1::date and $2::date
     and ${DOSSIER_FILTER_SQL}`;

export const ONLINE_TOTALS_SQL = `
  select count(*)::int as received,
         count(*) filter (where channel = 'ONLINE')::int as online,
         count(*) filter (where channel = 'DIRECT')::int as direct,
         count(*) filter (where channel = 'POSTAL')::int as postal,
         count(*) filter (where full_online)::int as full_received,
         count(*) filter (where full_online and channel = 'ONLINE')::int as full_online
    from (${RECEIVED_SQL}) r`;

export const ONLINE_BY_PROCEDURE_SQL = `
  select procedure_code, min(procedure_name) as procedure_name, count(*)::int as received,
         count(*) filter (where channel = 'ONLINE')::int as online
    from (${RECEIVED_SQL}) r
   where full_online
   group by procedure_code
   order by procedure_code`;

/** Drill-down: which received dossiers a figure counts ($7: a procedure code, or null for all). */
export const ONLINE_DRILL_FILTERS = {
  received: 'true',
  online: `channel = 'ONLINE'`,
  directOrPostal: `channel <> 'ONLINE'`,
  fullOnlineReceived: 'full_online',
  fullOnlineOnline: `full_online and channel = 'ONLINE'`,
} as const;
export type OnlineDrillColumn = keyof typeof ONLINE_DRILL_FILTERS;

export const ONLINE_DRILL_SQL = (column: OnlineDrillColumn): string => `
  select id, code, procedure_name as name, procedure_code as "procedureCode", field_code as "fieldCode", level,
         channel, state, online_mode as "onlineMode", null::text as "legacyLevel"
    from (${RECEIVED_SQL}) r
   where ${ONLINE_DRILL_FILTERS[column]} and ($7::text is null or procedure_code = $7::text)`;
