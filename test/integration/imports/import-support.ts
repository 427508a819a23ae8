import { Readable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { receiveImportFile } from 'src/modules/imports/pipeline/import-intake';
import { ImportPipeline } from 'src/modules/imports/pipeline/import-pipeline';
import type { ImportTarget } from 'src/modules/imports/targets/people.target';

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
