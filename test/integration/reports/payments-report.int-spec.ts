import type { INestApplication } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';
import { AdminUnitsService } from 'src/modules/organisation/units/admin-units.service';
import { paidFigures, type PaidLine } from 'src/modules/reports/payments/paid-figures';
import {
  AccountCoverageProducer,
  PaidThroughAccountsProducer,
} from 'src/modules/reports/payments/payments-report.producer';
import { PaymentsReportService } from 'src/modules/reports/payments/payments-report.service';
import { ReportUnitsService } from 'src/modules/reports/registries/report-units.service';
import { ScheduledReportProducers } from 'src/modules/reports/scheduled/scheduled-report-producer';
import { ReportPool } from 'src/modules/reports/rollups/report-pool.service';
import { benefitsServices, dsApp, personWithSocialProtection, seedBenefitRules } from 'test/integration/benefits/benefits-fixtures';
import { asActor, SYSTEM, uniqueCode } from 'test/integration/registry/registry-fixtures';
import { reportUnits, type ReportUnits } from 'test/integration/reports/report-fixtures';
import { openTestDataSource, testConfig } from 'test/utils/test-app';

const run = <T>(fn: () => Promise<T>): Promise<T> => asActor(SYSTEM, fn);

describe('cashless-payment reports on PostgreSQL: accounts over eligible, paid through accounts', () => {
  let ds: DataSource;
  let app: INestApplication;
  let statistics: PaymentStatisticsService;
  let reports: PaymentsReportService;
  let pool: ReportPool;
  let u: ReportUnits;
  const p: Record<string, string> = {};
  let cycleLines: PaidLine[] = [];

  const insertPerson = async (name: string, unitId: string): Promise<string> => {
    const [row] = await ds.query<Array<{ id: string }>>(
      `insert into registry_people (full_name, birth_year, gender, residence_unit_id, source, created_by, cccd)
       values ($1, 1960, 'MALE', $2, 'MANUAL', 'test', $3) returning id`,
      [name, unitId, `0010600${String(randomInt(100_000)).padStart(5, '0')}`],
    );
    return row.id;
  };

  beforeAll(async () => {
    ds = await openTestDataSource();
    app = dsApp(ds);
    const services = benefitsServices(ds);
    statistics = services.statistics;
    pool = new ReportPool(ds, testConfig());
    reports = new PaymentsReportService(pool, new ReportUnitsService(new AdminUnitsService(ds), services.scope));
    await seedBenefitRules(app);
    u = await reportUnits(app, '99');

    // Two social-protection subjects in old commune A (merged into C): one paid by bank transfer in February 2025.
    for (const key of ['P1', 'P2']) {
      const s = await personWithSocialProtection(app, {
        unitId: u.a,
        fullName: key === 'P1' ? 'Nguyễn Văn Một' : 'Trần Văn Hai',
        groupCode: 'K5A_60_TO_80',
        validFrom: '2025-02-01',
      });
      p[key] = s.personId;
      await run(() => services.entitlements.create(SYSTEM, s));
    }
    await run(() =>
      services.accounts.register(SYSTEM, {
        personId: p.P1,
        method: 'BANK',
        bankCode: 'VCB',
        accountNumber: '0011223344556',
        holderName: 'NGUYEN VAN MOT',
      }),
    );
    await run(() => services.accounts.register(SYSTEM, { personId: p.P2, method: 'POST_OFFICE_CASH', postOffice: 'Bưu điện xã' }));
    const { cycle } = await run(() => services.cycles.compute(SYSTEM, { unitId: u.a, period: '2025-02-01' }));
    await run(() =>
      services.cycles.approve(SYSTEM, cycle.id, { expectedTotalAmount: cycle.totalAmount, expectedLineCount: cycle.lineCount }),
    );
    const lines = await run(() => services.cycles.lines(SYSTEM, cycle.id, { limit: 10 }));
    const paid = lines.find((l) => l.personId === p.P1)!;
    cycleLines = [{ personId: paid.personId, amount: paid.amount, cycleMonth: '2025-02-01' }];
    expect(lines.filter((l) => l.paymentMethod === 'BANK')).toHaveLength(1);
    await run(() => services.bankFiles.export(SYSTEM, cycle.id, 'CSV'));
    await run(() =>
      services.bankFiles.reconcile(SYSTEM, cycle.id, `instruction_id,status,amount,reason,bank_reference\n${paid.instructionId},PAID,${paid.amount},,FT1\n`),
    );

    // A near-poor household in new commune C: Q1 (bank account, also a war invalid) and Q2 (no account).
    p.Q1 = await insertPerson('Lê Văn Ba', u.c);
    p.Q2 = await insertPerson('Lê Văn Bốn', u.c);
    const [h] = await ds.query<Array<{ id: string }>>(
      `insert into registry_households (code, residence_unit_id, source, created_by) values ($1, $2, 'MANUAL', 'test') returning id`,
      [uniqueCode('RPTPAY'), u.c],
    );
    await ds.query(
      `insert into registry_household_members (household_id, person_id, relationship, valid_from, source, created_by)
       values ($1, $2, 'HEAD', '2020-01-01', 'MANUAL', 'test'), ($1, $3, 'CHILD', '2020-01-01', 'MANUAL', 'test')`,
      [h.id, p.Q1, p.Q2],
    );
    await ds.query(
      `insert into registry_poverty_statuses (household_id, classification, valid_from, decision_number, decision_date,
         decision_signer, source, created_by)
       values ($1, 'NEAR_POOR', '2024-01-01', 'QD-3', '2023-12-20', 'Chủ tịch UBND xã', 'MANUAL', 'test')`,
      [h.id],
    );
    await ds.query(
      `insert into registry_merit_profiles (person_id, category, injury_rate, valid_from, decision_number, decision_date,
         decision_signer, source, created_by)
       values ($1, 'WAR_INVALID', 41, '2020-01-01', 'QD-4', '2019-12-20', 'Chủ tịch UBND tỉnh', 'MANUAL', 'test')`,
      [p.Q1],
    );
    await run(() =>
      services.accounts.register(SYSTEM, {
        personId: p.Q1,
        method: 'BANK',
        bankCode: 'BIDV',
        accountNumber: '9988776655',
        holderName: 'LE VAN BA',
      }),
    );
  });
  afterAll(async () => {
    await pool.onModuleDestroy();
    await ds.destroy();
  });

  it('counts accounts over eligible per group and unit, the old commune folded into its successor; a person in two groups once in the total', async () => {
    const report = await run(() => reports.coverage({ date: '2025-10-01', unitCode: u.codes.c, unitEra: 'POST_2025' }));
    expect(report.lines.map((l) => [l.unitId, l.group, l.eligible, l.withAccount, l.sharePercent])).toEqual([
      [u.c, 'MERIT', 1, 1, '100.00'],
      [u.c, 'POOR_HOUSEHOLD', 2, 1, '50.00'],
      [u.c, 'SOCIAL_PROTECTION', 2, 1, '50.00'],
    ]);
    // The Nghệ An shape: the groups sum to more people than the total (5 > 4) because Q1 is in two groups.
    expect(report.groups.reduce((n, g) => n + g.eligible, 0)).toBe(5);
    expect(report.total).toEqual({ eligible: 4, withAccount: 2, shareBasisPoints: 5000, sharePercent: '50.00' });
    expect(report.unitTotals.map((t) => [t.unitId, t.eligible, t.withAccount])).toEqual([[u.c, 4, 2]]);
    for (const l of report.lines) expect(l.withAccount).toBeLessThanOrEqual(l.eligible);
  });

  it('agrees with the benefits module (PaymentStatisticsService.coverage) group by group', async () => {
    const theirs = await run(() => statistics.coverage(SYSTEM, { date: '2025-10-01' }));
    const ours = await run(() => reports.coverage({ date: '2025-10-01', unitCode: u.codes.c }));
    for (const g of ours.groups) {
      const rows = theirs.rows.filter((r) => [u.a, u.b, u.c].includes(r.unitId) && r.group === g.group);
      expect([g.eligible, g.withAccount]).toEqual([
        rows.reduce((n, r) => n + r.eligible, 0),
        rows.reduce((n, r) => n + r.withAccount, 0),
      ]);
    }
  });

  it('drills down to exactly the people behind a coverage figure, CCCD masked', async () => {
    const ask = (figure: 'eligible' | 'withAccount' | 'withoutAccount', group?: 'SOCIAL_PROTECTION') =>
      run(() => reports.coveragePeople({ date: '2025-10-01', figure, group, unitCode: u.codes.c, reportUnitId: u.c }, { limit: 500 }));
    expect((await ask('withoutAccount', 'SOCIAL_PROTECTION')).items.map((r) => r.personId)).toEqual([p.P2]);
    expect((await ask('withAccount')).items.map((r) => r.personId).sort()).toEqual([p.P1, p.Q1].sort());
    const all = await ask('eligible');
    expect(all.items.map((r) => r.personId).sort()).toEqual([p.P1, p.P2, p.Q1, p.Q2].sort());
    expect(all.items.find((r) => r.personId === p.Q1)?.cccdMasked).toMatch(/^0010\*{6}\d{2}$/);
    const first = await run(() =>
      reports.coveragePeople({ date: '2025-10-01', figure: 'eligible', unitCode: u.codes.c }, { limit: 3 }),
    );
    const rest = await run(() =>
      reports.coveragePeople({ date: '2025-10-01', figure: 'eligible', unitCode: u.codes.c }, { limit: 3, cursor: first.nextCursor! }),
    );
    expect([...first.items, ...rest.items]).toHaveLength(4);
    expect(rest.nextCursor).toBeNull();
  });

  it('counts people paid through accounts and amounts in a period, a February cycle of the old commune under its successor', async () => {
    const year = await run(() => reports.paidThroughAccounts({ period: { from: '2025-01-01', to: '2025-12-31' }, unitCode: u.codes.c }));
    expect(year.lines.map((l) => [l.unitId, l.people, l.amount, l.lines])).toEqual([[u.c, 1, 750_000, 1]]);
    expect(year.total).toEqual({ people: 1, amount: 750_000, lines: 1, cumulativePeople: 1, cumulativeAmount: 750_000 });
    // The same as the definition applied to the cycle's bank lines the benefits service lists (paid-figures.ts).
    expect(year.total).toEqual(paidFigures(cycleLines, { from: '2025-01-01', to: '2025-12-31' }));
    // The second official half of 2025 (15 June – 14 December) holds no February cycle; cumulative figures do.
    const h2 = await run(() => reports.paidThroughAccounts({ period: { from: '2025-06-15', to: '2025-12-14' }, unitCode: u.codes.c }));
    expect(h2.total).toMatchObject({ people: 0, amount: 0, cumulativePeople: 1, cumulativeAmount: 750_000 });
    const feb = await run(() =>
      reports.paidThroughAccounts({ period: { from: '2025-02-01', to: '2025-02-28' }, unitCode: u.codes.a, unitEra: 'PRE_2025' }),
    );
    const theirs = await run(() => statistics.paidThroughAccounts(SYSTEM, { from: '2025-02-01', to: '2025-02-28', unitId: u.a }));
    expect([feb.total.people, feb.total.amount]).toEqual([theirs.people, theirs.amount]);
    const people = await run(() =>
      reports.paidPeople({ period: { from: '2025-01-01', to: '2025-12-31' }, unitCode: u.codes.c, reportUnitId: u.c }, {}),
    );
    expect(people.items).toEqual([
      { personId: p.P1, fullName: 'Nguyễn Văn Một', lines: 1, amount: 750_000, unitId: u.c, unitCode: u.codes.c, unitName: 'Xã Mới C' },
    ]);
  });
  it('produces the scheduled files of a closed official month as the system (province-wide tables)', async () => {
    const producers = new ScheduledReportProducers();
    const paidProducer = new PaidThroughAccountsProducer(producers, reports);
    const coverageProducer = new AccountCoverageProducer(producers, reports);
    paidProducer.onModuleInit();
    coverageProducer.onModuleInit();
    expect(producers.all().map((x) => x.key)).toEqual(['paid-through-accounts', 'account-coverage']);
    const february = { kind: 'MONTH' as const, year: 2025, index: 2, from: '2025-01-15', to: '2025-02-14' };
    const paidFile = await run(() => paidProducer.table(february));
    expect(paidFile.rows).toContainEqual(expect.objectContaining({ unit: expect.stringContaining(u.codes.a), people: 1, amount: 750_000 }));
    const coverageFile = await run(() => coverageProducer.table({ ...february, index: 10, from: '2025-09-15', to: '2025-10-14' }));
    expect(coverageFile.rows).toContainEqual(
      expect.objectContaining({ unit: expect.stringContaining(u.codes.c), TOTAL_eligible: 4, TOTAL_withAccount: 2 }),
    );
  });
});
