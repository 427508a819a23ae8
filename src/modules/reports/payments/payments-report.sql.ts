import { IN_TERRITORY_SQL, UNIT_MAP_SQL } from 'src/modules/reports/registries/report-units.sql';

/**
 * Cashless-payment figures (Project 06). The eligibility and account rules are the benefits module's
 * (`PaymentStatisticsService.coverage` / `paidThroughAccounts`, benefits README "For the reports engineer"); this SQL
 * keeps their reading row by row so every figure can be drilled down to its people and folded into the report's units
 * by succession. An integration test asserts the figures equal the benefits service's on the same data.
 *
 * Coverage on a date ($1 date, $2 report era, $3 unit scope, $4 asked unit):
 * - POOR_HOUSEHOLD: members on the date of households listed POOR or NEAR_POOR on the date (household's unit);
 * - MERIT: meritorious people and their relatives holding the status on the date;
 * - SOCIAL_PROTECTION: social-protection subjects and social pensioners on the date;
 * - with account: the person has an ACTIVE BANK payment account now (the benefits module's reading; for a past date
 *   this counts accounts opened since — `created_at`/`closed_at` would allow an as-of reading, kept identical to
 *   `PaymentStatisticsService.coverage` so the two services never disagree).
 */
export const COVERAGE_FACTS_SQL = `
  with recursive
  eligible as (
    select v.person_id, v.unit_id,
           case when v.kind in ('MERIT', 'MERIT_RELATIVE') then 'MERIT' else 'SOCIAL_PROTECTION' end as grp
      from registry_status_periods v
     where v.kind in ('MERIT', 'MERIT_RELATIVE', 'SOCIAL_PROTECTION', 'SOCIAL_PENSION')
       and daterange(v.valid_from, v.valid_to, '[)') @> $1::date
    union
    select m.person_id, v.unit_id, 'POOR_HOUSEHOLD'
      from registry_status_periods v
      join registry_household_members m on m.household_id = v.household_id
           and daterange(m.valid_from, m.valid_to, '[)') @> $1::date
     where v.kind = 'POVERTY' and v.value in ('POOR', 'NEAR_POOR')
       and daterange(v.valid_from, v.valid_to, '[)') @> $1::date
  ),
  held as (
    select e.person_id, e.unit_id, e.grp,
           exists (select 1 from benefit_payment_accounts a
                    where a.person_id = e.person_id and a.state = 'ACTIVE' and a.method = 'BANK') as has_account
      from eligible e
     where e.unit_id is not null and ($3::uuid[] is null or e.unit_id = any($3::uuid[]))
  ),
  ${UNIT_MAP_SQL('held', '$2', '$4')},
  facts as (
    select h.*, m.report_unit_id, m.approximate
      from held h join unit_map m on m.filed_id = h.unit_id
     where ${IN_TERRITORY_SQL('$4')}
  )`;

/**
 * Distinct people per unit and group, per unit (group null), per group (unit null), and overall (both null): a person
 * in two groups counts once in the unit's and the overall total.
 */
export const COVERAGE_AGGREGATE_SQL = `${COVERAGE_FACTS_SQL}
  select f.report_unit_id as "unitId", ru.code as "unitCode", ru.name as "unitName", f.grp as "group",
         grouping(f.grp) = 1 as "allGroups",
         count(distinct f.person_id)::int as eligible,
         count(distinct f.person_id) filter (where f.has_account)::int as "withAccount",
         bool_or(f.approximate) as approximate
    from facts f left join admin_units ru on ru.id = f.report_unit_id
   group by grouping sets ((f.report_unit_id, ru.code, ru.name, f.grp), (f.report_unit_id, ru.code, ru.name), (f.grp), ())
   order by ru.code nulls last, f.grp nulls last`;

export const COVERAGE_FIGURES = ['eligible', 'withAccount', 'withoutAccount'] as const;
export type CoverageFigureName = (typeof COVERAGE_FIGURES)[number];

const COVERAGE_FILTERS: Record<CoverageFigureName, string> = {
  eligible: 'true',
  withAccount: 'f.has_account',
  withoutAccount: 'not f.has_account',
};

/**
 * The people behind a coverage figure, one row per person, keyset-paged by person id. $5 group (or null: any),
 * $6 report unit (or null), $7 cursor (person id), $8 limit.
 */
export const COVERAGE_DRILL_DOWN_SQL = (figure: CoverageFigureName): string => `${COVERAGE_FACTS_SQL}
  select distinct on (f.person_id)
         f.person_id as "personId", p.full_name as "fullName", p.cccd,
         coalesce(to_char(p.birth_date, 'YYYY-MM-DD'), p.birth_year::text) as birth,
         f.report_unit_id as "unitId", ru.code as "unitCode", ru.name as "unitName", f.grp as "group",
         f.has_account as "hasAccount", f.approximate
    from facts f
    join registry_people p on p.id = f.person_id
    join admin_units ru on ru.id = f.report_unit_id
   where ${COVERAGE_FILTERS[figure]} and ($5::text is null or f.grp = $5) and ($6::uuid is null or f.report_unit_id = $6)
     and ($7::uuid is null or f.person_id > $7)
   order by f.person_id, f.grp
   limit $8`;

/**
 * Paid through accounts ($1 first day of the period, $2 last day, $3 report era, $4 unit scope, $5 asked unit):
 * payment lines paid (PAID) by bank transfer (BANK) in the cycles of the unit (the cycle's unit), as the benefits
 * module counts them. A monthly cycle belongs to the period when its month's first day is in it, so the official
 * periods (15th to 14th) take each month exactly once; cumulative figures take every cycle up to the period's end
 * (the definition: `paidFigures` in paid-figures.ts).
 */
export const PAID_FACTS_SQL = `
  with recursive
  held as (
    select l.id as line_id, l.person_id, l.person_name, l.amount, c.period, c.unit_id,
           c.period >= $1::date as in_period
      from benefit_payment_lines l join benefit_payment_cycles c on c.id = l.cycle_id
     where l.payment_method = 'BANK' and l.payment_status = 'PAID' and c.period <= $2::date
       and ($4::uuid[] is null or c.unit_id = any($4::uuid[]))
  ),
  ${UNIT_MAP_SQL('held', '$3', '$5')},
  facts as (
    select h.*, m.report_unit_id, m.approximate
      from held h join unit_map m on m.filed_id = h.unit_id
     where ${IN_TERRITORY_SQL('$5')}
  )`;

/** Per unit and overall (unit null): people and amounts in the period and cumulative. */
export const PAID_AGGREGATE_SQL = `${PAID_FACTS_SQL}
  select f.report_unit_id as "unitId", ru.code as "unitCode", ru.name as "unitName",
         count(distinct f.person_id) filter (where f.in_period)::int as people,
         coalesce(sum(f.amount) filter (where f.in_period), 0)::text as amount,
         count(*) filter (where f.in_period)::int as lines,
         count(distinct f.person_id)::int as "cumulativePeople",
         coalesce(sum(f.amount), 0)::text as "cumulativeAmount",
         bool_or(f.approximate) as approximate
    from facts f left join admin_units ru on ru.id = f.report_unit_id
   group by grouping sets ((f.report_unit_id, ru.code, ru.name), ())
   order by ru.code nulls last`;

/**
 * The people paid through accounts in the period (optionally of one report unit), with their lines and amount,
 * keyset-paged by person id. $6 report unit (or null), $7 cursor (person id), $8 limit.
 */
export const PAID_DRILL_DOWN_SQL = `${PAID_FACTS_SQL}
  select f.person_id as "personId", min(f.person_name) as "fullName", count(*)::int as lines,
         sum(f.amount)::text as amount, min(f.report_unit_id::text) as "unitId", min(ru.code) as "unitCode",
         min(ru.name) as "unitName"
    from facts f join admin_units ru on ru.id = f.report_unit_id
   where f.in_period and ($6::uuid is null or f.report_unit_id = $6) and ($7::uuid is null or f.person_id > $7)
   group by f.person_id
   order by f.person_id
   limit $8`;
