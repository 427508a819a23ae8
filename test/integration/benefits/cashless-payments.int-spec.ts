import type { INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { BankFilesService } from 'src/modules/benefits/accounts/bank-files.service';
import type { PaymentAccountsService } from 'src/modules/benefits/accounts/payment-accounts.service';
import type { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import type { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import type { PaymentStatisticsService } from 'src/modules/benefits/statistics/payment-statistics.service';
import { asActor, SYSTEM } from 'test/integration/registry/registry-fixtures';
import {
  benefitsCommune,
  benefitsServices,
  dsApp,
  personWithSocialProtection,
  seedBenefitRules,
} from 'test/integration/benefits/benefits-fixtures';
import { openTestDataSource } from 'test/utils/test-app';

const ACC_1 = '0011223344556';
const ACC_2 = '9988776655';

describe('cashless payments: accounts, bank file round trip, reconciliation, coverage (PostgreSQL)', () => {
  let ds: DataSource;
  let app: INestApplication;
  let cycles: PaymentCyclesService;
  let entitlements: EntitlementsService;
  let accounts: PaymentAccountsService;
  let bankFiles: BankFilesService;
  let statistics: PaymentStatisticsService;
  let commune: string;
  const output: string[] = [];
  const writes: Array<jest.SpyInstance> = [];
  const run = <T>(fn: () => Promise<T>): Promise<T> => asActor(SYSTEM, fn);

  beforeAll(async () => {
    ds = await openTestDataSource();
    app = dsApp(ds);
    ({ cycles, entitlements, accounts, bankFiles, statistics } = benefitsServices(ds));
    await seedBenefitRules(app);
    ({ commune } = await benefitsCommune(app));
    for (const stream of [process.stdout, process.stderr])
      writes.push(
        jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
          output.push(String(chunk));
          return true;
        }),
      );
  });

  afterAll(async () => {
    for (const w of writes) w.mockRestore();
    await ds.destroy();
  });

  it('pays a cycle through a bank file and reconciles the result, failures queued and carried over once', async () => {
    const people: Array<{ personId: string; statusId: string }> = [];
    for (const fullName of ['Nguyễn Văn Một', 'Trần Thị Hai', 'Lê Văn Ba'])
      people.push(
        await personWithSocialProtection(app, {
          unitId: commune,
          fullName,
          groupCode: 'K5A_60_TO_80',
          validFrom: '2025-02-01',
        }),
      );
    for (const p of people) await run(() => entitlements.create(SYSTEM, p));

    await expect(
      run(() =>
        accounts.register(SYSTEM, {
          personId: people[0].personId,
          method: 'BANK',
          bankCode: 'VCB',
          accountNumber: ACC_1,
          holderName: 'NGUYEN VAN HAI',
        }),
      ),
    ).rejects.toMatchObject({ code: 'BENEFIT_ACCOUNT_HOLDER_MISMATCH' });
    const a1 = await run(() =>
      accounts.register(SYSTEM, {
        personId: people[0].personId,
        method: 'BANK',
        bankCode: 'VCB',
        accountNumber: ACC_1,
        holderName: 'NGUYEN VAN MOT',
      }),
    );
    const a2 = await run(() =>
      accounts.register(SYSTEM, {
        personId: people[1].personId,
        method: 'BANK',
        bankCode: 'BIDV',
        accountNumber: ACC_2,
        holderName: 'tran thi hai',
      }),
    );
    await run(() =>
      accounts.register(SYSTEM, {
        personId: people[2].personId,
        method: 'POST_OFFICE_CASH',
        postOffice: 'Bưu điện xã',
      }),
    );
    expect(a1).toMatchObject({
      accountNumberMasked: '••••••4556',
      holderNameMasked: 'NGUYEN V** M**',
      holderNameMatches: true,
    });
    const listed = await run(() => accounts.listForPerson(SYSTEM, people[0].personId));
    for (const response of [a1, a2, listed, await run(() => accounts.get(SYSTEM, a1.id))]) {
      expect(JSON.stringify(response)).not.toContain(ACC_1);
      expect(JSON.stringify(response)).not.toContain(ACC_2);
    }
    const [stored] = await ds.query<Array<{ blob: Buffer }>>(
      `select account_ciphertext as blob from benefit_payment_accounts where id = $1`,
      [a1.id],
    );
    expect(stored.blob.includes(Buffer.from(ACC_1))).toBe(false);

    const revealed = await run(() => accounts.reveal(SYSTEM, a1.id));
    expect(revealed).toMatchObject({ accountNumber: ACC_1, holderName: 'NGUYEN VAN MOT' });
    const [viewed] = await ds.query<Array<{ n: number }>>(
      `select count(*)::int as n from audit_events where action = 'VIEW_PERSONAL_DATA' and entity_id = $1`,
      [a1.id],
    );
    expect(viewed.n).toBe(1);

    const { cycle } = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2025-02-01' }));
    await run(() =>
      cycles.approve(SYSTEM, cycle.id, { expectedTotalAmount: 2_250_000, expectedLineCount: 3 }),
    );
    const lines = await run(() => cycles.lines(SYSTEM, cycle.id, { limit: 10 }));
    const lineOf = (personId: string) => lines.find((l) => l.personId === personId)!;

    const csv = await run(() => bankFiles.export(SYSTEM, cycle.id, 'CSV'));
    const records = parse<Record<string, string>>(csv.body.toString('utf8'), { columns: true });
    expect(Object.keys(records[0])).toEqual([
      'instruction_id',
      'bank_code',
      'account_number',
      'account_name',
      'amount',
      'currency',
      'description',
      'reference',
    ]);
    expect(records.map((r) => [r.bank_code, r.account_number, r.account_name, r.amount]).sort()).toEqual([
      ['BIDV', ACC_2, 'TRAN THI HAI', '750000'],
      ['VCB', ACC_1, 'NGUYEN VAN MOT', '750000'],
    ]);
    expect(records.map((r) => r.instruction_id).sort()).toEqual(
      [lineOf(people[0].personId).instructionId, lineOf(people[1].personId).instructionId].sort(),
    );
    expect(records[0].description).toMatch(/^AN SINH TRO CAP T02\/2025 AS[0-9A-F]{22}$/);
    expect(csv).toMatchObject({ lineCount: 2, totalAmount: 1_500_000 });

    const xlsx = await run(() => bankFiles.export(SYSTEM, cycle.id, 'XLSX'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const xlsxRows = [2, 3].map((i) => sheet.getRow(i).values as unknown[]);
    expect(xlsxRows.map((v) => v[3]).sort()).toEqual([ACC_1, ACC_2].sort());
    expect(xlsxRows.map((v) => v[5])).toEqual([750_000, 750_000]);
    expect(xlsxRows.map((v) => v[1]).sort()).toEqual(records.map((r) => r.instruction_id).sort());

    const id1 = lineOf(people[0].personId).instructionId;
    const id2 = lineOf(people[1].personId).instructionId;
    const id3 = lineOf(people[2].personId).instructionId;
    const result = `instruction_id,status,amount,reason,bank_reference\n${id1},PAID,750000,,FT001\n${id2},FAILED,750000,Tai khoan da dong,\n`;
    const applied = await run(() => bankFiles.reconcile(SYSTEM, cycle.id, result));
    expect(applied).toMatchObject({ paid: 1, failed: 1, alreadyApplied: false, cycleState: 'APPROVED' });
    expect(await run(() => bankFiles.reconcile(SYSTEM, cycle.id, result))).toMatchObject({
      alreadyApplied: true,
      paid: 1,
    });
    await expect(
      run(() =>
        bankFiles.reconcile(SYSTEM, cycle.id, `instruction_id,status\nAS0000000000000000000000,PAID\n`),
      ),
    ).rejects.toMatchObject({
      code: 'BENEFIT_RESULT_FILE_INVALID',
    });

    expect(
      await run(() =>
        statistics.paidThroughAccounts(SYSTEM, { from: '2025-02-01', to: '2025-02-01', unitId: commune }),
      ),
    ).toMatchObject({
      people: 1,
      amount: 750_000,
    });

    // The post office reports the cash line not collected; the bank later reverses the first transfer.
    const cash = await run(() =>
      bankFiles.reconcile(
        SYSTEM,
        cycle.id,
        `instruction_id,status,reason\n${id3},UNCOLLECTED,Vang mat tai dia phuong\n`,
      ),
    );
    expect(cash).toMatchObject({ uncollected: 1, cycleState: 'PARTIALLY_PAID' });
    await run(() =>
      bankFiles.reconcile(
        SYSTEM,
        cycle.id,
        `instruction_id,status,reason\n${id1},REVERSED,Hoan tra do sai ten\n`,
      ),
    );
    const queue = await run(() =>
      bankFiles.exceptions(SYSTEM, { unitId: commune, state: 'OPEN', limit: 10 }),
    );
    expect(queue.map((q) => [q.kind, q.reason, q.amount]).sort()).toEqual([
      ['FAILED', 'Tai khoan da dong', 750_000],
      ['REVERSED', 'Hoan tra do sai ten', 750_000],
      ['UNCOLLECTED', 'Vang mat tai dia phuong', 750_000],
    ]);

    // March carries the three unpaid amounts over, once, next to the regular lines.
    const march = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2025-03-01' }));
    const marchLines = await run(() => cycles.lines(SYSTEM, march.cycle.id, { limit: 20 }));
    expect(marchLines.filter((l) => l.kind === 'CARRY_OVER')).toHaveLength(3);
    expect(marchLines.filter((l) => l.kind === 'REGULAR')).toHaveLength(3);
    expect(
      marchLines.find((l) => l.kind === 'CARRY_OVER' && l.personId === people[1].personId)?.explanation,
    ).toContain('Tai khoan da dong');
    await run(() =>
      cycles.approve(SYSTEM, march.cycle.id, { expectedTotalAmount: 4_500_000, expectedLineCount: 6 }),
    );
    expect(
      await run(() => bankFiles.exceptions(SYSTEM, { unitId: commune, state: 'OPEN', limit: 10 })),
    ).toHaveLength(0);
    const april = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2025-04-01' }));
    expect(april.cycle.carryOverAmount).toBe(0);

    const coverage = await run(() => statistics.coverage(SYSTEM, { date: '2025-02-15', unitId: commune }));
    expect(coverage.rows).toEqual([
      {
        unitId: commune,
        group: 'SOCIAL_PROTECTION',
        eligible: 3,
        withAccount: 2,
        shareBasisPoints: 6667,
        sharePercent: '66.67',
      },
    ]);
    expect(coverage.total).toMatchObject({ eligible: 3, withAccount: 2 });

    const logged = output.join('');
    expect(logged).toContain('reconciled');
    expect(logged).not.toContain(ACC_1);
    expect(logged).not.toContain(ACC_2);
  });

  it('three months not collected in a row suspend the allowance', async () => {
    const p = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Đỗ Văn Vắng',
      groupCode: 'K5C_80_PLUS',
      validFrom: '2025-05-01',
    });
    const ent = await run(() => entitlements.create(SYSTEM, p));
    const { commune: own } = await benefitsCommune(app);
    await ds.query(`update benefit_entitlements set unit_id = $2 where id = $1`, [ent.id, own]);
    for (const period of ['2025-05-01', '2025-06-01', '2025-07-01']) {
      const { cycle } = await run(() => cycles.compute(SYSTEM, { unitId: own, period }));
      await run(() =>
        cycles.approve(SYSTEM, cycle.id, {
          expectedTotalAmount: cycle.totalAmount,
          expectedLineCount: cycle.lineCount,
        }),
      );
      const regular = (await run(() => cycles.lines(SYSTEM, cycle.id, { kind: 'REGULAR', limit: 5 })))[0];
      const r = await run(() =>
        bankFiles.reconcile(
          SYSTEM,
          cycle.id,
          `instruction_id,status,reason\n${regular.instructionId},UNCOLLECTED,Khong den nhan\n`,
        ),
      );
      expect(r.suspendedEntitlements).toBe(period === '2025-07-01' ? 1 : 0);
    }
    expect(await run(() => entitlements.getForActor(SYSTEM, ent.id))).toMatchObject({
      state: 'SUSPENDED',
      suspendedFrom: '2025-08-01',
    });
    const august = await run(() => cycles.compute(SYSTEM, { unitId: own, period: '2025-08-01' }));
    // Suspended: no regular line for August; July's uncollected amount is still carried over (the earlier ones were
    // carried in June and July).
    const august_ = await run(() => cycles.lines(SYSTEM, august.cycle.id, { limit: 10 }));
    expect(august_.map((l) => [l.kind, l.forMonth])).toEqual([['CARRY_OVER', '2025-07-01']]);
  });
});
