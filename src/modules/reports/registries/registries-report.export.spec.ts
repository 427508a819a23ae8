import { toCsv } from 'src/modules/reports/common/report-table';
import { coverageTable, paidTable } from 'src/modules/reports/payments/payments-report.export';
import { coverageShare } from 'src/modules/reports/payments/payments-report.service';
import { povertyTable, statusTable } from 'src/modules/reports/registries/registries-report.export';

const C = { unitId: 'c', unitCode: '17236', unitName: 'Xã Mới C' };

describe('report tables of the registry and payment reports', () => {
  it('lays the poverty report out per unit with the four figures under each class, zeros where a class is absent', () => {
    const table = povertyTable({
      year: 2025,
      previousDate: '2024-12-31',
      date: '2025-12-31',
      era: 'POST_2025',
      unit: null,
      lines: [{ ...C, class: 'POOR', previous: 2, current: 2, entries: 1, exits: 1, approximate: false }],
      totals: [{ class: 'POOR', previous: 2, current: 2, entries: 1, exits: 1 }],
      generatedAt: '',
    });
    expect(table.rows).toEqual([
      expect.objectContaining({ unit: 'Xã Mới C (17236)', POOR_previous: 2, POOR_entries: 1, POOR_exits: 1, POOR_current: 2, NEAR_POOR_current: 0 }),
    ]);
    expect(table.total).toMatchObject({ unit: 'Tổng cộng', POOR_current: 2, AVERAGE_LIVING_STANDARD_entries: 0 });
    expect(toCsv(table).split('\r\n')[0]).toContain('"Hộ nghèo – Cuối năm trước","Hộ nghèo – Phát sinh mới"');
  });

  it('names meritorious categories in Vietnamese and counts relatives in their own column', () => {
    const table = statusTable({
      kind: 'MERIT',
      date: '2025-10-01',
      era: 'POST_2025',
      unit: null,
      lines: [{ ...C, category: 'MARTYR', subjects: 1, relatives: 1, approximate: false }],
      categories: [{ category: 'MARTYR', subjects: 1, relatives: 1 }],
      total: { subjects: 1, relatives: 1 },
      generatedAt: '',
    });
    expect(table.rows).toEqual([expect.objectContaining({ category: 'Liệt sĩ', subjects: 1, relatives: 1 })]);
    expect(table.columns.map((c) => c.heading)).toContain('Thân nhân');
  });

  it('writes coverage shares as fractions (74.77% → 0.7477) per group and for the distinct total', () => {
    const nghean = coverageShare(294_015, 219_846);
    const table = coverageTable({
      date: '2024-06-04',
      era: 'PRE_2025',
      unit: null,
      lines: [{ ...C, group: 'MERIT', ...coverageShare(63_853, 46_117), approximate: false }],
      unitTotals: [{ ...C, ...nghean }],
      groups: [{ group: 'MERIT', ...coverageShare(63_853, 46_117) }],
      total: nghean,
      generatedAt: '',
    });
    expect(table.rows[0]).toMatchObject({ MERIT_eligible: 63_853, MERIT_withAccount: 46_117, MERIT_share: 0.7222, TOTAL_share: 0.7477 });
    expect(table.rows[0]).toMatchObject({ POOR_HOUSEHOLD_eligible: 0, POOR_HOUSEHOLD_share: null });
    expect(table.total).toMatchObject({ TOTAL_eligible: 294_015, TOTAL_withAccount: 219_846 });
  });

  it('puts amounts in VND and the cumulative figures next to the period', () => {
    const figures = { people: 14_301, amount: 33_246_457_000, lines: 14_301, cumulativePeople: 20_000, cumulativeAmount: 208_156_323_000 };
    const table = paidTable({
      period: { from: '2023-12-15', to: '2024-06-14' },
      era: 'PRE_2025',
      unit: null,
      lines: [{ ...C, ...figures, approximate: false }],
      total: figures,
      generatedAt: '',
    });
    expect(table.total).toMatchObject({ people: 14_301, amount: 33_246_457_000, cumulativeAmount: 208_156_323_000 });
    expect(table.columns.find((c) => c.key === 'amount')?.kind).toBe('amount');
  });
});
