import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from 'test/utils/test-app';
import { pipelineFor, uniq, upload } from 'test/integration/imports/import-support';

/** Windows-1258 keeps â ê ô ă ơ ư đ precomposed and writes tone marks as combining characters. */
function toCp1258(text: string): Buffer {
  const partly = text
    .normalize('NFD')
    .replace(/([aeoAEO])([\u0300\u0301\u0303\u0309\u0323]?)\u0302/g, (_, c: string, t: string) => (({ a: 'â', e: 'ê', o: 'ô', A: 'Â', E: 'Ê', O: 'Ô' })[c] as string) + t)
    .replace(/([aA])([\u0300\u0301\u0303\u0309\u0323]?)\u0306/g, (_, c: string, t: string) => (c === 'a' ? 'ă' : 'Ă') + t)
    .replace(/([ouOU])([\u0300\u0301\u0303\u0309\u0323]?)\u031b/g, (_, c: string, t: string) => (({ o: 'ơ', u: 'ư', O: 'Ơ', U: 'Ư' })[c] as string) + t);
  return iconv.encode(partly, 'windows1258');
}

const NAMES = ['Nguyễn Văn Hưởng', 'Trần Thị Thuỷ', 'Đặng Quốc Việt', 'Phạm Thị Ngọc Ánh'];

async function importedNames(ds: DataSource, id: string): Promise<string[]> {
  const rows = await ds.query(`select full_name from import_people_rows where import_id = $1 order by row_no`, [id]);
  return rows.map((r: { full_name: string }) => r.full_name);
}

describe('messy real-world files', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openTestDataSource();
  });
  afterAll(async () => ds.destroy());

  const csvText = (): string =>
    'Họ và tên;Ngày sinh;Giới tính;Địa chỉ;Số điện thoại\r\n' +
    NAMES.map((n, i) => `${n};0${i + 1}/0${i + 1}/1970;${i % 2 ? 'Nữ' : 'Nam'};"Thôn ${i},\r\nxã Đông";912345678`).join('\r\n') +
    '\r\nLê Văn Thiếu;1975\r\n';

  it('converts Windows-1258 with ; delimiters, CRLF, quoted newlines and a ragged row to NFC text', async () => {
    const id = await upload(ds, toCp1258(csvText()));
    const pipeline = pipelineFor(ds);
    await pipeline.validate(id);
    const job = await pipeline.load(id);
    expect(job).toMatchObject({ state: 'VALIDATED', encoding: 'Windows-1258', total_rows: 5, count_create: 4, count_rejected: 1 });
    const names = await importedNames(ds, id);
    expect(names.slice(0, 4)).toEqual(NAMES.map((n) => n.normalize('NFC')));
    const [row] = await ds.query(`select address, phone from import_people_rows where import_id = $1 and row_no = 2`, [id]);
    expect(row).toEqual({ address: 'Thôn 0, xã Đông', phone: '0912345678' });
    const errors = await ds.query(`select row_no, column_name, code from import_row_errors where import_id = $1`, [id]);
    expect(errors).toEqual([{ row_no: 6, column_name: 'gender', code: 'REQUIRED' }]);
  });

  it('converts TCVN3 (ABC) and UTF-8 with BOM', async () => {
    const pipeline = pipelineFor(ds);
    const tcvn = await upload(ds, iconv.encode(csvText(), 'tcvn'));
    await pipeline.validate(tcvn);
    expect((await pipeline.load(tcvn))?.encoding).toBe('TCVN3 (ABC)');
    expect((await importedNames(ds, tcvn)).slice(0, 4)).toEqual(NAMES);
    const bom = await upload(ds, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText().normalize('NFD'))]));
    await pipeline.validate(bom);
    expect((await pipeline.load(bom))?.encoding).toBe('UTF-8 (BOM)');
    expect((await importedNames(ds, bom)).slice(0, 4)).toEqual(NAMES); // NFD input stored as NFC
  });

  it('rejects VNI and already-garbled UTF-8 with a clear message instead of storing mojibake', async () => {
    const pipeline = pipelineFor(ds);
    const vni = await upload(ds, Buffer.from('Hoï vaø teân;Ngaøy sinh;Giôùi tính\r\nNguyeãn Vaên Höôûng;1970;Nam\r\n', 'latin1'));
    await pipeline.validate(vni);
    const failed = await pipeline.load(vni);
    expect(failed?.state).toBe('FAILED');
    expect(failed?.failure).toMatch(/VNI/);
    const moji = await upload(ds, Buffer.from('Họ và tên,Ngày sinh,Giới tính\nNguyá»…n VÄƒn An,1970,Nam\n', 'utf8'));
    await pipeline.validate(moji);
    expect((await pipeline.load(moji))?.failure).toMatch(/garbled|lỗi phông/);
    expect(await ds.query(`select count(*)::int as n from import_people_rows where import_id in ($1, $2)`, [vni, moji])).toEqual([{ n: 0 }]);
  });

  it('reads XLSX with a title row, merged household cells, Excel serial dates and a CCCD that lost its leading zero', async () => {
    const hh = uniq('X');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['DANH SÁCH HỘ GIA ĐÌNH']);
    ws.addRow(['Mã hộ', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Quan hệ với chủ hộ', 'Số định danh cá nhân (CCCD)']);
    ws.addRow([hh, 'Hoàng Văn Chủ', 25569, 'Nam', 'Chủ hộ', 79070000123]); // 25569 = 01/01/1970
    ws.addRow([null, 'Hoàng Thị Vợ', '12/12/1972', 'Nữ', 'Vợ', null]);
    ws.addRow([null, 'Hoàng Văn Con', 36526, 'Nam', 'Con', null]); // 36526 = 01/01/2000
    ws.mergeCells('A3:A5');
    const id = await upload(ds, Buffer.from(await wb.xlsx.writeBuffer()), 'HOUSEHOLD_MEMBERS', 'ho.xlsx');
    const pipeline = pipelineFor(ds);
    await pipeline.validate(id);
    expect(await pipeline.load(id)).toMatchObject({ state: 'VALIDATED', file_format: 'XLSX', count_create: 3, count_rejected: 0 });
    const rows = await ds.query(
      `select row_no, household_code, to_char(birth_date, 'YYYY-MM-DD') as birth, cccd from import_people_rows
        where import_id = $1 order by row_no`,
      [id],
    );
    expect(rows).toEqual([
      { row_no: 3, household_code: hh, birth: '1970-01-01', cccd: '079070000123' },
      { row_no: 4, household_code: hh, birth: '1972-12-12', cccd: null },
      { row_no: 5, household_code: hh, birth: '2000-01-01', cccd: null },
    ]);
  });

  it('refuses a zip bomb before parsing it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, 0x20));
    const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const id = await upload(ds, content, 'PEOPLE', 'bomb.xlsx');
    const pipeline = pipelineFor(ds);
    await pipeline.validate(id);
    const job = await pipeline.load(id);
    expect(job?.state).toBe('FAILED');
    expect(job?.failure).toMatch(/compression ratio/);
  });
});
