import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PaymentCyclesService } from 'src/modules/benefits/cycles/payment-cycles.service';
import { EntitlementsService } from 'src/modules/benefits/entitlements/entitlements.service';
import { asActor, SYSTEM } from 'test/integration/registry/registry-fixtures';
import {
  benefitsCommune,
  benefitsServices,
  dsApp,
  personWithSocialProtection,
  seedBenefitRules,
} from 'test/integration/benefits/benefits-fixtures';
import { openTestDataSource } from 'test/utils/test-app';

describe('payment cycles: frozen snapshots, arrears and recoveries (PostgreSQL)', () => {
  let app: INestApplication;
  let ds: DataSource;
  let cycles: PaymentCyclesService;
  let entitlements: EntitlementsService;
  let commune: string;
  const run = <T>(fn: () => Promise<T>): Promise<T> => asActor(SYSTEM, fn);

  const computeAndApprove = async (period: string) => {
    const { cycle } = await run(() => cycles.compute(SYSTEM, { unitId: commune, period }));
    return run(() =>
      cycles.approve(SYSTEM, cycle.id, {
        expectedTotalAmount: cycle.totalAmount,
        expectedLineCount: cycle.lineCount,
      }),
    );
  };
  const linesOf = async (cycleId: string) => run(() => cycles.lines(SYSTEM, cycleId, { limit: 500 }));

  beforeAll(async () => {
    ds = await openTestDataSource();
    app = dsApp(ds);
    ({ cycles, entitlements } = benefitsServices(ds));
    await seedBenefitRules(app);
    ({ commune } = await benefitsCommune(app));
  });

  // The arrears test removes the 500,000 version for a while; every test starts from the seeded rules.
  beforeEach(() => seedBenefitRules(app));

  afterAll(async () => {
    await seedBenefitRules(app);
    await ds.destroy();
  });

  it('the July 2024 base change entered in September pays July and August arrears exactly once', async () => {
    // Until September the department only knows the 360,000 base: July and August were paid at 360,000 × 1.5.
    await ds.query(
      `delete from benefit_base_levels where scheme = 'SOCIAL_ASSISTANCE' and scope = 'NATIONAL' and effective_from = '2024-07-01'`,
    );
    const { personId, statusId } = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Nguyễn Thị Truy Lĩnh',
      groupCode: 'K5A_60_TO_80',
      validFrom: '2024-06-01',
    });
    const ent = await run(() => entitlements.create(SYSTEM, { personId, statusId }));
    expect(ent).toMatchObject({
      scheme: 'SOCIAL_ASSISTANCE',
      ruleKey: 'K5A_60_TO_80',
      startDate: '2024-06-01',
    });

    for (const month of ['2024-06-01', '2024-07-01', '2024-08-01']) {
      const approved = await computeAndApprove(month);
      expect(approved).toMatchObject({ state: 'APPROVED', lineCount: 1, totalAmount: 540_000 });
    }

    // September: Decree 76/2024 (500,000 from 1 July 2024) is entered.
    await seedBenefitRules(app);
    const first = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2024-09-01' }));
    const again = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2024-09-01' }));
    expect(again.cycle.id).toBe(first.cycle.id);
    const lines = await linesOf(again.cycle.id);
    expect(lines.map((l) => [l.kind, l.forMonth, l.amount])).toEqual([
      ['ARREAR', '2024-07-01', 210_000],
      ['ARREAR', '2024-08-01', 210_000],
      ['REGULAR', '2024-09-01', 750_000],
    ]);
    expect(again.cycle).toMatchObject({
      lineCount: 3,
      totalAmount: 1_170_000,
      regularAmount: 750_000,
      arrearAmount: 420_000,
    });
    expect(lines[0].explanation).toBe(
      'Truy lĩnh tháng 07/2024: phải hưởng 750000 VND (500000 × 1.5, mức chuẩn từ 01/07/2024), đã chi 540000 VND, chênh lệch 210000 VND',
    );
    expect(lines[0].legalBasis).toContain('Nghị định 76/2024/NĐ-CP');
    expect(lines[2].explanation).toBe('500000 × 1.5 = 750000 VND (K5A_60_TO_80, tháng 09/2024)');
    const firstIds = (await linesOf(first.cycle.id)).map((l) => l.instructionId);
    expect(lines.map((l) => l.instructionId)).toEqual(firstIds);

    await expect(
      run(() =>
        cycles.approve(SYSTEM, again.cycle.id, { expectedTotalAmount: 1_169_000, expectedLineCount: 3 }),
      ),
    ).rejects.toMatchObject({ code: 'BENEFIT_CYCLE_TOTALS_MISMATCH' });
    await run(() =>
      cycles.approve(SYSTEM, again.cycle.id, { expectedTotalAmount: 1_170_000, expectedLineCount: 3 }),
    );

    const october = await computeAndApprove('2024-10-01');
    expect((await linesOf(october.id)).map((l) => [l.kind, l.amount])).toEqual([['REGULAR', 750_000]]);

    // An approved cycle is frozen: neither its lines nor a recomputation can change it.
    await expect(
      ds.query(`update benefit_payment_lines set amount = 1 where cycle_id = $1`, [october.id]),
    ).rejects.toThrow('frozen');
    await expect(
      run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2024-10-01' })),
    ).rejects.toMatchObject({
      code: 'BENEFIT_CYCLE_NOT_DRAFT',
    });
    await ds.query(`update registry_people set full_name = 'Tên Đã Sửa' where id = $1`, [personId]);
    expect((await linesOf(october.id))[0].personName).toBe('Nguyễn Thị Truy Lĩnh');

    // A death in September found in November: October is recovered (truy thu), once.
    const ended = await run(() => entitlements.endForDeath(SYSTEM, personId, '2024-09-15'));
    expect(ended).toEqual([expect.objectContaining({ id: ent.id, state: 'ENDED', endDate: '2024-10-01' })]);
    const november = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2024-11-01' }));
    const nov = await linesOf(november.cycle.id);
    expect(nov.map((l) => [l.kind, l.forMonth, l.amount, l.paymentStatus])).toEqual([
      ['RECOVERY', '2024-10-01', -750_000, 'RECOVERY_DUE'],
    ]);
    expect(nov[0].explanation).toContain('Truy thu tháng 10/2024');
    expect(november.cycle).toMatchObject({ totalAmount: 0, recoveryAmount: 750_000 });
  });

  it('a person entitled under two groups is paid only the higher; a poor single parent who is disabled gets both', async () => {
    const a = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Trần Văn Cao Nhất',
      groupCode: 'K5C_80_PLUS',
      validFrom: '2024-12-01',
    });
    await run(() => entitlements.create(SYSTEM, { ...a }));
    await run(() => entitlements.create(SYSTEM, { ...a, ruleKey: 'K6_SEVERE_CHILD_OR_ELDERLY' }));
    const b = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Lê Thị Đơn Thân',
      groupCode: 'K4_SINGLE_PARENT',
      validFrom: '2024-12-01',
    });
    await run(() => entitlements.create(SYSTEM, { ...b, children: 2 }));
    await run(() => entitlements.create(SYSTEM, { ...b, ruleKey: 'K6_SEVERE' }));
    const dec = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2024-12-01' }));
    const lines = await linesOf(dec.cycle.id);
    const of = (personId: string) =>
      lines
        .filter((l) => l.personId === personId)
        .map((l) => [l.ruleKey, l.amount])
        .sort();
    expect(of(a.personId)).toEqual([['K6_SEVERE_CHILD_OR_ELDERLY', 1_000_000]]);
    expect(of(b.personId)).toEqual([
      ['K4_SINGLE_PARENT', 1_000_000],
      ['K6_SEVERE', 750_000],
    ]);
  });

  it('a death recorded in the registry ends the entitlement and the next cycle recovers the months paid after it', async () => {
    const p = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Vũ Văn Khai Tử',
      groupCode: 'K5A_80_PLUS',
      validFrom: '2025-03-01',
    });
    const ent = await run(() => entitlements.create(SYSTEM, p));
    const { commune: own } = await benefitsCommune(app);
    await ds.query(`update benefit_entitlements set unit_id = $2 where id = $1`, [ent.id, own]);
    for (const period of ['2025-03-01', '2025-04-01', '2025-05-01']) {
      const { cycle } = await run(() => cycles.compute(SYSTEM, { unitId: own, period }));
      await run(() =>
        cycles.approve(SYSTEM, cycle.id, { expectedTotalAmount: 1_000_000, expectedLineCount: 1 }),
      );
    }
    await ds.query(
      `update registry_people set vital_status = 'DECEASED', death_date = '2025-03-20' where id = $1`,
      [p.personId],
    );
    const june = await run(() => cycles.compute(SYSTEM, { unitId: own, period: '2025-06-01' }));
    const lines = await linesOf(june.cycle.id);
    expect(lines.map((l) => [l.kind, l.forMonth, l.amount])).toEqual([
      ['RECOVERY', '2025-04-01', -1_000_000],
      ['RECOVERY', '2025-05-01', -1_000_000],
    ]);
    expect(await run(() => entitlements.getForActor(SYSTEM, ent.id))).toMatchObject({
      state: 'ENDED',
      endDate: '2025-04-01',
    });
  });

  it('funeral support is a one-off of 20 × base paid once by the next cycle', async () => {
    const p = await personWithSocialProtection(app, {
      unitId: commune,
      fullName: 'Phạm Văn Mai Táng',
      groupCode: 'K5C_80_PLUS',
      validFrom: '2025-01-01',
    });
    const grant = await run(() =>
      entitlements.grantFuneralSupport(SYSTEM, {
        personId: p.personId,
        scheme: 'SOCIAL_ASSISTANCE',
        deathDate: '2025-01-20',
        unitId: commune,
        payeeName: 'Phạm Thị Con',
      }),
    );
    expect(grant.amount).toBe(10_000_000);
    await expect(
      run(() =>
        entitlements.grantFuneralSupport(SYSTEM, {
          personId: p.personId,
          scheme: 'SOCIAL_ASSISTANCE',
          deathDate: '2025-01-20',
          unitId: commune,
          payeeName: 'x',
        }),
      ),
    ).rejects.toMatchObject({ code: 'BENEFIT_ONE_OFF_EXISTS' });
    const jan = await run(() => cycles.compute(SYSTEM, { unitId: commune, period: '2025-01-01' }));
    const oneOffs = (await linesOf(jan.cycle.id)).filter((l) => l.kind === 'ONE_OFF');
    expect(oneOffs.map((l) => [l.personName, l.amount])).toEqual([['Phạm Thị Con', 10_000_000]]);
  });
});
