import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainException } from 'src/common/errors/domain.exception';
import { EMPTY_SHA256, encodePath, signS3Request, type S3Credentials } from 'src/common/storage/s3-signer';

export interface StoredObject {
  key: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * Where uploaded files live (dossier attachments and results, digitised scans). Callers never get a path or URL:
 * bytes are read back through the owning service, which checks the caller's scope first. Keys are opaque and
 * generated here. `putStream` stores a stream without holding it in memory, counting and hashing as it goes.
 */
export abstract class FileStore {
  abstract put(prefix: string, content: Buffer): Promise<StoredObject>;
  abstract get(key: string): Promise<Buffer>;
  /** Streams `source` in; more than `maxBytes` → FILE_TOO_LARGE (413) and nothing is kept. */
  abstract putStream(prefix: string, source: Readable, maxBytes: number): Promise<StoredObject>;
  /** Removes an object (a staged upload whose request failed); missing keys are ignored. */
  abstract remove(key: string): Promise<void>;
}

export function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function checkPrefix(prefix: string): void {
  if (!/^[a-z0-9-]{1,40}$/.test(prefix)) throw new Error('Invalid file-store prefix');
}

/** Counts and hashes the bytes passing through; fails with FILE_TOO_LARGE past `maxBytes`. */
export class MeteredStream extends Transform {
  private readonly hash = createHash('sha256');
  sizeBytes = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.sizeBytes += chunk.length;
    if (this.sizeBytes > this.maxBytes) {
      callback(
        new DomainException('FILE_TOO_LARGE', `Files may have at most ${this.maxBytes} bytes`, { maxBytes: this.maxBytes }),
      );
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Local disk under STORAGE_DIR (default). Writes to a temp name and renames, so a crash never leaves half a file. */
export class LocalDiskFileStore extends FileStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(prefix: string, content: Buffer): Promise<StoredObject> {
    checkPrefix(prefix);
    const key = `${prefix}/${randomUUID()}`;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    await writeFile(tmp, content, { mode: 0o600, flush: true });
    await rename(tmp, path);
    return { key, sizeBytes: content.length, sha256: sha256(content) };
  }

  async putStream(prefix: string, source: Readable, maxBytes: number): Promise<StoredObject> {
    checkPrefix(prefix);
    const key = `${prefix}/${randomUUID()}`;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp`;
    const meter = new MeteredStream(maxBytes);
    try {
      await pipeline(source, meter, createWriteStream(tmp, { mode: 0o600, flush: true }));
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return { key, sizeBytes: meter.sizeBytes, sha256: meter.digest() };
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch {
      throw new DomainException('FILE_NOT_FOUND');
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
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
 * x-amz-content-sha256, so the store rejects a corrupted upload. A streamed upload is spooled to a private temp file
 * first (SigV4 signs the payload hash, known only at the end), then streamed from it.
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
    checkPrefix(prefix);
    const key = `${prefix}/${randomUUID()}`;
    const digest = sha256(content);
    await this.upload(key, digest, content.length, new Uint8Array(content));
    return { key, sizeBytes: content.length, sha256: digest };
  }

  async putStream(prefix: string, source: Readable, maxBytes: number): Promise<StoredObject> {
    checkPrefix(prefix);
    const dir = await mkdtemp(join(tmpdir(), 'ansinh-s3-'));
    try {
      const spool = join(dir, 'upload');
      const meter = new MeteredStream(maxBytes);
      await pipeline(source, meter, createWriteStream(spool, { mode: 0o600 }));
      const key = `${prefix}/${randomUUID()}`;
      const digest = meter.digest();
      const body = Readable.toWeb(createReadStream(spool)) as ReadableStream<Uint8Array>;
      await this.upload(key, digest, meter.sizeBytes, body);
      return { key, sizeBytes: meter.sizeBytes, sha256: digest };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async upload(key: string, digest: string, length: number, body: Uint8Array | ReadableStream<Uint8Array>): Promise<void> {
    const url = this.url(key);
    const headers = signS3Request({ method: 'PUT', url, payloadSha256: digest, headers: { 'content-length': String(length) } }, this.s3, new Date());
    const res = await this.send(url, { method: 'PUT', headers, body });
    if (!res.ok) throw new DomainException('SERVICE_UNAVAILABLE', `The file store refused the upload (HTTP ${res.status})`);
  }

  async get(key: string): Promise<Buffer> {
    const url = this.url(key);
    const headers = signS3Request({ method: 'GET', url, payloadSha256: EMPTY_SHA256 }, this.s3, new Date());
    const res = await this.send(url, { method: 'GET', headers });
    if (res.status === 404) throw new DomainException('FILE_NOT_FOUND');
    if (!res.ok) throw new DomainException('SERVICE_UNAVAILABLE', `The file store answered HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async remove(key: string): Promise<void> {
    const url = this.url(key);
    const headers = signS3Request({ method: 'DELETE', url, payloadSha256: EMPTY_SHA256 }, this.s3, new Date());
    const res = await this.send(url, { method: 'DELETE', headers });
    if (!res.ok && res.status !== 404) throw new DomainException('SERVICE_UNAVAILABLE', `The file store answered HTTP ${res.status}`);
  }

  private async send(
    url: URL,
    init: { method: string; headers: Record<string, string>; body?: Uint8Array | ReadableStream<Uint8Array> },
  ): Promise<Response> {
    try {
      const streamed = init.body instanceof ReadableStream;
      return await fetch(url, {
        ...init,
        ...(streamed ? { duplex: 'half' } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DomainException('SERVICE_UNAVAILABLE', `The file store is unreachable: ${(error as Error).message}`);
    }
  }
}
