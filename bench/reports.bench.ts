import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { AppConfig } from 'src/config/app-config';
import { businessDate } from 'src/config/business-time';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { AccessScopeService, SYSTEM_ACTOR } from 'src/modules/organisation/units/access-scope.service';
import {
  ProcessingReportService,
  type ProcessingReport,
} from 'src/modules/reports/processing/processing-report.service';
import { AGGREGATE_SQL, FACTS_SQL } from 'src/modules/reports/processing/processing-report.sql';
import { ProcessingRollupService } from 'src/modules/reports/rollups/processing-rollup.service';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { fmt } from 'bench/bench-support';
import { generateDataset, parseDatasetArgs } from 'bench/dataset/generate-dataset';

/**
 * `npm run bench:reports [-- --dossiers 2000000 --people 500000 --until 2026-11-24]`
 *
 * On a database `ansinh_bench_reports` (kept between runs; BENCH_DATABASE overrides the name) of DATABASE_URL's
 * server: generates the dataset unless it is already there, refreshes the rollups, then times in the same run
 * (a) the six-month Form II.06a through ProcessingReportService (rollup path), (b) the same report's live SQL over
 * the base tables, and (c) a plain full-scan GROUP BY over `dossiers`, and checks the bar: (a) < 1 s and
 * (a) ≤ 0.1 × the full scan. Also times the report with 1,000 changed dossiers pending and the refresh that folds
 * them in.
 */
async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error('Set DATABASE_URL to a PostgreSQL server the benchmark may create a database on');
  const name = process.env.BENCH_DATABASE ?? 'ansinh_bench_reports';
  if (!name.startsWith('ansinh_bench_')) throw new Error('BENCH_DATABASE must start with ansinh_bench_');
  const url = new URL(base);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = $1`, [name]);
  if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  await admin.end();

  const options = parseDatasetArgs(process.argv.slice(2), url.toString());
  const dataset = await generateDataset(options);
  console.log(
    `dataset: ${fmt(dataset.dossiers)} dossiers, ${fmt(dataset.people)} people, ${fmt(dataset.households)} households` +
      (dataset.reused ? ' (reused)' : ` (generated in ${fmt(dataset.seconds, 1)} s)`),
  );

  const config = AppConfig.fromEnv({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: url.toString(),
    REPORTS_STATEMENT_TIMEOUT_MS: '600000',
    REPORT_ROLLUP_HISTORY_YEARS: '3',
  });
  const ds = await new DataSource(
    buildDataSourceOptions({ url: url.toString(), statementTimeoutMs: 0 }),
  ).initialize();
  const pool = new ReportPool(ds, config);
  const rollups = new ProcessingRollupService(ds, pool, config);
  const reports = new ProcessingReportService(pool, new AccessScopeService(ds), rollups);
  const asSystem = <T>(fn: () => Promise<T>): Promise<T> =>
    RequestContext.run({ requestId: randomUUID(), actor: SYSTEM_ACTOR }, fn);
  try {
    const build = await rollups.refresh({ today: options.until });
    console.log(
      `rollup refresh: ${build.periodsBuilt} periods built, ${build.pairsRecomputed} (period, unit, version) keys recomputed ` +
        `in ${fmt(build.ms / 1000, 1)} s`,
    );
    const [rows] = await ds.query<Array<{ n: number }>>(
      `select count(*)::int as n from dossier_processing_rollups`,
    );
    console.log(`rollup rows: ${fmt(rows.n)}`);

    // The last six-month period that has ended by `until` (the half-years run 15 Dec – 14 Jun, 15 Jun – 14 Dec).
    const year = Number(options.until.slice(0, 4));
    const half =
      options.until >= `${year}-12-15`
        ? { kind: 'HALF_YEAR' as const, year, index: 2 }
        : options.until >= `${year}-06-15`
          ? { kind: 'HALF_YEAR' as const, year, index: 1 }
          : { kind: 'HALF_YEAR' as const, year: year - 1, index: 2 };
    const period = reports.resolvePeriod(half);
    console.log(`six-month period: ${period.from} … ${period.to}`);

    let report: ProcessingReport | undefined;
    const rollupMs = await median(7, async () => {
      report = await asSystem(() => reports.report(half));
    });
    if (report?.source !== 'ROLLUP') throw new Error(`expected a ROLLUP answer, got ${report?.source}`);
    let live: Array<Record<string, unknown>> = [];
    const liveMs = await median(3, async () => {
      live = await pool.query(`select * from (${AGGREGATE_SQL(FACTS_SQL)}) a where a.is_total`, [
        period.from,
        period.to,
        null,
      ]);
    });
    const scanMs = await median(3, async () => {
      await pool.query(
        `select handling_unit_id, handling_level, channel, state, count(*) from dossiers
         where counting_start <= $1 group by 1, 2, 3, 4`,
        [period.to],
      );
    });
    const same = live[0]?.received === report.total.received && live[0]?.resolved === report.total.resolved;

    // 1,000 dossiers change (resolved today): the next answer counts their units live until the refresh.
    await ds.query(
      `update dossiers set state = 'APPROVED', decision_date = $1, resolved_at = now(), updated_at = now()
       where id in (select id from dossiers where state in ('IN_PROCESSING', 'RECEIVED') order by code limit 1000)`,
      [businessDate(new Date())],
    );
    const pendingMs = await median(3, async () => {
      await asSystem(() => reports.report(half));
    });
    const fold = await rollups.refresh({ today: options.until });

    const ratio = rollupMs / scanMs;
    const met = rollupMs < 1000 && ratio <= 0.1;
    console.log(`
Form II.06a, six months over ${fmt(dataset.dossiers)} dossiers (median of runs, same process, same database):
  rollup path (service):                 ${fmt(rollupMs, 1)} ms   total received ${fmt(report.total.received)}
  live Form II.06a SQL over base tables: ${fmt(liveMs, 1)} ms   (${same ? 'same totals' : 'TOTALS DIFFER'})
  full-scan GROUP BY over dossiers:      ${fmt(scanMs, 1)} ms
  ratio rollup / full scan:              ${fmt(ratio, 4)}   (rollup / live SQL ${fmt(rollupMs / liveMs, 4)})
  with 1,000 changed dossiers pending:   ${fmt(pendingMs, 1)} ms
  refresh folding them in:               ${fmt(fold.ms, 0)} ms (${fold.pairsRecomputed} (period, unit, version) keys)
  bar (< 1 s and ≤ 0.1 × full scan):     ${met ? 'MET' : 'NOT MET'}`);
    if (!same) process.exitCode = 1;
  } finally {
    await pool.onModuleDestroy();
    await ds.destroy();
  }
}

async function median(runs: number, fn: () => Promise<void>): Promise<number> {
  await fn(); // warm-up: plans and buffers
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
