import { indicatorScore, satisfactionRate } from 'src/modules/reports/domain/service-index';

describe('Decision 766 scoring', () => {
  it('gives full points at or above the threshold', () => {
    expect(indicatorScore(0.85, 6, 80)).toBe(6);
    expect(indicatorScore(0.8, 6, 80)).toBe(6);
  });
  it('scales below the threshold: rate × max ÷ threshold', () => {
    expect(indicatorScore(0.4, 6, 80)).toBe(3);
    expect(indicatorScore(0.25, 6, 50)).toBe(3);
  });
  it('scales linearly without a threshold', () => {
    expect(indicatorScore(0.5, 4, null)).toBe(2);
  });
  it('computes 5.4 satisfaction as 100% minus overdue and feedback rates', () => {
    expect(satisfactionRate(0.02, 0.03)).toBeCloseTo(0.95);
    expect(indicatorScore(satisfactionRate(0.02, 0.03), 6, 90)).toBe(6);
    expect(satisfactionRate(0.7, 0.6)).toBe(0);
  });
});
