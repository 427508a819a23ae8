import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskFileStore, sha256 } from 'src/modules/dossiers/files/file-store';

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

  it('never resolves a key outside its root', async () => {
    const store = new LocalDiskFileStore(dir);
    await expect(store.get('../../etc/passwd')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
