import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { DomainException } from 'src/common/errors/domain.exception';

export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where uploaded files live (same shape as the dossier attachments' store). Keys are opaque and generated here;
 * callers never get a path or URL.
 */
export abstract class FileStore {
  abstract put(prefix: string, content: Buffer): Promise<StoredObject>;
  abstract get(key: string): Promise<Buffer>;
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Local disk under STORAGE_DIR. Writes to a temp name and renames, so a crash never leaves half a file. */
export class LocalDiskFileStore extends FileStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(prefix: string, content: Buffer): Promise<StoredObject> {
    if (!/^[a-z0-9-]{1,40}$/.test(prefix)) throw new Error('Invalid file-store prefix');
    const key = `${prefix}/${randomUUID()}`;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    await writeFile(tmp, content, { mode: 0o600, flush: true });
    await rename(tmp, path);
    return { key, sizeBytes: content.length, sha256: sha256(content) };
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch {
      throw new DomainException('FILE_NOT_FOUND');
    }
  }

  private pathOf(key: string): string {
    const root = resolve(this.root);
    const path = resolve(join(root, key));
    if (!path.startsWith(root + sep)) throw new DomainException('FILE_NOT_FOUND');
    return path;
  }
}
