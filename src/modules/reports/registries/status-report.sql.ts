import { IN_TERRITORY_SQL, UNIT_MAP_SQL } from 'src/modules/reports/registries/report-units.sql';

/**
 * People holding a status on a date, by category and unit, from the registry's status periods
 * (`registry_status_periods`: one row per decision-backed period, filed under the person's residence unit).
 *
 * - MERIT: meritorious people by their category (`MERIT`), and relatives (`MERIT_RELATIVE`) under the category of the
 *   meritorious person they are a relative of.
 * - SOCIAL_PROTECTION: social-protection subjects by group (the band codes the registry derived, e.g. `K5A_60_TO_80`),
 *   and social pensioners as the group `SOCIAL_PENSION`.
 *
 * Parameters: $1 date, $2 report era, $3 unit scope (uuid[] or null), $4 asked unit (uuid or null). FACTS yields one
 * row per status period held on the date: person, category, role (SUBJECT or RELATIVE), attributed unit.
 */
export const STATUS_REPORTS = {
  MERIT: {
    kinds: ['MERIT', 'MERIT_RELATIVE'],
    category: `case when v.kind = 'MERIT_RELATIVE' then mp.category else v.value end`,
    role: `case when v.kind = 'MERIT_RELATIVE' then 'RELATIVE' else 'SUBJECT' end`,
  },
  SOCIAL_PROTECTION: {
    kinds: ['SOCIAL_PROTECTION', 'SOCIAL_PENSION'],
    category: `case when v.kind = 'SOCIAL_PENSION' then 'SOCIAL_PENSION' else v.value end`,
    role: `'SUBJECT'`,
  },
} as const;
export type StatusReportKind = keyof typeof STATUS_REPORTS;

export const STATUS_FACTS_SQL = (report: StatusReportKind): string => `
  with recursive
  held as (
    select v.id as status_id, v.kind, v.person_id, v.unit_id, ${STATUS_REPORTS[report].category} as category,
           ${STATUS_REPORTS[report].role} as role, v.valid_from, v.decision_number
      from registry_status_periods v
      left join registry_merit_relatives r on v.kind = 'MERIT_RELATIVE' and r.id = v.id
      left join registry_merit_profiles mp on mp.id = r.merit_profile_id
     where v.kind in (${STATUS_REPORTS[report].kinds.map((k) => `'${k}'`).join(', ')})
       and daterange(v.valid_from, v.valid_to, '[)') @> $1::date and v.unit_id is not null
       and ($3::uuid[] is null or v.unit_id = any($3::uuid[]))
  ),
  ${UNIT_MAP_SQL('held', '$2', '$4')},
  facts as (
    select h.*, m.report_unit_id, m.approximate
      from held h join unit_map m on m.filed_id = h.unit_id
     where ${IN_TERRITORY_SQL('$4')}
  )`;

/**
 * Distinct people per unit and category, per category (unit null) and overall (both null): a person holding two
 * statuses of one category counts once in it, and once in the overall total whatever their categories (the definition:
 * `countStatuses` in status-counts.ts).
 */
export const STATUS_AGGREGATE_SQL = (report: StatusReportKind): string => `${STATUS_FACTS_SQL(report)}
  select f.report_unit_id as "unitId", ru.code as "unitCode", ru.name as "unitName", f.category,
         grouping(f.category) = 1 as "isTotal",
         count(distinct f.person_id) filter (where f.role = 'SUBJECT')::int as subjects,
         count(distinct f.person_id) filter (where f.role = 'RELATIVE')::int as relatives,
         bool_or(f.approximate) as approximate
    from facts f left join admin_units ru on ru.id = f.report_unit_id
   group by grouping sets ((f.report_unit_id, ru.code, ru.name, f.category), (f.category), ())
   order by ru.code nulls last, f.category nulls last`;

export const STATUS_FIGURES = ['subjects', 'relatives'] as const;
export type StatusFigure = (typeof STATUS_FIGURES)[number];

/**
 * The people behind one figure, one row per person, keyset-paged by person id. $5 role (SUBJECT / RELATIVE), $6
 * category (or null: all), $7 report unit (or null: all), $8 cursor (person id after which to start, or null),
 * $9 limit.
 */
export const STATUS_DRILL_DOWN_SQL = (report: StatusReportKind): string => `${STATUS_FACTS_SQL(report)}
  select distinct on (f.person_id)
         f.person_id as "personId", p.full_name as "fullName", p.cccd,
         coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), p.birth_year::text) as birth, p.gender,
         f.report_unit_id as "unitId", ru.code as "unitCode", ru.name as "unitName", f.category, f.kind,
         f.status_id as "statusId", to_char(f.valid_from, 'YYYY-MM-DD') as "validFrom",
         f.decision_number as "decisionNumber", f.approximate
    from facts f
    join registry_people p on p.id = f.person_id
    join admin_units ru on ru.id = f.report_unit_id
   where f.role = $5 and ($6::text is null or f.category = $6) and ($7::uuid is null or f.report_unit_id = $7)
     and ($8::uuid is null or f.person_id > $8)
   order by f.person_id, f.category, f.status_id
   limit $9`;
