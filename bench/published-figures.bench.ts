import 'reflect-metadata';
import { Client } from 'pg';
import { fmt } from 'bench/bench-support';
import { IN_FORCE_GROUPS_SQL } from 'src/modules/reports/catalog/catalog-report.sql';
import { DECIDED_TOTALS_SQL } from 'src/modules/reports/digitisation/result-digitisation.sql';
import { ONLINE_BY_PROCEDURE_SQL, ONLINE_TOTALS_SQL } from 'src/modules/reports/online/online-share.sql';
import indexData from 'src/modules/reports/seed-data/service-index-766.json';
import {
  CATALOG_BY_AGENCY_SQL,
  DIGITISED_BY_AGENCY_SQL,
  ONLINE_BY_AGENCY_SQL,
  PROGRESS_BY_AGENCY_SQL,
  publicityCheck,
} from 'src/modules/reports/service-index/service-index.sql';

/**
 * `node -r @swc-node/register bench/published-figures.bench.ts [from] [to]`
 *
 * Times the SQL of the catalog, online-share, digitisation and service-index reports over the province-sized
 * dataset that `npm run bench:reports` generates (database `ansinh_bench_reports`, or BENCH_DATABASE), for the whole
 * province (no scope, no filter) over a six-month period (default 2025-12-15 … 2026-06-14). Reads only.
 */
async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('Set DATABASE_URL to the server holding the benchmark database');
  const url = new URL(base);
  url.pathname = `/${process.env.BENCH_DATABASE ?? 'ansinh_bench_reports'}`;
  const [from, to] = [process.argv[2] ?? '2025-12-15', process.argv[3] ?? '2026-06-14'];
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const [{ n }] = (await client.query<{ n: number }>(`select count(*)::int as n from dossiers`)).rows;
    console.log(`dataset: ${fmt(n)} dossiers; period ${from} … ${to}; whole province`);
    const filter = [from, to, null, null, null, null];
    const runs: Array<[string, string, unknown[]]> = [
      ['online share: totals', ONLINE_TOTALS_SQL, filter],
      ['online share: per fully online procedure', ONLINE_BY_PROCEDURE_SQL, filter],
      ['digitisation: decided with electronic / full', DECIDED_TOTALS_SQL, filter],
      ['catalog: in force, four breakdowns', IN_FORCE_GROUPS_SQL, [to, null, null, null]],
      ['766: catalog per agency', CATALOG_BY_AGENCY_SQL(publicityCheck(indexData.publicityParts.parts)), [...filter, indexData.onlineOffered.modes]],
      ['766: progress per agency', PROGRESS_BY_AGENCY_SQL, filter],
      ['766: online per agency', ONLINE_BY_AGENCY_SQL, filter],
      ['766: digitised per agency', DIGITISED_BY_AGENCY_SQL, filter],
    ];
    // Twice: with the server's JIT setting, then with jit = off (the estimates of these statements trigger JIT
    // compilation, which costs seconds on a busy two-core machine and saves nothing here).
    for (const jit of ['default', 'off']) {
      if (jit === 'off') await client.query(`set jit = off`);
      for (const [name, sql, params] of runs) {
        const t = process.hrtime.bigint();
        const res = await client.query(sql, params);
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        console.log(`[jit ${jit}] ${name}: ${fmt(ms, 0)} ms (${fmt(res.rowCount ?? 0)} rows)`);
      }
    }
  } finally {
    await client.end();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
