import ExcelJS from 'exceljs';
import {
  CSV_BOM,
  flatHeading,
  toChart,
  toCsv,
  toXlsx,
  type ReportTable,
} from 'src/modules/reports/common/report-table';

/** A small two-level form: 'Tiếp nhận' over two count columns, an amount and a rate. */
const table = (): ReportTable => ({
  title: 'Biểu thử – Tình hình giải quyết',
  sheetName: 'Biểu thử',
  period: { from: '2025-12-15', to: '2026-06-14' },
  filters: [{ label: 'Đơn vị', value: 'Xã Ea Tlê' }],
  columns: [
    { key: 'unit', heading: 'Đơn vị', name: 'Unit', kind: 'text' },
    { key: 'online', heading: 'Trực tuyến', name: 'Online', kind: 'count' },
    { key: 'direct', heading: 'Trực tiếp', name: 'Direct', kind: 'count' },
    { key: 'paid', heading: 'Số tiền (đồng)', name: 'Amount (VND)', kind: 'amount' },
    { key: 'rate', heading: 'Tỷ lệ đúng hạn', name: 'On-time rate', kind: 'rate' },
  ],
  headerGroups: [[{ heading: 'Tiếp nhận', from: 'online', span: 2 }]],
  numbered: true,
  rows: [
    { unit: 'Xã A', online: 158, direct: 1759, paid: 1_500_000, rate: 0.9998 },
    { unit: '=HYPERLINK("http://x")', online: 2, direct: 0, paid: '2500000', rate: null },
  ],
  total: { unit: 'Tổng cộng', online: 160, direct: 1759, paid: 4_000_000, rate: 0.99 },
});

async function load(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet('Biểu thử');
  if (!sheet) throw new Error('sheet missing');
  return sheet;
}

describe('report table → XLSX (laid out like the official forms)', () => {
  it('writes the title, the period in Vietnamese and the filters above the headings', async () => {
    const sheet = await load(await toXlsx(table()));
    expect(sheet.getCell('A1').value).toBe('Biểu thử – Tình hình giải quyết');
    expect(sheet.getCell('A2').value).toBe(
      'Kỳ báo cáo: từ ngày 15/12/2025 đến ngày 14/06/2026; Đơn vị: Xã Ea Tlê',
    );
  });

  it('merges a group heading across its columns and an ungrouped heading down through the group row', async () => {
    const sheet = await load(await toXlsx(table()));
    expect(sheet.getCell('B3').value).toBe('Tiếp nhận');
    expect(sheet.getCell('C3').isMerged).toBe(true);
    expect(sheet.getCell('C3').master.address).toBe('B3');
    expect(sheet.getCell('B4').value).toBe('Trực tuyến');
    expect(sheet.getCell('C4').value).toBe('Trực tiếp');
    expect(sheet.getCell('A3').value).toBe('Đơn vị');
    expect(sheet.getCell('A4').master.address).toBe('A3');
    expect(sheet.getCell('D4').master.address).toBe('D3');
    expect(sheet.getRow(5).values).toEqual([undefined, '(1)', '(2)', '(3)', '(4)', '(5)']);
  });

  it('writes numbers as numbers with count, amount and percentage formats', async () => {
    const sheet = await load(await toXlsx(table()));
    expect(sheet.getCell('B6').value).toBe(158);
    expect(sheet.getCell('B6').numFmt).toBe('#,##0');
    expect(sheet.getCell('D6').numFmt).toBe('#,##0');
    expect(sheet.getCell('D7').value).toBe(2_500_000);
    expect(sheet.getCell('E6').value).toBe(0.9998);
    expect(sheet.getCell('E6').numFmt).toBe('0.00%');
    expect(sheet.getCell('A8').value).toBe('Tổng cộng');
    expect(sheet.getCell('A8').font?.bold).toBe(true);
  });

  it('never lets a text cell start a formula (CWE-1236)', async () => {
    const sheet = await load(await toXlsx(table()));
    expect(sheet.getCell('A7').value).toBe(`'=HYPERLINK("http://x")`);
    expect(sheet.getCell('A7').type).toBe(ExcelJS.ValueType.String);
  });

  it('rejects a header group that does not fit or overlaps', async () => {
    const bad = { ...table(), headerGroups: [[{ heading: 'X', from: 'paid', span: 3 }]] };
    await expect(toXlsx(bad)).rejects.toThrow(RangeError);
    const overlap = {
      ...table(),
      headerGroups: [
        [
          { heading: 'X', from: 'online', span: 2 },
          { heading: 'Y', from: 'direct', span: 1 },
        ],
      ],
    };
    expect(() => toCsv(overlap)).toThrow(RangeError);
  });
});

describe('report table → CSV', () => {
  it('starts with a UTF-8 BOM so Excel reads Vietnamese, and uses flat headings', () => {
    const csv = toCsv(table());
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [head, first, second, total, end] = csv.slice(1).split('\r\n');
    expect(head).toBe(
      '"Đơn vị","Tiếp nhận – Trực tuyến","Tiếp nhận – Trực tiếp","Số tiền (đồng)","Tỷ lệ đúng hạn"',
    );
    expect(first).toBe('"Xã A",158,1759,1500000,0.9998');
    expect(second).toBe(`"'=HYPERLINK(""http://x"")",2,0,2500000,`);
    expect(total).toBe('"Tổng cộng",160,1759,4000000,0.99');
    expect(end).toBe('');
  });

  it('joins every group over a column in its flat heading', () => {
    expect(flatHeading(table(), 'direct')).toBe('Tiếp nhận – Trực tiếp');
    expect(flatHeading(table(), 'unit')).toBe('Đơn vị');
  });
});

describe('report table → chart JSON', () => {
  it('gives one label per row and one series per numeric column, without the total', () => {
    const chart = toChart(table());
    expect(chart.labels).toEqual(['Xã A', '=HYPERLINK("http://x")']);
    expect(chart.series.map((s) => s.key)).toEqual(['online', 'direct', 'paid', 'rate']);
    expect(chart.series[0]).toEqual({
      key: 'online',
      name: 'Tiếp nhận – Trực tuyến',
      nameEn: 'Online',
      kind: 'count',
      data: [158, 2],
    });
    expect(chart.series[2]?.data).toEqual([1_500_000, 2_500_000]);
    expect(chart.series[3]?.data).toEqual([0.9998, null]);
  });
});
