import fc from 'fast-check';
import {
  classifyHousehold,
  POVERTY_CLASSES,
  type PovertyAssessment,
} from 'src/modules/registry/domain/poverty-classification';
import { DEFAULT_POVERTY_STANDARDS } from 'src/modules/registry/domain/poverty-standards.data';

const classify = (a: Partial<PovertyAssessment>) =>
  classifyHousehold(DEFAULT_POVERTY_STANDARDS, {
    year: 2024,
    area: 'RURAL',
    incomePerCapita: 0,
    deprivations: [],
    agricultureForestryFishery: false,
    ...a,
  });

const three = ['HEALTH_INSURANCE', 'LATRINE', 'TELECOM'];

describe('poverty classification, Decree 07/2021 art. 3 (2022–2026)', () => {
  it.each([
    [
      'rural 1,400,000 and 3 deprivations → poor',
      { incomePerCapita: 1_400_000, deprivations: three },
      'POOR',
    ],
    [
      'rural exactly at the line 1,500,000 and 2 deprivations → near-poor',
      { incomePerCapita: 1_500_000, deprivations: ['LATRINE', 'TELECOM'] },
      'NEAR_POOR',
    ],
    [
      'rural 1,500,000 and 3 deprivations → poor (the line is inclusive)',
      { incomePerCapita: 1_500_000, deprivations: three },
      'POOR',
    ],
    [
      'rural 1,500,001 and 5 deprivations → income alone above the line is not poor',
      { incomePerCapita: 1_500_001, deprivations: [...three, 'NUTRITION', 'EMPLOYMENT'] },
      'NOT_POOR',
    ],
    [
      'urban 1,900,000 and 4 deprivations → poor',
      { area: 'URBAN' as const, incomePerCapita: 1_900_000, deprivations: [...three, 'NUTRITION'] },
      'POOR',
    ],
    [
      'urban 2,000,000 and 0 deprivations → near-poor',
      { area: 'URBAN' as const, incomePerCapita: 2_000_000 },
      'NEAR_POOR',
    ],
    [
      'rural farming household at 2,250,000 → average living standard',
      { incomePerCapita: 2_250_000, agricultureForestryFishery: true },
      'AVERAGE_LIVING_STANDARD',
    ],
    [
      'rural farming household at 2,250,001 → not poor',
      { incomePerCapita: 2_250_001, agricultureForestryFishery: true },
      'NOT_POOR',
    ],
    [
      'urban farming household at 3,000,000 → average living standard',
      { area: 'URBAN' as const, incomePerCapita: 3_000_000, agricultureForestryFishery: true },
      'AVERAGE_LIVING_STANDARD',
    ],
    ['rural non-farming household at 2,000,000 → not poor', { incomePerCapita: 2_000_000 }, 'NOT_POOR'],
    [
      '2026 still uses Decree 07/2021 (extended by Decree 351/2025)',
      { year: 2026, incomePerCapita: 2_000_000, deprivations: three },
      'NOT_POOR',
    ],
  ])('%s', (_name, input, expected) => {
    const r = classify(input);
    expect(r.classification).toBe(expected);
    expect(r.standardCode).toBe('DECREE_07_2021');
    expect(r.explanation).toContain('DECREE_07_2021');
  });

  it('explains the rule applied', () => {
    expect(classify({ incomePerCapita: 1_400_000, deprivations: three }).explanation).toBe(
      'DECREE_07_2021 (2024, rural): income 1,400,000 VND/person/month; at or below the line 1,500,000 VND and ' +
        'deprived on 3 indicators (HEALTH_INSURANCE, LATRINE, TELECOM), at least 3 → poor',
    );
  });

  it('refuses years without a standard and unknown indicators', () => {
    expect(() => classify({ year: 2021 })).toThrow(
      expect.objectContaining({ code: 'POVERTY_STANDARD_MISSING' }),
    );
    expect(() => classify({ deprivations: ['CAR_OWNERSHIP'] })).toThrow(
      expect.objectContaining({ code: 'POVERTY_INDICATOR_UNKNOWN' }),
    );
  });
});

describe('poverty classification, Decree 351/2025 (2027–2030)', () => {
  it.each([
    [
      'rural 2,000,000 and 3 deprivations → poor (was above the 2022–2026 line)',
      { incomePerCapita: 2_000_000, deprivations: three },
      'POOR',
    ],
    [
      'rural 2,200,000 and 1 deprivation → near-poor',
      { incomePerCapita: 2_200_000, deprivations: ['EMPLOYMENT'] },
      'NEAR_POOR',
    ],
    [
      'urban 2,800,000 and 2 deprivations → near-poor',
      { area: 'URBAN' as const, incomePerCapita: 2_800_000, deprivations: ['EMPLOYMENT', 'DEPENDANTS'] },
      'NEAR_POOR',
    ],
    [
      'urban 2,800,001 farming → not poor (no average-living-standard bound known)',
      { area: 'URBAN' as const, incomePerCapita: 2_800_001, agricultureForestryFishery: true },
      'NOT_POOR',
    ],
  ])('%s', (_name, input, expected) => {
    const r = classify({ year: 2027, ...input });
    expect(r.classification).toBe(expected);
    expect(r.standardCode).toBe('DECREE_351_2025');
    expect(r.usesUnconfirmedData).toBe(true);
  });

  it('takes a configured indicator list instead of the default', () => {
    const configured = DEFAULT_POVERTY_STANDARDS.map((s) =>
      s.code === 'DECREE_351_2025'
        ? {
            ...s,
            unconfirmed: false,
            indicators: [
              ...s.indicators.filter((i) => !i.unconfirmed),
              { code: 'DIGITAL_SKILLS', dimension: 'INFORMATION', name: 'Kỹ năng số' },
            ],
          }
        : s,
    );
    const r = classifyHousehold(configured, {
      year: 2028,
      area: 'RURAL',
      incomePerCapita: 1_000_000,
      deprivations: ['EMPLOYMENT', 'DEPENDANTS', 'DIGITAL_SKILLS'],
      agricultureForestryFishery: false,
    });
    expect(r).toMatchObject({ classification: 'POOR', usesUnconfirmedData: false });
    expect(() =>
      classifyHousehold(configured, {
        year: 2028,
        area: 'RURAL',
        incomePerCapita: 1,
        deprivations: ['LATRINE'],
        agricultureForestryFishery: false,
      }),
    ).toThrow(expect.objectContaining({ code: 'POVERTY_INDICATOR_UNKNOWN' }));
  });
});

describe('poverty classification invariants', () => {
  const severity = (c: string) => POVERTY_CLASSES.indexOf(c as (typeof POVERTY_CLASSES)[number]);
  const codes = DEFAULT_POVERTY_STANDARDS[0].indicators.map((i) => i.code);
  const input = fc.record({
    year: fc.integer({ min: 2022, max: 2030 }),
    area: fc.constantFrom('RURAL' as const, 'URBAN' as const),
    incomePerCapita: fc.integer({ min: 0, max: 5_000_000 }),
    deprivations: fc.subarray(codes),
    agricultureForestryFishery: fc.boolean(),
  });

  it('property: more income never makes a household poorer', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 2_000_000 }), (a, extra) => {
        const before = classifyHousehold(DEFAULT_POVERTY_STANDARDS, a);
        const after = classifyHousehold(DEFAULT_POVERTY_STANDARDS, {
          ...a,
          incomePerCapita: a.incomePerCapita + extra,
        });
        expect(severity(after.classification)).toBeGreaterThanOrEqual(severity(before.classification));
      }),
    );
  });

  it('property: poor ⇔ income at or below the line and at least 3 deprivations', () => {
    fc.assert(
      fc.property(input, (a) => {
        const r = classifyHousehold(DEFAULT_POVERTY_STANDARDS, a);
        expect(r.classification === 'POOR').toBe(
          a.incomePerCapita <= r.incomeLine && a.deprivations.length >= 3,
        );
        expect(r.classification === 'NEAR_POOR').toBe(
          a.incomePerCapita <= r.incomeLine && a.deprivations.length < 3,
        );
      }),
    );
  });
});
