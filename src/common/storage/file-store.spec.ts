import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { LocalDiskFileStore, S3FileStore, sha256 } from 'src/common/storage/file-store';
import { signS3Request } from 'src/common/storage/s3-signer';

describe('local disk file store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ansinh-files-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores content with its sha-256 checksum and reads it back by key', async () => {
    const store = new LocalDiskFileStore(dir);
    const content = Buffer.from('%PDF-1.4 result');
    const stored = await store.put('results', content);
    expect(stored.sha256).toBe(sha256(content));
    expect(stored.sizeBytes).toBe(content.length);
    expect((await store.get(stored.key)).equals(content)).toBe(true);
  });

  it('streams content in chunks with its size and sha-256, and removes it by key', async () => {
    const store = new LocalDiskFileStore(dir);
    const chunks = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000, i));
    const stored = await store.putStream('uploads', Readable.from(chunks), 50_000);
    expect(stored).toMatchObject({ sizeBytes: 50_000, sha256: sha256(Buffer.concat(chunks)) });
    expect((await store.get(stored.key)).equals(Buffer.concat(chunks))).toBe(true);
    await store.remove(stored.key);
    await expect(store.get(stored.key)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('refuses a stream past the size limit (413) and keeps no partial file', async () => {
    const store = new LocalDiskFileStore(dir);
    const chunks = Array.from({ length: 11 }, () => Buffer.alloc(1000, 7));
    await expect(store.putStream('toolarge', Readable.from(chunks), 10_000)).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(await readdir(join(dir, 'toolarge'))).toEqual([]);
  });

  it('never resolves a key outside its root', async () => {
    const store = new LocalDiskFileStore(dir);
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('S3-compatible file store', () => {
  it('PUTs and GETs objects path-style with a SigV4 signature the server can verify', async () => {
    const objects = new Map<string, Buffer>();
    const creds = { accessKeyId: 'AK', secretAccessKey: 'SECRET', region: 'vn-hanoi-1' };
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        const signedNames = /SignedHeaders=([^,]+)/.exec(String(req.headers.authorization))?.[1].split(';') ?? [];
        const signedHeaders = Object.fromEntries(
          signedNames.filter((n) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(n)).map((n) => [n, String(req.headers[n])]),
        );
        const date = String(req.headers['x-amz-date']);
        const expected = signS3Request(
          { method: req.method ?? 'GET', url, headers: signedHeaders, payloadSha256: String(req.headers['x-amz-content-sha256']) },
          creds,
          new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`),
        );
        if (expected.authorization !== req.headers.authorization) return res.writeHead(403).end();
        if (req.method === 'PUT') {
          objects.set(url.pathname, Buffer.concat(chunks));
          return res.writeHead(200).end();
        }
        const body = objects.get(url.pathname);
        return body ? res.writeHead(200).end(body) : res.writeHead(404).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const store = new S3FileStore({ ...creds, endpoint: `http://127.0.0.1:${port}`, bucket: 'ansinh' });
      const content = Buffer.from('%PDF-1.4 kết quả');
      const stored = await store.put('results', content);
      expect(stored.key).toMatch(/^results\//);
      expect((await store.get(stored.key)).equals(content)).toBe(true);
      const streamed = await store.putStream('documents', Readable.from([content, content]), 1000);
      expect(streamed.sha256).toBe(sha256(Buffer.concat([content, content])));
      expect((await store.get(streamed.key)).equals(Buffer.concat([content, content]))).toBe(true);
      await expect(store.get('results/missing')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
      const wrong = new S3FileStore({ ...creds, secretAccessKey: 'WRONG', endpoint: `http://127.0.0.1:${port}`, bucket: 'ansinh' });
      await expect(wrong.put('results', content)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      server.close();
    }
  });
});
