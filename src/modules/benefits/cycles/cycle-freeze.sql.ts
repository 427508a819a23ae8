/**
 * The set-based computation of a cycle's lines, one INSERT … SELECT (100,000 entitlements in seconds).
 *
 * For every entitlement of the unit and every month from its first unsettled month to the cycle's month, plus every
 * month already in its ledger, it prices what is due under the rules in force for that month (social assistance:
 * base × coefficient, province base when higher; merit: the table row of the base version in force), applies
 * "only the highest" per person and month, and compares with what other cycles already paid for that month
 * (the ledger). The difference becomes the line: the cycle's own month is REGULAR, a positive difference for a past
 * month is an ARREAR (truy lĩnh), a negative one a RECOVERY (truy thu). Because the ledger excludes only the cycle
 * being computed, recomputing a draft never duplicates, and a later cycle never pays the same arrear again.
 *
 * Months: an entitlement covers month m when m ≥ month(start_date), m < end_date (exclusive: a month is paid when
 * its first day is before the end), and m < suspended_from.
 *
 * Parameters: $1 cycle id, $2 unit id, $3 period (first day), $4 province unit id (for a province base) or null.
 */
export const FREEZE_ENTITLEMENT_LINES_SQL = `
with
ents as (
  select e.id, e.person_id, e.scheme, e.rule_table, e.rule_key, e.children, e.start_date, e.end_date, e.suspended_from,
         greatest(date_trunc('month', e.start_date), coalesce(date_trunc('month', e.settled_before), '-infinity'))::date
           as first_month
    from benefit_entitlements e
   where e.unit_id = $2 and e.start_date < ($3::date + interval '1 month')
),
ledger as (
  select l.entitlement_id, l.for_month, sum(l.amount) as paid
    from benefit_payment_lines l join ents e on e.id = l.entitlement_id
   where l.kind in ('REGULAR', 'ARREAR', 'RECOVERY') and l.cycle_id <> $1 and l.for_month <= $3::date
   group by l.entitlement_id, l.for_month
),
universe as (
  select e.id as entitlement_id, m::date as for_month
    from ents e
   cross join generate_series(e.first_month, $3::date, interval '1 month') m
   where (e.end_date is null or m < e.end_date) and (e.suspended_from is null or m < e.suspended_from)
  union
  select entitlement_id, for_month from ledger
),
months as (select distinct for_month from universe),
sa_base as (
  select mo.for_month,
         case when p.amount > n.amount then p.amount else n.amount end as amount,
         case when p.amount > n.amount then p.legal_basis else n.legal_basis end as legal_basis,
         case when p.amount > n.amount then p.effective_from else n.effective_from end as effective_from
    from months mo
    join lateral (select amount, legal_basis, effective_from from benefit_base_levels
                   where scheme = 'SOCIAL_ASSISTANCE' and scope = 'NATIONAL' and effective_from <= mo.for_month
                   order by effective_from desc limit 1) n on true
    left join lateral (select amount, legal_basis, effective_from from benefit_base_levels
                        where scheme = 'SOCIAL_ASSISTANCE' and scope = 'PROVINCE' and unit_id = $4::uuid
                          and effective_from <= mo.for_month
                        order by effective_from desc limit 1) p on true
),
merit_base as (
  select mo.for_month, b.id, b.amount, b.legal_basis, b.effective_from
    from months mo
    join lateral (select id, amount, legal_basis, effective_from from benefit_base_levels
                   where scheme = 'MERIT' and scope = 'NATIONAL' and effective_from <= mo.for_month
                   order by effective_from desc limit 1) b on true
),
priced as (
  select u.entitlement_id, u.for_month, e.person_id, e.scheme, e.rule_table, e.rule_key, g.exception_role,
         (u.for_month >= date_trunc('month', e.start_date) and (e.end_date is null or u.for_month < e.end_date)
           and (e.suspended_from is null or u.for_month < e.suspended_from)) as covered,
         case when e.scheme = 'SOCIAL_ASSISTANCE' then sb.amount else mb.amount end as rate,
         case when e.scheme = 'SOCIAL_ASSISTANCE'
              then g.coefficient_hundredths * (case when g.per_child then e.children else 1 end) end as coef,
         case when e.scheme = 'SOCIAL_ASSISTANCE'
              then (sb.amount * g.coefficient_hundredths * (case when g.per_child then e.children else 1 end) + 50) / 100
              else mr.amount end as full_amount,
         case when e.scheme = 'SOCIAL_ASSISTANCE'
              then g.legal_basis || '; mức chuẩn: ' || sb.legal_basis
              else mb.legal_basis || ', ' || lower(replace(e.rule_table, '_', ' ')) end as legal_basis,
         coalesce(sb.effective_from, mb.effective_from) as rule_from
    from universe u
    join ents e on e.id = u.entitlement_id
    left join benefit_sa_groups g on e.scheme = 'SOCIAL_ASSISTANCE' and g.code = e.rule_key
    left join sa_base sb on e.scheme = 'SOCIAL_ASSISTANCE' and sb.for_month = u.for_month
    left join merit_base mb on e.scheme = 'MERIT' and mb.for_month = u.for_month
    left join benefit_merit_table_rows mr
      on mr.base_level_id = mb.id and mr.table_code = e.rule_table and mr.key = e.rule_key
),
ranked as (
  select p.*,
         row_number() over (partition by person_id, for_month, scheme, covered
                            order by full_amount desc nulls last, entitlement_id) as rn_all,
         row_number() over (partition by person_id, for_month, scheme, covered, coalesce(exception_role, '-')
                            order by full_amount desc nulls last, entitlement_id) as rn_role,
         bool_or(covered and exception_role = 'SINGLE_PARENT') over (partition by person_id, for_month, scheme) as has_parent,
         bool_or(covered and exception_role = 'PARTNER') over (partition by person_id, for_month, scheme) as has_partner
    from priced p
),
due as (
  select r.*,
         case when not r.covered or r.full_amount is null then 0
              when r.scheme = 'MERIT' then r.full_amount
              when r.has_parent and r.has_partner
                then case when r.exception_role in ('SINGLE_PARENT', 'PARTNER') and r.rn_role = 1 then r.full_amount else 0 end
              when r.rn_all = 1 then r.full_amount
              else 0 end as due_amount,
         coalesce(l.paid, 0) as paid
    from ranked r left join ledger l on l.entitlement_id = r.entitlement_id and l.for_month = r.for_month
),
lines as (
  select d.*, d.due_amount - d.paid as delta,
         case when d.due_amount - d.paid < 0 then 'RECOVERY' when d.for_month = $3::date then 'REGULAR' else 'ARREAR' end as kind,
         to_char(d.for_month, 'MM/YYYY') as month_text,
         case when d.coef is null then null
              when d.coef % 100 = 0 then (d.coef / 100)::text || '.0'
              else (d.coef / 100)::text || '.' || rtrim(lpad((d.coef % 100)::text, 2, '0'), '0') end as coef_text
    from due d
   where d.due_amount <> d.paid
)
insert into benefit_payment_lines (cycle_id, line_no, kind, entitlement_id, person_id, person_name, for_month, scheme,
  rule_key, rate, coefficient_hundredths, amount, legal_basis, explanation, payment_method, payment_account_id,
  instruction_id, payment_status)
select $1, row_number() over (order by p.full_name, l.person_id, l.for_month, l.kind, l.entitlement_id), l.kind,
       l.entitlement_id, l.person_id, p.full_name, l.for_month, l.scheme,
       coalesce(l.rule_table || ':', '') || l.rule_key, coalesce(l.rate, 0), l.coef, l.delta, l.legal_basis,
       case l.kind
         when 'REGULAR' then
           case when l.coef is null then l.rule_key || ': ' || l.delta || ' VND tháng ' || l.month_text
                else l.rate || ' × ' || l.coef_text || ' = ' || l.delta || ' VND (' || l.rule_key || ', tháng ' || l.month_text || ')' end
           || case when l.paid <> 0 then ' sau khi trừ ' || l.paid || ' VND đã chi' else '' end
         else (case l.kind when 'ARREAR' then 'Truy lĩnh' else 'Truy thu' end) || ' tháng ' || l.month_text
           || ': phải hưởng ' || l.due_amount || ' VND'
           || case when l.coef is not null and l.due_amount <> 0 then ' (' || l.rate || ' × ' || l.coef_text || ', mức chuẩn từ '
                     || to_char(l.rule_from, 'DD/MM/YYYY') || ')' else '' end
           || ', đã chi ' || l.paid || ' VND, chênh lệch ' || l.delta || ' VND'
       end,
       case when l.kind = 'RECOVERY' then 'DEDUCTION' when a.method = 'BANK' then 'BANK' else 'POST_OFFICE_CASH' end,
       case when l.kind <> 'RECOVERY' and a.method = 'BANK' then a.id end,
       'AS' || upper(substr(md5($1::text || '|' || l.kind || '|' || l.entitlement_id::text || '|' || l.for_month::text), 1, 22)),
       case when l.kind = 'RECOVERY' then 'RECOVERY_DUE' else 'PENDING' end
  from lines l
  join registry_people p on p.id = l.person_id
  left join benefit_payment_accounts a on a.person_id = l.person_id and a.state = 'ACTIVE'`;

/** Entitlement months that are covered but have no price (no rule in force): reported, never silently paid 0. */
export const UNPRICED_SQL = `
select e.id as "entitlementId", e.rule_key as "ruleKey"
  from benefit_entitlements e
  left join benefit_sa_groups g on e.scheme = 'SOCIAL_ASSISTANCE' and g.code = e.rule_key
 where e.unit_id = $1 and e.start_date < ($2::date + interval '1 month') and (e.end_date is null or e.end_date > $2::date)
   and ((e.scheme = 'SOCIAL_ASSISTANCE' and g.code is null)
     or (e.scheme = 'MERIT' and not exists (
           select 1 from benefit_merit_table_rows r
            where r.table_code = e.rule_table and r.key = e.rule_key
              and r.base_level_id = (select id from benefit_base_levels where scheme = 'MERIT' and scope = 'NATIONAL'
                                      and effective_from <= $2::date order by effective_from desc limit 1))))
 limit 100`;

/** Unpaid lines of earlier cycles of the unit (failed, reversed, not collected) carried over once. $1 cycle, $2 unit. */
export const CARRY_OVER_SQL = `
insert into benefit_payment_lines (cycle_id, line_no, kind, entitlement_id, carried_from_line_id, person_id, person_name,
  for_month, scheme, rule_key, rate, coefficient_hundredths, amount, legal_basis, explanation, payment_method,
  payment_account_id, instruction_id, payment_status)
select $1::uuid, $3::int + row_number() over (order by o.person_name, o.id), 'CARRY_OVER', o.entitlement_id, o.id,
       o.person_id, o.person_name, o.for_month, o.scheme, o.rule_key, o.rate, o.coefficient_hundredths, o.amount,
       o.legal_basis,
       'Chuyển kỳ: khoản tháng ' || to_char(o.for_month, 'MM/YYYY') || ' chưa chi được (' || x.reason || '), '
         || o.amount || ' VND',
       case when a.method = 'BANK' then 'BANK' else 'POST_OFFICE_CASH' end,
       case when a.method = 'BANK' then a.id end,
       'AS' || upper(substr(md5($1::text || '|CARRY|' || o.id::text), 1, 22)), 'PENDING'
  from benefit_payment_exceptions x
  join benefit_payment_lines o on o.id = x.line_id
  left join benefit_payment_accounts a on a.person_id = o.person_id and a.state = 'ACTIVE'
 where x.unit_id = $2 and x.state = 'OPEN' and o.amount > 0 and o.cycle_id <> $1::uuid
   and not exists (select 1 from benefit_payment_lines c where c.carried_from_line_id = o.id)`;

/** One-off benefits (funeral support) of the unit not yet in any cycle. $1 cycle, $2 unit, $3 line offset, $4 period. */
export const ONE_OFF_SQL = `
insert into benefit_payment_lines (cycle_id, line_no, kind, one_off_id, person_id, person_name, for_month, scheme,
  rule_key, rate, coefficient_hundredths, amount, legal_basis, explanation, payment_method, payment_account_id,
  instruction_id, payment_status)
select $1::uuid, $3::int + row_number() over (order by o.created_at, o.id), 'ONE_OFF', o.id, o.person_id, o.payee_name,
       $4::date, o.scheme, o.kind, o.rate, o.coefficient_hundredths, o.amount, o.legal_basis, o.explanation,
       'POST_OFFICE_CASH', null, 'AS' || upper(substr(md5($1::text || '|ONE_OFF|' || o.id::text), 1, 22)), 'PENDING'
  from benefit_one_offs o
 where o.unit_id = $2 and o.event_date < ($4::date + interval '1 month')
   and not exists (select 1 from benefit_payment_lines l where l.one_off_id = o.id)`;
