import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { RequestContext } from 'src/common/context/request-context';
import { AccessScopeService, SYSTEM_ACTOR } from 'src/modules/organisation/units/access-scope.service';
import {
  ProcessingReportService,
  type CountRow,
  type ProcessingReport,
} from 'src/modules/reports/processing/processing-report.service';
import { AGGREGATE_SQL, FACTS_SQL } from 'src/modules/reports/processing/processing-report.sql';
import { ProcessingRollupService } from 'src/modules/reports/rollups/processing-rollup.service';
import { ROLLUP_COUNTS } from 'src/modules/reports/rollups/processing-rollup.sql';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { openIsolatedTestDataSource, testConfig } from 'test/utils/test-app';

const TODAY = '2026-03-01';
const DECIDED = ['APPROVED', 'REJECTED', 'RESULT_READY', 'RESULT_RETURNED'];
const OPEN = ['RECEIVED', 'IN_PROCESSING', 'WAITING_SUPPLEMENT', 'WAITING_FINANCIAL_OBLIGATION'];
const STATES = [...DECIDED, ...OPEN, 'WITHDRAWN', 'RETURNED_NOT_ELIGIBLE'];

const day = (offset: number): string => new Date(Date.UTC(2025, 0, 1 + offset)).toISOString().slice(0, 10);

interface DossierSpec {
  unit: number;
  version: number;
  level: 'COMMUNE' | 'PROVINCE';
  channel: 'DIRECT' | 'ONLINE' | 'POSTAL';
  state: string;
  received: number;
  budget: number;
  endAfter: number;
  decisionDateKnown: boolean;
  supplements: number;
  apology: boolean;
}

const dossierSpec = fc.record({
  unit: fc.integer({ min: 0, max: 2 }),
  version: fc.integer({ min: 0, max: 1 }),
  level: fc.constantFrom('COMMUNE' as const, 'PROVINCE' as const),
  channel: fc.constantFrom('DIRECT' as const, 'ONLINE' as const, 'POSTAL' as const),
  state: fc.constantFrom(...STATES),
  received: fc.integer({ min: 0, max: 420 }),
  budget: fc.integer({ min: 0, max: 30 }),
  endAfter: fc.integer({ min: 0, max: 60 }),
  decisionDateKnown: fc.boolean(),
  supplements: fc.integer({ min: 0, max: 2 }),
  apology: fc.boolean(),
});

const change = fc.oneof(
  fc.record({ kind: fc.constant('update' as const), at: fc.nat(), to: dossierSpec }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), to: dossierSpec }),
);

describe('Form II.06a rollups', () => {
  let iso: { ds: DataSource; drop(): Promise<void> };
  let ds: DataSource;
  let pool: ReportPool;
  let rollups: ProcessingRollupService;
  let reports: ProcessingReportService;
  const units: string[] = [];
  const agencies: string[] = [];
  const versions: Array<{ id: string; code: string }> = [];
  let seq = 0;

  beforeAll(async () => {
    iso = await openIsolatedTestDataSource();
    ds = iso.ds;
    const config = testConfig({ REPORT_ROLLUP_HISTORY_YEARS: '1' });
    pool = new ReportPool(ds, config);
    rollups = new ProcessingRollupService(ds, pool, config);
    reports = new ProcessingReportService(pool, new AccessScopeService(ds), rollups);
    const [province] = await ds.query<Array<{ id: string }>>(
      `insert into admin_units (era, code, level, name, short_name, unit_type, valid_from)
       values ('POST_2025', '97', 'PROVINCE', 'Tỉnh Thử', 'Thử', 'tỉnh', '2025-07-01') returning id`,
    );
    units.push(province.id);
    for (const code of ['99001', '99002']) {
      const [u] = await ds.query<Array<{ id: string }>>(
        `insert into admin_units (era, code, level, name, short_name, unit_type, parent_id, valid_from)
         values ('POST_2025', $1, 'COMMUNE', $2, $2, 'xã', $3, '2025-07-01') returning id`,
        [code, `Xã ${code}`, province.id],
      );
      units.push(u.id);
    }
    for (const [i, unit] of units.entries()) {
      const [a] = await ds.query<Array<{ id: string }>>(
        `insert into agencies (code, name, kind, unit_id) values ($1, $2, 'OTHER', $3) returning id`,
        [`RT.${i}`, `Cơ quan ${i}`, unit],
      );
      agencies.push(a.id);
    }
    const [decision] = await ds.query<Array<{ id: string }>>(
      `insert into procedure_decisions (number, effective_from, status, applied_at)
       values ('1/QĐ-RT', '2024-01-01', 'APPLIED', now()) returning id`,
    );
    for (const [i, field] of ['NGUOI_CO_CONG', 'BAO_TRO_XA_HOI'].entries()) {
      const code = `RT-P${i}`;
      const [p] = await ds.query<Array<{ id: string }>>(
        `insert into procedures (code) values ($1) returning id`,
        [code],
      );
      const [v] = await ds.query<Array<{ id: string }>>(
        `insert into procedure_versions (procedure_id, version_no, decision_id, change_kind, name, field_code)
         values ($1, 1, $2, 'NEW', $3, $4) returning id`,
        [p.id, decision.id, `Thủ tục ${code}`, field],
      );
      versions.push({ id: v.id, code });
    }
  });
  afterAll(async () => {
    await pool.onModuleDestroy();
    await iso.drop();
  });

  const values = (s: DossierSpec): unknown[] => {
    const received = day(s.received);
    const ended = day(s.received + s.endAfter);
    const decided = DECIDED.includes(s.state);
    const at = `${ended}T10:00:00+07:00`;
    return [
      versions[s.version].id,
      versions[s.version].code,
      s.channel,
      s.state,
      agencies[s.unit],
      units[s.unit],
      s.level,
      received,
      day(s.received + s.budget),
      decided && s.decisionDateKnown ? ended : null,
      decided || s.state === 'RETURNED_NOT_ELIGIBLE' ? at : null,
      s.state === 'WITHDRAWN' ? at : null,
      s.supplements,
      s.apology,
    ];
  };
  const insert = async (s: DossierSpec): Promise<void> => {
    seq++;
    await ds.query(
      `insert into dossiers (code, code_scheme, procedure_version_id, procedure_code, channel, state, agency_id, unit_id,
         handling_agency_id, handling_unit_id, handling_level, applicant_kind, applicant_name, received_by_kind,
         received_by_id, received_by_name, submitted_at, counting_start, due_date, original_due_date, decision_date,
         resolved_at, stopped_at, supplement_requests, appointment_moved)
       values ($15, 'CENTRALISED', $1, $2, $3, $4, $5, $6, $5, $6, $7, 'PERSON', 'Nguyễn Văn A', 'system', 'rt', 'rt',
         $8::date, $8, $9, $9, $10, $11, $12, $13, $14)`,
      [...values(s), `RT-${String(seq).padStart(10, '0')}`],
    );
  };
  const update = async (id: string, s: DossierSpec): Promise<void> => {
    await ds.query(
      `update dossiers set procedure_version_id = $1, procedure_code = $2, channel = $3, state = $4,
         handling_agency_id = $5, handling_unit_id = $6, handling_level = $7, counting_start = $8::date, submitted_at = $8::date,
         due_date = $9, original_due_date = $9, decision_date = $10, resolved_at = $11, stopped_at = $12,
         supplement_requests = $13, appointment_moved = $14, updated_at = now()
       where id = $15`,
      [...values(s), id],
    );
  };

  const live = async (from: string, to: string): Promise<CountRow[]> =>
    pool.query<CountRow>(
      `select * from (${AGGREGATE_SQL(FACTS_SQL)}) a order by is_total, field_code, level`,
      [from, to, null],
    );
  /** The rollup table alone (no live correction): what the last refresh stored. */
  const stored = async (kind: string, from: string): Promise<CountRow[]> =>
    pool.query<CountRow>(
      `select pv.field_code, r.handling_level as level, grouping(pv.field_code, r.handling_level) = 3 as is_total,
              ${ROLLUP_COUNTS.map((c) => `coalesce(sum(r.${c}), 0)::int as ${c}`).join(', ')}
       from dossier_processing_rollups r join procedure_versions pv on pv.id = r.procedure_version_id
       where r.kind = $1 and r.period_from = $2
       group by grouping sets ((pv.field_code, r.handling_level), ()) order by is_total, field_code, level`,
      [kind, from],
    );
  const periods = async (): Promise<Array<{ kind: string; from: string; to: string }>> =>
    ds.query(
      `select kind, period_from::text as "from", period_to::text as "to" from report_rollup_periods order by 1, 2`,
    );
  const asSystem = <T>(fn: () => Promise<T>): Promise<T> =>
    RequestContext.run({ requestId: randomUUID(), actor: SYSTEM_ACTOR }, fn);
  const figures = (r: ProcessingReport) => ({ lines: r.lines, total: r.total });
  const reset = async (): Promise<void> => {
    await ds.query(`delete from dossiers`);
    await ds.query(`delete from report_rollup_periods`);
    await ds.query(`delete from report_rollup_dirty`);
  };

  it('after a refresh the stored rollups equal the live SQL for every period, whatever the dossiers and their changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(dossierSpec, { maxLength: 25 }),
        fc.array(change, { maxLength: 10 }),
        async (initial, changes) => {
          await reset();
          for (const s of initial) await insert(s);
          await rollups.refresh({ today: TODAY });
          const ids = (await ds.query<Array<{ id: string }>>(`select id from dossiers order by code`)).map(
            (r) => r.id,
          );
          for (const c of changes) {
            if (c.kind === 'insert') await insert(c.to);
            else if (ids.length > 0) {
              const [id] = ids.splice(c.at % ids.length, 1);
              if (c.kind === 'delete') await ds.query(`delete from dossiers where id = $1`, [id]);
              else {
                await update(id, c.to);
                ids.push(id);
              }
            }
          }
          const all = await periods();
          // Before the refresh: pending changes are counted live, so the answer is already exact.
          for (const p of all) {
            const rows = await rollups.read<CountRow>(p, null);
            expect(
              rows?.rows.map(({ field_name: _, ...r }: CountRow & { field_name?: unknown }) => r),
            ).toEqual(await live(p.from, p.to));
          }
          const result = await rollups.refresh({ today: TODAY });
          expect(result.ran).toBe(true);
          expect(await ds.query(`select 1 from report_rollup_dirty`)).toEqual([]);
          for (const p of all) expect(await stored(p.kind, p.from)).toEqual(await live(p.from, p.to));
        },
      ),
      { numRuns: 10 },
    );
  }, 120_000);

  it('a dossier change is in the stored rollup after one refresh', async () => {
    await reset();
    await insert({
      unit: 1,
      version: 0,
      level: 'COMMUNE',
      channel: 'ONLINE',
      state: 'IN_PROCESSING',
      received: 400,
      budget: 10,
      endAfter: 0,
      decisionDateKnown: true,
      supplements: 0,
      apology: false,
    });
    await rollups.refresh({ today: TODAY });
    const q1 = { kind: 'QUARTER', from: '2025-12-15', to: '2026-03-14' };
    expect((await stored(q1.kind, q1.from)).at(-1)).toMatchObject({
      received: 1,
      in_progress: 1,
      resolved: 0,
    });
    await ds.query(`update dossiers set state = 'APPROVED', decision_date = '2026-02-06'`);
    expect((await stored(q1.kind, q1.from)).at(-1)).toMatchObject({ in_progress: 1 });
    const refresh = await rollups.refresh({ today: TODAY });
    expect(refresh.dirtySpans).toBe(1);
    expect((await stored(q1.kind, q1.from)).at(-1)).toMatchObject({
      received: 1,
      in_progress: 0,
      resolved: 1,
      resolved_early: 1,
    });
  });

  it('official periods read the rollups (saying so and how fresh), other ranges the base tables', async () => {
    await reset();
    await insert({
      unit: 2,
      version: 1,
      level: 'COMMUNE',
      channel: 'DIRECT',
      state: 'RECEIVED',
      received: 380,
      budget: 5,
      endAfter: 0,
      decisionDateKnown: true,
      supplements: 0,
      apology: false,
    });
    const before = await asSystem(() => reports.report({ kind: 'HALF_YEAR', year: 2026, index: 1 }));
    expect(before.source).toBe('LIVE');
    const refresh = await rollups.refresh({ today: TODAY });
    const half = await asSystem(() => reports.report({ kind: 'HALF_YEAR', year: 2026, index: 1 }));
    expect(half).toMatchObject({ source: 'ROLLUP', rollupRefreshedAt: refresh.refreshedAt });
    expect(figures(half)).toEqual(figures(before));
    expect(Date.parse(half.asOf)).toBeGreaterThanOrEqual(Date.parse(refresh.refreshedAt as string));
    const range = await asSystem(() => reports.report({ from: '2026-01-01', to: '2026-02-10' }));
    expect(range).toMatchObject({ source: 'LIVE', rollupRefreshedAt: null });
    expect(range.total.received).toBe(1);
    // Outside the horizon (one year back from TODAY): no rollup.
    const old = await asSystem(() => reports.report({ kind: 'QUARTER', year: 2024, index: 4 }));
    expect(old.source).toBe('LIVE');
  });

  it('a statement slower than the reports statement timeout becomes REPORT_TIMEOUT, not a 500', async () => {
    const strict = new ReportPool(ds, testConfig({ REPORTS_STATEMENT_TIMEOUT_MS: '1' }));
    try {
      await expect(strict.query('select pg_sleep(0.2)')).rejects.toMatchObject({ code: 'REPORT_TIMEOUT' });
    } finally {
      await strict.onModuleDestroy();
    }
  });
});
