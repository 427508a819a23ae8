import type { CoverageGroup } from 'src/modules/benefits/statistics/payment-statistics.service';
import type { ReportColumn, ReportRow, ReportTable } from 'src/modules/reports/common/report-table';
import type {
  AccountCoverageReport,
  CoverageShare,
  PaidFigures,
  PaidThroughAccountsReport,
} from 'src/modules/reports/payments/payments-report.service';
import { unitFilters } from 'src/modules/reports/registries/registries-report.export';

export const COVERAGE_GROUP_HEADINGS: Record<CoverageGroup | 'TOTAL', string> = {
  POOR_HOUSEHOLD: 'Hộ nghèo, hộ cận nghèo',
  MERIT: 'Người có công và thân nhân',
  SOCIAL_PROTECTION: 'Đối tượng bảo trợ xã hội',
  TOTAL: 'Tổng số (mỗi người một lần)',
};
const GROUPS: Array<CoverageGroup | 'TOTAL'> = ['POOR_HOUSEHOLD', 'MERIT', 'SOCIAL_PROTECTION', 'TOTAL'];

const share = (row: ReportRow, prefix: string, s: CoverageShare): void => {
  row[`${prefix}_eligible`] = s.eligible;
  row[`${prefix}_withAccount`] = s.withAccount;
  row[`${prefix}_share`] = s.shareBasisPoints === null ? null : s.shareBasisPoints / 10_000;
};

/** Project 06 layout: one row per unit; per group the people needing an account, those with one and the share. */
export function coverageTable(report: AccountCoverageReport): ReportTable {
  const columns: ReportColumn[] = [
    { key: 'unit', heading: 'Đơn vị hành chính', name: 'Unit', kind: 'text' },
    ...GROUPS.flatMap((g): ReportColumn[] => [
      { key: `${g}_eligible`, heading: 'Số người cần mở tài khoản', name: `${g} eligible`, kind: 'count' },
      { key: `${g}_withAccount`, heading: 'Số người đã có tài khoản', name: `${g} with an account`, kind: 'count' },
      { key: `${g}_share`, heading: 'Tỷ lệ', name: `${g} share`, kind: 'rate' },
    ]),
  ];
  const rows = new Map<string, ReportRow>();
  const rowOf = (u: { unitId: string; unitName: string; unitCode: string }): ReportRow => {
    const row = rows.get(u.unitId) ?? { unit: `${u.unitName} (${u.unitCode})` };
    rows.set(u.unitId, row);
    return row;
  };
  for (const l of report.lines) share(rowOf(l), l.group, l);
  for (const t of report.unitTotals) share(rowOf(t), 'TOTAL', t);
  const total: ReportRow = { unit: 'Tổng cộng' };
  for (const g of report.groups) share(total, g.group, g);
  share(total, 'TOTAL', report.total);
  for (const row of [...rows.values(), total])
    for (const g of GROUPS) if (row[`${g}_eligible`] === undefined) share(row, g, { eligible: 0, withAccount: 0, shareBasisPoints: null, sharePercent: null });
  return {
    title: `Tình hình mở tài khoản để chi trả không dùng tiền mặt (Đề án 06) tại ngày ${report.date}`,
    sheetName: 'Tài khoản chi trả',
    period: null,
    filters: [{ label: 'Tại ngày', value: report.date }, ...unitFilters(report.unit, report.era)],
    columns,
    headerGroups: [GROUPS.map((g) => ({ heading: COVERAGE_GROUP_HEADINGS[g], from: `${g}_eligible`, span: 3 }))],
    numbered: true,
    rows: [...rows.values()],
    total,
  };
}

const PAID_COLUMNS: Array<{ key: keyof PaidFigures; heading: string; name: string; kind: 'count' | 'amount' }> = [
  { key: 'people', heading: 'Số người được chi trả qua tài khoản', name: 'People paid', kind: 'count' },
  { key: 'amount', heading: 'Số tiền (đồng)', name: 'Amount (VND)', kind: 'amount' },
  { key: 'lines', heading: 'Số lượt chi trả', name: 'Payments', kind: 'count' },
  { key: 'cumulativePeople', heading: 'Lũy kế – Số người', name: 'Cumulative people', kind: 'count' },
  { key: 'cumulativeAmount', heading: 'Lũy kế – Số tiền (đồng)', name: 'Cumulative amount (VND)', kind: 'amount' },
];

export function paidTable(report: PaidThroughAccountsReport): ReportTable {
  const figures = (f: PaidFigures): ReportRow => Object.fromEntries(PAID_COLUMNS.map((c) => [c.key, f[c.key]]));
  return {
    title: 'Kết quả chi trả trợ cấp qua tài khoản',
    sheetName: 'Chi trả qua tài khoản',
    period: report.period,
    filters: unitFilters(report.unit, report.era),
    columns: [
      { key: 'unit', heading: 'Đơn vị hành chính', name: 'Unit', kind: 'text' },
      ...PAID_COLUMNS.map((c) => ({ key: c.key, heading: c.heading, name: c.name, kind: c.kind })),
    ],
    numbered: true,
    rows: report.lines.map((l) => ({ unit: `${l.unitName} (${l.unitCode})`, ...figures(l) })),
    total: { unit: 'Tổng cộng', ...figures(report.total) },
  };
}
