import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dossier columns the Form II.06a facts are derived from (as in 1764900000000-ReportRollups). */
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

/** The dirty-marking trigger function, keyed by unit alone (`false`, the first version) or by unit and version. */
function markDirtyFunction(byVersion: boolean): string {
  const key = byVersion ? 'handling_unit_id, procedure_version_id' : 'handling_unit_id';
  const span = `min(counting_start), case when bool_or(e is null) then null else max(greatest(e, counting_start)) end`;
  const plain = (rows: string): string => `
          insert into report_rollup_dirty (${key}, lo, hi)
            select ${key}, ${span}
            from (select ${key}, counting_start,
                         report_rollup_span_end(state, decision_date, resolved_at, stopped_at) as e
                  from ${rows} where counting_start is not null) s
            group by ${key};`;
  return `
      create or replace function report_rollup_mark_dirty() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then ${plain('new_rows')}
        elsif tg_op = 'DELETE' then ${plain('old_rows')}
        else
          insert into report_rollup_dirty (${key}, lo, hi)
            select ${key}, ${span}
            from (
              select x.handling_unit_id, x.procedure_version_id, x.counting_start,
                     report_rollup_span_end(x.state, x.decision_date, x.resolved_at, x.stopped_at) as e
              from old_rows o join new_rows n on n.id = o.id
              cross join lateral (values (o.handling_unit_id, o.procedure_version_id, o.counting_start, o.state,
                                          o.decision_date, o.resolved_at, o.stopped_at),
                                         (n.handling_unit_id, n.procedure_version_id, n.counting_start, n.state,
                                          n.decision_date, n.resolved_at, n.stopped_at))
                as x (handling_unit_id, procedure_version_id, counting_start, state, decision_date, resolved_at,
                      stopped_at)
              where ${tuple('o')} is distinct from ${tuple('n')}
                and x.counting_start is not null
            ) s
            group by ${key};
        end if;
        return null;
      end $$`;
}

/**
 * Report rollups, finer dirty keys: a change marks (handling unit, procedure version) instead of the whole unit, so
 * a read counts live, and the refresh recomputes, only that procedure's dossiers at the unit. Matters for the
 * provincial units, which hold a large share of all dossiers. The index serves both (one unit and version, by date).
 */
export class ReportRollupDirtyKeys1764900001000 implements MigrationInterface {
  name = 'ReportRollupDirtyKeys1764900001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table report_rollup_dirty add column procedure_version_id uuid`);
    // Pending unit-wide marks become one mark per version the unit has dossiers or rollup rows for.
    await q.query(`
      insert into report_rollup_dirty (handling_unit_id, procedure_version_id, lo, hi)
      select distinct r.handling_unit_id, v.procedure_version_id, r.lo, r.hi
      from report_rollup_dirty r
      cross join lateral (
        select d.procedure_version_id from dossiers d where d.handling_unit_id = r.handling_unit_id
        union
        select x.procedure_version_id from dossier_processing_rollups x where x.handling_unit_id = r.handling_unit_id
      ) v
      where r.procedure_version_id is null`);
    await q.query(`delete from report_rollup_dirty where procedure_version_id is null`);
    await q.query(`alter table report_rollup_dirty alter column procedure_version_id set not null`);
    await q.query(markDirtyFunction(true));
    await q.query(`create index dossiers_report_unit_version_idx
      on dossiers (handling_unit_id, procedure_version_id, counting_start)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index dossiers_report_unit_version_idx`);
    await q.query(markDirtyFunction(false));
    await q.query(`alter table report_rollup_dirty drop column procedure_version_id`);
  }
}
