import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { openTestDataSource } from 'test/utils/test-app';
import { householdsCsv, pipelineFor, storageDir, uniq, upload } from 'test/integration/imports/import-support';

const ROOT = join(__dirname, '..', '..', '..');

function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'test/integration/imports/import-worker.child.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, IMPORT_TEST_STORAGE: storageDir, IMPORT_CHUNK_GROUPS: '500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out');
}

/** A fingerprint of everything an import wrote: people, households and memberships, by natural keys. */
async function fingerprint(ds: DataSource, prefix: string): Promise<Record<string, unknown>> {
  const [row] = await ds.query(
    `select count(distinct p.id)::int as people, count(distinct h.id)::int as households, count(m.id)::int as members,
            count(*) filter (where m.relationship = 'HEAD')::int as heads,
            md5(string_agg(h.code || '|' || p.cccd || '|' || p.full_name || '|' || p.birth_year || '|' ||
                coalesce(p.birth_date::text, '') || '|' || m.relationship || '|' || m.valid_from || '|' ||
                coalesce(m.valid_to::text, '') || '|' || p.version, ',' order by p.cccd)) as digest
       from registry_households h
       join registry_household_members m on m.household_id = h.id
       join registry_people p on p.id = m.person_id
      where h.code like $1 || '%'`,
    [prefix],
  );
  return row;
}

describe('import commit: crash, resume, re-import', () => {
  let ds: DataSource;
  let queue: Queue;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ds = await openTestDataSource();
    queue = new Queue('imports', { connection: { url: process.env.REDIS_URL }, prefix: process.env.QUEUE_PREFIX });
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await queue.close();
    await ds.destroy();
  });

  it('a worker SIGKILLed halfway through a 100,000-row commit resumes to exactly the expected rows; re-importing changes nothing', async () => {
    const prefix = uniq('K');
    const csv = householdsCsv({ households: 25_000, size: 4, codePrefix: prefix, province: '079' });
    const pipeline = pipelineFor(ds);
    const id = await upload(ds, csv);
    await pipeline.validate(id);
    const validated = await pipeline.load(id);
    expect(validated).toMatchObject({ state: 'VALIDATED', total_rows: 100_000, count_create: 100_000, count_rejected: 0 });
    expect(validated?.chunk_count).toBe(50);

    await queue.add('imports.commit', { importId: id, actor: 'test-officer' }, { jobId: `import-commit-${id}` });
    const first = await startWorker();
    children.push(first);
    await waitFor(async () => {
      const [j] = await ds.query(`select committed_chunk from import_jobs where id = $1`, [id]);
      return j.committed_chunk >= 20 ? true : undefined;
    }, 60_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const halfway = await pipeline.load(id);
    expect(halfway?.state).toBe('COMMITTING');
    expect(halfway?.committed_chunk).toBeLessThan(49);
    const partial = await fingerprint(ds, prefix);
    expect(partial.people).toBe((halfway!.committed_chunk + 1) * 2000);

    const second = await startWorker();
    children.push(second);
    await waitFor(async () => {
      const j = await pipeline.load(id);
      return j?.state === 'COMMITTED' ? j : undefined;
    }, 90_000);
    second.kill('SIGKILL');
    const done = await fingerprint(ds, prefix);
    expect(done).toMatchObject({ people: 100_000, households: 25_000, members: 100_000, heads: 25_000 });

    // re-import of the same file: everything unchanged, and the commit writes nothing
    const again = await upload(ds, csv);
    await pipeline.validate(again);
    expect(await pipeline.load(again)).toMatchObject({
      count_create: 0,
      count_update: 0,
      count_unchanged: 100_000,
      count_rejected: 0,
    });
    await pipeline.commit(again, 'test-officer');
    expect((await pipeline.load(again))?.state).toBe('COMMITTED');
    expect(await fingerprint(ds, prefix)).toEqual(done);
  }, 420_000);
});
