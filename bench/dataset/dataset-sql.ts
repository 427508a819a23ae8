/**
 * SQL of the province-sized dataset generator (`npm run gen`). Every random choice is a pure function of the row
 * number and the seed (`hashint8extended`), so the same seed and end date give the same rows, and PostgreSQL does all
 * the work set-based (`insert … select generate_series`), which makes millions of dossiers a matter of minutes.
 */

/** A uniform number in [0, 1) for row `i` and stream `k` of the run's seed. */
export function rnd(seed: number, k: number, i = 'g.i'): string {
  return `((hashint8extended(${i}, ${seed * 100 + k}) & 9007199254740991) % 1000003)::float8 / 1000003`;
}

/** The generated rows are recognisable (and removable) by these markers. */
export const GEN = {
  dossierCode: 'GEN-',
  householdCode: 'GEN-HH-',
  personRef: 'GEN-P-',
  agencyCode: 'GEN.',
  createdBy: 'dataset-generator',
} as const;

/**
 * Lookup tables the row generator joins by number: the demo province's communes before and after 1 July 2025 (with
 * the district of each old commune) and an agency for each (created when the seed has none: commune and district
 * people's committees), and the catalog's procedure versions with the levels each era can handle them at.
 */
export const LOOKUP_SQL = (province: string): string[] => [
  `drop table if exists gen_pre_communes, gen_post_communes, gen_versions`,
  // Agencies for every unit of the province that has none (codes GEN.<era>.<unit code>).
  `insert into agencies (code, name, kind, unit_id)
   select '${GEN.agencyCode}' || case u.era when 'PRE_2025' then 'P' else 'N' end || '.' || u.code,
          'Ủy ban nhân dân ' || u.name,
          case u.level when 'DISTRICT' then 'DISTRICT_COMMITTEE' else 'COMMUNE_COMMITTEE' end, u.id
   from admin_units u
   join admin_units prov on prov.level = 'PROVINCE' and prov.code = '${province}' and prov.era = u.era
   left join admin_units dist on dist.id = u.parent_id and dist.level = 'DISTRICT'
   where u.level in ('DISTRICT', 'COMMUNE') and (u.parent_id = prov.id or dist.parent_id = prov.id)
     and not exists (select 1 from agencies a where a.unit_id = u.id)`,
  `create table gen_pre_communes as
   select row_number() over (order by c.code)::int as n, c.id as unit_id,
          (select min(a.id::text)::uuid from agencies a where a.unit_id = c.id) as agency_id,
          d.id as district_unit_id,
          (select min(a.id::text)::uuid from agencies a where a.unit_id = d.id) as district_agency_id
   from admin_units c
   join admin_units d on d.id = c.parent_id and d.level = 'DISTRICT'
   join admin_units prov on prov.id = d.parent_id and prov.code = '${province}'
   where c.era = 'PRE_2025' and c.level = 'COMMUNE'`,
  `create table gen_post_communes as
   select row_number() over (order by c.code)::int as n, c.id as unit_id,
          (select min(a.id::text)::uuid from agencies a where a.unit_id = c.id) as agency_id
   from admin_units c
   join admin_units prov on prov.id = c.parent_id and prov.code = '${province}'
   where c.era = 'POST_2025' and c.level = 'COMMUNE'`,
  // Levels per era as letters (C commune, D district, P province); the 2025 reform moved district work to communes.
  // Weighted: a procedure communes handle (social assistance, funeral support…) draws eight times as many dossiers.
  `create table gen_versions as
   select row_number() over (order by p.code, v.version_no, w.k)::int as n, v.id, p.code,
          greatest(1, case v.time_limit_unit
            when 'WORKING_DAYS' then ceil(v.time_limit_amount)
            when 'CALENDAR_DAYS' then ceil(v.time_limit_amount * 5 / 7)
            when 'WORKING_HOURS' then 1
            else 10 end)::int as limit_days,
          coalesce(v.online_mode, 'PARTIAL') <> 'NONE' and (v.channels is null or 'ONLINE' = any(v.channels))
            as online_ok,
          v.channels = array['ONLINE'] as online_only,
          v.inter_level,
          coalesce(nullif(concat(
            case when 'COMMUNE' = any(v.levels) then 'C' end,
            case when 'DISTRICT' = any(v.levels) then 'D' end,
            case when 'PROVINCE' = any(v.levels) or 'CENTRAL' = any(v.levels) then 'P' end), ''), 'P') as lv_pre,
          coalesce(nullif(concat(
            case when 'COMMUNE' = any(v.levels) or 'DISTRICT' = any(v.levels) then 'C' end,
            case when 'PROVINCE' = any(v.levels) or 'CENTRAL' = any(v.levels) then 'P' end), ''), 'P') as lv_post
   from procedure_versions v join procedures p on p.id = v.procedure_id
   cross join lateral generate_series(1, case when v.levels && array['COMMUNE', 'DISTRICT'] then 8 else 1 end) w(k)
   where p.abolished_on is null`,
  `create index on gen_pre_communes (n)`,
  `create index on gen_post_communes (n)`,
  `create index on gen_versions (n)`,
  `analyze gen_pre_communes`,
  `analyze gen_post_communes`,
  `analyze gen_versions`,
];

export interface DossierBatch {
  seed: number;
  first: number;
  last: number;
  /** Last business date of the dataset (inclusive) and how many days back dossiers start. */
  until: string;
  spanDays: number;
  reform: string;
  province: { unitId: string; agencyId: string; centreAgencyId: string };
}

/**
 * Dossiers `first`…`last`. Mix: received on working days spread over `spanDays`; procedures communes handle drawn
 * eight times as often; online 25 % in 2024 rising to 50 % in 2026 where the procedure is offered online, online-only ones always (about
 * 30–55 % overall), 5 % by post; level from the procedure's levels in the era (commune first where it can);
 * 40 % of province-level dossiers received at a commune desk and transferred up (liên thông); 8 % with one
 * supplement request (2–10 working days paused, due date moved), 1 % with two; outcomes 72 % early, 20 % on time,
 * 5 % late (60 % of those with an apology letter), 2 % returned as not eligible, 1 % withdrawn; dossiers whose end
 * would fall after `until` are still open (some waiting for the applicant). Due dates count 7 calendar days per 5
 * working days (an approximation: no holidays), which is all the report needs.
 */
export function dossierBatchSql(b: DossierBatch): string {
  const r = (k: number): string => rnd(b.seed, k);
  return `
  insert into dossiers (code, code_scheme, procedure_version_id, procedure_code, channel, state, agency_id, unit_id,
    handling_agency_id, handling_unit_id, handling_level, applicant_kind, applicant_name, applicant_id_number,
    received_by_kind, received_by_id, received_by_name, submitted_at, accepted_at, counting_start, time_limit_amount,
    time_limit_unit, due_at, due_date, original_due_date, appointment_moved, paused_working_days, supplement_requests,
    paused_since, resolved_at, stopped_at, decision_date, result_returned_at, result_return_channel, created_at,
    updated_at)
  select code, 'CENTRALISED', version_id, procedure_code, channel, state, agency_id, unit_id, handling_agency_id,
         handling_unit_id, level, 'PERSON', applicant_name, applicant_id_number, 'system', '${GEN.createdBy}',
         'Bộ sinh dữ liệu', received_at, received_at, received_on, limit_days, 'WORKING_DAYS',
         (due_on + time '17:00') at time zone 'Asia/Ho_Chi_Minh', due_on, original_due_on,
         outcome = 'LATE' and ended and r_apology < 0.6, pause_days, supplements,
         case when state = 'WAITING_SUPPLEMENT' then date '${b.until}' - (1 + floor(r_wait * 5)::int) end,
         case when ended and outcome in ('EARLY', 'ON_TIME', 'LATE', 'RETURNED')
           then (end_on + time '16:00') at time zone 'Asia/Ho_Chi_Minh' end,
         case when ended and outcome = 'WITHDRAWN' then (end_on + time '10:00') at time zone 'Asia/Ho_Chi_Minh' end,
         case when ended and outcome in ('EARLY', 'ON_TIME', 'LATE') then end_on end,
         case when state = 'RESULT_RETURNED' then (end_on + 2 + time '09:00') at time zone 'Asia/Ho_Chi_Minh' end,
         case when state = 'RESULT_RETURNED' then channel end,
         received_at, received_at
  from (
    select s.*,
           s.end_on <= date '${b.until}' as ended,
           case
             when s.end_on > date '${b.until}' then
               case when s.supplements > 0 and s.r_state < 0.5 then 'WAITING_SUPPLEMENT'
                    when s.received_on >= date '${b.until}' - 2 then 'RECEIVED' else 'IN_PROCESSING' end
             when s.outcome = 'WITHDRAWN' then 'WITHDRAWN'
             when s.outcome = 'RETURNED' then 'RETURNED_NOT_ELIGIBLE'
             when s.r_state < 0.03 then 'REJECTED'
             when s.end_on + 2 <= date '${b.until}' and s.r_state < 0.85 then 'RESULT_RETURNED'
             else 'RESULT_READY'
           end as state
    from (
      select t.*,
             case t.outcome
               when 'EARLY' then t.received_on + floor((t.due_on - t.received_on) * (0.2 + 0.7 * t.r_end))::int
               when 'ON_TIME' then t.due_on
               when 'LATE' then t.due_on + 1 + floor(t.r_end * 12)::int
               else t.received_on + floor(t.r_end * 10)::int
             end as end_on
      from (
        select a.*,
               a.original_due_on + ceil(a.pause_days * 7 / 5.0)::int as due_on,
               case when a.r_outcome < 0.02 then 'RETURNED' when a.r_outcome < 0.03 then 'WITHDRAWN'
                    when a.supplements > 1 or a.r_outcome >= 0.95 then 'LATE'
                    when a.r_outcome >= 0.75 then 'ON_TIME' else 'EARLY' end as outcome
        from (
          select l.*,
                 l.received_on + ceil(l.limit_days * 7 / 5.0)::int as original_due_on,
                 case when l.supplements > 0 then 2 + floor(l.r_pause * 9)::int else 0 end as pause_days,
                 (l.received_on + time '08:00' + make_interval(mins => floor(l.r_time * 420)::int))
                   at time zone 'Asia/Ho_Chi_Minh' as received_at,
                 case when l.level = 'COMMUNE' then l.recv_agency
                      when l.level = 'DISTRICT' then l.district_agency
                      else '${b.province.agencyId}'::uuid end as handling_agency_id,
                 case when l.level = 'COMMUNE' then l.recv_unit
                      when l.level = 'DISTRICT' then l.district_unit
                      else '${b.province.unitId}'::uuid end as handling_unit_id,
                 -- Province-level work is received at the provincial centre, or at a commune desk and sent up.
                 case when l.level = 'PROVINCE' and l.r_transfer >= 0.4 then '${b.province.centreAgencyId}'::uuid
                      when l.level = 'DISTRICT' then l.district_agency else l.recv_agency end as agency_id,
                 case when l.level = 'PROVINCE' and l.r_transfer >= 0.4 then '${b.province.unitId}'::uuid
                      when l.level = 'DISTRICT' then l.district_unit else l.recv_unit end as unit_id,
                 case when l.online_only or (l.r_channel < l.online_share and l.online_ok) then 'ONLINE'
                      when l.r_channel > 0.95 then 'POSTAL' else 'DIRECT' end as channel
          from (
            select k.*, v.id as version_id, v.code as procedure_code, v.limit_days, v.online_ok, v.online_only,
                   case when lv like '%C%' and (k.r_level < 0.8 or lv = 'C') then 'COMMUNE'
                        when lv like '%D%' and (k.r_level < 0.9 or lv not like '%P%') then 'DISTRICT'
                        when lv like '%P%' then 'PROVINCE' else 'COMMUNE' end as level,
                   case when k.pre then pc.agency_id else nc.agency_id end as recv_agency,
                   case when k.pre then pc.unit_id else nc.unit_id end as recv_unit,
                   pc.district_agency_id as district_agency, pc.district_unit_id as district_unit,
                   least(0.5, greatest(0.25, 0.25 + 0.125 * (extract(year from k.received_on) - 2024))) as online_share
            from (
              select j.*, j.received_on < date '${b.reform}' as pre
              from (
                select g.i,
                       'GEN-' || lpad(g.i::text, 10, '0') as code,
                       date '${b.until}' - floor(${r(1)} * ${b.spanDays})::int as day0,
                       ${r(2)} as r_version, ${r(3)} as r_level, ${r(4)} as r_unit, ${r(5)} as r_channel,
                       ${r(6)} as r_supp, ${r(7)} as r_pause, ${r(8)} as r_outcome, ${r(9)} as r_end,
                       ${r(10)} as r_state, ${r(11)} as r_apology, ${r(12)} as r_transfer, ${r(13)} as r_time,
                       ${r(14)} as r_wait, ${r(15)} as r_name, ${r(16)} as r_birth,
                       case when ${r(6)} < 0.01 then 2 when ${r(6)} < 0.09 then 1 else 0 end as supplements
                from generate_series(${b.first}::bigint, ${b.last}::bigint) g(i)
                offset 0 -- a fence: compute each random once, not once per reference
              ) j0
              -- Weekends move back to the Friday before.
              cross join lateral (select j0.day0 - case extract(isodow from j0.day0) when 6 then 1 when 7 then 2
                                                       else 0 end as received_on) rd
              cross join lateral (select j0.*, rd.received_on) j
            ) k
            join gen_versions v on v.n = 1 + floor(k.r_version * (select count(*) from gen_versions))::int
            cross join lateral (select case when k.pre then v.lv_pre else v.lv_post end as lv) lvs
            join gen_pre_communes pc on pc.n = 1 + floor(k.r_unit * (select count(*) from gen_pre_communes))::int
            join gen_post_communes nc on nc.n = 1 + floor(k.r_unit * (select count(*) from gen_post_communes))::int
            offset 0
          ) l
          offset 0
        ) a
        offset 0
      ) t
      offset 0
    ) s
    offset 0
  ) z
  cross join lateral (select
    (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Phan','Vũ','Đặng','Bùi','Đỗ'])[1 + floor(z.r_name * 10)::int] || ' ' ||
    (array['Văn','Thị','Hữu','Đức','Minh','Thanh'])[1 + floor(z.r_birth * 6)::int] || ' ' ||
    (array['An','Bình','Cường','Dũng','Hà','Hạnh','Hùng','Lan','Mai','Nam','Sơn','Tâm'])[1 + (z.i % 12)::int]
      as applicant_name,
    '040' || case when z.r_birth < 0.8 then (floor(z.r_name * 2))::int else 2 + (floor(z.r_name * 2))::int end
      || lpad(((40 + floor(z.r_birth * 60)::int) % 100)::text, 2, '0') || lpad((z.i % 1000000)::text, 6, '0')
      as applicant_id_number) n`;
}

/** Households (about four people each) in the new communes, and their members; `people` rows in total. */
export function registrySql(seed: number, people: number): string[] {
  const households = Math.max(1, Math.ceil(people / 4));
  return [
    `insert into registry_households (code, residence_unit_id, address, area, source, created_by)
     select '${GEN.householdCode}' || lpad(g.i::text, 8, '0'), c.unit_id, 'Xóm ' || (1 + g.i % 20),
            case when ${rnd(seed, 40)} < 0.3 then 'URBAN' else 'RURAL' end, 'IMPORT', '${GEN.createdBy}'
     from generate_series(1::bigint, ${households}::bigint) g(i)
     join gen_post_communes c on c.n = 1 + floor(${rnd(seed, 41)} * (select count(*) from gen_post_communes))::int`,
    `insert into registry_people (cccd, full_name, birth_year, gender, residence_unit_id, source, source_ref,
       created_by)
     select '040' || case when y < 2000 then 0 else 2 end + (case when female then 1 else 0 end)
              || lpad((y % 100)::text, 2, '0') || lpad(g.i::text, 6, '0'),
            (array['Nguyễn','Trần','Lê','Phạm','Hoàng','Phan','Vũ','Đặng'])[1 + (g.i % 8)::int]
              || case when female then ' Thị ' else ' Văn ' end
              || (array['An','Bình','Chi','Dũng','Hà','Hoa','Hùng','Lan','Mai','Nam'])[1 + ((g.i / 8) % 10)::int],
            y, case when female then 'FEMALE' else 'MALE' end, h.residence_unit_id, 'IMPORT',
            '${GEN.personRef}' || g.i, '${GEN.createdBy}'
     from generate_series(1::bigint, ${people}::bigint) g(i)
     cross join lateral (select 1935 + floor(${rnd(seed, 42)} * 88)::int as y, ${rnd(seed, 43)} < 0.5 as female) p
     join registry_households h on h.code = '${GEN.householdCode}' || lpad((1 + (g.i - 1) / 4)::text, 8, '0')`,
    `insert into registry_household_members (household_id, person_id, relationship, valid_from, source, created_by)
     select h.id, p.id,
            case (substr(p.source_ref, ${GEN.personRef.length + 1})::bigint - 1) % 4
              when 0 then 'HEAD' when 1 then 'SPOUSE' else 'CHILD' end,
            date '2020-01-01', 'IMPORT', '${GEN.createdBy}'
     from registry_people p
     join registry_households h on h.code = '${GEN.householdCode}'
       || lpad((1 + (substr(p.source_ref, ${GEN.personRef.length + 1})::bigint - 1) / 4)::text, 8, '0')
     where p.source_ref like '${GEN.personRef}%'`,
  ];
}
