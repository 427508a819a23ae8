/**
 * Where a registry or payment record is counted in a report: the unit it is filed under, folded into the units of the
 * report's era by the succession map. The rule is the registry's (`StatusQueriesService.countsOn`): a unit of the
 * report's era counts as itself; an old unit counts under its FULL successor (else its first PARTIAL one, flagged
 * approximate); a new unit asked about in the old era counts under its first predecessor (always approximate).
 * A test compares these figures with `countsOn`, so the two readings cannot drift apart.
 */

import { POST_2025_FROM, type UnitEra } from 'src/modules/organisation/entities/admin-unit.entity';

export type { UnitEra };

/** The era whose units are in force on a date (the new units from 1 July 2025). */
export function eraOn(date: string): UnitEra {
  return date >= POST_2025_FROM ? 'POST_2025' : 'PRE_2025';
}

/**
 * CTEs (for a `with recursive` query): `unit_map(filed_id, report_unit_id, approximate)` for every unit appearing in
 * `filed` (a CTE with a `unit_id` column), and `territory(id)`: the asked unit and its descendants in its own era
 * (empty when no unit is asked).
 *
 * @param filed name of the CTE holding the records
 * @param era placeholder of the report era ('PRE_2025' | 'POST_2025')
 * @param territory placeholder of the asked unit id (uuid or null)
 */
export const UNIT_MAP_SQL = (filed: string, era: string, territory: string): string => `
  unit_map as (
    select u.id as filed_id, case when u.era = ${era}::text then u.id else t.target_id end as report_unit_id,
           coalesce(t.approximate, false) as approximate
      from (select distinct unit_id from ${filed}) f
      join admin_units u on u.id = f.unit_id
      left join lateral (
        select s.new_unit_id as target_id, s.coverage = 'PARTIAL' as approximate
          from admin_unit_successions s
         where u.era = 'PRE_2025' and ${era}::text = 'POST_2025' and s.old_unit_id = u.id
        union all
        select s.old_unit_id, true
          from admin_unit_successions s
         where u.era = 'POST_2025' and ${era}::text = 'PRE_2025' and s.new_unit_id = u.id
        order by 2, 1
        limit 1
      ) t on u.era <> ${era}::text
  ),
  territory(id) as (
    select ${territory}::uuid where ${territory}::uuid is not null
    union
    select c.id from admin_units c join territory p on c.parent_id = p.id
  )`;

/** Condition on a row joined to `unit_map m`: attributed to a unit, and inside the asked territory if any. */
export const IN_TERRITORY_SQL = (territory: string): string =>
  `m.report_unit_id is not null and (${territory}::uuid is null or m.report_unit_id in (select id from territory))`;
