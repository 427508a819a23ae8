import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';
import { RegistrySearchService } from 'src/modules/registry/people/registry-search.service';

/**
 * Registry name search on 500,000 people (target: < 100 ms per page), printed next to a primary-key lookup as the
 * baseline in the same run. Generates the people server-side (Vietnamese family / middle / given names with their
 * real skew: ~38% Nguyễn) in a scratch database with every migration; drops it afterwards.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node -r @swc-node/register bench/registry-search.bench.ts
 * BENCH_PEOPLE (default 500000) and BENCH_RUNS (default 30) tune it.
 */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 500_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const SYSTEM: Actor = { kind: 'system', id: 'bench', name: 'bench', agencyId: null, roles: [], scopes: [] };

const FAMILY = [
  'Nguyễn',
  'Nguyễn',
  'Nguyễn',
  'Nguyễn',
  'Trần',
  'Trần',
  'Lê',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Lò',
  'Hà',
  'Đinh',
  'Cao',
  'Mai',
  'Tô',
  'Trương',
  'Lương',
  'Quách',
];
const MIDDLE = [
  'Văn',
  'Văn',
  'Thị',
  'Thị',
  'Hữu',
  'Đức',
  'Minh',
  'Ngọc',
  'Thanh',
  'Quốc',
  'Xuân',
  'Thu',
  'Kim',
  'Bảo',
  'Gia',
  'Anh',
  'Hoài',
  'Đình',
  'Công',
  'Phương',
];
const GIVEN = [
  'An',
  'Anh',
  'Bình',
  'Chi',
  'Cường',
  'Dũng',
  'Duy',
  'Đạt',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hằng',
  'Hiếu',
  'Hoa',
  'Hòa',
  'Hùng',
  'Hương',
  'Khánh',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Ngọc',
  'Nhung',
  'Phong',
  'Phúc',
  'Quân',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thủy',
  'Trang',
  'Trung',
  'Tuấn',
  'Tùng',
  'Vân',
  'Việt',
  'Yến',
];

const sqlArray = (xs: string[]): string => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

async function scratch(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error('Set DATABASE_URL to a PostgreSQL server the benchmark may create a database on');
  const name = `ansinh_test_bench_registry_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** People spread over 200 communes of one province, 5% without CCCD-free duplicates of structure (none here). */
async function generate(ds: DataSource): Promise<void> {
  await ds.query(`insert into admin_units (era, code, level, name, short_name, unit_type, valid_from)
    values ('POST_2025', '99', 'PROVINCE', 'Tỉnh Bench', 'Bench', 'tỉnh', '2025-07-01')`);
  await ds.query(`insert into admin_units (era, code, level, name, short_name, unit_type, parent_id, valid_from)
    select 'POST_2025', lpad((10000 + g)::text, 5, '0'), 'COMMUNE', 'Xã ' || g, 'Xã ' || g, 'xã',
      (select id from admin_units where era = 'POST_2025' and code = '99'), '2025-07-01'
    from generate_series(1, 200) g`);
  const started = Date.now();
  const batch = 100_000;
  for (let offset = 0; offset < PEOPLE; offset += batch) {
    await ds.query(
      `with units as (select array_agg(id) ids from admin_units where era = 'POST_2025' and level = 'COMMUNE'),
       f as (select ${sqlArray(FAMILY)} a), m as (select ${sqlArray(MIDDLE)} a), gv as (select ${sqlArray(GIVEN)} a)
       insert into registry_people (full_name, birth_year, birth_date, gender, residence_unit_id, source, created_by)
       select f.a[1 + (random() * (array_length(f.a, 1) - 1))::int] || ' ' || m.a[1 + (random() * (array_length(m.a, 1) - 1))::int]
                || ' ' || gv.a[1 + (random() * (array_length(gv.a, 1) - 1))::int],
              y, case when random() < 0.8 then make_date(y, 1 + (random() * 11)::int, 1 + (random() * 27)::int) end,
              case when random() < 0.5 then 'MALE' else 'FEMALE' end,
              units.ids[1 + (random() * 199)::int], 'IMPORT', 'bench'
       from generate_series(1, least($1::int, $2::int - $3::int)) g, units, f, m, gv,
            lateral (select 1920 + (random() * 100)::int + (g * 0) as y) yy`,
      [batch, PEOPLE, offset],
    );
  }
  await ds.query(`analyze registry_people`);
  console.log(
    `generated ${PEOPLE.toLocaleString('en-US')} people in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(RUNS * 0.5)],
    p95: samples[Math.min(RUNS - 1, Math.floor(RUNS * 0.95))],
    max: samples[RUNS - 1],
  };
}

async function main(): Promise<void> {
  // BENCH_KEEP=1 keeps the generated database (its URL is printed) and BENCH_DATABASE_URL reuses one.
  const reuse = process.env.BENCH_DATABASE_URL;
  const db = reuse ? { url: reuse, drop: async () => undefined } : await scratch();
  if (process.env.BENCH_KEEP) db.drop = async () => console.log(`kept ${db.url}`);
  const ds = new DataSource(buildDataSourceOptions({ url: db.url, poolSize: 2, statementTimeoutMs: 0 }));
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    if (!reuse) await generate(ds);
    const scope = new AccessScopeService(ds);
    const search = new RegistrySearchService(ds, scope);
    const [{ id }] = await ds.query<Array<{ id: string }>>(
      `select id from registry_people limit 1 offset 1234`,
    );
    const [{ ids }] = await ds.query<Array<{ ids: string[] }>>(
      `select array_agg(id) ids from (select id from admin_units where level = 'COMMUNE' and era = 'POST_2025' limit 20) u`,
    );
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['baseline: primary-key lookup', () => ds.query(`select * from registry_people where id = $1`, [id])],
      ['search "nguyen" (≈38%)', () => search.search(SYSTEM, { name: 'nguyen', first: 50 })],
      ['search "van hung"', () => search.search(SYSTEM, { name: 'van hung', first: 50 })],
      ['search "thi thuy"', () => search.search(SYSTEM, { name: 'thi thuy', first: 50 })],
      ['search "quach bao yen"', () => search.search(SYSTEM, { name: 'quach bao yen', first: 50 })],
      ['search "hoa" (substring)', () => search.search(SYSTEM, { name: 'hoa', first: 50 })],
      [
        'search "lo van" in 20 communes',
        () => ds.query(`select 1`).then(() => searchScoped(search, ids, 'lo van')),
      ],
    ];
    console.log(
      `\n${'query'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}   (${RUNS} runs, page of 50)`,
    );
    let worst = 0;
    for (const [name, fn] of cases) {
      const r = await time(fn);
      if (!name.startsWith('baseline')) worst = Math.max(worst, r.p95);
      console.log(
        `${name.padEnd(34)} ${r.p50.toFixed(2).padStart(8)} ${r.p95.toFixed(2).padStart(8)} ${r.max.toFixed(2).padStart(8)}`,
      );
    }
    console.log(
      `\nworst search p95 ${worst.toFixed(1)} ms — target < 100 ms: ${worst < 100 ? 'OK' : 'MISSED'}`,
    );
  } finally {
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  }
}

/** The same service call with a unit scope in the WHERE clause (as for a commune officer). */
function searchScoped(search: RegistrySearchService, unitIds: string[], name: string): Promise<unknown> {
  const scoped = Object.create(search) as RegistrySearchService;
  Object.defineProperty(scoped, 'scope', { value: { unitScope: async () => ({ all: false, unitIds }) } });
  return scoped.search({ ...SYSTEM, kind: 'user' }, { name, first: 50 });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
