import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/common/context/request-context';
import { RequestContext } from 'src/common/context/request-context';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { FREEZE_ENTITLEMENT_LINES_SQL } from 'src/modules/benefits/cycles/cycle-freeze.sql';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { BENEFITS_SEEDER } from 'src/modules/benefits/rules/benefits.seeder';
import { RulesRepository } from 'src/modules/benefits/rules/rules.repository';
import { AuditService } from 'src/modules/audit/audit.service';
import { AccessScopeService } from 'src/modules/organisation/units/access-scope.service';

/**
 * Computes and freezes one monthly payment cycle for 100,000 entitlements of one unit (target: < 10 s), printed next
 * to a raw INSERT … SELECT of the same rows into an unconstrained copy of the table, in the same run. The generator
 * (server-side) makes a realistic mix: social assistance over every group (10% of people with two groups, so the
 * "only the highest" rule works), meritorious allowances over Appendix II and the sick-soldier bands, 5% of
 * decisions dated in the past (arrears over several months, across the July 2024 base change), 30% bank accounts.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node -r @swc-node/register bench/payment-cycle.bench.ts
 * BENCH_ENTITLEMENTS (default 100000) tunes it. A scratch database is created and dropped.
 */
const N = Number(process.env.BENCH_ENTITLEMENTS ?? 100_000);
const PERIOD = '2024-09-01';
const SYSTEM: Actor = { kind: 'system', id: 'bench', name: 'bench', agencyId: null, roles: [], scopes: [] };

async function scratch(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base)
    throw new Error('Set DATABASE_URL to a PostgreSQL server the benchmark may create a database on');
  const name = `ansinh_test_bench_cycle_${randomBytes(4).toString('hex')}`;
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

/** People, entitlements and accounts for one commune. Returns the commune id. */
async function generate(ds: DataSource): Promise<string> {
  const started = Date.now();
  await ds.query(`insert into admin_units (era, code, level, name, short_name, unit_type, valid_from)
    values ('POST_2025', '99', 'PROVINCE', 'Tỉnh Bench', 'Bench', 'tỉnh', '2025-07-01')`);
  const [{ id: unit }] = await ds.query<Array<{ id: string }>>(
    `insert into admin_units (era, code, level, name, short_name, unit_type, parent_id, valid_from)
     select 'POST_2025', '99001', 'COMMUNE', 'Xã Bench', 'Bench', 'xã', id, '2025-07-01' from admin_units where code = '99'
     returning id`,
  );
  const people = Math.round(N / 1.07);
  await ds.query(
    `insert into registry_people (full_name, birth_year, gender, residence_unit_id, source, created_by)
     select 'Người Thụ Hưởng ' || g, 1930 + g % 80, case when g % 2 = 0 then 'MALE' else 'FEMALE' end, $2, 'IMPORT', 'bench'
       from generate_series(1, $1::int) g`,
    [people, unit],
  );
  // 70% social assistance, 30% merit; the first 7% of people get a second social-assistance entitlement.
  await ds.query(
    `with p as (select id, row_number() over (order by id) as n from registry_people),
     groups as (select array_agg(code order by code) as codes from benefit_sa_groups where code <> 'K4_SINGLE_PARENT'),
     base as (
       select p.id as person_id, p.n, 1 as k from p
       union all select p.id, p.n, 2 from p where p.n <= $1::int - (select count(*) from p)
     )
     insert into benefit_entitlements (person_id, unit_id, status_kind, status_id, scheme, rule_table, rule_key, start_date,
       settled_before, decision_number, decision_date, created_by)
     select b.person_id, $2, case when b.k = 2 or b.n % 10 < 7 then 'SOCIAL_PROTECTION' else 'MERIT' end,
            gen_random_uuid(),
            case when b.k = 2 or b.n % 10 < 7 then 'SOCIAL_ASSISTANCE' else 'MERIT' end,
            case when b.k = 2 or b.n % 10 < 7 then null when b.n % 10 = 9 then 'SICK_SOLDIER' else 'APPENDIX_II' end,
            case when b.k = 2 or b.n % 10 < 7 then g.codes[1 + (b.n * b.k) % array_length(g.codes, 1)]
                 when b.n % 10 = 9 then (array['41-50','51-60','61-70','71-80','81-90','91-100'])[1 + b.n % 6]
                 else (21 + b.n % 80)::text end,
            case when b.n % 20 = 0 then date '2024-05-01' else date '2023-01-01' end,
            case when b.n % 20 = 0 then null else date '${PERIOD}' end,
            'QD-' || b.n, date '2023-01-01', 'bench'
       from base b, groups g`,
    [N, unit],
  );
  await ds.query(
    `insert into benefit_payment_accounts (person_id, method, bank_code, account_ciphertext, account_last4, holder_name_matches, created_by)
     select id, 'BANK', 'VCB', gen_random_bytes(64), lpad((random() * 9999)::int::text, 4, '0'), true, 'bench'
       from registry_people tablesample bernoulli (30)`,
  );
  await ds.query(`analyze`);
  const [{ n }] = await ds.query<Array<{ n: number }>>(`select count(*)::int as n from benefit_entitlements`);
  console.log(
    `generated ${n.toLocaleString('en-US')} entitlements for ${people.toLocaleString('en-US')} people in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return unit;
}

async function main(): Promise<void> {
  const db = await scratch();
  const ds = new DataSource(buildDataSourceOptions({ url: db.url, poolSize: 2, statementTimeoutMs: 0 }));
  try {
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.query(`create extension if not exists pgcrypto`);
    await ds.transaction((m) => BENEFITS_SEEDER.run(m));
    const unit = await generate(ds);
    const scope = new AccessScopeService(ds);
    const cycles = new PaymentCyclesService(ds, new RulesRepository(ds), scope, new AuditService(ds));
    if (process.env.BENCH_EXPLAIN) {
      const province = await cycles.provinceOf(unit);
      await ds.query(
        `insert into benefit_payment_cycles (unit_id, period, list_due_date, report_due_date) values ($1, $2, $2, $2)`,
        [unit, PERIOD],
      );
      const [{ id }] = await ds.query<Array<{ id: string }>>(
        `select id from benefit_payment_cycles where unit_id = $1`,
        [unit],
      );
      await ds.query(`set jit = off`);
      await ds.query(`set work_mem = '128MB'`);
      const plan = await ds.query<Array<Record<string, string>>>(
        `explain (analyze, buffers off) ${FREEZE_ENTITLEMENT_LINES_SQL}`,
        [id, unit, PERIOD, province],
      );
      console.log(plan.map((r) => Object.values(r)[0]).join('\n'));
      await ds.query(`delete from benefit_payment_lines`);
    }
    const compute = () =>
      RequestContext.run({ requestId: 'bench', actor: SYSTEM }, () =>
        cycles.compute(SYSTEM, { unitId: unit, period: PERIOD }),
      );

    let t = process.hrtime.bigint();
    const first = await compute();
    const computeMs = Number(process.hrtime.bigint() - t) / 1e6;
    t = process.hrtime.bigint();
    const again = await compute();
    const recomputeMs = Number(process.hrtime.bigint() - t) / 1e6;

    await ds.query(`create unlogged table bench_lines_copy (like benefit_payment_lines)`);
    t = process.hrtime.bigint();
    await ds.query(`insert into bench_lines_copy select * from benefit_payment_lines where cycle_id = $1`, [
      first.cycle.id,
    ]);
    const rawMs = Number(process.hrtime.bigint() - t) / 1e6;

    const kinds = await ds.query<Array<{ kind: string; n: number; total: string }>>(
      `select kind, count(*)::int as n, sum(amount) as total from benefit_payment_lines where cycle_id = $1 group by kind order by kind`,
      [first.cycle.id],
    );
    t = process.hrtime.bigint();
    await RequestContext.run({ requestId: 'bench', actor: SYSTEM }, () =>
      cycles.approve(SYSTEM, again.cycle.id, {
        expectedTotalAmount: again.cycle.totalAmount,
        expectedLineCount: again.cycle.lineCount,
      }),
    );
    const approveMs = Number(process.hrtime.bigint() - t) / 1e6;

    console.log(
      `\ncycle ${PERIOD}: ${first.cycle.lineCount.toLocaleString('en-US')} lines, ${first.cycle.totalAmount.toLocaleString('en-US')} VND to pay`,
    );
    for (const k of kinds)
      console.log(
        `  ${k.kind.padEnd(10)} ${String(k.n).padStart(8)} lines ${Number(k.total).toLocaleString('en-US').padStart(18)} VND`,
      );
    console.log(`\n${'step'.padEnd(58)} ${'ms'.padStart(9)}`);
    console.log(
      `${'baseline: raw INSERT … SELECT of the same rows (no checks)'.padEnd(58)} ${rawMs.toFixed(0).padStart(9)}`,
    );
    console.log(
      `${'compute + freeze (price, only-highest, ledger, insert)'.padEnd(58)} ${computeMs.toFixed(0).padStart(9)}`,
    );
    console.log(
      `${'recompute the draft (delete + compute again)'.padEnd(58)} ${recomputeMs.toFixed(0).padStart(9)}`,
    );
    console.log(`  steps of the first compute: ${first.steps.map((x) => `${x.name} ${x.ms}`).join(', ')}`);
    console.log(`${'approve (totals check)'.padEnd(58)} ${approveMs.toFixed(0).padStart(9)}`);
    console.log(
      `\ncompute + freeze ${(computeMs / 1000).toFixed(2)} s for ${N.toLocaleString('en-US')} entitlements — target < 10 s: ${computeMs < 10_000 ? 'OK' : 'MISSED'}`,
    );
    if (
      again.cycle.lineCount !== first.cycle.lineCount ||
      again.cycle.totalAmount !== first.cycle.totalAmount
    )
      throw new Error('recomputing the draft changed it');
  } finally {
    await ds.destroy().catch(() => undefined);
    await db.drop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
