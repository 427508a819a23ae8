import { Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { receiveImportFile } from 'src/modules/imports/pipeline/import-intake';
import { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';
import type { ImportTarget } from 'src/modules/imports/targets/import-targets';

export const storageDir = mkdtempSync(join(tmpdir(), 'ansinh-imports-'));

export function pipelineFor(ds: DataSource, chunkGroups = 500): ImportPipeline {
  return new ImportPipeline(ds, {
    storageDir,
    xlsxMaxEntries: 2000,
    xlsxMaxUncompressedBytes: 512 * 1024 * 1024,
    chunkGroups,
  });
}

export async function upload(
  ds: DataSource,
  content: Buffer | string,
  target: ImportTarget = 'PEOPLE',
  fileName = 'people.csv',
): Promise<string> {
  return receiveImportFile(ds, storageDir, 50 * 1024 * 1024, {
    target,
    fileName,
    body: Readable.from([typeof content === 'string' ? Buffer.from(content, 'utf8') : content]),
    createdBy: 'test-officer',
    memberFrom: '2026-01-01',
    scopeUnitIds: null,
  });
}

/** Unique 12-digit CCCD for a test: province 001 (Hà Nội), male born 1980, serial from a counter. */
let serial = Math.floor(Math.random() * 900_000);
export function cccd(): string {
  serial = (serial + 1) % 1_000_000;
  return `001080${String(serial).padStart(6, '0')}`;
}

export function uniq(prefix: string): string {
  return `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1e6).toString(36).toUpperCase()}`;
}

/**
 * A people-with-households CSV of `households × size` rows: one head, one spouse, children; every person with a
 * CCCD (province `province`, so runs in the same database do not collide). `badEvery` > 0 makes every n-th row bad.
 */
export function householdsCsv(opts: {
  households: number;
  size: number;
  codePrefix: string;
  province?: string;
  badEvery?: number;
}): string {
  const province = opts.province ?? '079';
  const lines = ['Mã hộ,Họ và tên,Số định danh cá nhân (CCCD),Ngày sinh,Giới tính,Quan hệ với chủ hộ,Địa chỉ'];
  let n = 0;
  for (let h = 0; h < opts.households; h++) {
    const code = `${opts.codePrefix}${String(h).padStart(7, '0')}`;
    for (let m = 0; m < opts.size; m++) {
      n++;
      const female = m === 1 || m % 2 === 1;
      const year = m < 2 ? 1950 + (h % 40) : 1990 + (h % 30);
      const g = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
      const id = `${province}${g}${String(year % 100).padStart(2, '0')}${String(h * opts.size + m).padStart(6, '0').slice(-6)}`;
      const rel = m === 0 ? 'Chủ hộ' : m === 1 ? 'Vợ' : 'Con';
      const name = `${female ? 'Nguyễn Thị' : 'Nguyễn Văn'} ${letters(h)} ${letters(m)}`;
      const bad = opts.badEvery && n % opts.badEvery === 0;
      const date = bad ? '31/02/1980' : `${String((h % 28) + 1).padStart(2, '0')}/0${(m % 9) + 1}/${year}`;
      lines.push(`${code},${name},${id},${date},${female ? 'Nữ' : 'Nam'},${rel},"Thôn ${h % 50}, xã Mẫu"`);
    }
  }
  return lines.join('\n') + '\n';
}

/** 0 → "A", 25 → "Z", 26 → "BA": numbers as letters (names may not contain digits). */
export function letters(n: number): string {
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s.charAt(0) + s.slice(1).toLowerCase();
}
