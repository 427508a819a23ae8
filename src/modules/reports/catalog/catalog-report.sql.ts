/**
 * Catalog report SQL. Parameters: $1 the date the catalog is read on (the period's last day), $2 agency id (the
 * implementing or deciding agency; null = all), $3 field code (null = all), $4 level (one of the version's levels;
 * null = all); drill-downs add $5, the key of the group. Decisions take $1 period end, $2 period start, $3 level.
 */

/** Exclusive level group of a levels array, as the procedures module's statistics count it. */
export const LEVEL_GROUP = (col: string): string => `case when cardinality(${col}) = 0 then 'NOT_STATED'
  when cardinality(${col}) > 1 then 'MULTI_LEVEL' else ${col}[1] end`;

/** Procedure versions in force on $1 (the procedures module's IN_FORCE_ON: valid_from ≤ day < valid_to). */
export const IN_FORCE_SQL = `
  select v.id, p.code, v.name, v.field_code, ${LEVEL_GROUP('v.levels')} as level_group,
         coalesce(v.online_mode, 'NOT_STATED') as online_mode,
         coalesce(v.legacy_online_level::text, 'NOT_STATED') as legacy_level
    from procedure_versions v
    join procedures p on p.id = v.procedure_id
   where (v.valid_from is null or v.valid_from <= $1::date) and (v.valid_to is null or v.valid_to > $1::date)
     and ($2::uuid is null or v.implementing_agency_id = $2::uuid or v.deciding_agency_id = $2::uuid)
     and ($3::text is null or v.field_code = $3::text)
     and ($4::text is null or $4::text = any(v.levels))`;

/** One scan, four breakdowns (grouping sets) and the total. */
export const IN_FORCE_GROUPS_SQL = `
  select level_group, field_code, online_mode, legacy_level,
         grouping(level_group, field_code, online_mode, legacy_level) as g, count(*)::int as count
    from (${IN_FORCE_SQL}) c
   group by grouping sets ((level_group), (field_code), (online_mode), (legacy_level), ())`;

/**
 * Items of APPLIED publication decisions signed in [$2, $1] (the procedures module's decision statistics count by
 * signing date; a decision without one is not counted), by action and exclusive level group of the item.
 */
export const DECISION_ITEMS_SQL = `
  select i.id, i.procedure_code, i.action, ${LEVEL_GROUP('i.levels')} as level_group, d.number as decision_number,
         d.id as decision_id
    from procedure_decision_items i
    join procedure_decisions d on d.id = i.decision_id
   where d.status = 'APPLIED' and d.signed_on between $2::date and $1::date
     and ($3::text is null or $3::text = any(i.levels))`;

export const CATALOG_DIMENSIONS = {
  all: '($5::text is null or $5::text is not null)',
  level: 'level_group = $5::text',
  field: 'field_code = $5::text',
  onlineMode: 'online_mode = $5::text',
  legacyLevel: 'legacy_level = $5::text',
} as const;
export type CatalogDimension = keyof typeof CATALOG_DIMENSIONS;

/** Drill-down into procedures in force: $5 the key of the dimension's group (any value for `all`). */
export const CATALOG_DRILL_SQL = (dimension: CatalogDimension): string => `
  select id, code, name, code as "procedureCode", field_code as "fieldCode", level_group as level,
         null::text as channel, null::text as state, online_mode as "onlineMode", legacy_level as "legacyLevel"
    from (${IN_FORCE_SQL}) c
   where ${CATALOG_DIMENSIONS[dimension]}`;

/** Drill-down into decision items: $4 action (null = all), $5 level group (null = all). */
export const DECISION_DRILL_SQL = `
  select id, procedure_code as code, decision_number as name, procedure_code as "procedureCode",
         null::text as "fieldCode", level_group as level, null::text as channel, action as state,
         null::text as "onlineMode", null::text as "legacyLevel"
    from (${DECISION_ITEMS_SQL}) i
   where ($4::text is null or action = $4::text) and ($5::text is null or level_group = $5::text)`;
