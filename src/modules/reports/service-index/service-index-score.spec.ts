import fc from 'fast-check';
import rules from 'src/modules/reports/seed-data/reporting-rules.json';
import {
  NO_COUNTS,
  scoreAgency,
  type AgencyIndexCounts,
  type IndexRules,
} from 'src/modules/reports/service-index/service-index-score';

const RULES = rules.index766 as IndexRules;
const none = NO_COUNTS;
const indicator = (c: AgencyIndexCounts, code: string) => scoreAgency(c, RULES).indicators.find((i) => i.code === code)!;

describe('Decision 766 service index per agency', () => {
  it('Đắk Lắk, first half of 2024: 162 resolved, 100 % on time and results 100 % digitised take full points of 2.1 and 4.1', () => {
    const c = { ...none, decided: 162, decidedEarlyOrOnTime: 162, electronicResult: 162, fullyDigitised: 162 };
    expect(indicator(c, '2.1').points).toBe(RULES.indicators['2.1'].maxPoints);
    expect(indicator(c, '4.1').points).toBe(RULES.indicators['4.1'].maxPoints);
    expect(indicator(c, '4.2').points).toBe(RULES.indicators['4.2'].maxPoints);
  });

  it('Nghệ An 2024: 47,490 early or on time of 47,500 decided (99.98 %) scores 2.1 at rate × max (no threshold)', () => {
    const i = indicator({ ...none, decided: 47_500, decidedEarlyOrOnTime: 47_490 }, '2.1');
    expect(i.share.basisPoints).toBe(9998);
    expect(i.points).toBe(Math.round(((47_490 / 47_500) * RULES.indicators['2.1'].maxPoints) * 100) / 100);
  });

  it('Đắk Nông 2023: 158 online of 1,917 received is below the 50 % threshold of 3.3: 6 × 8.24 % ÷ 50 % = 0.99', () => {
    const i = indicator({ ...none, received: 1_917, receivedOnline: 158 }, '3.3');
    expect(i.thresholdPct).toBe(50);
    expect(i.points).toBe(0.99);
  });

  it('a sub-indicator without data is not scored and does not count in the available points', () => {
    const s = scoreAgency(none, RULES);
    expect(s.indicators.every((i) => i.points === null)).toBe(true);
    expect(s).toMatchObject({ points: 0, availablePoints: 0 });
  });

  it('3.2 has no points in the rules: reported, never scored', () => {
    const i = indicator({ ...none, inForce: 5, offeredOnline: 4, offeredOnlineUsed: 3 }, '3.2');
    expect(i).toMatchObject({ maxPoints: null, points: null });
    expect(i.share.basisPoints).toBe(7500);
  });

  it('every score lies within 0 and its max, and the total within the available points', () => {
    const pair = fc.tuple(fc.nat(500), fc.nat(500)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    fc.assert(
      fc.property(pair, pair, pair, pair, pair, ([p, f], [o, u], [e, d], [on, r], [fd, el]) => {
        const c: AgencyIndexCounts = {
          inForce: f,
          publishedComplete: p,
          offeredOnline: Math.min(u, f),
          offeredOnlineUsed: Math.min(o, u, f),
          decided: d,
          decidedEarlyOrOnTime: e,
          received: r,
          receivedOnline: on,
          electronicResult: Math.min(el, d),
          fullyDigitised: Math.min(fd, el, d),
        };
        const s = scoreAgency(c, RULES);
        return (
          s.indicators.every((i) => i.points === null || (i.points >= 0 && i.points <= (i.maxPoints ?? 0))) &&
          s.points <= s.availablePoints + 1e-9
        );
      }),
    );
  });
});
