import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from 'src/config/app-config';
import { businessDate } from 'src/config/business-time';
import type { DateRange } from 'src/modules/reports/domain/reporting-period';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import {
  BUILD_PERIODS_SQL,
  DELETE_TARGETS_SQL,
  RECOMPUTE_TARGETS_SQL,
  NO_ROLLUP_FILTER,
  rollupAggregateSql,
  TARGETS_FROM_DIRTY_SQL,
  type RollupFilter,
} from 'src/modules/reports/rollups/processing-rollup.sql';
import { officialPeriodsOverlapping, yearsBefore } from 'src/modules/reports/rollups/rollup-periods';
import rules from 'src/modules/reports/seed-data/reporting-rules.json';

export interface RollupRefreshResult {
  /** False when another refresh held the lock (nothing done). `pairsRecomputed`: (period, unit, version) keys. */
  ran: boolean;
  periodsBuilt: number;
  dirtySpans: number;
  pairsRecomputed: number;
  refreshedAt: string | null;
  ms: number;
}

/** What the rollup read returns: the aggregate rows (AGGREGATE_SQL's shape) and the last refresh of the period. */
export interface RollupAnswer<Row> {
  rows: Row[];
  refreshedAt: string;
  asOf: string;
}

/** Advisory lock key: one refresh at a time across every worker. */
const LOCK = `hashtext('reports.dossier_processing_rollups')`;

/**
 * Precomputed Form II.06a counts per official period and (handling unit, agency, procedure version, level).
 *
 * Writes: a trigger on `dossiers` records, per statement, which unit and which span of dates a change touches
 * (`report_rollup_dirty`); `refresh()` (the `reports.rollups.refresh` job, every REPORT_ROLLUP_REFRESH_EVERY_MS)
 * builds periods that are new (the horizon moves with the calendar) and recomputes the touched (period, unit) pairs
 * with the live report's own classification SQL, in one transaction that also consumes the dirty rows it saw.
 *
 * Reads: `read()` answers an official period from the rollup rows, except units with a change not yet folded in,
 * which it counts from the base tables in the same statement; so a rollup answer equals the live answer at its
 * snapshot, and the refresh interval bounds how much live work a read can need, not how stale it is.
 */
@Injectable()
export class ProcessingRollupService {
  private readonly logger = new Logger('ProcessingRollupService');

  constructor(
    private readonly dataSource: DataSource,
    private readonly pool: ReportPool,
    private readonly config: AppConfig,
  ) {}

  /** The period's rollup answer, or null when the period has none (not official, or outside the horizon). */
  async read<Row>(
    period: DateRange,
    scope: string[] | null,
    filter: RollupFilter = NO_ROLLUP_FILTER,
  ): Promise<RollupAnswer<Row> | null> {
    const [built] = await this.pool.query<{ kind: string; refreshed_at: Date }>(
      `select kind, refreshed_at from report_rollup_periods where period_from = $1 and period_to = $2 limit 1`,
      [period.from, period.to],
    );
    if (!built) return null;
    const asOf = new Date().toISOString();
    const rows = await this.pool.query<Row>(
      `select a.*, pf.name as field_name from (${rollupAggregateSql(filter)}) a
       left join procedure_fields pf on pf.code = a.field_code
       order by a.is_total, a.field_code, a.level`,
      [period.from, period.to, scope, built.kind, ...filter.params],
    );
    return { rows, refreshedAt: built.refreshed_at.toISOString(), asOf };
  }

  /**
   * Folds every committed dossier change into the rollups and builds the official periods of the horizon
   * (REPORT_ROLLUP_HISTORY_YEARS back from `today`) that have no rollup yet. Safe to run concurrently (one wins).
   */
  async refresh(options: { today?: string } = {}): Promise<RollupRefreshResult> {
    const started = Date.now();
    const today = options.today ?? businessDate(new Date());
    const horizon = officialPeriodsOverlapping(
      yearsBefore(today, this.config.reportRollups.historyYears),
      today,
      { startDay: rules.periodCutoff.startDay },
    );
    const result = await this.dataSource.transaction(async (m) => {
      // A background job over the whole table: the API's statement timeout does not apply.
      await m.query(`set local statement_timeout = 0`);
      // Building a period pairs every dossier with it: sort and aggregate in memory, not on disk.
      await m.query(`set local work_mem = '128MB'`);
      const [{ locked }] = await m.query<Array<{ locked: boolean }>>(
        `select pg_try_advisory_xact_lock(${LOCK}) as locked`,
      );
      if (!locked)
        return { ran: false, periodsBuilt: 0, dirtySpans: 0, pairsRecomputed: 0, refreshedAt: null };
      await m.query(
        `create temp table rollup_dirty_batch (handling_unit_id uuid, procedure_version_id uuid, lo date, hi date)
         on commit drop`,
      );
      await m.query(
        `create temp table rollup_new_periods (kind text, period_from date, period_to date) on commit drop`,
      );
      await m.query(
        `create temp table rollup_targets (kind text, period_from date, period_to date, unit_id uuid, version_id uuid)
         on commit drop`,
      );
      // Consume exactly the dirty rows this transaction can see; rows committed later stay for the next run.
      const [{ spans }] = await m.query<Array<{ spans: number }>>(`
        with d as (delete from report_rollup_dirty returning handling_unit_id, procedure_version_id, lo, hi),
        i as (insert into rollup_dirty_batch select handling_unit_id, procedure_version_id, lo, hi from d returning 1)
        select count(*)::int as spans from i`);
      const [{ built }] = await m.query<Array<{ built: number }>>(
        `with n as (
           insert into rollup_new_periods (kind, period_from, period_to)
           select x.kind, x.period_from, x.period_to
           from unnest($1::text[], $2::date[], $3::date[]) as x (kind, period_from, period_to)
           where not exists (select 1 from report_rollup_periods p
                             where p.kind = x.kind and p.period_from = x.period_from)
           returning 1)
         select count(*)::int as built from n`,
        [horizon.map((p) => p.kind), horizon.map((p) => p.from), horizon.map((p) => p.to)],
      );
      if (built > 0) {
        await m.query(`
          insert into report_rollup_periods (kind, period_from, period_to, built_at, refreshed_at)
          select kind, period_from, period_to, now(), now() from rollup_new_periods`);
        await m.query(`analyze rollup_new_periods`);
        await m.query(BUILD_PERIODS_SQL);
      }
      let pairs = 0;
      if (spans > 0) {
        await m.query(TARGETS_FROM_DIRTY_SQL);
        await m.query(`create index on rollup_targets (unit_id, version_id)`);
        await m.query(`analyze rollup_targets`);
        [{ pairs }] = await m.query<Array<{ pairs: number }>>(
          `select count(*)::int as pairs from rollup_targets`,
        );
        await m.query(DELETE_TARGETS_SQL);
        await m.query(RECOMPUTE_TARGETS_SQL);
      }
      const [{ at }] = await m.query<Array<{ at: Date }>>(`select now() as at`);
      await m.query(`update report_rollup_periods set refreshed_at = now()`);
      return {
        ran: true,
        periodsBuilt: built,
        dirtySpans: spans,
        pairsRecomputed: pairs,
        refreshedAt: at.toISOString(),
      };
    });
    const done = { ...result, ms: Date.now() - started };
    if (done.periodsBuilt > 0) this.logger.log(done, 'Report rollup periods built');
    else this.logger.debug(done, 'Report rollups refreshed');
    return done;
  }
}
