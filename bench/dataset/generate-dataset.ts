import 'reflect-metadata';
import { DataSource, type QueryRunner } from 'typeorm';
import { businessDate } from 'src/config/business-time';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { runSeed } from 'src/database/seed/seed-runner';
import { dossierBatchSql, GEN, LOOKUP_SQL, registrySql } from 'bench/dataset/dataset-sql';

export interface DatasetOptions {
  url: string;
  dossiers: number;
  people: number;
  seed: number;
  /** Last business date of the data (default: today in Asia/Ho_Chi_Minh) and how many years it spans. */
  until: string;
  years: number;
  /** Remove earlier generated rows first (otherwise a database that already has them is left as it is). */
  replace: boolean;
  force: boolean;
  log: (message: string) => void;
}

export interface DatasetSummary {
  dossiers: number;
  people: number;
  households: number;
  seconds: number;
  reused: boolean;
}

const PROVINCE = '40'; // Nghệ An: seeded in both eras, unchanged by the 2025 merger
const BATCH = 250_000;

/** Only scratch databases: the name must say so (bench, test, dev) unless forced. */
export function assertScratchDatabase(url: string, force: boolean): void {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!force && !/bench|test|dev/i.test(name))
    throw new Error(
      `Refusing to generate into database "${name}": its name must contain bench, test or dev (or --force)`,
    );
}

/**
 * Fills a database with a province-sized dataset: migrations and the seed first (admin units, agencies, catalog),
 * then dossiers and registry people/households generated set-based in PostgreSQL. Deterministic for a seed and end
 * date. When the database already holds the requested number of generated dossiers it is reused as it is.
 */
export async function generateDataset(o: DatasetOptions): Promise<DatasetSummary> {
  assertScratchDatabase(o.url, o.force);
  const started = Date.now();
  const ds = new DataSource(
    buildDataSourceOptions({ url: o.url, statementTimeoutMs: 0, applicationName: 'an-sinh-gen' }),
  );
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const [{ agencies }] = await ds.query<Array<{ agencies: number }>>(
      `select count(*)::int as agencies from agencies`,
    );
    if (agencies === 0) {
      o.log('seeding reference data (admin units, agencies, procedure catalog, calendar)…');
      await runSeed(ds, { info: () => undefined });
    }
    const count = async (sql: string): Promise<number> => (await ds.query<Array<{ n: number }>>(sql))[0].n;
    const existing = await count(
      `select count(*)::int as n from dossiers where code like '${GEN.dossierCode}%'`,
    );
    if (!o.replace && existing === o.dossiers) {
      o.log(`reusing ${existing} generated dossiers already in the database`);
      return {
        dossiers: existing,
        people: await count(
          `select count(*)::int as n from registry_people where source_ref like '${GEN.personRef}%'`,
        ),
        households: await count(
          `select count(*)::int as n from registry_households where code like '${GEN.householdCode}%'`,
        ),
        seconds: (Date.now() - started) / 1000,
        reused: true,
      };
    }
    if (existing > 0 || o.replace) await removeGenerated(ds, o.log);
    const runner = ds.createQueryRunner();
    try {
      // Wide generated expressions: JIT compilation costs more than it saves here.
      await runner.query(`set jit = off`);
      // The rows are built from the reference tables, so their foreign keys hold: skip the per-row checks (and the
      // rollup trigger; the rollups are reset below) when the role may. Otherwise the insert just takes longer.
      const fast = await runner
        .query(`set session_replication_role = replica`)
        .then(() => true)
        .catch(() => false);
      for (const sql of LOOKUP_SQL(PROVINCE)) await runner.query(sql);
      const [province] = await runner.manager.query<Array<{ unit_id: string; agency_id: string; centre_id: string }>>(
        `select u.id as unit_id,
                (select id from agencies where code = '000.00.12.H40') as agency_id,
                (select id from agencies where code = '000.00.30.H40') as centre_id
         from admin_units u where u.era = 'POST_2025' and u.code = $1`,
        [PROVINCE],
      );
      if (!province?.agency_id || !province.centre_id)
        throw new Error('The seeded Nghệ An agencies are missing');
      const spanDays = Math.round(o.years * 365);
      // Secondary indexes are rebuilt once after the load instead of maintained row by row.
      const indexes = await runner.manager.query<Array<{ name: string; def: string }>>(
        `select i.relname as name, pg_get_indexdef(x.indexrelid) as def
         from pg_index x join pg_class i on i.oid = x.indexrelid
         where x.indrelid = 'dossiers'::regclass and not x.indisprimary and not x.indisunique
           and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
      );
      for (const ix of indexes) await runner.query(`drop index "${ix.name}"`);
      try {
        await insertDossiers(runner, o, spanDays, province);
      } finally {
        for (const ix of indexes) await runner.query(ix.def);
      }
      o.log(`${indexes.length} dossier indexes rebuilt`);
      if (o.people > 0) {
        const t = Date.now();
        for (const sql of registrySql(o.seed, o.people)) await runner.query(sql);
        o.log(`${o.people} people in households in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
      if (fast) await runner.query(`set session_replication_role = origin`);
      // Generated rows bypass the dirty marks: every rollup is rebuilt by the next refresh.
      await runner.query(`delete from report_rollup_periods`);
      await runner.query(`delete from report_rollup_dirty`);
      await runner.query(`drop table if exists gen_pre_communes, gen_post_communes, gen_versions`);
      await runner.query(`analyze dossiers`);
      await runner.query(`analyze registry_people`);
    } finally {
      await runner.release();
    }
    return {
      dossiers: o.dossiers,
      people: o.people,
      households: o.people > 0 ? Math.ceil(o.people / 4) : 0,
      seconds: (Date.now() - started) / 1000,
      reused: false,
    };
  } finally {
    await ds.destroy();
  }
}

async function insertDossiers(
  runner: QueryRunner,
  o: DatasetOptions,
  spanDays: number,
  province: { unit_id: string; agency_id: string; centre_id: string },
): Promise<void> {
  for (let first = 1; first <= o.dossiers; first += BATCH) {
    const last = Math.min(o.dossiers, first + BATCH - 1);
    const t = Date.now();
    await runner.query(
      dossierBatchSql({
        seed: o.seed,
        first,
        last,
        until: o.until,
        spanDays,
        reform: '2025-07-01',
        province: {
          unitId: province.unit_id,
          agencyId: province.agency_id,
          centreAgencyId: province.centre_id,
        },
      }),
    );
    o.log(`dossiers ${first}…${last} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

async function removeGenerated(ds: DataSource, log: (m: string) => void): Promise<void> {
  log('removing earlier generated rows…');
  await ds.query(`delete from dossiers where code like '${GEN.dossierCode}%'`);
  await ds.query(`delete from registry_household_members where created_by = '${GEN.createdBy}'`);
  await ds.query(`delete from registry_people where source_ref like '${GEN.personRef}%'`);
  await ds.query(`delete from registry_households where code like '${GEN.householdCode}%'`);
  await ds.query(`delete from report_rollup_periods`);
  await ds.query(`delete from report_rollup_dirty`);
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `npm run gen -- --dossiers 2000000 --people 500000 [--seed 42] [--until YYYY-MM-DD] [--years 3] [--replace] [--force]` */
export function parseDatasetArgs(args: string[], url: string): DatasetOptions {
  const int = (name: string, fallback: number): number => {
    const v = arg(args, name);
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 50_000_000)
      throw new Error(`--${name} must be an integer 0…50,000,000`);
    return n;
  };
  const until = arg(args, 'until') ?? businessDate(new Date());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new Error('--until must be YYYY-MM-DD');
  const years = Number(arg(args, 'years') ?? '3');
  if (!(years > 0 && years <= 10)) throw new Error('--years must be between 0 and 10');
  return {
    url,
    dossiers: int('dossiers', 2_000_000),
    people: int('people', 500_000),
    seed: int('seed', 42),
    until,
    years,
    replace: args.includes('--replace'),
    force: args.includes('--force'),
    log: (m) => console.log(m),
  };
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('Set DATABASE_URL to the database to fill (its name must contain bench, test or dev)');
    process.exit(1);
  }
  generateDataset(parseDatasetArgs(process.argv.slice(2), url))
    .then((s) => console.log(JSON.stringify(s)))
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
