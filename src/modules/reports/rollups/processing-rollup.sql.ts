import {
  CLASSIFIED_SQL,
  countColumns,
  FACTS_BASE_SQL,
  FACTS_SQL,
  type PeriodBounds,
} from 'src/modules/reports/processing/processing-report.sql';

/** The counts a rollup row holds, in the names COUNT_COLUMNS gives them (= `CountRow`). */
export const ROLLUP_COUNTS = [
  'received',
  'received_online',
  'received_direct_or_postal',
  'carried_over',
  'resolved',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'in_progress',
  'in_progress_within_time',
  'in_progress_overdue',
  'decided',
  'decided_early_or_on_time',
  'returned_or_withdrawn',
  'waiting_for_supplement',
  'apology_letters',
] as const;

const KEY = 'handling_unit_id, handling_agency_id, procedure_version_id, handling_level';
const COLUMNS = `kind, period_from, ${KEY}, ${ROLLUP_COUNTS.join(', ')}`;

/**
 * Rollup rows for every (period, dimension key) of `periods` (a relation with kind, period_from, period_to), from
 * the same classification SQL as the live report: a dossier is paired with every period it overlaps.
 * `periodsJoin` pairs facts with periods as columns p_kind, p_from, p_to (all dossiers, or one unit's).
 */
function computeRows(periodsJoin: string): string {
  const perPeriod: PeriodBounds = { from: 'f.p_from', to: 'f.p_to' };
  const classified = CLASSIFIED_SQL(periodsJoin, perPeriod);
  return `
    select p_kind as kind, p_from as period_from, unit_id as handling_unit_id, agency_id as handling_agency_id,
           procedure_version_id, level as handling_level, ${ROLLUP_COUNTS.join(', ')}
    from (
      select p_kind, p_from, unit_id, agency_id, procedure_version_id, level,
             ${countColumns({ from: 'c.p_from', to: 'c.p_to' })}
      -- offset 0: a fence, so each pair is classified once rather than once per count that reads it.
      from (${classified} offset 0) c
      group by p_kind, p_from, unit_id, agency_id, procedure_version_id, level
    ) x`;
}

/** Builds every period listed in the temporary table `rollup_new_periods` from the whole dossier table. */
export const BUILD_PERIODS_SQL = `
  insert into dossier_processing_rollups (${COLUMNS})
  ${computeRows(`
    select f0.*, p.kind as p_kind, p.period_from as p_from, p.period_to as p_to
    from (${FACTS_BASE_SQL} offset 0) f0
    -- Lateral: one pass over the dossiers, each paired only with the few periods its [received, ended] overlaps.
    cross join lateral (
      select n.kind, n.period_from, n.period_to from rollup_new_periods n
      where n.period_to >= f0.received_on and n.period_from <= coalesce(f0.ended_on, 'infinity'::date)
    ) p`)}`;

/**
 * Recomputes the (period, unit, procedure version) keys listed in the temporary table `rollup_targets`: one pass
 * over each touched unit and version's dossiers (index on unit, version, date), each paired with the target periods
 * it overlaps.
 */
export const RECOMPUTE_TARGETS_SQL = `
  insert into dossier_processing_rollups (${COLUMNS})
  ${computeRows(`
    select f0.*, t.kind as p_kind, t.period_from as p_from, t.period_to as p_to
    from (select distinct unit_id, version_id from rollup_targets) u
    cross join lateral (${FACTS_BASE_SQL}
      and d.handling_unit_id = u.unit_id and d.procedure_version_id = u.version_id offset 0) f0
    -- Lateral again, so the key's dossiers are read once and each probes its own periods (index on the key).
    cross join lateral (
      select n.kind, n.period_from, n.period_to from rollup_targets n
      where n.unit_id = u.unit_id and n.version_id = u.version_id
        and n.period_to >= f0.received_on and n.period_from <= coalesce(f0.ended_on, 'infinity'::date)
      offset 0
    ) t`)}`;

/** Removes the rollup rows of the keys about to be recomputed. */
export const DELETE_TARGETS_SQL = `
  delete from dossier_processing_rollups r using rollup_targets t
  where r.kind = t.kind and r.period_from = t.period_from and r.handling_unit_id = t.unit_id
    and r.procedure_version_id = t.version_id`;

/** The (period, unit, version) keys a batch of dirty spans touches, among the periods that have rollups. */
export const TARGETS_FROM_DIRTY_SQL = `
  insert into rollup_targets (kind, period_from, period_to, unit_id, version_id)
  select distinct p.kind, p.period_from, p.period_to, d.handling_unit_id, d.procedure_version_id
  from rollup_dirty_batch d
  join report_rollup_periods p on p.period_from <= coalesce(d.hi, 'infinity'::date) and p.period_to >= d.lo
  where not exists (select 1 from rollup_new_periods n where n.kind = p.kind and n.period_from = p.period_from)`;

const sum = (c: string): string => `coalesce(sum(${c}), 0)::int as ${c}`;

/**
 * Extra conditions of a report (its filters): `facts` is appended to FACTS_SQL (dossier \`d\`, procedure version
 * \`pv\`), `rollup` to the rollup rows (\`r\`, same \`pv\`), both over parameters $5 onwards (`params`).
 */
export interface RollupFilter {
  facts: string;
  rollup: string;
  params: unknown[];
}
export const NO_ROLLUP_FILTER: RollupFilter = { facts: '', rollup: '', params: [] };

/**
 * The rollup form of conditions written for FACTS_SQL: a rollup row keeps the dossier's dimension columns under
 * their dossier names (handling_unit_id, handling_agency_id, procedure_version_id, handling_level).
 */
export function asRollupCondition(factsCondition: string): string {
  return factsCondition.replace(/\bd\./g, 'r.');
}

/**
 * Form II.06a for an official period from the rollups, exact at the statement's snapshot: (unit, procedure version)
 * keys with a change not yet folded in (a dirty span overlapping the period) are counted from the base tables instead
 * of their rollup rows,
 * in the same statement, so an answer never misses a committed change. Same parameters and output columns as
 * AGGREGATE_SQL(FACTS_SQL): $1 period start, $2 period end, $3 unit scope; plus $4 the rollup's kind and the
 * filter's parameters from $5.
 */
export const rollupAggregateSql = (filter: RollupFilter = NO_ROLLUP_FILTER): string => `
  with dirty as (
    select distinct handling_unit_id as unit_id, procedure_version_id as version_id
    from report_rollup_dirty
    where lo <= $2 and (hi is null or hi >= $1)
      and ($3::uuid[] is null or handling_unit_id = any($3::uuid[]))
  ),
  parts as (
    select pv.field_code, r.handling_level as level, ${ROLLUP_COUNTS.map((c) => `r.${c}`).join(', ')}
    from dossier_processing_rollups r
    join procedure_versions pv on pv.id = r.procedure_version_id
    where r.kind = $4 and r.period_from = $1
      and ($3::uuid[] is null or r.handling_unit_id = any($3::uuid[]))
      and not exists (select 1 from dirty x
                      where x.unit_id = r.handling_unit_id and x.version_id = r.procedure_version_id)
      ${filter.rollup}
    union all
    select field_code, level, ${countColumns()}
    -- Driven by the dirty keys (an index scan each), so no pending change costs nothing.
    from (${CLASSIFIED_SQL(`
      select f1.* from dirty du
      cross join lateral (${FACTS_SQL}
        and d.handling_unit_id = du.unit_id and d.procedure_version_id = du.version_id ${filter.facts}) f1`)}) c
    group by field_code, level
  )
  select field_code, level, grouping(field_code, level) = 3 as is_total, ${ROLLUP_COUNTS.map(sum).join(', ')}
  from parts
  group by grouping sets ((field_code, level), ())`;
