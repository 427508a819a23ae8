import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DataSource } from 'typeorm';
import { DomainException } from 'src/common/errors/domain.exception';
import type { ImportTarget } from 'src/modules/imports/targets/import-targets';

export interface IntakeInput {
  target: ImportTarget;
  fileName: string;
  body: Readable;
  createdBy: string;
  /** 'YYYY-MM-DD': the membership start for rows that give none (fixed per import so a resume is identical). */
  memberFrom: string;
  scopeUnitIds: string[] | null;
}

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Streams an uploaded file to STORAGE_DIR/imports/<id> (never whole in memory), hashing and counting as it goes;
 * refuses it past `maxBytes`. The format is decided by content (zip magic = XLSX), not by the name. Returns the new
 * import's id, in state UPLOADED.
 */
export async function receiveImportFile(
  dataSource: DataSource,
  storageDir: string,
  maxBytes: number,
  input: IntakeInput,
): Promise<string> {
  const id = randomUUID();
  const key = `imports/${id}`;
  const dir = join(storageDir, 'imports');
  await mkdir(dir, { recursive: true });
  const part = join(storageDir, `${key}.part`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new DomainException('IMPORT_FILE_REFUSED', `The file is larger than ${maxBytes} bytes`));
        return;
      }
      if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(input.body, meter, createWriteStream(part, { mode: 0o600 }));
  } catch (error) {
    await rm(part, { force: true });
    if (error instanceof DomainException) throw error;
    throw new DomainException('IMPORT_FILE_REFUSED', 'The upload was interrupted');
  }
  if (size === 0) {
    await rm(part, { force: true });
    throw new DomainException('IMPORT_FILE_REFUSED', 'The file is empty');
  }
  await rename(part, join(storageDir, key));
  const format = head.subarray(0, 4).equals(XLSX_MAGIC) ? 'XLSX' : 'CSV';
  await dataSource.query(
    `insert into import_jobs (id, target, file_name, file_key, file_format, file_size, file_sha256, member_from,
                              scope_unit_ids, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      input.target,
      input.fileName.slice(0, 255) || 'upload',
      key,
      format,
      (await stat(join(storageDir, key))).size,
      hash.digest('hex'),
      input.memberFrom,
      input.scopeUnitIds,
      input.createdBy,
    ],
  );
  return id;
}
