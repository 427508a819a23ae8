import { IN_TERRITORY_SQL, UNIT_MAP_SQL } from 'src/modules/reports/registries/report-units.sql';

/**
 * Households by listed poverty class between two year ends (see poverty-flow.ts for the definitions), from the
 * registry's status periods (`registry_status_periods`, kind POVERTY: the household's decision-backed class, filed
 * under the household's residence unit).
 *
 * Parameters: $1 end of the previous year, $2 end of the year (dates), $3 report era, $4 unit scope (uuid[] or
 * null), $5 asked unit (uuid or null). FACTS yields one row per household listed at either date.
 */
export const POVERTY_FACTS_SQL = `
  with recursive
  held as (
    select v.household_id, v.unit_id,
           max(v.value) filter (where daterange(v.valid_from, v.valid_to, '[)') @> $1::date) as class_before,
           max(v.value) filter (where daterange(v.valid_from, v.valid_to, '[)') @> $2::date) as class_after
      from registry_status_periods v
     where v.kind = 'POVERTY' and v.unit_id is not null
       and (daterange(v.valid_from, v.valid_to, '[)') @> $1::date or daterange(v.valid_from, v.valid_to, '[)') @> $2::date)
       and ($4::uuid[] is null or v.unit_id = any($4::uuid[]))
     group by v.household_id, v.unit_id
  ),
  ${UNIT_MAP_SQL('held', '$3', '$5')},
  facts as (
    select h.household_id, h.unit_id, h.class_before, h.class_after, m.report_unit_id, m.approximate
      from held h join unit_map m on m.filed_id = h.unit_id
     where ${IN_TERRITORY_SQL('$5')}
  )`;

/** Per report unit and class, and per class over all units (unit null). */
export const POVERTY_AGGREGATE_SQL = `${POVERTY_FACTS_SQL}
  select f.report_unit_id as "unitId", ru.code as "unitCode", ru.name as "unitName", c.cls as class,
         count(*) filter (where f.class_before = c.cls)::int as previous,
         count(*) filter (where f.class_after = c.cls)::int as current,
         count(*) filter (where f.class_after = c.cls and f.class_before is distinct from c.cls)::int as entries,
         count(*) filter (where f.class_before = c.cls and f.class_after is distinct from c.cls)::int as exits,
         bool_or(f.approximate) as approximate
    from facts f
    cross join unnest(array['POOR', 'NEAR_POOR', 'AVERAGE_LIVING_STANDARD']) as c(cls)
    left join admin_units ru on ru.id = f.report_unit_id
   where f.class_before = c.cls or f.class_after = c.cls
   group by grouping sets ((f.report_unit_id, ru.code, ru.name, c.cls), (c.cls))
   order by ru.code nulls last, c.cls`;

export const POVERTY_FIGURES = ['previous', 'current', 'entries', 'exits'] as const;
export type PovertyFigure = (typeof POVERTY_FIGURES)[number];

/** Which households a figure counts ($6 is the class). Mirrors the filters of POVERTY_AGGREGATE_SQL. */
export const POVERTY_DRILL_DOWN_FILTERS: Record<PovertyFigure, string> = {
  previous: 'f.class_before = $6',
  current: 'f.class_after = $6',
  entries: 'f.class_after = $6 and f.class_before is distinct from $6',
  exits: 'f.class_before = $6 and f.class_after is distinct from $6',
};

/**
 * The households behind one figure, keyset-paged by household code. $6 class, $7 report unit (or null: all),
 * $8 cursor (code after which to start, or null), $9 limit. The head of household on the year end (or the previous
 * one) is shown by name with the CCCD masked by the caller.
 */
export const POVERTY_DRILL_DOWN_SQL = (figure: PovertyFigure): string => `${POVERTY_FACTS_SQL}
  select h.id as "householdId", h.code as "householdCode", f.report_unit_id as "unitId", ru.code as "unitCode",
         ru.name as "unitName", f.unit_id as "filedUnitId", f.class_before as "classBefore",
         f.class_after as "classAfter", f.approximate, head.full_name as "headName", head.cccd as "headCccd"
    from facts f
    join registry_households h on h.id = f.household_id
    join admin_units ru on ru.id = f.report_unit_id
    left join lateral (
      select p.full_name, p.cccd from registry_household_members hm join registry_people p on p.id = hm.person_id
       where hm.household_id = f.household_id and hm.relationship = 'HEAD'
         and (daterange(hm.valid_from, hm.valid_to, '[)') @> $2::date or daterange(hm.valid_from, hm.valid_to, '[)') @> $1::date)
       order by hm.valid_from desc limit 1
    ) head on true
   where ${POVERTY_DRILL_DOWN_FILTERS[figure]} and ($7::uuid is null or f.report_unit_id = $7)
     and ($8::text is null or h.code > $8)
   order by h.code limit $9`;
