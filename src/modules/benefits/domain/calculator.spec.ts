import fc from 'fast-check';
import {
  baseInForce,
  funeralSupport,
  meritAmount,
  meritRuleFor,
  onlyTheHighest,
  socialAssistanceAmount,
  type RuleSet,
} from 'src/modules/benefits/domain/calculator';
import { seedRuleSet } from 'src/modules/benefits/domain/seed-rule-set';
import { SOCIAL_ASSISTANCE_GROUPS } from 'src/modules/benefits/seed-data/social-assistance.seed-data';

const rules = seedRuleSet();

describe('social assistance: base × coefficient (Decree 20/2021 art. 6)', () => {
  it.each([
    ['K1_UNDER_4', '2021-07-01', 900_000],
    ['K1_UNDER_4', '2024-06-01', 900_000],
    ['K1_UNDER_4', '2024-07-01', 1_250_000],
    ['K1_4_TO_16', '2024-09-01', 750_000],
    ['K3_4_TO_16', '2024-09-01', 1_000_000],
    ['K5A_80_PLUS', '2024-07-01', 1_000_000],
    ['K5D_COMMUNITY_CARE', '2024-07-01', 1_500_000],
    ['K6_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', '2024-07-01', 1_250_000],
    ['K6_SEVERE', '2023-01-01', 540_000],
    ['K8_HIV_ADULT', '2026-07-01', 810_000],
  ])('%s in %s pays %i VND', (groupCode, month, expected) => {
    expect(socialAssistanceAmount(rules, { groupCode, month }).amount).toBe(expected);
  });

  it('a poor single parent receives 1.0 × base per child raised', () => {
    const r = socialAssistanceAmount(rules, {
      groupCode: 'K4_SINGLE_PARENT',
      month: '2024-08-01',
      children: 3,
    });
    expect(r.amount).toBe(1_500_000);
    expect(r.coefficientHundredths).toBe(300);
  });

  it('the explanation names the rate, coefficient, legal basis and the period of the rule', () => {
    const r = socialAssistanceAmount(rules, { groupCode: 'K5A_60_TO_80', month: '2024-07-15' });
    expect(r).toMatchObject({
      amount: 750_000,
      rate: 500_000,
      coefficientHundredths: 150,
      period: { month: '2024-07-01', ruleEffectiveFrom: '2024-07-01', ruleEffectiveTo: '2026-07-01' },
      unconfirmed: false,
    });
    expect(r.legalBasis).toContain('Nghị định 20/2021/NĐ-CP');
    expect(r.legalBasis).toContain('Nghị định 76/2024/NĐ-CP');
    expect(r.text).toBe(
      '500000 × 1.5 = 750000 VND (Người cao tuổi hộ nghèo không có người phụng dưỡng – 60 đến 80 tuổi; mức chuẩn quốc gia từ 2024-07-01)',
    );
  });

  it('the 540,000 base of July 2026 is applied but flagged unconfirmed', () => {
    const r = socialAssistanceAmount(rules, { groupCode: 'K1_UNDER_4', month: '2026-07-01' });
    expect(r.amount).toBe(1_350_000);
    expect(r.unconfirmed).toBe(true);
  });

  it('a province base (People\u2019s Council resolution) applies only while it is higher than the national one', () => {
    const withHanoi: RuleSet = {
      ...rules,
      bases: [
        ...rules.bases,
        {
          scheme: 'SOCIAL_ASSISTANCE',
          scope: 'PROVINCE',
          unitId: 'HN',
          amount: 650_000,
          effectiveFrom: '2025-01-01',
          legalBasis: 'NQ 63/2025/NQ-HĐND',
          unconfirmed: false,
        },
      ],
    };
    expect(
      socialAssistanceAmount(withHanoi, { groupCode: 'K6_SEVERE', month: '2025-03-01', provinceUnitId: 'HN' })
        .amount,
    ).toBe(975_000);
    expect(
      socialAssistanceAmount(withHanoi, {
        groupCode: 'K6_SEVERE',
        month: '2025-03-01',
        provinceUnitId: 'OTHER',
      }).amount,
    ).toBe(750_000);
    expect(
      socialAssistanceAmount(withHanoi, { groupCode: 'K6_SEVERE', month: '2024-12-01', provinceUnitId: 'HN' })
        .amount,
    ).toBe(750_000);
    expect(baseInForce(withHanoi, 'SOCIAL_ASSISTANCE', '2025-03-01', 'HN').effectiveTo).toBe('2026-07-01');
  });

  it('property: every amount is an integer and equals base × coefficient / 100 exactly for the seeded rules', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOCIAL_ASSISTANCE_GROUPS.map((g) => g.code)),
        fc.integer({ min: 2021 * 12 + 6, max: 2030 * 12 }),
        fc.integer({ min: 1, max: 6 }),
        (groupCode, index, children) => {
          const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
          const r = socialAssistanceAmount(rules, { groupCode, month, children });
          expect(Number.isSafeInteger(r.amount)).toBe(true);
          expect(r.amount * 100).toBe(r.rate * (r.coefficientHundredths as number));
        },
      ),
    );
  });

  it('property: a higher base never lowers an amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom(...SOCIAL_ASSISTANCE_GROUPS.map((g) => g.code)),
        (a, b, groupCode) => {
          const mk = (amount: number): RuleSet => ({
            ...rules,
            bases: [
              {
                scheme: 'SOCIAL_ASSISTANCE',
                scope: 'NATIONAL',
                unitId: null,
                amount,
                effectiveFrom: '2000-01-01',
                legalBasis: 'x',
                unconfirmed: false,
              },
            ],
          });
          const lo = Math.min(a, b);
          const hi = Math.max(a, b);
          expect(
            socialAssistanceAmount(mk(hi), { groupCode, month: '2024-01-01' }).amount,
          ).toBeGreaterThanOrEqual(socialAssistanceAmount(mk(lo), { groupCode, month: '2024-01-01' }).amount);
        },
      ),
    );
  });
});

describe('only the highest (Decree 20/2021 art. 6 k2) and its exception', () => {
  it('a person entitled under two groups receives only the higher amount', () => {
    const r = onlyTheHighest(rules.groups, [
      { entitlementId: 'a', groupCode: 'K5C_80_PLUS', amount: 500_000 },
      { entitlementId: 'b', groupCode: 'K6_SEVERE_CHILD_OR_ELDERLY', amount: 1_000_000 },
    ]);
    expect(r.paid).toEqual(['b']);
    expect(r.notPaid).toEqual([{ entitlementId: 'a', reason: expect.stringContaining('Điều 6 khoản 2') }]);
  });

  it('a poor single parent who is also disabled receives both amounts', () => {
    const r = onlyTheHighest(rules.groups, [
      { entitlementId: 'parent', groupCode: 'K4_SINGLE_PARENT', amount: 1_000_000 },
      { entitlementId: 'dis', groupCode: 'K6_SEVERE', amount: 750_000 },
      { entitlementId: 'old', groupCode: 'K5C_80_PLUS', amount: 500_000 },
    ]);
    expect(r.paid.sort()).toEqual(['dis', 'parent']);
    expect(r.notPaid.map((n) => n.entitlementId)).toEqual(['old']);
  });

  it('property: exactly one amount is paid unless the single-parent exception applies, and the highest is always paid', () => {
    const groupCodes = rules.groups.map((g) => g.code);
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            groupCode: fc.constantFrom(...groupCodes),
            amount: fc.integer({ min: 0, max: 5_000_000 }),
          }),
          {
            minLength: 1,
            maxLength: 5,
            selector: (c) => c.groupCode,
          },
        ),
        (list) => {
          const candidates = list.map((c, i) => ({ ...c, entitlementId: `e${i}` }));
          const r = onlyTheHighest(rules.groups, candidates);
          const hasParent = list.some((c) => c.groupCode === 'K4_SINGLE_PARENT');
          const hasPartner = list.some(
            (c) => rules.groups.find((g) => g.code === c.groupCode)?.exceptionRole === 'PARTNER',
          );
          expect(r.paid.length).toBe(hasParent && hasPartner ? 2 : 1);
          expect(r.paid.length + r.notPaid.length).toBe(list.length);
          const max = Math.max(...list.map((c) => c.amount));
          if (!(hasParent && hasPartner))
            expect(candidates.find((c) => c.entitlementId === r.paid[0])?.amount).toBe(max);
        },
      ),
    );
  });
});

describe('people with meritorious service: fixed appendix amounts per version', () => {
  it.each([
    [21, 1_878_000],
    [30, 2_683_000],
    [40, 3_576_000],
    [50, 4_469_000],
    [60, 5_364_000],
    [61, 5_450_000],
    [70, 6_257_000],
    [80, 7_150_000],
    [81, 7_240_000],
    [90, 8_050_000],
    [100, 8_941_000],
  ])(
    'a war invalid at %i%% receives %i VND at the 2,789,000 base (Decree 77/2024, DOMAIN.md)',
    (rate, amount) => {
      const r = meritAmount(rules, { table: 'APPENDIX_II', key: String(rate), month: '2024-07-01' });
      expect(r).toMatchObject({ amount, rate: 2_789_000, origin: 'SOURCED', unconfirmed: false });
    },
  );

  it.each([
    ['MARTYR_RELATIVE_1', 2_789_000],
    ['MARTYR_RELATIVE_2', 5_578_000],
    ['MARTYR_RELATIVE_3_OR_MORE', 8_367_000],
    ['HEROIC_MOTHER', 8_367_000],
  ])('%s receives %i VND at 2,789,000', (key, amount) => {
    expect(meritAmount(rules, { table: 'APPENDIX_I', key, month: '2025-01-01' }).amount).toBe(amount);
  });

  it.each([
    ['41-50', 2_911_000],
    ['51-60', 3_627_000],
    ['61-70', 4_622_000],
    ['71-80', 5_329_000],
    ['81-90', 6_378_000],
    ['91-100', 7_104_000],
  ])('a sick soldier in band %s receives %i VND at 2,789,000', (key, amount) => {
    expect(meritAmount(rules, { table: 'SICK_SOLDIER', key, month: '2024-07-01' }).amount).toBe(amount);
  });

  it('multiples of the base are exact at every version: relatives of 2 martyrs at 1,624,000 and 2,055,000', () => {
    expect(
      meritAmount(rules, { table: 'APPENDIX_I', key: 'MARTYR_RELATIVE_2', month: '2022-01-01' }).amount,
    ).toBe(3_248_000);
    expect(
      meritAmount(rules, { table: 'APPENDIX_I', key: 'MARTYR_RELATIVE_2', month: '2023-07-01' }).amount,
    ).toBe(4_110_000);
  });

  it('amounts between sourced points are interpolated, rounded to 1,000 VND and flagged unconfirmed', () => {
    const r = meritAmount(rules, { table: 'APPENDIX_II', key: '25', month: '2024-07-01' });
    // 1,878,000 + (2,683,000 − 1,878,000) × 4/9 = 2,235,777.8 → 2,236,000
    expect(r).toMatchObject({ amount: 2_236_000, origin: 'INTERPOLATED', unconfirmed: true });
  });

  it('other versions are recomputed from the 2,789,000 tables and rounded to the nearest 1,000 VND, flagged SCALED', () => {
    const r = meritAmount(rules, { table: 'APPENDIX_II', key: '100', month: '2026-08-01' });
    // 8,941,000 × 3,012,000 / 2,789,000 = 9,655,893.9 → 9,656,000
    expect(r).toMatchObject({ amount: 9_656_000, origin: 'SCALED', unconfirmed: true, rate: 3_012_000 });
  });

  it('the category → table mapping picks the injury % or the sick-soldier band', () => {
    expect(meritRuleFor('WAR_INVALID', 63)).toEqual({ table: 'APPENDIX_II', key: '63' });
    expect(meritRuleFor('WAR_INVALID_TYPE_B', 21)).toEqual({ table: 'APPENDIX_III', key: '21' });
    expect(meritRuleFor('SICK_SOLDIER', 63)).toEqual({ table: 'SICK_SOLDIER', key: '61-70' });
    expect(meritRuleFor('SICK_SOLDIER', 100)).toEqual({ table: 'SICK_SOLDIER', key: '91-100' });
    expect(meritRuleFor('WAR_INVALID', 20)).toBeNull();
  });

  it('property: every version has the whole Appendix II (21–100), increasing with the injury rate, in whole thousands', () => {
    for (const [from, rows] of rules.meritTables) {
      const ii = rows.filter((r) => r.table === 'APPENDIX_II');
      expect(ii.map((r) => Number(r.key))).toEqual(Array.from({ length: 80 }, (_, i) => i + 21));
      for (let i = 1; i < ii.length; i++) expect(ii[i].amount).toBeGreaterThan(ii[i - 1].amount);
      for (const r of rows) expect(r.amount % 1000).toBe(0);
      expect(from).toMatch(/^\d{4}-07-01$/);
    }
  });
});

describe('funeral support: at least 20 × base, once', () => {
  it('a social-assistance beneficiary who died in August 2024 gives 20 × 500,000 = 10,000,000 VND', () => {
    const r = funeralSupport(rules, { scheme: 'SOCIAL_ASSISTANCE', deathDate: '2024-08-10' });
    expect(r).toMatchObject({ amount: 10_000_000, rate: 500_000, coefficientHundredths: 2000 });
  });
  it('before July 2024 it is 20 × 360,000 = 7,200,000 VND', () => {
    expect(funeralSupport(rules, { scheme: 'SOCIAL_ASSISTANCE', deathDate: '2024-06-30' }).amount).toBe(
      7_200_000,
    );
  });
  it('the social-assistance rule multiplies the social-assistance base and is confirmed (DOMAIN.md)', () => {
    const r = funeralSupport(rules, { scheme: 'SOCIAL_ASSISTANCE', deathDate: '2024-08-10' });
    expect(r).toMatchObject({ baseKind: 'SOCIAL_ASSISTANCE_BASE', unconfirmed: false });
    expect(r.text).toContain('mức chuẩn trợ giúp xã hội');
  });
});

describe('meritorious funeral support (mai táng phí): 10 × the statutory base salary (Ordinance 02/2020, Decree 131/2021)', () => {
  it('a meritorious person who died on 2024-08-10 gives 10 × 2,340,000 = 23,400,000 VND, explained and unconfirmed', () => {
    const r = funeralSupport(rules, { scheme: 'MERIT', deathDate: '2024-08-10' });
    expect(r).toMatchObject({
      amount: 23_400_000,
      rate: 2_340_000,
      coefficientHundredths: 1000,
      baseKind: 'STATUTORY_BASE_SALARY',
      unconfirmed: true,
      period: { month: '2024-08-01', ruleEffectiveFrom: '2024-07-01', ruleEffectiveTo: null },
    });
    expect(r.legalBasis).toContain('Pháp lệnh 02/2020/UBTVQH14');
    expect(r.legalBasis).toContain('Nghị định 131/2021/NĐ-CP');
    expect(r.legalBasis).toContain('mức lương cơ sở: Nghị định 73/2024/NĐ-CP');
    expect(r.text).toBe(
      'Hỗ trợ chi phí mai táng: 2340000 × 10.0 = 23400000 VND (một lần; mức lương cơ sở từ 2024-07-01, ' +
        'quy định mai táng phí từ 2022-02-15; mức chưa được xác nhận, cần đối chiếu văn bản)',
    );
  });

  it('on 2024-03-01 it is 10 × 1,800,000 = 18,000,000 VND (Decree 24/2023), not the preferential base', () => {
    const r = funeralSupport(rules, { scheme: 'MERIT', deathDate: '2024-03-01' });
    expect(r).toMatchObject({ amount: 18_000_000, rate: 1_800_000 });
    expect(r.period).toMatchObject({ ruleEffectiveFrom: '2023-07-01', ruleEffectiveTo: '2024-07-01' });
    expect(r.legalBasis).toContain('Nghị định 24/2023/NĐ-CP');
    expect(r.rate).not.toBe(baseInForce(rules, 'MERIT', '2024-03-01').version.amount);
  });

  it('the statutory base salary in force on the date of death counts (the day before 1 July 2024: 18,000,000)', () => {
    expect(funeralSupport(rules, { scheme: 'MERIT', deathDate: '2024-06-30' }).amount).toBe(18_000_000);
    expect(funeralSupport(rules, { scheme: 'MERIT', deathDate: '2024-07-01' }).amount).toBe(23_400_000);
    expect(funeralSupport(rules, { scheme: 'MERIT', deathDate: '2023-06-30' }).amount).toBe(14_900_000);
  });

  it('before the rule takes effect (Decree 131/2021 in force 2022-02-15) there is no meritorious funeral rule', () => {
    expect(() => funeralSupport(rules, { scheme: 'MERIT', deathDate: '2022-02-14' })).toThrow(
      'no funeral-support rule for MERIT',
    );
    expect(funeralSupport(rules, { scheme: 'MERIT', deathDate: '2022-02-15' }).amount).toBe(14_900_000);
  });

  it('without a statutory base salary in force the rule cannot be applied', () => {
    const none: RuleSet = { ...rules, statutoryBaseSalaries: [] };
    expect(() => funeralSupport(none, { scheme: 'MERIT', deathDate: '2024-08-10' })).toThrow(
      'no statutory base salary in force on 2024-08-10',
    );
  });

  it('a rule keeps the base it names: a MERIT_BASE rule multiplies the preferential base', () => {
    const meritBase: RuleSet = {
      ...rules,
      funeral: [{ ...rules.funeral.find((f) => f.scheme === 'MERIT')!, baseKind: 'MERIT_BASE' }],
    };
    const r = funeralSupport(meritBase, { scheme: 'MERIT', deathDate: '2024-08-10' });
    const preferential = baseInForce(rules, 'MERIT', '2024-08-10').version.amount;
    expect(r).toMatchObject({ baseKind: 'MERIT_BASE', rate: preferential, amount: 10 * preferential });
  });

  it('for any death date from the rule on, the amount is exactly 10 × the statutory base salary in force that day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2022-02-15'), max: new Date('2030-12-31'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const r = funeralSupport(rules, { scheme: 'MERIT', deathDate: day });
        const salary = rules.statutoryBaseSalaries.filter((v) => v.effectiveFrom <= day).at(-1)!;
        expect(r.amount).toBe(10 * salary.amount);
        expect(r.unconfirmed).toBe(true);
      }),
    );
  });
});
