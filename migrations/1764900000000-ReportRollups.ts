import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTS = [
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
];

/** States in which FACTS_SQL (reports/processing) treats a dossier as ended. */
const ENDED_STATES = `'APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED', 'WITHDRAWN', 'RETURNED_NOT_ELIGIBLE'`;

/** Dossier columns the Form II.06a facts are derived from; a change to any other column cannot change a rollup. */
const FACT_COLUMNS = [
  'counting_start',
  'channel',
  'state',
  'due_date',
  'decision_date',
  'resolved_at',
  'stopped_at',
  'supplement_requests',
  'appointment_moved',
  'handling_level',
  'handling_unit_id',
  'handling_agency_id',
  'procedure_version_id',
];
const tuple = (alias: string): string => `(${FACT_COLUMNS.map((c) => `${alias}.${c}`).join(', ')})`;

/**
 * Precomputed Form II.06a counts (issue 11, "fast at scale").
 *
 * - `report_rollup_periods`: the official periods (Decree 09/2019) that have rollups, and when they were last
 *   refreshed. A period without a row here is answered from the base tables.
 * - `dossier_processing_rollups`: per period and (handling unit, handling agency, procedure version, level) the
 *   form's counts. The field is not stored: it is read through the procedure version, so a re-filed field can never
 *   leave a rollup behind.
 * - `report_rollup_dirty`: written by a statement-level trigger on `dossiers`: per handling unit, the span of dates
 *   [lo, hi] (hi null = still open) whose periods a change may affect. The refresh job consumes it.
 */
export class ReportRollups1764900000000 implements MigrationInterface {
  name = 'ReportRollups1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table report_rollup_periods (
        kind text not null check (kind in ('MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR')),
        period_from date not null,
        period_to date not null,
        built_at timestamptz not null,
        refreshed_at timestamptz not null,
        primary key (kind, period_from),
        check (period_to >= period_from),
        check (refreshed_at >= built_at)
      )`);
    await q.query(`
      create table dossier_processing_rollups (
        kind text not null,
        period_from date not null,
        handling_unit_id uuid not null,
        handling_agency_id uuid not null,
        procedure_version_id uuid not null,
        handling_level text not null check (handling_level in ('COMMUNE', 'DISTRICT', 'PROVINCE')),
        ${COUNTS.map((c) => `${c} integer not null check (${c} >= 0)`).join(',\n        ')},
        primary key (kind, period_from, handling_unit_id, handling_agency_id, procedure_version_id, handling_level),
        foreign key (kind, period_from) references report_rollup_periods (kind, period_from) on delete cascade
      )`);
    await q.query(`
      create table report_rollup_dirty (
        id bigserial primary key,
        handling_unit_id uuid not null,
        lo date not null,
        hi date,
        marked_at timestamptz not null default now(),
        check (hi is null or hi >= lo)
      )`);
    // The last day a dossier can count in a period: the latest of its end dates once ended, null (open) otherwise.
    // An over-estimate only costs a recomputation; FACTS_SQL's ended_on is never later than this.
    await q.query(`
      create function report_rollup_span_end(state text, decision_date date, resolved_at timestamptz,
        stopped_at timestamptz) returns date language sql stable as $$
        select case when state in (${ENDED_STATES}) then greatest(decision_date,
          (resolved_at at time zone 'Asia/Ho_Chi_Minh')::date, (stopped_at at time zone 'Asia/Ho_Chi_Minh')::date) end
      $$`);
    await q.query(`
      create function report_rollup_mark_dirty() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into report_rollup_dirty (handling_unit_id, lo, hi)
            select handling_unit_id, min(counting_start),
                   case when bool_or(e is null) then null else max(greatest(e, counting_start)) end
            from (select handling_unit_id, counting_start,
                         report_rollup_span_end(state, decision_date, resolved_at, stopped_at) as e
                  from new_rows where counting_start is not null) s
            group by handling_unit_id;
        elsif tg_op = 'DELETE' then
          insert into report_rollup_dirty (handling_unit_id, lo, hi)
            select handling_unit_id, min(counting_start),
                   case when bool_or(e is null) then null else max(greatest(e, counting_start)) end
            from (select handling_unit_id, counting_start,
                         report_rollup_span_end(state, decision_date, resolved_at, stopped_at) as e
                  from old_rows where counting_start is not null) s
            group by handling_unit_id;
        else
          insert into report_rollup_dirty (handling_unit_id, lo, hi)
            select handling_unit_id, min(counting_start),
                   case when bool_or(e is null) then null else max(greatest(e, counting_start)) end
            from (
              select x.handling_unit_id, x.counting_start,
                     report_rollup_span_end(x.state, x.decision_date, x.resolved_at, x.stopped_at) as e
              from old_rows o join new_rows n on n.id = o.id
              cross join lateral (values (o.handling_unit_id, o.counting_start, o.state, o.decision_date,
                                          o.resolved_at, o.stopped_at),
                                         (n.handling_unit_id, n.counting_start, n.state, n.decision_date,
                                          n.resolved_at, n.stopped_at))
                as x (handling_unit_id, counting_start, state, decision_date, resolved_at, stopped_at)
              where ${tuple('o')} is distinct from ${tuple('n')}
                and x.counting_start is not null
            ) s
            group by handling_unit_id;
        end if;
        return null;
      end $$`);
    for (const [event, refs] of [
      ['insert', 'new table as new_rows'],
      ['update', 'old table as old_rows new table as new_rows'],
      ['delete', 'old table as old_rows'],
    ]) {
      await q.query(`create trigger dossiers_report_rollup_${event} after ${event} on dossiers
        referencing ${refs} for each statement execute function report_rollup_mark_dirty()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete'])
      await q.query(`drop trigger dossiers_report_rollup_${event} on dossiers`);
    await q.query(`drop function report_rollup_mark_dirty()`);
    await q.query(`drop function report_rollup_span_end(text, date, timestamptz, timestamptz)`);
    await q.query(`drop table report_rollup_dirty`);
    await q.query(`drop table dossier_processing_rollups`);
    await q.query(`drop table report_rollup_periods`);
  }
}
