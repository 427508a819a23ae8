import type { ReportColumn, ReportRow, ReportTable } from 'src/modules/reports/common/report-table';
import { LISTED_POVERTY_CLASSES, type PovertyFlow } from 'src/modules/reports/registries/poverty-flow';
import type {
  PovertyReport,
  ReportUnitRef,
  StatusReport,
} from 'src/modules/reports/registries/registries-report.service';
import type { ReportUnitContext } from 'src/modules/reports/registries/report-units.service';

export const POVERTY_CLASS_HEADINGS: Record<(typeof LISTED_POVERTY_CLASSES)[number], string> = {
  POOR: 'Hộ nghèo',
  NEAR_POOR: 'Hộ cận nghèo',
  AVERAGE_LIVING_STANDARD: 'Hộ có mức sống trung bình',
};

const FLOW_COLUMNS: Array<{ key: keyof PovertyFlow; heading: string; name: string }> = [
  { key: 'previous', heading: 'Cuối năm trước', name: 'At the end of the previous year' },
  { key: 'entries', heading: 'Phát sinh mới', name: 'Entries' },
  { key: 'exits', heading: 'Ra khỏi danh sách', name: 'Exits' },
  { key: 'current', heading: 'Cuối năm', name: 'At the end of the year' },
];

/** Merit categories (Ordinance 02/2020 art. 3) in Vietnamese, for headings. */
export const MERIT_CATEGORY_HEADINGS: Record<string, string> = {
  PRE_1945_REVOLUTIONARY: 'Người hoạt động cách mạng trước ngày 01/01/1945',
  AUGUST_1945_REVOLUTIONARY: 'Người hoạt động cách mạng từ 01/01/1945 đến Tổng khởi nghĩa 19/8/1945',
  MARTYR: 'Liệt sĩ',
  HEROIC_MOTHER: 'Bà mẹ Việt Nam anh hùng',
  HERO: 'Anh hùng Lực lượng vũ trang, Anh hùng Lao động',
  WAR_INVALID: 'Thương binh',
  WAR_INVALID_TYPE_B: 'Thương binh loại B',
  SICK_SOLDIER: 'Bệnh binh',
  TOXIC_CHEMICAL_VICTIM: 'Người hoạt động kháng chiến bị nhiễm chất độc hóa học',
  IMPRISONED_BY_ENEMY: 'Người hoạt động cách mạng, kháng chiến bị địch bắt tù, đày',
  RESISTANCE_PARTICIPANT: 'Người hoạt động kháng chiến giải phóng dân tộc',
  REVOLUTION_HELPER: 'Người có công giúp đỡ cách mạng',
};

const UNIT_COLUMN: ReportColumn = { key: 'unit', heading: 'Đơn vị hành chính', name: 'Unit', kind: 'text' };

const unitLabel = (r: ReportUnitRef): string => `${r.unitName} (${r.unitCode})`;

export function unitFilters(unit: ReportUnitContext['unit'], era: ReportUnitContext['era']): ReportTable['filters'] {
  const filters = [{ label: 'Đơn vị hành chính', value: era === 'POST_2025' ? 'từ 01/7/2025' : 'trước 01/7/2025' }];
  if (unit) filters.unshift({ label: 'Địa bàn', value: `${unit.name} (${unit.code})` });
  return filters;
}

/** One row per unit; for each class the households at both year ends, entries and exits (grouped headings). */
export function povertyTable(report: PovertyReport): ReportTable {
  const key = (cls: string, f: string): string => `${cls}_${f}`;
  const columns: ReportColumn[] = [
    UNIT_COLUMN,
    ...LISTED_POVERTY_CLASSES.flatMap((cls) =>
      FLOW_COLUMNS.map((f) => ({ key: key(cls, f.key), heading: f.heading, name: `${cls} ${f.name}`, kind: 'count' as const })),
    ),
  ];
  const rows = new Map<string, ReportRow>();
  for (const l of report.lines) {
    const row = rows.get(l.unitId) ?? { unit: unitLabel(l) };
    for (const f of FLOW_COLUMNS) row[key(l.class, f.key)] = l[f.key];
    rows.set(l.unitId, row);
  }
  const total: ReportRow = { unit: 'Tổng cộng' };
  for (const t of report.totals) for (const f of FLOW_COLUMNS) total[key(t.class, f.key)] = t[f.key];
  for (const row of [...rows.values(), total])
    for (const c of columns) if (c.kind === 'count') row[c.key] ??= 0;
  return {
    title: `Số hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình năm ${report.year}`,
    sheetName: `Hộ nghèo ${report.year}`,
    period: { from: report.previousDate, to: report.date },
    filters: unitFilters(report.unit, report.era),
    columns,
    headerGroups: [
      LISTED_POVERTY_CLASSES.map((cls) => ({
        heading: POVERTY_CLASS_HEADINGS[cls],
        from: key(cls, FLOW_COLUMNS[0].key),
        span: FLOW_COLUMNS.length,
      })),
    ],
    numbered: true,
    rows: [...rows.values()],
    total,
  };
}

/** One row per unit and category: meritorious people and relatives, or social-protection subjects. */
export function statusTable(report: StatusReport): ReportTable {
  const merit = report.kind === 'MERIT';
  const category = (c: string): string => (merit ? (MERIT_CATEGORY_HEADINGS[c] ?? c) : c === 'SOCIAL_PENSION' ? 'Trợ cấp hưu trí xã hội' : c);
  const columns: ReportColumn[] = [
    UNIT_COLUMN,
    { key: 'category', heading: merit ? 'Đối tượng người có công' : 'Nhóm đối tượng bảo trợ xã hội', name: 'Category', kind: 'text' },
    { key: 'subjects', heading: merit ? 'Người có công' : 'Số đối tượng', name: merit ? 'Meritorious people' : 'Subjects', kind: 'count' },
    ...(merit ? [{ key: 'relatives', heading: 'Thân nhân', name: 'Relatives', kind: 'count' as const }] : []),
  ];
  return {
    title: merit
      ? `Số người có công với cách mạng và thân nhân đang hưởng chế độ tại ngày ${report.date}`
      : `Số đối tượng bảo trợ xã hội đang hưởng trợ cấp tại ngày ${report.date}`,
    sheetName: merit ? 'Người có công' : 'Bảo trợ xã hội',
    period: null,
    filters: [{ label: 'Tại ngày', value: report.date }, ...unitFilters(report.unit, report.era)],
    columns,
    numbered: true,
    labelKey: 'label',
    rows: report.lines.map((l) => ({
      unit: unitLabel(l),
      category: category(l.category),
      label: `${l.unitName} – ${category(l.category)}`,
      subjects: l.subjects,
      relatives: l.relatives,
    })),
    total: { unit: 'Tổng cộng (mỗi người một lần)', category: '', subjects: report.total.subjects, relatives: report.total.relatives },
  };
}
