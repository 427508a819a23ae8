import fc from 'fast-check';
import { parseBirthDate } from 'src/modules/registry/domain/birth-date';
import {
  groupOnDate,
  groupTimeline,
  type SocialProtectionProfile,
} from 'src/modules/registry/domain/social-protection';
import { socialPensionEligibility } from 'src/modules/registry/domain/social-pension';

const b = (raw: string) => parseBirthDate(raw)!;

describe('social-protection group on a date (Decree 20/2021 art. 5–6)', () => {
  const orphan: SocialProtectionProfile = {
    birth: b('2020-05-10'),
    bases: ['K1_CHILD_NO_SUPPORT'],
    studying: true,
  };

  it('a child without support is ×2.5 until the day before turning 4, ×1.5 from the 4th birthday', () => {
    expect(groupOnDate(orphan, '2024-05-09')).toMatchObject({ age: 3, coefficient: 2.5 });
    expect(groupOnDate(orphan, '2024-05-10')).toMatchObject({ age: 4, coefficient: 1.5 });
  });

  it('from 16 to 22 only while studying (k2), nothing from 22', () => {
    expect(groupOnDate(orphan, '2036-05-10').payable[0].bandCode).toBe('K2_16_TO_22_STUDYING');
    expect(groupOnDate({ ...orphan, studying: false }, '2036-05-10').payable).toEqual([]);
    expect(groupOnDate(orphan, '2042-05-10').coefficient).toBe(0);
  });

  it('severe disability is ×1.5 for an adult and ×2.0 from 60 (elderly)', () => {
    const p: SocialProtectionProfile = {
      birth: b('1966-03-01'),
      bases: ['K6_DISABILITY'],
      disabilityLevel: 'SEVERE',
    };
    expect(groupOnDate(p, '2026-02-28').coefficient).toBe(1.5);
    expect(groupOnDate(p, '2026-03-01').coefficient).toBe(2.0);
  });

  it('especially severe disability is ×2.5 for a child and ×2.0 for an adult of 16', () => {
    const p: SocialProtectionProfile = {
      birth: b('2012-01-15'),
      bases: ['K6_DISABILITY'],
      disabilityLevel: 'ESPECIALLY_SEVERE',
    };
    expect(groupOnDate(p, '2027-01-14').coefficient).toBe(2.5);
    expect(groupOnDate(p, '2028-01-15').coefficient).toBe(2.0);
  });

  it('an elderly person in a poor household without supporter is ×1.5 at 79 and ×2.0 from 80; only the highest is paid', () => {
    const p: SocialProtectionProfile = {
      birth: b('1946'),
      bases: ['K5A_ELDERLY_POOR_NO_SUPPORTER', 'K5C_ELDERLY_80_NO_PENSION'],
    };
    expect(groupOnDate(p, '2025-12-31')).toMatchObject({ age: 79, coefficient: 1.5 });
    const at80 = groupOnDate(p, '2026-01-01');
    expect(at80.entitlements.map((e) => e.coefficient).sort()).toEqual([1, 2]);
    expect(at80.payable.map((e) => e.bandCode)).toEqual(['K5A_80_PLUS']);
  });

  it('a poor single parent with severe disability gets both (art. 6 cl. 2): 2 children ×1.0 + ×1.5', () => {
    const p: SocialProtectionProfile = {
      birth: b('1990-06-01'),
      bases: ['K4_SINGLE_PARENT_POOR', 'K6_DISABILITY'],
      disabilityLevel: 'SEVERE',
      childrenRaised: 2,
    };
    const g = groupOnDate(p, '2025-01-01');
    expect(g.coefficient).toBe(3.5);
    expect(g.explanation).toContain('stacks');
  });

  it('refuses a disability subject without a level', () => {
    expect(() => groupOnDate({ birth: b('1990'), bases: ['K6_DISABILITY'] }, '2025-01-01')).toThrow(
      expect.objectContaining({ code: 'SOCIAL_PROTECTION_PROFILE_INVALID' }),
    );
  });

  it('the timeline changes group exactly on the 4th, 16th and 22nd birthdays', () => {
    expect(groupTimeline(orphan, '2021-01-01', null)).toEqual([
      { from: '2021-01-01', to: '2024-05-10', bandCodes: ['K1_UNDER_4'], coefficient: 2.5 },
      { from: '2024-05-10', to: '2036-05-10', bandCodes: ['K1_4_TO_16'], coefficient: 1.5 },
      { from: '2036-05-10', to: '2042-05-10', bandCodes: ['K2_16_TO_22_STUDYING'], coefficient: 1.5 },
      { from: '2042-05-10', to: null, bandCodes: [], coefficient: 0 },
    ]);
  });

  it('property: the timeline is contiguous and agrees with groupOnDate at every start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1930, max: 2024 }),
        fc.subarray(
          ['K1_CHILD_NO_SUPPORT', 'K5A_ELDERLY_POOR_NO_SUPPORTER', 'K6_DISABILITY', 'K8_HIV_POOR'] as const,
          { minLength: 1 },
        ),
        (year, bases) => {
          const p: SocialProtectionProfile = {
            birth: { year, date: null },
            bases: [...bases],
            disabilityLevel: 'SEVERE',
          };
          const t = groupTimeline(p, '2025-01-01', '2060-01-01');
          expect(t[0].from).toBe('2025-01-01');
          expect(t.at(-1)!.to).toBe('2060-01-01');
          for (let i = 1; i < t.length; i++) expect(t[i].from).toBe(t[i - 1].to);
          for (const period of t) expect(groupOnDate(p, period.from).coefficient).toBe(period.coefficient);
        },
      ),
    );
  });
});

describe('social pension (Social Insurance Law 2024, from 1 July 2025)', () => {
  const base = {
    birth: b('1950-08-01'),
    date: '2025-08-01',
    householdPovertyClass: null,
    receivesPension: false,
  };
  it.each([
    ['75 on the day → eligible', base, true],
    [
      '74 in a near-poor household → eligible',
      { ...base, date: '2025-07-31', householdPovertyClass: 'NEAR_POOR' as const },
      true,
    ],
    [
      '72 in a poor household → eligible',
      { ...base, birth: b('1953'), householdPovertyClass: 'POOR' as const },
      true,
    ],
    [
      '72 in an average-living-standard household → not',
      { ...base, birth: b('1953'), householdPovertyClass: 'AVERAGE_LIVING_STANDARD' as const },
      false,
    ],
    [
      '69 in a poor household → not',
      { ...base, birth: b('1956'), householdPovertyClass: 'POOR' as const },
      false,
    ],
    ['80 with a pension → not', { ...base, birth: b('1945'), receivesPension: true }, false],
    ['before 1 July 2025 → not', { ...base, birth: b('1940'), date: '2025-06-30' }, false],
  ])('%s', (_n, input, expected) => {
    expect(socialPensionEligibility(input).eligible).toBe(expected);
  });
});
