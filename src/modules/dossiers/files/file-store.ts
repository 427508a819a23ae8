import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { DomainException } from 'src/common/errors/domain.exception';
import { EMPTY_SHA256, encodePath, signS3Request, type S3Credentials } from 'src/modules/dossiers/files/s3-signer';

export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where attachments live. Callers never get a path or URL: bytes are read back through the service, which checks the
 * caller's scope first. Keys are opaque and generated here.
 */
export abstract class FileStore {
  abstract put(prefix: string, content: Buffer): Promise<StoredObject>;
  abstract get(key: string): Promise<Buffer>;
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Local disk under STORAGE_DIR (default). Writes to a temp name and renames, so a crash never leaves half a file. */
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
    await writeFile(tmp, content, { mode: 0o600 });
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

export interface S3Settings extends S3Credentials {
  /** e.g. https://s3.ap-southeast-1.amazonaws.com or http://minio:9000; objects are addressed path-style. */
  endpoint: string;
  bucket: string;
}

/**
 * S3-compatible store (FILE_STORE_DRIVER=s3): PUT/GET of objects with Signature Version 4 over fetch, path-style
 * addressing (works with AWS S3, MinIO, Ceph RGW). The content checksum is computed here and sent as
 * x-amz-content-sha256, so the store rejects a corrupted upload.
 */
export class S3FileStore extends FileStore {
  constructor(
    private readonly s3: S3Settings,
    private readonly timeoutMs = 30_000,
  ) {
    super();
  }

  private url(key: string): URL {
    return new URL(`${this.s3.endpoint.replace(/\/+$/, '')}/${this.s3.bucket}/${encodePath(key)}`);
  }

  async put(prefix: string, content: Buffer): Promise<StoredObject> {
    if (!/^[a-z0-9-]{1,40}$/.test(prefix)) throw new Error('Invalid file-store prefix');
    const key = `${prefix}/${randomUUID()}`;
    const digest = sha256(content);
    const url = this.url(key);
    const headers = signS3Request({ method: 'PUT', url, payloadSha256: digest, headers: { 'content-length': String(content.length) } }, this.s3, new Date());
    const res = await this.send(url, { method: 'PUT', headers, body: content });
    if (!res.ok) throw new DomainException('SERVICE_UNAVAILABLE', `The file store refused the upload (HTTP ${res.status})`);
    return { key, sizeBytes: content.length, sha256: digest };
  }

  async get(key: string): Promise<Buffer> {
    const url = this.url(key);
    const headers = signS3Request({ method: 'GET', url, payloadSha256: EMPTY_SHA256 }, this.s3, new Date());
    const res = await this.send(url, { method: 'GET', headers });
    if (res.status === 404) throw new DomainException('FILE_NOT_FOUND');
    if (!res.ok) throw new DomainException('SERVICE_UNAVAILABLE', `The file store answered HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  private async send(url: URL, init: { method: string; headers: Record<string, string>; body?: Buffer }): Promise<Response> {
    try {
      return await fetch(url, { ...init, body: init.body ? new Uint8Array(init.body) : undefined, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new DomainException('SERVICE_UNAVAILABLE', `The file store is unreachable: ${(error as Error).message}`);
    }
  }
}
